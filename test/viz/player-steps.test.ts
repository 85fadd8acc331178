import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Player } from '../../src/viz/bridge/player.svelte';

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
	vi.stubGlobal('requestAnimationFrame', (callback: (t: number) => void) =>
		setTimeout(() => callback(performance.now()), 16)
	);
	vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('Player with dueIn, in a lab that always has something due', () => {
	it('advances it at most about seven times a second, never losing wall time', () => {
		// A Raft group at 10×: a message lands every few simulated ms.
		let now = 0;
		const advances: number[] = [];
		const player = new Player(
			(ms) => {
				advances.push(ms);
				now += ms;
			},
			{ speed: 10, dueIn: () => 5 - (now % 5) }
		);
		player.play();
		vi.advanceTimersByTime(3_000);
		player.pause();
		// Each advance is a style, layout and paint for the page: ~7 a second, not 60.
		expect(advances.length).toBeGreaterThanOrEqual(3 * 5);
		expect(advances.length).toBeLessThanOrEqual(3 * 7 + 1);
		// The clock still kept pace with the wall: 3 s at 10× (give or take a frame).
		expect(Math.abs(now - 30_000)).toBeLessThanOrEqual(200);
	});
});
