/**
 * Events kept compactly (kubernetes/api/event-log.ts) must read exactly as the recorder's v1
 * Event objects did: aggregated by identity, named once, counted, and restored by time travel.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function events(lab: Lab): Event[] {
	return (JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] })
		.items;
}

/** A crash-looping pod: its BackOff and Created/Started events repeat and aggregate. */
function crashLoop(seed = 3): Lab {
	const lab = createLab({ flavor: 'kubernetes', workers: 2, seed });
	succeeds(lab, 'kubectl create deployment crash --image=busybox:1.36 -- false');
	return lab;
}

describe('compact Events', () => {
	it('aggregates a repeated event into one object whose count and lastTimestamp grow', () => {
		const lab = crashLoop();
		lab.advance(20_000);
		const before = events(lab).find((e) => e.reason === 'BackOff');
		lab.advance(120_000);
		const after = events(lab).filter((e) => e.reason === 'BackOff');
		expect(before).toBeDefined();
		// Still one BackOff event for the container: same name, created once, counted again.
		expect(after).toHaveLength(1);
		expect(after[0]!.metadata!.name).toBe(before!.metadata!.name);
		expect(after[0]!.firstTimestamp).toBe(before!.firstTimestamp);
		expect(after[0]!.count!).toBeGreaterThan(before!.count!);
		expect(Date.parse(after[0]!.lastTimestamp!)).toBeGreaterThan(
			Date.parse(before!.lastTimestamp!)
		);
		expect(Number(after[0]!.metadata!.resourceVersion)).toBeGreaterThan(
			Number(before!.metadata!.resourceVersion)
		);
	});

	it('lists events in name order with every field an Event carries', () => {
		const lab = crashLoop();
		lab.advance(30_000);
		const list = events(lab);
		const names = list.map((e) => `${e.metadata!.namespace}/${e.metadata!.name}`);
		expect(names).toEqual([...names].sort());
		const scheduled = list.find((e) => e.reason === 'Scheduled')!;
		expect(scheduled.involvedObject.kind).toBe('Pod');
		expect(scheduled.source).toEqual({ component: 'default-scheduler' });
		expect(scheduled.reportingInstance).toBe('');
		expect(scheduled.metadata!.name).toMatch(
			new RegExp(`^${scheduled.involvedObject.name}\\.[0-9a-f]{16}$`)
		);
		const started = list.find((e) => e.reason === 'Started')!;
		expect(started.involvedObject.fieldPath).toBe('spec.containers{busybox}');
		expect(started.source!.host).toMatch(/^node-\d$/);
		expect(started.reportingInstance).toBe(started.source!.host);
	});

	it('comes back exactly as it was after seeking back, and goes on as a straight run does', () => {
		const straight = crashLoop();
		straight.advance(60_000);
		const at60 = JSON.stringify(events(straight));
		straight.advance(60_000);
		const at120 = JSON.stringify(events(straight));

		const travelled = crashLoop();
		travelled.advance(120_000);
		travelled.seek(60_000);
		expect(JSON.stringify(events(travelled))).toBe(at60);
		travelled.seek(120_000);
		expect(JSON.stringify(events(travelled))).toBe(at120);
		expect(travelled.traceHash()).toBe(straight.traceHash());
	});

	it('shows a pod its own events in describe, aggregated ones with their count', () => {
		const lab = crashLoop();
		lab.advance(180_000);
		const pod = JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as {
			items: { metadata: { name: string } }[];
		};
		const out = succeeds(lab, `kubectl describe pod ${pod.items[0]!.metadata.name}`).output;
		expect(out).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned/);
		expect(out).toMatch(/Warning\s+BackOff\s+.*\(x\d+ over .*\)\s+kubelet/);
	});
});

describe('events about one object (for describe)', () => {
	it('are the listed events describe’s field selector keeps, in the same order', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 11 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=6');
		succeeds(lab, 'kubectl create deployment crash --image=busybox:1.36 -- false');
		lab.advance(90_000);
		const all = events(lab);
		const internals = lab as unknown as {
			kubernetes: { apiServer: { events: { about(t: object): Event[] } } };
		};
		const recorder = internals.kubernetes.apiServer.events;
		const targets = [
			...new Map(
				all.map((e) => [`${e.involvedObject.kind}/${e.involvedObject.name}`, e.involvedObject])
			).values()
		];
		expect(targets.length).toBeGreaterThan(8);
		for (const o of targets) {
			const target = { kind: o.kind!, name: o.name!, namespace: 'default', uid: o.uid };
			const expected = all.filter(
				(e) =>
					e.involvedObject.kind === target.kind &&
					e.involvedObject.name === target.name &&
					(e.involvedObject.uid === undefined || e.involvedObject.uid === target.uid)
			);
			expect(recorder.about(target)).toEqual(expected);
		}
		expect(recorder.about({ kind: 'Pod', name: 'no-such-pod' })).toEqual([]);
	});
});
