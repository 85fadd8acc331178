import { describe, expect, it } from 'vitest';
import { goalLine } from '../bench/viz/goal-report';
import { busyPercent, frameStats, meets, percentile } from '../bench/viz/stats';

describe('percentile (nearest rank)', () => {
	it('returns a measured value, never an interpolated one', () => {
		const frames = [16.7, 16.7, 16.7, 25];
		expect(percentile(frames, 50)).toBe(16.7);
		expect(percentile(frames, 75)).toBe(16.7);
		expect(percentile(frames, 76)).toBe(25);
		expect(percentile(frames, 100)).toBe(25);
	});

	it('does not depend on the order of the samples', () => {
		const values = Array.from({ length: 100 }, (_, i) => i + 1);
		const shuffled = [...values].reverse();
		expect(percentile(shuffled, 95)).toBe(95);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile(values, 0)).toBe(1);
	});

	it('is NaN for no samples and refuses a percentile outside 0–100', () => {
		expect(percentile([], 50)).toBeNaN();
		expect(() => percentile([1], 101)).toThrow(RangeError);
	});
});

describe('frameStats', () => {
	it('counts frames per second from the intervals between frames', () => {
		// 59 intervals of 1000/60 ms and one long frame of 100 ms.
		const intervals = [...Array<number>(59).fill(1000 / 60), 100];
		const stats = frameStats(intervals);
		expect(stats.frames).toBe(60);
		expect(stats.max).toBe(100);
		expect(stats.p50).toBeCloseTo(16.67, 2);
		expect(stats.p95).toBeCloseTo(16.67, 2);
		// One frame in 60 is more than 1 %: it is the 99th percentile.
		expect(stats.p99).toBe(100);
		expect(stats.fps).toBeCloseTo(60 / (59 / 60 + 0.1), 6);
	});
});

describe('busyPercent', () => {
	it('turns a TaskDuration growth in seconds into a share of the window', () => {
		expect(busyPercent(1.2, 1.45, 5000)).toBeCloseTo(5, 9);
		expect(busyPercent(3, 3, 5000)).toBe(0);
	});

	it('refuses an empty window', () => {
		expect(() => busyPercent(0, 1, 0)).toThrow(RangeError);
	});
});

describe('meets', () => {
	it('compares in the goal’s direction and never passes NaN', () => {
		expect(meets(16.7, { op: '<=', target: 16.7 })).toBe(true);
		expect(meets(16.8, { op: '<=', target: 16.7 })).toBe(false);
		expect(meets(29.9, { op: '>=', target: 30 })).toBe(false);
		expect(meets(Number.NaN, { op: '>=', target: 0 })).toBe(false);
	});
});

describe('goalLine (the --json shape)', () => {
	it('extends the engine benches’ { name, value, unit } with the goal and its verdict', () => {
		expect(goalLine('frame p95', 17.456, 'ms', { op: '<=', target: 16.7 })).toEqual({
			name: 'frame p95',
			value: 17.46,
			unit: 'ms',
			goal: '<= 16.7 ms',
			met: false
		});
		expect(goalLine('fps', 59.94, 'fps', { op: '>=', target: 30 }).met).toBe(true);
	});

	it('leaves a figure without a goal as the engine benches print it', () => {
		expect(goalLine('heap', 1234.5, 'MB')).toEqual({ name: 'heap', value: 1235, unit: 'MB' });
	});
});
