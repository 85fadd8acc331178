/**
 * Narrated mode: the story stops at the lab's own moments, and every caption is TRUE of the lab
 * at its moment (a lesson that teaches something false is a bug). The story is driven headless
 * the way Narration.svelte drives it: advance, stop at a reached moment (seeking back to it),
 * run the caption's lines on Next.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Flavor, LabSnapshot, TraceEvent } from '../../src/engine/types';
import {
	DEFAULT_TOLERATION_SECONDS,
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_MONITOR_GRACE_PERIOD_MS,
	NODE_MONITOR_PERIOD_MS
} from '../../src/engine/kubernetes/defaults';
import {
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	GRACE_PERIOD_MULTIPLIER,
	HEARTBEAT_EPSILON_MS,
	RESTART_DELAY_MS
} from '../../src/engine/swarm/defaults';
import type { ScenarioId } from '../../src/viz/scenarios';
import { narrative } from '../../src/viz/widgets/captions';
import {
	advanceStory,
	fill,
	momentOf,
	momentsById,
	START,
	type Caption,
	type Progress
} from '../../src/viz/widgets/narration-steps';

interface Stop {
	id: string;
	t: number;
	snapshot: LabSnapshot;
	text: { en: string; zh: string };
}

/** Plays a scenario's story to its end in `frameMs` frames, pressing Next at every stop. */
function playStory(scenario: ScenarioId, flavor: Flavor, frameMs = 7_000) {
	const lab = scenarioLab(scenario, flavor);
	const captions = narrative(scenario, flavor)!;
	let progress: Progress = START;
	const stops: Stop[] = [];
	const check = () => {
		const r = advanceStory(captions, progress, lab.events(), lab.now());
		progress = r.progress;
		if (r.hold === undefined) return false;
		if (r.hold < lab.now()) lab.seek(r.hold);
		const c = captions[r.reached!]!;
		const moments = momentsById(captions, progress);
		stops.push({
			id: c.id,
			t: r.hold,
			snapshot: lab.snapshot(),
			text: { en: fill(c.text.en, r.hold, moments), zh: fill(c.text.zh, r.hold, moments) }
		});
		return true;
	};
	check();
	for (let frames = 0; frames < 400 && stops.length <= captions.length; frames++) {
		if (progress.waiting) {
			// Next: the caption's lines run at its moment, then the clock goes on.
			const c = captions[progress.moments.length - 1]!;
			progress = { ...progress, waiting: false };
			for (const line of c.then ?? []) expect(lab.exec(line).ok, line).toBe(true);
			if (check()) continue;
			if (progress.moments.length === captions.length) break;
		}
		lab.advance(frameMs);
		check();
	}
	return { lab, stops, captions };
}

const byId = (stops: readonly Stop[]) => Object.fromEntries(stops.map((s) => [s.id, s]));
const node = (snap: LabSnapshot, name: string) => snap.nodes.find((n) => n.name === name)!;

describe('momentOf', () => {
	const ev = (t: number, kind: string, subject = 'x'): TraceEvent => ({
		t,
		kind,
		subject,
		message: ''
	});
	const trace = [ev(0, 'a'), ev(5, 'b', 'node/n1'), ev(5, 'b', 'node/n2'), ev(9, 'b', 'node/n1')];

	it('finds the n-th matching event after the previous moment, not at or before it', () => {
		expect(momentOf({ event: 'b' }, undefined, trace, 10)).toBe(5);
		expect(momentOf({ event: 'b', count: 3 }, undefined, trace, 10)).toBe(9);
		expect(momentOf({ event: 'b', subject: 'node/n1' }, 5, trace, 10)).toBe(9);
		expect(momentOf({ event: 'b' }, 9, trace, 10)).toBeUndefined();
		expect(momentOf({ event: 'b', count: 3 }, undefined, trace, 8)).toBeUndefined();
	});

	it('meets times only once the clock reaches them', () => {
		expect(momentOf({ time: 3 }, undefined, trace, 2)).toBeUndefined();
		expect(momentOf({ time: 3 }, undefined, trace, 7)).toBe(3);
		expect(momentOf({ after: 4 }, 5, trace, 8)).toBeUndefined();
		expect(momentOf({ after: 4 }, 5, trace, 9)).toBe(9);
	});
});

