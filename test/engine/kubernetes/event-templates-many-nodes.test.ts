/**
 * The scheduler's Scheduled event names the pod and its node (`Successfully assigned
 * default/<pod> to <node>`; pkg/scheduler/schedule_one.go). The event log keeps such messages
 * as one template a node (./event-log.ts): in a cluster of many nodes every pod's event must
 * still read back with its own name and its own node, and the kubelet's events beside it.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('Scheduled events across many nodes', () => {
	it('name each pod and the node it was bound to', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 80, seed: 7 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=200');
		lab.advance(5_000);
		const nodeOf = new Map<string, string>();
		const pods = succeeds(lab, 'kubectl get pods -o wide --no-headers').output.trim().split('\n');
		for (const line of pods) {
			const cols = line.split(/\s+/);
			nodeOf.set(cols[0]!, cols[6]!);
		}
		expect(nodeOf.size).toBe(200);
		expect(new Set(nodeOf.values()).size).toBeGreaterThan(40);
		const items = (
			JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] }
		).items;
		const scheduled = items.filter((e) => e.reason === 'Scheduled');
		expect(scheduled).toHaveLength(200);
		for (const e of scheduled) {
			const pod = e.involvedObject.name!;
			expect(e.message).toBe(`Successfully assigned default/${pod} to ${nodeOf.get(pod)}`);
		}
		// The kubelet's first event about each pod, from the pod's own node.
		const pulling = items.filter((e) => e.reason === 'Pulling' || e.reason === 'Pulled');
		for (const e of pulling) expect(e.source?.host).toBe(nodeOf.get(e.involvedObject.name!));
	});
});
