/**
 * Issue 5: a big lab's burst of events is spread over several frames (at most about
 * FRAME_BUDGET_MS of engine work each) instead of one long frame. Only the wall-clock work is
 * sliced: the lab ends where one advance would have taken it, with the same trace, and a pause
 * still stops it where the learner pressed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/engine/index';
import { CLOCK_LAG_MS, dueIn } from '../../src/viz/bridge/due';
import { LabSession } from '../../src/viz/bridge/lab-session.svelte';
import { FRAME_BUDGET_MS, Player } from '../../src/viz/bridge/player.svelte';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { placedPath, translatePath } from '../../src/viz/views/svg-path';
import { UNIT_SHAPES } from '../../src/viz/views/unit-state';
import { fakeFrames, realFrames } from './fake-frames';

/**
 * A lab whose every advance with a deadline has time for `slice` simulated ms only while events
 * are ahead (a burst); past the last one, it runs all it is handed.
 */
function slowLab(events: number[], slice: number) {
	let now = 0;
	const calls: { ms: number; deadline: number | undefined; at: number }[] = [];
	return {
		calls,
		now: () => now,
		nextEventAt: () => events.find((t) => t > now) ?? Infinity,
		advance(ms: number, deadline?: number): number {
			calls.push({ ms, deadline, at: performance.now() });
			const busy = deadline !== undefined && now < (events[events.length - 1] ?? 0);
			const ran = busy ? Math.min(ms, slice) : ms;
			now += ran;
			return ran;
		}
	};
}

describe('Player with a frame budget', () => {
	beforeEach(fakeFrames);
	afterEach(realFrames);

	it('hands what a frame had no time for to the next frames, not after a pause of 150 ms', () => {
		// Events every 50 ms: always something due, and the lab runs 100 ms a frame at most.
		const events = Array.from({ length: 400 }, (_, i) => (i + 1) * 50);
		const lab = slowLab(events, 100);
		const player = new Player((ms, deadline) => lab.advance(ms, deadline), {
			speed: 10,
			dueIn: () => lab.nextEventAt() - lab.now()
		});
		player.play();
		vi.advanceTimersByTime(1_000);
		const budgeted = lab.calls.filter((c) => c.deadline !== undefined);
		expect(budgeted.length).toBeGreaterThan(10);
		// Each deadline is the budget from when the frame started the step.
		for (const call of budgeted) expect(call.deadline).toBe(call.at + FRAME_BUDGET_MS);
		// Behind, the player steps on consecutive frames (16 ms apart), not every 150 ms.
		const gaps = budgeted.slice(1).map((c, i) => c.at - budgeted[i]!.at);
		expect(Math.min(...gaps)).toBeLessThanOrEqual(16);
		// The lab fell behind the wall clock (1 s at 10×), by what it had no time for.
		expect(lab.now()).toBeLessThan(10_000);
		player.pause();
		// Paused, it is handed the rest in one go: the clock stops where the learner pressed.
		const last = lab.calls[lab.calls.length - 1]!;
		expect(last.deadline).toBeUndefined();
		// (Less the first frame, which only starts the clock, and the one not yet run.)
		expect(Math.abs(lab.now() - 10_000)).toBeLessThanOrEqual(400);
	});

	it('catches up once the burst is over, at up to a budget a frame', () => {
		// A burst of events for the first simulated 3 s, then nothing.
		const events = Array.from({ length: 60 }, (_, i) => (i + 1) * 50);
		const lab = slowLab(events, 100);
		const player: Player = new Player((ms, deadline) => lab.advance(ms, deadline), {
			speed: 10,
			dueIn: () => dueIn(lab, player.speed)
		});
		player.play();
		vi.advanceTimersByTime(300);
		// 300 ms at 10× is 3 s: the lab is behind, running 100 ms a frame.
		expect(lab.now()).toBeLessThan(2_000);
		vi.advanceTimersByTime(1_700);
		// 2 s at 10×: the burst is over, and the clock is where the wall time says, less at most
		// what a sleeping player owes the next clock tick (a second, and CLOCK_LAG_MS at 10×).
		expect(lab.now()).toBeGreaterThan(20_000 - 1_000 - 10 * CLOCK_LAG_MS - 200);
		player.pause();
		expect(Math.abs(lab.now() - 20_000)).toBeLessThanOrEqual(400);
	});

	it('hands the whole frame over, without a deadline, when the lab advances every frame', () => {
		const lab = slowLab([], 1);
		const player = new Player((ms, deadline) => lab.advance(ms, deadline), { speed: 1 });
		player.play();
		vi.advanceTimersByTime(500);
		player.pause();
		expect(lab.calls.length).toBeGreaterThan(20);
		expect(lab.calls.every((c) => c.deadline === undefined)).toBe(true);
	});
});

