/**
 * client-go's EventCorrelator (staging/src/k8s.io/client-go/tools/record/events_cache.go,
 * `EventCorrelate`: EventAggregate, eventObserve, then the spam filter), which every core/v1
 * EventRecorder — the kubelet's, each kube-controller-manager controller's — puts events through:
 *
 * - EventAggregatorByReasonFunc groups events by source, involved object, type and reason; the
 *   10th distinct message (defaultAggregateMaxEvents) within 600 s of the previous similar event
 *   (defaultAggregateIntervalInSeconds) and every new one after it become one event, named
 *   anew, `(combined from similar events): <latest message>` (EventAggregatorByReasonMessageFunc)
 *   whose count grows; the copy sets no reportingComponent/reportingInstance.
 * - EventSourceObjectSpamFilter: a token bucket per source and object (getSpamKey, no reason),
 *   burst 25, refilled at 1/300 per second (defaultSpamBurst, defaultSpamQPS). eventObserve has
 *   counted a dropped event already, so the next write of it carries the dropped ones' count.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { EVENTS } from '../../../src/engine/kubernetes/api/collections';
import { EventRecorder } from '../../../src/engine/kubernetes/api/events';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const PREFIX = '(combined from similar events): ';

function rsEvents(lab: Lab): Event[] {
	const all = JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] };
	return all.items.filter((e) => e.involvedObject?.kind === 'ReplicaSet');
}

/** The Events section of `kubectl describe rs`, its header and rule left out. */
function describedRs(lab: Lab): string[] {
	const out = succeeds(lab, 'kubectl describe rs').output;
	return out.slice(out.indexOf('Events:')).trimEnd().split('\n').slice(3);
}

/** A Deployment of 30 replicas, created at 0 and left 30 s to start. */
function thirty(): Lab {
	const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 7 });
	succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=30');
	lab.advance(30_000);
	return lab;
}

describe('a ReplicaSet creating 30 pods', () => {
	it('records nine SuccessfulCreate events, then one combined event counting the next 16', () => {
		const lab = thirty();
		expect(succeeds(lab, 'kubectl get pods --no-headers').output.trim().split('\n')).toHaveLength(
			30
		);
		const lines = describedRs(lab);
		expect(lines).toHaveLength(10);
		for (const line of lines.slice(0, 9))
			expect(line).toMatch(
				/^ {2}Normal {2}SuccessfulCreate {2}30s +replicaset-controller {2}Created pod: web-\w+-\w{5}$/
			);
		// The 10th distinct message and the 15 after it: 16 writes, then the bucket of 25 is empty
		// and the last 5 are dropped.
		expect(lines[9]).toMatch(
			/^ {2}Normal {2}SuccessfulCreate {2}30s \(x16 over 30s\) {2}replicaset-controller {2}\(combined from similar events\): Created pod: web-\w+-\w{5}$/
		);
		const events = rsEvents(lab);
		const combined = events.filter((e) => e.message!.startsWith(PREFIX));
		expect(combined).toHaveLength(1);
		expect(combined[0]).toMatchObject({
			count: 16,
			reason: 'SuccessfulCreate',
			source: { component: 'replicaset-controller' },
			reportingComponent: '',
			reportingInstance: ''
		});
		// Its pod is none of the nine listed one by one.
		const individual = events.filter((e) => !e.message!.startsWith(PREFIX)).map((e) => e.message);
		expect(individual).toHaveLength(9);
		expect(individual).not.toContain(combined[0]!.message!.slice(PREFIX.length));
		expect(individual.every((e) => e!.startsWith('Created pod: web-'))).toBe(true);
	});

	it('within 10 minutes, a new pod joins the combined event, its count holding the dropped five', () => {
		const lab = thirty();
		// 6 minutes: the bucket has a token again (one per 300 s); the last similar event was
		// 6 minutes ago, inside the 600 s the aggregate record lasts.
		lab.advance(330_000);
		succeeds(lab, 'kubectl scale deployment web --replicas=31');
		lab.advance(5_000);
		const events = rsEvents(lab);
		expect(events).toHaveLength(10);
		const combined = events.find((e) => e.message!.startsWith(PREFIX))!;
		expect(combined.count).toBe(16 + 5 + 1);
		expect(describedRs(lab)[9]).toMatch(
			/^ {2}Normal {2}SuccessfulCreate {2}5s \(x22 over 6m5s\) {2}replicaset-controller {2}\(combined from similar events\): Created pod: web-\w+-\w{5}$/
		);
	});

	it('after 10 quiet minutes, a new pod is an event of its own again', () => {
		const lab = thirty();
		lab.advance(630_000);
		succeeds(lab, 'kubectl scale deployment web --replicas=31');
		lab.advance(5_000);
		const events = rsEvents(lab);
		expect(events).toHaveLength(11);
		expect(events.find((e) => e.message!.startsWith(PREFIX))!.count).toBe(16);
		const lines = describedRs(lab);
		expect(lines.filter((l) => l.includes('(combined from similar events)'))).toHaveLength(1);
		expect(
			lines.filter((l) =>
				/^ {2}Normal {2}SuccessfulCreate {2}5s +replicaset-controller {2}Created pod: /.test(l)
			)
		).toHaveLength(1);
	});

	it('seeking back and forth gives the same events', () => {
		const lab = thirty();
		lab.advance(330_000);
		succeeds(lab, 'kubectl scale deployment web --replicas=31');
		lab.advance(60_000);
		const at = lab.now();
		const straight = succeeds(lab, 'kubectl get events -o json').output;
		const hash = lab.traceHash();
		lab.seek(10_000);
		lab.seek(at);
		expect(succeeds(lab, 'kubectl get events -o json').output).toBe(straight);
		expect(lab.traceHash()).toBe(hash);
		// And it goes on as a straight run: a pod more joins the combined event (one token a 300 s).
		lab.advance(300_000);
		succeeds(lab, 'kubectl scale deployment web --replicas=32');
		lab.advance(5_000);
		expect(rsEvents(lab).find((e) => e.message!.startsWith(PREFIX))!.count).toBe(23);
	});
});

