/**
 * Where the main thread's time goes while a big cluster lab plays with churn (issue 5), for
 * whoever works on the cluster view's cost: `node --import tsx bench/viz/cluster-profile.ts
 * [--scene large|very-large] [--build DIR] [--window S] [--top N]`. Serves the built site (a
 * build made with `vite build --minify false` names its functions), plays the scene as
 * bench/viz/cluster-scene.ts does (10×, the console scaling the Deployment up, then down, in
 * the window) and prints the app's rAF work per frame (the frame probe's figure) and the
 * functions with the most self and total time in a CDP CPU profile, by file:line.
 * A report, not a test: it never fails on time.
 */
import path from 'node:path';
import { option, withSitePage } from './cli';
import { churn, LARGE, VERY_LARGE, warmUp } from './cluster-scene';
import { FRAME_PROBE, type FrameRecord } from './page-probes';
import { bursts, printTop, selfTimes, totalTimes, type Profile } from './profile-tables';
import { percentile } from './stats';

const root = path.resolve(option('--build') ?? 'build');
const WINDOW_MS = Number(option('--window') ?? 5) * 1000;
const TOP = Number(option('--top') ?? 40);
/** Busy stretches at least this long (ms) are listed one by one. */
const BURST_MS = Number(option('--burst') ?? 30);
/** Functions listed for each busy stretch, by total and by self time. */
const BURST_ROWS = Number(option('--rows') ?? 20);
const scene = option('--scene') === 'large' ? LARGE : VERY_LARGE;

await withSitePage(root, async (page, context) => {
	await page.addInitScript({ content: FRAME_PROBE });
	await page.goto(`/embed/${scene.id}?views=cluster,console`);
	await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 600_000 });
	const cdp = await context.newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

	await warmUp(page, scene);
	await cdp.send('Profiler.start');
	await page.evaluate('window.__vizBench.start()');
	const w0 = performance.now();
	await churn(page, scene, WINDOW_MS);
	const record = (await page.evaluate('window.__vizBench.stop()')) as FrameRecord;
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
	const seconds = (performance.now() - w0) / 1000;
	console.log(`${scene.label}: window ${seconds.toFixed(1)} s (a CPU profile running)`);
	const work = record.work.map((ms) => Math.round(ms * 10) / 10);
	console.log(
		`rAF work: ${work.length} frames with some, p50 ${percentile(work, 50)} ms, ` +
			`p95 ${percentile(work, 95)} ms, max ${percentile(work, 100)} ms; over 8 ms: ` +
			work.filter((ms) => ms > 8).join(', ')
	);
	printTop('Self time', selfTimes(profile), seconds, TOP);
	printTop('Total time', totalTimes(profile), seconds, TOP);
	for (const burst of bursts(profile, BURST_MS)) {
		console.log(`\nBusy ${burst.ms.toFixed(1)} ms at ${burst.at.toFixed(0)} ms`);
		for (const [title, times] of [
			['total', burst.totals],
			['self', burst.selves]
		] as const) {
			const rows = [...times].filter(([key]) => !key.startsWith('(root)'));
			rows.sort((a, b) => b[1] - a[1]);
			for (const [key, ms] of rows.slice(0, BURST_ROWS)) {
				console.log(`${title.padStart(6)} ${ms.toFixed(1).padStart(8)}  ${key}`);
			}
		}
	}
});
