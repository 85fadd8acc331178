/**
 * The scale diet, session 4 (issue 3): what a big cluster no longer pays per pod must not change
 * what anybody reads — the trace's hash, the pods' statuses — and Events expire after
 * kube-apiserver's --event-ttl (1 h) as in a real cluster.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Trace, hashStep } from '../../../src/engine/core/trace';
import { createLab } from '../../../src/engine/index';
import { EVENT_TTL_MS } from '../../../src/engine/kubernetes/defaults';
import { createSchedulerCache } from '../../../src/engine/kubernetes/scheduler/cache';
import { node, pod } from '../kubernetes/scheduler/helpers';

interface PodList {
	items: Pod[];
}

describe('the trace hash', () => {
	it('is the FNV-1a of the joined lines, though it is worked out field by field', () => {
		const events = [
			{ t: 0, kind: 'lab.created', subject: 'lab', message: 'Lab created' },
			{ t: 1250, kind: 'pod.scheduled', subject: 'pod/web-1', message: 'Successfully assigned' },
			{ t: 99_000, kind: 'x', subject: '', message: 'ünïcødé ✓' }
		];
		const trace = new Trace();
		let expected: [number, number] = [0xcbf29ce4, 0x84222325];
		for (const e of events) {
			trace.add(e);
			expected = hashStep(expected, `${e.t}\u0000${e.kind}\u0000${e.subject}\u0000${e.message}\n`);
		}
		const hex =
			expected[0].toString(16).padStart(8, '0') + expected[1].toString(16).padStart(8, '0');
		expect(trace.digest()).toBe(hex);
	});

	it('is the same for an event kept as a format and its arguments, which reads as the built event', () => {
		const format = {
			subject: ['pod/', 0],
			message: ['Pod ', 0, ' is running on ', 1, '.']
		} as const;
		const built = new Trace();
		const formatted = new Trace();
		built.add({ t: 5, kind: 'k', subject: 'lab', message: 'm' });
		formatted.add({ t: 5, kind: 'k', subject: 'lab', message: 'm' });
		built.add({
			t: 7,
			kind: 'pod.running',
			subject: 'pod/web-1',
			message: 'Pod web-1 is running on node-2.'
		});
		formatted.addFormatted(7, 'pod.running', format, 'web-1', 'node-2');
		expect(formatted.digest()).toBe(built.digest());
		expect(formatted.since(6)).toEqual(built.since(6));
		expect(formatted.since()).toEqual(built.since());
		formatted.addFormatted(8, 'pod.running', format, 'web-1', 'node-3');
		expect(formatted.digest()).not.toBe(built.digest());
	});

	it('keeps field boundaries: moving a character from one field to the next changes it', () => {
		const a = new Trace();
		const b = new Trace();
		a.add({ t: 1, kind: 'ab', subject: 'c', message: '' });
		b.add({ t: 1, kind: 'a', subject: 'bc', message: '' });
		expect(a.digest()).not.toBe(b.digest());
	});
});

describe('pods of one Deployment', () => {
	it('report correct, separate statuses while sharing the conditions they hold alike', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 7 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=6');
		lab.advance(30_000);
		const pods = (JSON.parse(lab.exec('kubectl get pods -o json').output) as PodList).items;
		expect(pods).toHaveLength(6);
		for (const pod of pods) {
			expect(pod.status?.phase).toBe('Running');
			const types = pod.status?.conditions?.map((c) => `${c.type}=${c.status}`);
			expect(types).toEqual([
				'PodReadyToStartContainers=True',
				'Initialized=True',
				'Ready=True',
				'ContainersReady=True',
				'PodScheduled=True'
			]);
			expect(pod.spec?.nodeName).toMatch(/^node-\d$/);
			expect(pod.status?.podIPs).toEqual([{ ip: pod.status?.podIP }]);
		}
		// Each pod keeps its own IP even though the lists are reused from write to write.
		expect(new Set(pods.map((p) => p.status?.podIP)).size).toBe(6);
	});

	it('a crash changes only the crashed pod’s container status', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 3 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(30_000);
		const before = (JSON.parse(lab.exec('kubectl get pods -o json').output) as PodList).items;
		const victim = before[0]!.metadata!.name!;
		expect(lab.exec(`sim crash pod ${victim}`).ok).toBe(true);
		lab.advance(1000);
		const after = (JSON.parse(lab.exec('kubectl get pods -o json').output) as PodList).items;
		const restarts = (p: Pod) => p.status?.containerStatuses?.[0]?.restartCount;
		expect(restarts(after.find((p) => p.metadata?.name === victim)!)).toBe(1);
		for (const p of after.filter((p) => p.metadata?.name !== victim)) expect(restarts(p)).toBe(0);
	});
});

describe('Events expire after --event-ttl', () => {
	const events = (lab: ReturnType<typeof createLab>) =>
		lab.exec('kubectl get events -o json').output;

	it('is 1 h', () => {
		expect(EVENT_TTL_MS).toBe(3_600_000);
	});

	it('lists an event until an hour after its last write, then no more; time travel brings it back', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 2 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=1');
		lab.advance(10_000);
		expect(events(lab)).toContain('"reason": "Scheduled"');
		lab.advance(EVENT_TTL_MS - 20_000); // 59 min 50 s after the pod was scheduled
		expect(events(lab)).toContain('"reason": "Scheduled"');
		lab.advance(20_000);
		expect(events(lab)).not.toContain('"reason": "Scheduled"');
		const pod = lab.exec('kubectl get pods -o name').output.trim();
		expect(lab.exec(`kubectl describe ${pod}`).output).toMatch(/Events: +<none>/);
		lab.seek(30_000);
		expect(events(lab)).toContain('"reason": "Scheduled"');
	});

	it('keeps an event that keeps happening (each repeat is a new write)', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 4 });
		lab.exec('kubectl create deployment crash --image=busybox:1.36 -- sh -c "exit 1"');
		lab.advance(EVENT_TTL_MS + 60_000);
		// The container exits again and again (CrashLoopBackOff): its back-off event stays listed.
		const text = events(lab);
		expect(text).toContain('"reason": "BackOff"');
		expect(text).not.toContain('"reason": "Scheduled"');
	});
});

describe('the scheduler cache and a bound pod’s status writes', () => {
	it('follows a status-only write without moving any aggregate', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n1'));
		const bound = pod('web', { nodeName: 'n1', requests: { cpu: '500m' }, labels: { app: 'w' } });
		cache.addPod(bound);
		const before = { ...cache.getNode('n1')! };
		const running: Pod = { ...bound, status: { phase: 'Running', startTime: 'T' } };
		expect(cache.refreshPod(bound, running)).toBe(true);
		const after = cache.getNode('n1')!;
		expect(after.reqMilliCPU).toBe(500);
		expect(after.podCount).toBe(1);
		expect(after.generation).toBe(before.generation);
		// Preemption reads the start time of the pod held: it sees the new version.
		expect(after.pods[0]!.status?.startTime).toBe('T');
	});

	it('refuses writes that change what it counts (labels, spec, deletion), changing nothing', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n1'));
		const bound = pod('web', { nodeName: 'n1', labels: { app: 'w' } });
		cache.addPod(bound);
		const relabelled: Pod = { ...bound, metadata: { ...bound.metadata, labels: { app: 'x' } } };
		const respecced: Pod = { ...bound, spec: { ...bound.spec!, priority: 5 } };
		const deleting: Pod = {
			...bound,
			metadata: { ...bound.metadata, deletionTimestamp: 'T' }
		};
		for (const next of [relabelled, respecced, deleting])
			expect(cache.refreshPod(bound, next)).toBe(false);
		expect(cache.getNode('n1')!.pods[0]).toBe(bound);
		// A pod version the cache does not hold is refused too.
		expect(cache.refreshPod(relabelled, bound)).toBe(false);
	});
});
