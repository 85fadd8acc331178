/**
 * The shortcuts a scheduling cycle takes on big clusters (the node table's memo, scores stored
 * only when a plugin has something to say, decisions summarized only when read) change no
 * decision and nothing a user reads: each case here is one where a shortcut could go stale.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../../src/engine/core/rng';
import { createLab } from '../../../../src/engine/index';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { succeeds } from '../../lab-helpers';
import { node, pod } from './helpers';

function state(explain = false) {
	const rng = new RandomStream(3);
	return { next: () => rng.next(), nextStartNodeIndex: 0, explain };
}

describe('a node that changes between two identical pods', () => {
	it('is filtered again: a node in a freed slot is not taken for the one before it', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('big', { cpu: '8' }));
		const s = state();
		const want = { requests: { cpu: '1' } };
		expect(schedulePod(pod('a', want), cache, s).node).toBe('big');
		// The node goes; a small one takes its place (and its slot in the cache).
		cache.removeNode('big');
		cache.addNode(node('small', { cpu: '500m' }));
		const r = schedulePod(pod('b', want), cache, s);
		expect(r.node).toBeUndefined();
		// noderesources/fit.go: "Insufficient cpu"; schedule_one.go FitError.Error().
		expect(r.message).toContain('0/1 nodes are available: 1 Insufficient cpu.');
	});

	it('is scored again once a PreferNoSchedule taint appears on it', () => {
		const cache = createSchedulerCache();
		for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
		const s = state(true);
		const before = schedulePod(pod('a'), cache, s);
		expect(before.scores.get('n2')?.byPlugin.TaintToleration).toBe(300);
		cache.updateNode(
			node('n2', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] })
		);
		// taint_toleration.go: the untolerated PreferNoSchedule taint normalizes n2 to 0 and
		// the others to MaxNodeScore (weight 3).
		const after = schedulePod(pod('b'), cache, s);
		expect(after.scores.get('n1')?.byPlugin.TaintToleration).toBe(300);
		expect(after.scores.get('n2')?.byPlugin.TaintToleration).toBe(0);
		expect(after.scores.get('n3')?.byPlugin.TaintToleration).toBe(300);
		expect(after.node).not.toBe('n2');
	});

	it('decides the same with or without the per-node explanation', () => {
		const build = () => {
			const cache = createSchedulerCache();
			for (let i = 0; i < 300; i++) {
				const taints =
					i % 7 === 3 ? [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' as const }] : [];
				cache.addNode(node(`n${i}`, { cpu: i % 5 === 0 ? '1' : '4', taints }));
			}
			return cache;
		};
		const quiet = build();
		const explained = build();
		const [s1, s2] = [state(false), state(true)];
		for (let i = 0; i < 400; i++) {
			const requests: Record<string, string> = i % 2 === 0 ? { cpu: '300m', memory: '64Mi' } : {};
			const p = pod(`p${i}`, { requests, labels: { app: `a${i % 3}` } });
			const a = schedulePod(p, quiet, s1).node;
			const b = schedulePod(p, explained, s2).node;
			expect(a).toBe(b);
			if (a === undefined) continue;
			quiet.addNewPod({ ...p, spec: { ...p.spec, containers: p.spec!.containers, nodeName: a } });
			explained.addNewPod({
				...p,
				spec: { ...p.spec, containers: p.spec!.containers, nodeName: a }
			});
		}
	});
});

describe('the scheduler’s decisions on a big cluster', () => {
	it('keep the latest 256 attempts, each summary as the cycle saw it', () => {
		// 201 nodes: too many for per-node rows (SCHEDULING_DETAIL_MAX_NODES, a lab choice).
		const lab = createLab({ seed: 2, workers: 200 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=300');
		lab.advance(60_000);
		const all = lab.schedulingDecisions();
		expect(all).toHaveLength(256);
		const web = all.filter((d) => d.pod.startsWith('web-'));
		expect(web.length).toBeGreaterThan(0);
		for (const d of web) {
			expect(d.explained).toBe(false);
			expect(d.rows).toEqual([]);
			// 201 nodes: adaptive percentage 50 − 201/125 = 49 %, 98 nodes, raised to 100
			// (schedule_one.go numFeasibleNodesToFind, minFeasibleNodesToFind).
			expect(d.feasibleToFind).toBe(100);
			expect(d.feasible).toBe(100);
			expect(lab.scheduling(d.namespace, d.pod)).toBe(d);
		}
		// Every pod's decision names the node it is bound to.
		const wide = succeeds(lab, 'kubectl get pods -o wide --no-headers').output;
		const nodeOf = new Map(
			wide
				.trim()
				.split('\n')
				.map((l) => l.split(/\s+/))
				.map((f) => [f[0], f[6]])
		);
		for (const d of web) expect(d.node).toBe(nodeOf.get(d.pod));
		// The first pods scheduled were forgotten as newer ones came.
		expect(web.length).toBeLessThan(300);
	});

	it('keep a failed attempt’s message: the FailedScheduling event’s text', () => {
		const lab = createLab({ seed: 2, workers: 200 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		succeeds(lab, 'kubectl set resources deployment web --requests=cpu=64');
		lab.advance(30_000);
		const failed = lab.schedulingDecisions().filter((d) => d.node === undefined);
		expect(failed.length).toBeGreaterThan(0);
		const events = succeeds(lab, 'kubectl get events --field-selector reason=FailedScheduling');
		for (const d of failed) {
			expect(d.message).toContain('0/201 nodes are available:');
			expect(d.message).toContain('200 Insufficient cpu');
			expect(events.output).toContain(d.message!.slice(0, 60));
		}
	});
});
