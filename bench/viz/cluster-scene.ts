/**
 * Scenes 1 and 2: a big cluster in the embed route's cluster view, playing at the widget's
 * default speed while pods come and go. Churn is what a learner would type: every half window
 * the console scales the Deployment up by one pod per worker, then back down, so the scheduler
 * binds (and the kubelets start, then stop) that many pods and the view adds and removes them.
 */
import type { Browser, Page } from 'playwright-core';
import { performance } from 'node:perf_hooks';
import { FRAME_PROBE, type FrameRecord } from './page-probes';
import { delta, PageMetrics } from './metrics';
import { frameStats, percentile, type Goal } from './stats';
import { note, reportGoal } from './goal-report';
import { clusterRenderer, exec, play, simulatedMs, sleep } from './widget';
import { IS_ISOLATED } from './isolation';

export interface ClusterScene {
	/** Scenario id (src/viz/scenarios.ts) opened as /embed/<id>?views=cluster,console. */
	id: string;
	label: string;
	workers: number;
	replicas: number;
	goals: { frameP95?: Goal; workP95?: Goal; fps?: Goal };
}

export const LARGE: ClusterScene = {
	id: 'large-cluster',
	label: '100 nodes × 10 pods',
	workers: 100,
	replicas: 1000,
	goals: { frameP95: { op: '<=', target: 16.7 }, workP95: { op: '<=', target: 8 } }
};

export const VERY_LARGE: ClusterScene = {
	id: 'very-large-cluster',
	label: '500 nodes × 20 pods',
	workers: 500,
	replicas: 10000,
	goals: { fps: { op: '>=', target: 30 } }
};

const scaleUp = (scene: ClusterScene) =>
	`kubectl scale deployment web --replicas=${scene.replicas + scene.workers}`;
const scaleDown = (scene: ClusterScene) =>
	`kubectl scale deployment web --replicas=${scene.replicas}`;

/** Play, one round of churn, settle. */
export async function warmUp(page: Page, scene: ClusterScene): Promise<void> {
	await play(page);
	await exec(page, scaleUp(scene));
	await sleep(2000);
	await exec(page, scaleDown(scene));
	await sleep(2000);
}

/** The measured window: one pod more per worker for its first half, then back. */
export async function churn(page: Page, scene: ClusterScene, windowMs: number): Promise<void> {
	const w0 = performance.now();
	await exec(page, scaleUp(scene));
	await sleep(Math.max(0, w0 + windowMs / 2 - performance.now()));
	await exec(page, scaleDown(scene));
	await sleep(Math.max(0, w0 + windowMs - performance.now()));
}

/** Long enough for a 10,000-pod lab to be built in the page on a busy machine. */
const READY_TIMEOUT_MS = 600_000;

export async function runClusterScene(
	browser: Browser,
	baseURL: string,
	scene: ClusterScene,
	run: number,
	windowMs: number
): Promise<void> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
	try {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.addInitScript({ content: FRAME_PROBE });
		const metrics = await PageMetrics.attach(page);
		const name = (what: string) => `${scene.label} run ${run}: ${what}`;

		// Setting up: the page builds the lab (set-up lines, then every pod bound) when it mounts.
		const t0 = performance.now();
		await page.goto(`/embed/${scene.id}?views=cluster,console`);
		await page
			.getByRole('button', { name: 'Play', exact: true })
			.waitFor({ timeout: READY_TIMEOUT_MS });
		await page.locator('.lab').waitFor();
		const readyMs = performance.now() - t0;
		const loaded = await metrics.read();
		const clock = (await page.evaluate(IS_ISOLATED))
			? 'timestamps to 5 µs'
			: 'timestamps coarsened to 100 µs (not cross-origin isolated)';
		note(
			`\n${scene.label} (/embed/${scene.id}), run ${run}: ${await clusterRenderer(page)}; ${clock}`
		);
		reportGoal(name('page ready (wall, load + lab set-up)'), readyMs / 1000, 's');
		reportGoal(name('main-thread script during load'), loaded.ScriptDuration ?? NaN, 's');
		reportGoal(name('JS heap after set-up'), (loaded.JSHeapUsedSize ?? NaN) / 2 ** 20, 'MB');

		await warmUp(page, scene);
		const before = await metrics.read();
		const clock0 = await simulatedMs(page);
		const w0 = performance.now();
		await page.evaluate('window.__vizBench.start()');
		await churn(page, scene, windowMs);
		const record = (await page.evaluate('window.__vizBench.stop()')) as FrameRecord;
		const wall = performance.now() - w0;
		const after = await metrics.read();
		const clock1 = await simulatedMs(page);

		const frames = frameStats(record.intervals);
		const scriptMs = delta(before, after, 'ScriptDuration') * 1000;
		const taskMs = delta(before, after, 'TaskDuration') * 1000;
		const layoutMs =
			(delta(before, after, 'LayoutDuration') + delta(before, after, 'RecalcStyleDuration')) * 1000;
		const { goals } = scene;
		reportGoal(name('frame time p50'), frames.p50, 'ms');
		reportGoal(name('frame time p95'), frames.p95, 'ms', goals.frameP95);
		reportGoal(name('frame time p99'), frames.p99, 'ms');
		reportGoal(name('frame time max'), frames.max, 'ms');
		reportGoal(name('frames per second'), frames.fps, 'fps', goals.fps);
		reportGoal(
			name('engine step + view update p95 (rAF work)'),
			percentile(record.work, 95),
			'ms',
			goals.workP95
		);
		reportGoal(
			name('engine step + view update max (rAF work)'),
			percentile(record.work, 100),
			'ms'
		);
		// CPU time (CDP threadTicks): what the frames cost, whatever else the machine runs.
		reportGoal(
			name('script CPU per frame (CDP, mean)'),
			scriptMs / frames.frames,
			'ms',
			goals.workP95
		);
		reportGoal(name('main-thread CPU per frame (CDP, mean)'), taskMs / frames.frames, 'ms');
		reportGoal(name('style + layout per frame (CDP, mean)'), layoutMs / frames.frames, 'ms');
		reportGoal(name('main thread busy'), (taskMs / wall) * 100, '%');
		reportGoal(name('simulated speed reached'), (clock1 - clock0) / wall, 'x');
		for (const error of errors) note(`  page error: ${error}`);
	} finally {
		await context.close();
	}
}