describe('LabSession.advance with a deadline', () => {
	/** Scales the node-failure lab's Deployment up, as a learner would: a burst of events. */
	function churned(): LabSession {
		const session = new LabSession(() => scenarioLab('node-failure', 'kubernetes'));
		expect(session.exec('kubectl scale deployment web --replicas=12').output).toContain(
			'deployment.apps/web scaled'
		);
		return session;
	}

	it('runs, slice by slice, the same events at the same times as one advance', () => {
		const whole = churned();
		whole.advance(30_000);

		const sliced = churned();
		let left = 30_000;
		let calls = 0;
		while (left > 0) {
			// A deadline already past: one event time a call.
			const ran = sliced.advance(left, performance.now() - 1);
			expect(ran).toBeGreaterThan(0);
			left -= ran;
			calls++;
		}
		expect(calls).toBeGreaterThan(10);
		expect(sliced.lab.now()).toBe(whole.lab.now());
		expect(sliced.lab.traceHash()).toBe(whole.lab.traceHash());
		expect(sliced.current).toEqual(whole.current);
		// Pods the scale-up created run on the workers in both.
		const running = sliced.current.units.filter((u) => u.status === 'Running');
		expect(running).toHaveLength(12);
		expect(sliced.horizon).toBe(whole.horizon);
	});

	it('stops at the first event time past the deadline, and publishes that moment', () => {
		const session = churned();
		const before = session.current;
		const ran = session.advance(30_000, performance.now() - 1);
		expect(ran).toBeGreaterThan(0);
		expect(ran).toBeLessThan(30_000);
		// The views see the lab where it stopped (one snapshot for the slice, not one per event).
		expect(session.current).not.toBe(before);
		expect(session.current.t).toBe(session.lab.now());
	});

	it('shows a catch-up at most every 150 ms, and always where it ends', () => {
		const session = churned();
		session.advance(30_000, performance.now() - 1);
		const shown = session.current;
		const t0 = performance.now();
		session.advance(30_000, performance.now() - 1);
		// Still behind, straight after a slice that was shown: engine work only, no new snapshot.
		if (performance.now() - t0 < 150) expect(session.current).toBe(shown);
		// With time to spare, it ends where it was asked to, and shows it.
		const ran = session.advance(5_000, performance.now() + 60_000);
		expect(ran).toBe(5_000);
		expect(session.current.t).toBe(session.lab.now());
		expect(session.current).toEqual(session.lab.snapshot());
	});
});

describe('translatePath: icons placed by their coordinates, not a transform', () => {
	it('moves absolute coordinates and leaves relative ones', () => {
		expect(translatePath(UNIT_SHAPES.bad, 19, 134)).toBe('M26 134.8L32.4 146.6H19.6z');
		expect(translatePath(UNIT_SHAPES.ok, 10, 100)).toBe('M17 101a6 6 0 1 0 0 12a6 6 0 1 0 0 -12z');
		// Each subpath of the ending square's cross starts again from an absolute point.
		expect(translatePath(UNIT_SHAPES.ending, 1, 2)).toBe('M2.5 3.5h11v11h-11zM5 6l6 6M11 6l-6 6');
		// A path's opening `m` is absolute; the pairs after it are relative line-tos.
		expect(translatePath('m1 2 3 4z', 10, 10)).toBe('m11 12 3 4z');
	});

	it('remembers what it placed', () => {
		expect(placedPath(UNIT_SHAPES.done, 5, 5)).toBe(translatePath(UNIT_SHAPES.done, 5, 5));
		expect(placedPath(UNIT_SHAPES.done, 0, 0)).toBe('M1.5 1.5h11v11h-11z');
	});
});
