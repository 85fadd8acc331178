/**
 * The kubelets' runtime keeps each pod's run in arrays indexed by the pod's store slot, and
 * the Event log keeps its rows' times as runs (issue 3). Both must read back exactly what was
 * written, across deletions, reused slots and checkpoints.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { TimeRuns } from '../../../src/engine/kubernetes/api/time-runs';
import type { PodRun } from '../../../src/engine/kubernetes/kubelet/container-state';
import { RuntimeState } from '../../../src/engine/kubernetes/kubelet/runtime-state';
import { succeeds } from '../lab-helpers';

function run(node: string, over: Partial<PodRun> = {}): PodRun {
	return {
		node,
		gen: 1,
		phase: 'starting',
		pullAttempts: 0,
		setUpAt: 1500,
		hostIP: `172.18.0.${node.length}`,
		ip: undefined,
		eventSubject: undefined,
		containers: [],
		...over
	};
}

describe('the runtime’s runs by slot', () => {
	it('read back every field written, through the view', () => {
		const s = new RuntimeState();
		const r = s.create(5, run('node-1', { eventSubject: 0, setUpAt: 0.25 }));
		expect(s.get(4)).toBeUndefined();
		expect(r.node).toBe('node-1');
		expect(r.hostIP).toBe('172.18.0.6');
		expect(r.eventSubject).toBe(0);
		expect(r.setUpAt).toBe(0.25);
		r.phase = 'running';
		r.ip = '10.244.1.2';
		r.pullAttempts = 3;
		const again = s.get(5)!;
		expect([again.phase, again.ip, again.pullAttempts, again.node]).toEqual([
			'running',
			'10.244.1.2',
			3,
			'node-1'
		]);
	});

	it('never give a new run an old generation, so stale queue entries miss a reused slot', () => {
		const s = new RuntimeState();
		const first = s.create(0, run('node-1')).gen;
		s.delete(0);
		expect(s.get(0)).toBeUndefined();
		const second = s.create(0, run('node-2')).gen;
		expect(second).not.toBe(first);
		expect(s.slotsOn('node-2')).toEqual([0]);
		expect(s.slotsOn('node-1')).toEqual([]);
	});

	it('restore a checkpoint exactly, later changes undone', () => {
		const s = new RuntimeState();
		s.create(0, run('node-1'));
		s.create(2, run('node-2', { phase: 'running', ip: '10.244.2.2' }));
		const saved = s.save();
		s.get(2)!.phase = 'stopping';
		s.delete(0);
		s.create(7, run('node-1'));
		s.load(saved);
		expect(s.get(0)?.node).toBe('node-1');
		expect(s.get(2)?.phase).toBe('running');
		expect(s.get(2)?.ip).toBe('10.244.2.2');
		expect(s.get(7)).toBeUndefined();
	});
});

describe('the nodes’ images', () => {
	it('land when their pull is done, queue behind the node’s other pulls, and survive a checkpoint', () => {
		const s = new RuntimeState();
		const a = s.create(0, run('node-1'));
		// nginx fetched in 3 s from 1 s; busybox asked at 2 s waits for it; nginx again is present.
		expect(s.queuePull(a, 'nginx:1.27', 1_000, 3_000, 500)).toEqual({ ms: 3_000, total: 3_000 });
		expect(s.queuePull(a, 'busybox:1.36', 2_000, 1_000, 500)).toEqual({ ms: 1_000, total: 3_000 });
		expect(s.queuePull(a, 'nginx:1.27', 2_000, 3_000, 500)).toEqual({ ms: 500, total: 3_500 });
		const saved = s.save();
		expect(s.hasImage(a, 'nginx:1.27', 3_999)).toBe(false);
		expect(s.hasImage(a, 'nginx:1.27', 4_000)).toBe(true);
		expect(s.hasImage(a, 'busybox:1.36', 4_000)).toBe(false);
		// Another run on the node, at another address: the same node's images.
		const b = s.create(1, run('node-1', { hostIP: '172.18.0.99' }));
		expect(s.hasImage(b, 'busybox:1.36', 5_000)).toBe(true);
		expect(s.hasImage(s.create(2, run('node-2')), 'nginx:1.27', 5_000)).toBe(false);
		// Back to the checkpoint: the pulls are pending again, into a fresh runtime too.
		for (const state of [s, new RuntimeState()]) {
			state.load(saved);
			const again = state.create(3, run('node-1'));
			expect(state.hasImage(again, 'nginx:1.27', 3_999)).toBe(false);
			// Behind the three pulls, done at 5.5 s.
			expect(state.queuePull(again, 'httpd:2.4', 3_000, 2_000, 500)).toEqual({
				ms: 2_000,
				total: 4_500
			});
			expect(state.hasImage(again, 'busybox:1.36', 5_000)).toBe(true);
		}
	});
});

describe('a pod deleted and made again', () => {
	it('runs afresh in a reused slot, and time travel replays it exactly', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 4 });
		succeeds(lab, 'kubectl run a --image=nginx:1.27');
		lab.advance(10_000);
		succeeds(lab, 'kubectl delete pod a');
		succeeds(lab, 'kubectl run b --image=nginx:1.27');
		lab.advance(10_000);
		const pods = () =>
			(JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] }).items;
		const now = pods();
		expect(now.map((p) => [p.metadata!.name, p.status!.phase])).toEqual([['b', 'Running']]);
		const t = lab.now();
		const events = succeeds(lab, 'kubectl get events').output;
		lab.seek(5_000);
		lab.seek(t);
		expect(pods()).toEqual(now);
		expect(succeeds(lab, 'kubectl get events').output).toBe(events);
	});
});

describe('event times as runs', () => {
	it('read back each row’s time, fractions and -0 included, and forget truncated rows', () => {
		const t = new TimeRuns();
		const times = [0, 0, -0, 5, 5, 5, 7.5, 7.5, 2, 2 ** 33, 2 ** 33];
		times.forEach((x, row) => t.set(row, x));
		for (let row = times.length - 1; row >= 0; row--)
			expect(Object.is(t.get(row), times[row])).toBe(true);
		times.forEach((x, row) => expect(Object.is(t.get(row), x)).toBe(true));
		t.truncate(5);
		expect(() => t.set(6, 1)).toThrow(/out of order/);
		t.set(5, 9);
		expect([t.get(3), t.get(4), t.get(5)]).toEqual([5, 5, 9]);
	});
});
