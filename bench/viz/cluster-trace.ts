/**
 * The cluster scenes' frames in CPU time, from a Chromium trace (issue 5): `node --import tsx
 * bench/viz/cluster-trace.ts [--scene large|very-large] [--build DIR] [--window S]`. Plays the
 * scene as bench/viz/cluster-scene.ts does and reads, for each main-thread task of the window,
 * its thread (CPU) time, not its wall time: on a machine other processes load, wall-clock frame
 * times stretch with the wait for a core, CPU times much less. Prints how many tasks took over
 * 8, 16 and 50 ms of CPU, the app's requestAnimationFrame and microtask CPU a frame, and what
 * the longest tasks spent their time on (script, style, layout, paint, layerize, GC).
 * A report, not a test: it never fails on time.
 */
import path from 'node:path';
import { option, withSitePage } from './cli';
import { churn, LARGE, VERY_LARGE, warmUp } from './cluster-scene';
import type { TraceEvent } from './gc-trace';
import { percentile } from './stats';

const root = path.resolve(option('--build') ?? 'build');
const WINDOW_MS = Number(option('--window') ?? 5) * 1000;
const scene = option('--scene') === 'very-large' ? VERY_LARGE : LARGE;
/** What a long task is made of (nested events of one name are counted once, at the outermost). */
const PARTS = [
	'FireAnimationFrame',
	'RunMicrotasks',
	'EventDispatch',
	'TimerFire',
	'UpdateLayoutTree',
	'Layout',
	'PrePaint',
	'Paint',
	'PaintArtifactCompositor::Update',
	'MinorGC',
	'MajorGC'
];

const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
const within = (outer: TraceEvent, e: TraceEvent) =>
	e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);

/** CPU ms of the events named `name` inside `task`, outermost ones only. */
function partMs(events: readonly TraceEvent[], task: TraceEvent, name: string): number {
	let total = 0;
	let openUntil = -Infinity;
	for (const e of events) {
		if (e.name !== name || !within(task, e) || e.ts < openUntil) continue;
		total += cpu(e);
		openUntil = e.ts + (e.dur ?? 0);
	}
	return total;
}

await withSitePage(root, async (page, context) => {
	await page.goto(`/embed/${scene.id}?views=cluster,console`);
	await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 600_000 });
	await warmUp(page, scene);
	const cdp = await context.newCDPSession(page);
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', (data) => {
		// The protocol types events as string maps; Chromium's are these.
		events.push(...(data.value as unknown as TraceEvent[]));
	});
	await cdp.send('Tracing.start', {
		categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8',
		transferMode: 'ReportEvents'
	});
	await churn(page, scene, WINDOW_MS);
	const complete = new Promise<void>((resolve) =>
		cdp.once('Tracing.tracingComplete', () => resolve())
	);
	await cdp.send('Tracing.end');
	await complete;

	// The page's renderer main thread: the CrRendererMain that ran the app's script.
	const threads = events.filter(
		(e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	const main = threads.find((t) =>
		events.some((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'FireAnimationFrame')
	);
	if (main === undefined) throw new Error('no renderer main thread in the trace');
	const mine = events
		.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
		.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	const tasks = mine.filter((e) => e.name === 'RunTask');
	const rows = tasks.map((task) => ({
		task,
		ms: cpu(task),
		app: partMs(mine, task, 'FireAnimationFrame') + partMs(mine, task, 'RunMicrotasks')
	}));
	const over = (ms: number) => rows.filter((r) => r.ms > ms).length;
	const app = rows.filter((r) => r.app > 0).map((r) => r.app);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	console.log(`${scene.label}, ${WINDOW_MS / 1000} s window: CPU time of the page's main thread`);
	console.log(
		`tasks: ${rows.length}, ${round(rows.reduce((s, r) => s + r.ms, 0))} ms in all; ` +
			`over 8 ms: ${over(8)}, over 16 ms: ${over(16)}, over 50 ms: ${over(50)}`
	);
	console.log(
		`rAF callbacks + microtasks a frame that had any (${app.length}): p50 ${round(percentile(app, 50))} ms, ` +
			`p95 ${round(percentile(app, 95))} ms, max ${round(percentile(app, 100))} ms`
	);
	const layerize = rows.reduce(
		(s, r) => s + partMs(mine, r.task, 'PaintArtifactCompositor::Update'),
		0
	);
	console.log(`layerize (PaintArtifactCompositor::Update): ${round(layerize)} ms in all`);
	console.log('longest tasks (CPU ms):');
	for (const { task, ms } of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
		const parts = PARTS.map((name) => [name, partMs(mine, task, name)] as const)
			.filter(([, part]) => part >= 0.5)
			.map(([name, part]) => `${name} ${round(part)}`);
		const at = (task.ts - (tasks[0]?.ts ?? task.ts)) / 1000;
		console.log(`  ${round(ms)} at ${Math.round(at)} ms: ${parts.join(', ')}`);
	}
});