describe('advanceStory', () => {
	const captions: Caption[] = [
		{ id: 'a', at: { time: 0 }, text: { en: 'a', zh: 'a' } },
		{ id: 'b', at: { event: 'x' }, text: { en: '{since:a} s', zh: '{since:a} 秒' } },
		{ id: 'c', at: { after: 10_000 }, text: { en: '{since:b} s, {since:z} s', zh: 'c' } }
	];
	const trace: TraceEvent[] = [{ t: 12_345, kind: 'x', subject: 'x', message: '' }];

	it('reaches one caption at a time, holds while it waits, and forgets it when time goes back', () => {
		let r = advanceStory(captions, START, [], 0);
		expect(r).toMatchObject({ reached: 0, hold: 0, progress: { moments: [0], waiting: true } });
		// While waiting, time passing reaches nothing.
		expect(advanceStory(captions, r.progress, trace, 50_000).hold).toBeUndefined();
		r = advanceStory(captions, { ...r.progress, waiting: false }, trace, 50_000);
		// Only the next caption, at its own moment (the clock overshot to 50 s).
		expect(r).toMatchObject({ reached: 1, hold: 12_345, progress: { moments: [0, 12_345] } });
		expect(fill(captions[1]!.text.en, 12_345, momentsById(captions, r.progress))).toBe('12.3 s');
		const c = advanceStory(captions, { ...r.progress, waiting: false }, trace, 50_000);
		expect(c.hold).toBe(22_345);
		// An unknown caption id reads "?", never a made-up number.
		expect(fill(captions[2]!.text.en, 22_345, momentsById(captions, c.progress))).toBe('10 s, ? s');
		// Seeking back to 5 s forgets b and c; forward again reaches b again at the same moment.
		const back = advanceStory(captions, c.progress, trace, 5_000);
		expect(back.progress).toEqual({ moments: [0], waiting: false });
		expect(advanceStory(captions, back.progress, trace, 13_000).hold).toBe(12_345);
	});
});

