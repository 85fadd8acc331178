/**
 * The arithmetic of the viz benchmark, kept apart from the browser so that it can be tested:
 * percentiles of frame intervals, frames per second, and how busy the main thread was.
 */

/**
 * The p-th percentile (0–100) of `values` by the nearest-rank method: the smallest value that
 * at least p % of the samples do not exceed. Nearest rank never invents a frame time that was
 * not measured (interpolation would report 20.8 ms between a 16.7 and a 25 ms frame).
 */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0–100, got ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1]!;
}

export interface FrameStats {
	frames: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Frames per second over the window: intervals counted / their summed duration. */
	fps: number;
}

/** Summarises the gaps between consecutive requestAnimationFrame timestamps (ms). */
export function frameStats(intervals: readonly number[]): FrameStats {
	const total = intervals.reduce((sum, ms) => sum + ms, 0);
	return {
		frames: intervals.length,
		p50: percentile(intervals, 50),
		p95: percentile(intervals, 95),
		p99: percentile(intervals, 99),
		max: intervals.length === 0 ? NaN : Math.max(...intervals),
		fps: total > 0 ? (intervals.length / total) * 1000 : NaN
	};
}

/**
 * Share of wall time the main thread spent in tasks, in %: the growth of Chromium's
 * `TaskDuration` metric (seconds) over a window of `wallMs` milliseconds.
 */
export function busyPercent(taskSecondsBefore: number, taskSecondsAfter: number, wallMs: number) {
	if (!(wallMs > 0)) throw new RangeError(`window must be positive, got ${wallMs} ms`);
	return (Math.max(0, taskSecondsAfter - taskSecondsBefore) * 1000 * 100) / wallMs;
}

export type Comparison = '<=' | '>=';

export interface Goal {
	/** How the measured value must compare with the target. */
	op: Comparison;
	target: number;
}

/** Whether `value` meets `goal` (a NaN value — nothing measured — never does). */
export function meets(value: number, goal: Goal): boolean {
	if (Number.isNaN(value)) return false;
	return goal.op === '<=' ? value <= goal.target : value >= goal.target;
}
