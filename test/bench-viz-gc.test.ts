import { describe, expect, it } from 'vitest';
import { gcMs } from '../bench/viz/gc-trace';

/** A complete ("X") trace event on process 1, thread `tid`, at `ts` µs for `dur` µs. */
function ev(name: string, ts: number, dur: number, tid = 7, tdur = dur) {
	return { name, ph: 'X', pid: 1, tid, ts, dur, tdur };
}

describe('gcMs: garbage collection time on the page main thread, from a trace', () => {
	it('adds up collections, counting a phase inside a collection once, in CPU time', () => {
		const events = [
			ev('MajorGC', 1_000, 20_000, 7, 8_000),
			// A phase of that collection: already counted.
			ev('V8.GC_MARK_COMPACTOR', 1_500, 18_000, 7, 7_000),
			ev('V8.GCIncrementalMarking', 40_000, 1_000),
			ev('MinorGC', 60_000, 2_000),
			// Oilpan sweeping the DOM nodes freed, in a task of its own.
			ev('CppGC.IncrementalSweep', 80_000, 4_000),
			ev('CppGC.SweepFinalizeSweptPages', 80_500, 3_000)
		];
		expect(gcMs(events, 1, 7)).toBe(8 + 1 + 2 + 4);
	});

	it('leaves out other threads and everything that is not garbage collection', () => {
		const events = [
			ev('MajorGC', 1_000, 5_000, 9),
			ev('V8.GC_MC_BACKGROUND_MARKING', 1_000, 5_000, 9),
			ev('FunctionCall', 1_000, 5_000),
			ev('Paint', 9_000, 1_000),
			ev('MinorGC', 20_000, 3_000)
		];
		expect(gcMs(events, 1, 7)).toBe(3);
	});
});