describe('the Kubernetes node-failure story', () => {
	for (const frameMs of [7_000, 100_000]) {
		it(`stops at each moment, and every caption is true there (${frameMs / 1000} s frames)`, () => {
			const { stops, captions } = playStory('node-failure', 'kubernetes', frameMs);
			expect(stops.map((s) => s.id)).toEqual(captions.map((c) => c.id));
			const at = byId(stops);

			// Three pods Running, one per worker, when the story says so.
			const running = at.running!.snapshot.units.filter((u) => u.status === 'Running');
			expect(new Set(running.map((u) => u.node))).toEqual(new Set(['node-1', 'node-2', 'node-3']));

			// Off for 10 s, yet Ready.
			expect(node(at.quiet!.snapshot, 'node-2')).toMatchObject({ running: false, status: 'Ready' });
			expect(at.quiet!.text.en).toContain('off for 10 s');

			// NotReady after the grace period; the pod is not ready but still bound to node-2.
			const notready = at.notready!;
			expect(node(notready.snapshot, 'node-2').status).toBe('NotReady');
			const detect = (notready.t - at.running!.t) / 1000;
			expect(detect).toBeGreaterThanOrEqual(
				(NODE_MONITOR_GRACE_PERIOD_MS - NODE_LEASE_RENEW_INTERVAL_MS * 1.04) / 1000
			);
			expect(detect).toBeLessThanOrEqual(
				(NODE_MONITOR_GRACE_PERIOD_MS + NODE_MONITOR_PERIOD_MS) / 1000
			);
			expect(notready.text.en).toContain(`NotReady, ${detect} s after node-2 went off`);
			expect(notready.text.en).toContain(`${NODE_MONITOR_GRACE_PERIOD_MS / 1000} s without`);
			const onNode2 = notready.snapshot.units.filter((u) => u.node === 'node-2');
			expect(onNode2).toHaveLength(1);
			expect(onNode2[0]!.ready).toBe(false);

			// Evicted exactly when the toleration ran out.
			const evicted = at.evicted!;
			expect(evicted.t - notready.t).toBe(DEFAULT_TOLERATION_SECONDS * 1000);
			expect(evicted.text.en).toMatch(new RegExp(`^${DEFAULT_TOLERATION_SECONDS} s later`));
			expect(evicted.snapshot.units.find((u) => u.node === 'node-2')?.status).toBe('Terminating');

			// Three pods serve again elsewhere; the old one is still Terminating on node-2.
			const replaced = at.replaced!.snapshot.units;
			expect(
				replaced.filter((u) => u.status === 'Running' && u.ready && u.node !== 'node-2')
			).toHaveLength(3);
			expect(replaced.find((u) => u.node === 'node-2')?.status).toBe('Terminating');

			// node-2 back: Ready, and empty.
			expect(node(at.back!.snapshot, 'node-2')).toMatchObject({ running: true, status: 'Ready' });
			expect(at.back!.snapshot.units.filter((u) => u.node === 'node-2')).toEqual([]);

			for (const s of stops) {
				expect(s.text.en, s.id).not.toContain('?');
				expect(s.text.zh, s.id).not.toMatch(/\{|\?/);
			}
		});
	}

	it('stops at the same moments whatever the frame size (the clock never runs past one)', () => {
		const a = playStory('node-failure', 'kubernetes', 3_000).stops.map((s) => [s.id, s.t]);
		const b = playStory('node-failure', 'kubernetes', 100_000).stops.map((s) => [s.id, s.t]);
		expect(b).toEqual(a);
	});
});

describe('the Swarm node-failure story', () => {
	it('stops at Down after about 3 heartbeats and at the replacement after the restart delay', () => {
		const { stops, captions } = playStory('node-failure-both', 'swarm');
		expect(stops.map((s) => s.id)).toEqual(captions.map((c) => c.id));
		const at = byId(stops);
		const running = at.running!.snapshot.units.filter((u) => u.status === 'Running');
		expect(new Set(running.map((u) => u.node))).toEqual(
			new Set(['worker-1', 'worker-2', 'worker-3'])
		);
		expect(node(at.down!.snapshot, 'worker-2').status).toBe('Down');
		const detect = at.down!.t - at.running!.t;
		const ttl = GRACE_PERIOD_MULTIPLIER * DISPATCHER_HEARTBEAT_PERIOD_MS;
		const slack = GRACE_PERIOD_MULTIPLIER * HEARTBEAT_EPSILON_MS;
		expect(detect).toBeGreaterThanOrEqual(
			ttl - slack - DISPATCHER_HEARTBEAT_PERIOD_MS - HEARTBEAT_EPSILON_MS
		);
		expect(detect).toBeLessThanOrEqual(ttl + slack);
		expect(at.down!.text.en).toContain(`about ${ttl / 1000} s`);
		const restart = at.replaced!.t - at.down!.t;
		expect(restart).toBeGreaterThanOrEqual(RESTART_DELAY_MS);
		expect(restart).toBeLessThan(RESTART_DELAY_MS + 3_000);
		const live = at.replaced!.snapshot.units.filter(
			(u) => u.status === 'Running' && u.node !== 'worker-2'
		);
		expect(live).toHaveLength(3);
	});
});

describe('replaying a story', () => {
	it('after a seek back before a moment, the same moment is reached again', () => {
		const { lab, stops } = playStory('node-failure', 'kubernetes');
		const notready = stops.find((s) => s.id === 'notready')!;
		const captions = narrative('node-failure', 'kubernetes')!;
		const all: Progress = { moments: stops.map((s) => s.t), waiting: false };
		lab.seek(notready.t - 1_000);
		const back = advanceStory(captions, all, lab.events(), lab.now());
		expect(back.progress.moments).toHaveLength(3);
		lab.advance(30_000);
		const again = advanceStory(captions, back.progress, lab.events(), lab.now());
		expect(again.hold).toBe(notready.t);
	});
});
