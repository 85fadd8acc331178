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
import type { AddressInfo } from 'node:net';
import { serve } from '../../test/browser/global-setup';
import { launchChromium } from '../../test/browser/browser';
import { delta, PageMetrics } from './metrics';
import { SCROLL_AWAY, setHidden } from './page-probes';
import { pause, play, sleep } from './widget';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

function option(flag: string): string | undefined {
	const i = process.argv.indexOf(flag);
	return i < 0 ? undefined : process.argv[i + 1];
}

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

/** Self time per function (ms), from the samples and the gaps between them. */
function selfTimes(profile: Profile): Map<string, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const node = byId.get(id);
		if (node === undefined) return;
		const { functionName, url, lineNumber } = node.callFrame;
		const file = url === '' ? '' : url.replace(/^.*\/_app\//, '');
		const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
		out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	});
	return out;
}

/** Total time (self + callees) per function, counting a function once per sample. */
function totalTimes(profile: Profile): Map<string, number> {
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const node = byId.get(at);
			if (node === undefined) break;
			const { functionName, url, lineNumber } = node.callFrame;
			const file = url === '' ? '' : url.replace(/^.*\/_app\//, '');
			const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.set(key, (out.get(key) ?? 0) + ms);
		}
	});
	return out;
}

function printTop(title: string, times: Map<string, number>, seconds: number) {
	console.log(`\n${title} (ms in window, ms a second)`);
	const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP);
	for (const [key, ms] of rows) {
		console.log(`${ms.toFixed(1).padStart(8)} ${(ms / seconds).toFixed(2).padStart(8)}  ${key}`);
	}
}

const server = serve(root);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
try {
	const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
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
	printTop('Self time', selfTimes(profile), seconds);
	printTop('Total time', totalTimes(profile), seconds);
	await context.close();
} finally {
	await browser.close();
	server.close();
}
