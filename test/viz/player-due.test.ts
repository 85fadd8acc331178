import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Player } from '../../src/viz/bridge/player.svelte';
import { CLOCK_LAG_MS, dueIn } from '../../src/viz/bridge/due';
import { fakeFrames, realFrames } from './fake-frames';

/** A lab reduced to its clock and queue: events at the given simulated times. */
function fakeLab(events: number[]) {
	let now = 0;
	const advances: number[] = [];
	return {
		advances,
		now: () => now,
		nextEventAt: () => events.find((t) => t > now) ?? Infinity,
		advance(ms: number) {
			advances.push(ms);
			now += ms;
		}
	};
}

describe('dueIn: when a sleeping player must next advance a lab', () => {
	it('is the next event when it comes before the clock turns a second', () => {
		expect(dueIn(fakeLab([800]), 1)).toBe(800);
		// An event after the next second: the clock turns first.
		expect(dueIn(fakeLab([1_250]), 1)).toBe(1_000 + CLOCK_LAG_MS);
	});

	it('turns the clock every second of a quiet lab, a little late at high speed', () => {
		expect(dueIn(fakeLab([]), 1)).toBe(1_000 + CLOCK_LAG_MS);
		// At 10× the second may turn CLOCK_LAG_MS wall ms late, i.e. 10 × that in simulated ms.
		expect(dueIn(fakeLab([]), 10)).toBe(1_000 + 10 * CLOCK_LAG_MS);
	});
});

describe('Player with dueIn', () => {
	beforeEach(fakeFrames);
	afterEach(realFrames);

	it('advances the lab only when something is due, and as far as wall time says', () => {
		const lab = fakeLab([5_000, 5_020, 9_000]);
		const player = new Player((ms) => lab.advance(ms), {
			speed: 1,
			dueIn: () => lab.nextEventAt() - lab.now()
		});
		player.play();
		vi.advanceTimersByTime(4_900);
		// Nothing was due: the lab has not been touched, however many frames went by.
		expect(lab.advances).toEqual([]);
		vi.advanceTimersByTime(300);
		// Both events (20 ms apart) were drawn in one advance, to about the wall time.
		expect(lab.advances).toHaveLength(1);
		expect(lab.now()).toBeGreaterThanOrEqual(5_020);
		expect(lab.now()).toBeLessThanOrEqual(5_200);
		vi.advanceTimersByTime(5_000);
		expect(lab.advances).toHaveLength(2);
		expect(lab.now()).toBeGreaterThanOrEqual(9_000);
	});

	it('hands the lab the time owed when paused, so the clock stops where the learner did', () => {
		const lab = fakeLab([60_000]);
		const player = new Player((ms) => lab.advance(ms), {
			speed: 10,
			dueIn: () => lab.nextEventAt() - lab.now()
		});
		player.play();
		vi.advanceTimersByTime(2_000);
		expect(lab.advances).toEqual([]);
		player.pause();
		// 2 s of wall time at 10× (a frame either way).
		expect(Math.abs(lab.now() - 20_000)).toBeLessThanOrEqual(200);
		const stopped = lab.now();
		vi.advanceTimersByTime(10_000);
		expect(lab.now()).toBe(stopped);
	});

	it('wakes early when the lab changes under it (a command queued something sooner)', () => {
		const events = [30_000];
		const lab = fakeLab(events);
		const player = new Player((ms) => lab.advance(ms), {
			speed: 1,
			dueIn: () => lab.nextEventAt() - lab.now()
		});
		player.play();
		vi.advanceTimersByTime(1_000);
		events.unshift(1_500);
		player.wake();
		vi.advanceTimersByTime(700);
		expect(lab.advances).toHaveLength(1);
		expect(lab.now()).toBeGreaterThanOrEqual(1_500);
		expect(lab.now()).toBeLessThan(30_000);
	});
});

describe('Player without dueIn', () => {
	beforeEach(fakeFrames);
	afterEach(realFrames);

	it('advances the lab on every frame, as before', () => {
		const lab = fakeLab([]);
		const player = new Player((ms) => lab.advance(ms), { speed: 1 });
		player.play();
		vi.advanceTimersByTime(1_000);
		expect(lab.advances.length).toBeGreaterThan(50);
		player.pause();
		expect(lab.now()).toBeLessThanOrEqual(1_000);
	});
});
