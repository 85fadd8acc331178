/**
 * Where the main thread's time goes while the raft-election widget plays (issue 5), for
 * whoever works on the Raft view's cost: `node --import tsx bench/viz/raft-profile.ts
 * [--build DIR] [--window S] [--top N] [--speed X] [--phase playing|hidden|offscreen|paused]
 * [--views raft,timeline]`. Serves the built site (a build made with
 * `vite build --minify false` names its functions), plays /embed/raft-election?views=raft, and
 * prints, for one window: Chromium's counters a second of wall time (task CPU, script, style,
 * layout, and how many style recalculations and layouts ran: a page that only moves on the
 * compositor has none) and the functions with the most self and total time in a CDP CPU
 * profile (Profiler.start/stop), by file:line. Nothing else runs in the page: no frame probe,
 * whose own animation-frame loop would make frames the widget does not ask for.
 * `--phase` profiles an idle window instead (after Play, the tab hidden, the widget scrolled
 * off screen, or Pause, then the settling time bench/viz/raft-scene.ts gives): whatever still
 * runs there, garbage collection included ("(garbage collector)"), is what keeps it from 0 %.
 * A report, not a test: it never fails on time.
 */
import path from 'node:path';
import { option, withSitePage } from './cli';
import { delta, PageMetrics } from './metrics';
import { SCROLL_AWAY, setHidden } from './page-probes';
import { pause, play, sleep } from './widget';
import { printTop, selfTimes, totalTimes, type Profile } from './profile-tables';

const root = path.resolve(option('--build') ?? 'build');
const WINDOW_MS = Number(option('--window') ?? 5) * 1000;
const TOP = Number(option('--top') ?? 40);
const SPEED = option('--speed');
const PHASE = option('--phase') ?? 'playing';
const VIEWS = option('--views') ?? 'raft';
if (!['playing', 'hidden', 'offscreen', 'paused'].includes(PHASE)) {
	throw new Error(`unknown phase ${PHASE}`);
}
/** As in raft-scene.ts: what was already moving ends before an idle window. */
const SETTLE_MS = 1500;

await withSitePage(root, async (page, context) => {
	await page.goto(`/embed/raft-election?views=${VIEWS}`);
	await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
	if (SPEED !== undefined) await page.getByLabel('Speed').selectOption(SPEED);
	const metrics = await PageMetrics.attach(page);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

	await play(page);
	await sleep(2000);
	if (PHASE !== 'playing') {
		if (PHASE === 'hidden') await page.evaluate(setHidden(true));
		else if (PHASE === 'offscreen') await page.evaluate(SCROLL_AWAY);
		else await pause(page);
		await sleep(SETTLE_MS);
	}
	const before = await metrics.read();
	await cdp.send('Profiler.start');
	const w0 = performance.now();
	await sleep(WINDOW_MS);
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
	const wall = performance.now() - w0;
	const after = await metrics.read();
	const seconds = wall / 1000;
	const per = (name: string) => ((delta(before, after, name) * 1000) / seconds).toFixed(1);
	const count = (name: string) => (delta(before, after, name) / seconds).toFixed(1);
	console.log(
		`${PHASE}, views=${VIEWS}: window ${seconds.toFixed(1)} s (a CPU profile running: figures are inflated)`
	);
	console.log(
		`a second: task ${per('TaskDuration')} ms, script ${per('ScriptDuration')} ms, ` +
			`style ${per('RecalcStyleDuration')} ms, layout ${per('LayoutDuration')} ms; ` +
			`${count('RecalcStyleCount')} style recalcs, ${count('LayoutCount')} layouts`
	);
	printTop('Self time', selfTimes(profile), seconds, TOP);
	printTop('Total time', totalTimes(profile), seconds, TOP);
});
