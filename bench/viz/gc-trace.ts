/**
 * How much of a window's main-thread time went to collecting garbage, from a Chromium trace of
 * the page's renderer (CDP Tracing). An idle page still pays for what it allocated before:
 * some seconds after allocation stops, V8's memory reducer runs a full mark-compact
 * ("V8.GCFinalizeMCReduceMemory", after incremental marking steps), and Blink's heap (Oilpan,
 * "CppGC.IncrementalSweep") then sweeps the DOM nodes it freed, in low-priority tasks. That
 * is 20–60 ms of CPU, 0.4–1.2 % of a 5 s window, landing in whichever idle window (paused,
 * hidden, off screen) comes then (issue 5: the hidden-tab figure of 1.23 % was this, not the
 * app: traced by hand, every main-thread task of such a window was one of these). The trace
 * separates it from the app's own work, which is what must be zero there.
 */
import type { CDPSession, Page } from 'playwright-core';

/** A Chromium trace event (CDP Tracing), the fields read here. */
export interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	/** Thread (CPU) time, µs: the benchmark's busy figures are CPU time too. */
	tdur?: number;
	args?: { name?: string };
}

/**
 * Garbage collection on the main thread: V8's scavenger and mark-compactor with their steps,
 * and Oilpan's marking and sweeping (with the finalizers it runs).
 */
const GC = /^(MajorGC|MinorGC|V8\.GC|CppGC\.|BlinkGC)/;

/**
 * CPU ms of the events matching GC on `pid`/`tid`, counting each nested group once (an event
 * inside another matching one is part of it).
 */
export function gcMs(events: readonly TraceEvent[], pid: number, tid: number): number {
	const gc = events
		.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && GC.test(e.name))
		.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	let total = 0;
	let openUntil = -Infinity;
	for (const e of gc) {
		if (e.ts < openUntil) continue;
		total += (e.tdur ?? e.dur ?? 0) / 1000;
		openUntil = e.ts + (e.dur ?? 0);
	}
	return total;
}

export class GcTrace {
	private readonly events: TraceEvent[] = [];

	private constructor(private readonly cdp: CDPSession) {
		cdp.on('Tracing.dataCollected', (data) => {
			// The protocol types events as string maps; Chromium's are these.
			this.events.push(...(data.value as unknown as TraceEvent[]));
		});
	}

	/** Starts tracing garbage collection (and thread names, to find the page's main thread). */
	static async start(page: Page): Promise<GcTrace> {
		const cdp = await page.context().newCDPSession(page);
		const trace = new GcTrace(cdp);
		await cdp.send('Tracing.start', {
			categories: 'devtools.timeline,v8,disabled-by-default-v8.gc,cppgc,disabled-by-default-cppgc',
			transferMode: 'ReportEvents'
		});
		return trace;
	}

	/** Stops, and returns the CPU ms the renderer's main thread spent collecting garbage. */
	async stop(): Promise<number> {
		const complete = new Promise<void>((resolve) =>
			this.cdp.once('Tracing.tracingComplete', () => resolve())
		);
		await this.cdp.send('Tracing.end');
		await complete;
		await this.cdp.detach();
		// One renderer per context here: its main thread is the one named CrRendererMain.
		const main = this.events.filter(
			(e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
		);
		return main.reduce((sum, m) => sum + gcMs(this.events, m.pid, m.tid), 0);
	}
}