describe('the spam filter of one source about one object', () => {
	function recorder() {
		const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
		return { kernel, events: new EventRecorder(kernel) };
	}
	const POD = { kind: 'Pod', name: 'crash', namespace: 'default', uid: 'u-1', apiVersion: 'v1' };
	const about = (events: EventRecorder) => events.about({ kind: 'Pod', name: 'crash' });

	it('writes 25 events, then one every 5 minutes, whatever their reasons', () => {
		const { kernel, events } = recorder();
		for (let i = 0; i < 40; i++)
			events.record(POD, {
				type: 'Warning',
				reason: `Reason${i}`,
				message: 'same',
				source: 'kubelet',
				host: 'node-1'
			});
		expect(about(events)).toHaveLength(25);
		kernel.now = 299_000;
		events.record(POD, {
			type: 'Normal',
			reason: 'Late',
			message: 'm',
			source: 'kubelet',
			host: 'node-1'
		});
		expect(about(events)).toHaveLength(25);
		kernel.now = 300_000;
		events.record(POD, {
			type: 'Normal',
			reason: 'Later',
			message: 'm',
			source: 'kubelet',
			host: 'node-1'
		});
		expect(about(events).map((e) => e.reason)).toContain('Later');
		expect(about(events)).toHaveLength(26);
		// Another source (another broadcaster's bucket) is not held back.
		events.record(POD, {
			type: 'Normal',
			reason: 'Killing',
			message: 'm',
			source: 'taint-eviction-controller'
		});
		expect(about(events)).toHaveLength(27);
	});

	it('counts the dropped repeats of an event in its next write', () => {
		const { kernel, events } = recorder();
		const backOff = {
			type: 'Warning' as const,
			reason: 'BackOff',
			message: 'Back-off restarting failed container',
			source: 'kubelet',
			host: 'node-1'
		};
		for (let i = 0; i < 30; i++) {
			kernel.now = i * 1000;
			events.record(POD, backOff);
		}
		expect(about(events).map((e) => [e.count, e.lastTimestamp])).toEqual([
			[25, '2026-01-05T09:00:24Z']
		]);
		kernel.now = 330_000;
		events.record(POD, backOff);
		expect(about(events).map((e) => [e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([
			[31, '2026-01-05T09:00:00Z', '2026-01-05T09:05:30Z']
		]);
	});

	it('gives a first-dropped event its first occurrence and count when it is written', () => {
		const { kernel, events } = recorder();
		for (let i = 0; i < 25; i++)
			events.record(POD, {
				type: 'Normal',
				reason: `R${i}`,
				message: 'm',
				source: 'kubelet',
				host: 'node-1'
			});
		const unhealthy = {
			type: 'Warning' as const,
			reason: 'Unhealthy',
			message: 'Liveness probe failed',
			source: 'kubelet',
			host: 'node-1'
		};
		kernel.now = 10_000;
		events.record(POD, unhealthy);
		kernel.now = 20_000;
		events.record(POD, unhealthy);
		expect(about(events).some((e) => e.reason === 'Unhealthy')).toBe(false);
		kernel.now = 310_000;
		events.record(POD, unhealthy);
		expect(about(events).find((e) => e.reason === 'Unhealthy')).toMatchObject({
			count: 3,
			firstTimestamp: '2026-01-05T09:00:10Z',
			lastTimestamp: '2026-01-05T09:05:10Z'
		});
	});

	it('leaves the scheduler (events.k8s.io, no spam filter) alone', () => {
		const { events } = recorder();
		for (let i = 0; i < 30; i++)
			events.record(POD, {
				type: 'Warning',
				reason: 'FailedScheduling',
				message: `0/${i} nodes are available`,
				source: 'default-scheduler'
			});
		expect(about(events)).toHaveLength(30);
	});
});

describe('a long crash loop', () => {
	it('writes 25 kubelet events about the pod, then no more than one per 5 minutes', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 3 });
		const store = (lab as unknown as { kernel: Kernel }).kernel.store;
		succeeds(lab, 'kubectl run crash --image=busybox -- sh -c "exit 1"');
		const start = lab.now();
		// Every event write (the scheduler's one Scheduled included) is a write to the Events.
		const writes = () => store.writesTo(EVENTS);
		const before = writes();
		lab.advance(60 * 60_000);
		const kubeletWrites = writes() - before - 1;
		// The bucket: 25 at first, then 1/300 a second — 12 more in the hour.
		expect(kubeletWrites).toBeLessThanOrEqual(25 + Math.floor((lab.now() - start) / 300_000));
		expect(kubeletWrites).toBeGreaterThan(25);
		// What the kubelet went on doing is not all there: the container was created 17 times in
		// the hour, its Created event stopped counting when the bucket ran dry.
		const created = succeeds(lab, 'kubectl describe pod crash')
			.output.split('\n')
			.find((l) => l.includes(' Created '))!;
		expect(created).toMatch(/^ {2}Normal {3}Created {4}5\dm \(x\d over 59m\) +kubelet +/);
	});
});
