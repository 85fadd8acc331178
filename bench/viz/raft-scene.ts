/**
 * Scene 3: how busy the main thread is while the `raft-election` widget (five managers, the
 * Raft view) plays at its default speed, and that it is idle when it should be: paused, in a
 * hidden tab, and scrolled off screen. Busy = main-thread task time / wall time (CDP).
 * Each window also reports how far the simulated clock moved: it must stand still when idle.
 * Idle windows are traced too, for the share that was garbage collection of what the page
 * allocated while it played (gc-trace.ts): the rest, the app's own work, is what must be 0.
 */
import type { Browser, Page } from 'playwright-core';
import { performance } from 'node:perf_hooks';
import { GcTrace } from './gc-trace';
import { PageMetrics } from './metrics';
import { SCROLL_AWAY, SCROLL_BACK, setHidden } from './page-probes';
import { busyPercent, type Goal } from './stats';
import { note, reportGoal } from './goal-report';
import { pause, play, runState, simulatedMs, sleep } from './widget';

const PLAYING: Goal = { op: '<=', target: 5 };
/**
 * "0 %" when idle, allowing for what measuring costs: each window ends with a CDP call that
 * runs on the page's main thread (the idle page before Play shows that floor).
 */
const IDLE: Goal = { op: '<=', target: 0.1 };
const STILL: Goal = { op: '<=', target: 0 };
/**
 * Time given to the page after pausing, hiding or scrolling before an idle window: transitions
 * already running (a Raft message in flight) end their animation, up to ~1 s.
 */
const SETTLE_MS = 1500;

/**
 * Busy % over one window; with `traceGc`, also how much of it was V8 collecting garbage
 * (gc-trace.ts), traced in idle windows only: there the app itself should do nothing.
 */
async function busyWindow(page: Page, metrics: PageMetrics, windowMs: number, traceGc = false) {
	// Reading the clock runs script in the page: do it outside the window.
	const clock0 = await simulatedMs(page);
	const trace = traceGc ? await GcTrace.start(page) : undefined;
	const before = await metrics.read();
	const w0 = performance.now();
	await sleep(windowMs);
	const after = await metrics.read();
	const wall = performance.now() - w0;
	const gcMs = (await trace?.stop()) ?? 0;
	const clock1 = await simulatedMs(page);
	const busy = busyPercent(before.TaskDuration ?? NaN, after.TaskDuration ?? NaN, wall);
	const gc = (gcMs * 100) / wall;
	return { busy, gc, simulatedS: (clock1 - clock0) / 1000, state: await runState(page) };
}

/**
 * Which views the scene shows: the Raft view alone, or with the timeline (issue 5); or, as most
 * lesson labs do, the cluster view with them (the control-plane-ha lab: three control-plane
 * nodes, their etcd members in the Raft view).
 */
export type RaftViews = 'raft' | 'raft,timeline' | 'cluster,raft,timeline';

/** The scenario each set of views is measured on. */
const SCENARIO: Record<RaftViews, { id: string; label: string }> = {
	raft: { id: 'raft-election', label: '5 managers' },
	'raft,timeline': { id: 'raft-election', label: '5 managers + timeline' },
	'cluster,raft,timeline': { id: 'control-plane-ha', label: 'cluster + raft + timeline' }
};

export async function runRaftScene(
	browser: Browser,
	baseURL: string,
	run: number,
	windowMs: number,
	views: RaftViews = 'raft'
): Promise<void> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
	try {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		const { id, label } = SCENARIO[views];
		await page.goto(`/embed/${id}?views=${views}`);
		await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
		const metrics = await PageMetrics.attach(page);
		const name = (what: string) => `${id} (${label}) run ${run}: ${what}`;
		note(`\n${id} (/embed/${id}?views=${views}), run ${run}`);
		const show = async (what: string, goal: Goal, clockGoal?: Goal) => {
			const idle = clockGoal !== undefined;
			const w = await busyWindow(page, metrics, windowMs, idle);
			note(`  ${what}: the widget says “${w.state.trim()}”`);
			reportGoal(name(`main thread busy, ${what}`), w.busy, '%', goal);
			if (idle) {
				// What is left once V8's garbage collection of earlier allocations is taken out:
				// the app's own work, which must be nothing at all here.
				reportGoal(name(`of which garbage collection, ${what}`), w.gc, '%');
				reportGoal(name(`main thread busy without GC, ${what}`), w.busy - w.gc, '%', goal);
			}
			reportGoal(name(`simulated time moved, ${what}`), w.simulatedS, 's', clockGoal);
		};

		await sleep(SETTLE_MS);
		await show('idle page before Play (floor)', IDLE, STILL);

		await play(page);
		await sleep(2000);
		await show('playing at 10×', PLAYING);

		await pause(page);
		await sleep(SETTLE_MS);
		await show('paused', IDLE, STILL);

		await play(page);
		await sleep(1000);
		await page.evaluate(setHidden(true));
		await sleep(SETTLE_MS);
		await show('playing, tab hidden', IDLE, STILL);
		await page.evaluate(setHidden(false));

		await sleep(1000);
		await page.evaluate(SCROLL_AWAY);
		await sleep(SETTLE_MS);
		await show('playing, scrolled off screen', IDLE, STILL);
		await page.evaluate(SCROLL_BACK);
		for (const error of errors) note(`  page error: ${error}`);
	} finally {
		await context.close();
	}
}
