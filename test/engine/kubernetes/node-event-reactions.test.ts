// How the control plane reacts to Node updates: a cordon gets its taint from the node lifecycle
// controller's node-update queue at once (doNoScheduleTaintingPass), and an unschedulable pod is
// retried only when a Node change could let it in (the filters' queueing hints), else by the
// 5-minute leftover flush — not on every kubelet heartbeat.
import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const taints = (json: string) => (JSON.parse(json) as Node).spec?.taints ?? [];

describe('Node updates', () => {
	it('cordon and uncordon move the unschedulable taint without waiting for the monitor period', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		lab.advance(7_000);
		succeeds(lab, 'kubectl cordon node-1');
		lab.advance(0);
		const cordoned = taints(succeeds(lab, 'kubectl get node node-1 -o json').output);
		expect(cordoned).toEqual([
			{
				key: 'node.kubernetes.io/unschedulable',
				effect: 'NoSchedule',
				timeAdded: '2026-01-05T09:00:07Z'
			}
		]);
		succeeds(lab, 'kubectl uncordon node-1');
		lab.advance(0);
		expect(taints(succeeds(lab, 'kubectl get node node-1 -o json').output)).toEqual([]);
	});

	it('retries an unschedulable pod on a label change, not on heartbeats', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run sel --image=nginx --overrides='{"spec":{"nodeSelector":{"disktype":"ssd"}}}'`
		);
		lab.advance(2_000);
		const events = () => succeeds(lab, 'kubectl describe pod sel').output;
		expect(events()).toMatch(/Warning {2}FailedScheduling {2}2s {4}default-scheduler/);
		// Only the leftover flush (podMaxInUnschedulablePodsDuration, 5 min) tries it again.
		lab.advance(6 * 60_000);
		expect(events()).toContain('FailedScheduling  62s (x2 over 6m2s)');
		succeeds(lab, 'kubectl label node node-2 disktype=ssd');
		lab.advance(1_000);
		expect(succeeds(lab, 'kubectl get pod sel -o wide').output).toContain(' node-2 ');
	});

	it('does not retry a waiting pod for a cordon, which lets no pod in', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'`
		);
		lab.advance(30_000);
		succeeds(lab, 'kubectl cordon node-1');
		lab.advance(60_000);
		// Tried once at the start and not again for the cordon (the flush comes at 5 minutes).
		const described = succeeds(lab, 'kubectl describe pod big').output;
		expect(described.match(/FailedScheduling/g)).toHaveLength(1);
		expect(described).not.toContain('(x2');
	});
});
