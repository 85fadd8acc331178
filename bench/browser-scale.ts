/**
 * `npm run bench:browser-scale [-- --json] [--small] [--no-compare]`: issue 3's "the same
 * cluster must load and run in one browser tab". The engine, bundled as the site ships it
 * (esbuild, browser target), runs in one Chromium tab the same scale run as bench/lab-scale.ts:
 * a kubeadm-shaped cluster of 5,000 nodes, then 150 Deployments of 1,000 replicas created with
 * kubectl, advanced in one-second steps until every pod is bound and every Deployment is ready.
 *
 * It reports the tab's wall time to all bound and all Ready (and as pods per second, from before
 * the cluster is built), the tab's JavaScript heap once the lab settles (CDP
 * Runtime.getHeapUsage after a full collection), and whether the tab's lab is the same as
 * Node's: the same lines run in this process must give the same traceHash() (skip with
 * --no-compare). `--small` is 1,000 nodes and 10,000 pods.
 */
import { build } from 'esbuild';
import { launchChromium } from '../test/browser/browser';
import { createLab } from '../src/engine/index';
import type { Lab } from '../src/engine/types';
import { report, wallMs } from './report';

const SMALL = process.argv.includes('--small');
const COMPARE = !process.argv.includes('--no-compare');
const NODES = SMALL ? 1000 : 5000;
const DEPLOYMENTS = SMALL ? 10 : 150;
const REPLICAS = 1000;
const PODS = DEPLOYMENTS * REPLICAS;
/** Give up after this much simulated time: a stuck run reports what it reached. */
const LIMIT_MS = 600_000;

interface Progress {
	now: number;
	scheduled: number;
	ready: number;
}

/** The lab's side of the run, the same in the tab and in Node: set up, then one step at a time. */
const RUN = {
	setup(lab: Lab, deployments: number, replicas: number): void {
		for (let d = 0; d < deployments; d++) {
			const r = lab.exec(
				`kubectl create deployment app-${d} --image=nginx:1.27 --replicas=${replicas}`
			);
			if (!r.ok) throw new Error(r.error);
		}
	},
	/** Advances one simulated second; returns the pods newly bound in it and the Ready count. */
	step(lab: Lab, seenAtNow: number): { bound: number; seenAtNow: number; ready: number } {
		const before = lab.now();
		lab.advance(1000);
		const recent = lab.events(before);
		let bound = 0;
		for (let i = seenAtNow; i < recent.length; i++)
			if (recent[i]!.kind === 'pod.scheduled') bound++;
		const list = JSON.parse(lab.exec('kubectl get deployments -o json').output) as {
			items: { status?: { readyReplicas?: number } }[];
		};
		const ready = list.items.reduce((sum, d) => sum + (d.status?.readyReplicas ?? 0), 0);
		return { bound, seenAtNow: lab.events(lab.now()).length, ready };
	}
};

const bundle = await build({
	entryPoints: ['src/engine/index.ts'],
	bundle: true,
	minify: true,
	format: 'iife',
	globalName: 'OrchestraEngine',
	platform: 'browser',
	target: 'es2022',
	write: false,
	logLevel: 'silent'
});
const engineJs = bundle.outputFiles[0]!.text;

const browser = await launchChromium();
const size = `${NODES.toLocaleString('en-US')} nodes, ${PODS.toLocaleString('en-US')} pods`;
try {
	const page = await browser.newPage();
	const cdp = await page.context().newCDPSession(page);
	await page.goto('about:blank');
	await page.addScriptTag({ content: engineJs });
	// The step methods travel as source (method shorthand): the tab has the engine as a global.
	await page.addScriptTag({
		content: `globalThis.RUN = { ${RUN.setup.toString()}, ${RUN.step.toString()} };`
	});
	const heapUsed = async () => {
		await cdp.send('HeapProfiler.collectGarbage');
		return (await cdp.send('Runtime.getHeapUsage')).usedSize;
	};
	const heapBefore = await heapUsed();

	type TabGlobals = {
		OrchestraEngine: typeof import('../src/engine/index');
		RUN: typeof RUN;
		lab: Lab;
		seen: number;
	};
	const t0 = wallMs();
	await page.evaluate(
		([nodes, deployments, replicas]) => {
			const g = globalThis as unknown as TabGlobals;
			g.lab = g.OrchestraEngine.createLab({ flavor: 'kubernetes', workers: nodes - 1, seed: 1 });
			g.RUN.setup(g.lab, deployments, replicas);
			g.seen = g.lab.events(g.lab.now()).length;
		},
		[NODES, DEPLOYMENTS, REPLICAS] as const
	);
	let progress: Progress = { now: 0, scheduled: 0, ready: 0 };
	let boundWall = NaN;
	let readyWall = NaN;
	while (progress.now < LIMIT_MS && (Number.isNaN(boundWall) || Number.isNaN(readyWall))) {
		const last = progress;
		progress = await page.evaluate((scheduled) => {
			const g = globalThis as unknown as TabGlobals;
			const s = g.RUN.step(g.lab, g.seen);
			g.seen = s.seenAtNow;
			return { now: g.lab.now(), scheduled: scheduled + s.bound, ready: s.ready };
		}, last.scheduled);
		if (Number.isNaN(boundWall) && progress.scheduled >= PODS) boundWall = wallMs() - t0;
		if (Number.isNaN(readyWall) && progress.ready >= PODS) readyWall = wallMs() - t0;
	}
	const heapMb = ((await heapUsed()) - heapBefore) / 2 ** 20;
	const tabHash = await page.evaluate(() => (globalThis as unknown as TabGlobals).lab.traceHash());

	report(`one browser tab (${size}): pods bound`, progress.scheduled, 'pods');
	report(`one browser tab (${size}): pods Ready`, progress.ready, 'pods');
	report(`one browser tab (${size}): wall time to all bound`, boundWall / 1000, 's');
	report(`one browser tab (${size}): wall time to all Ready`, readyWall / 1000, 's');
	// Per wall second, the clock started before the cluster is built (its 5,000 nodes' build is
	// charged to the pods): the stricter count.
	report(`one browser tab (${size}): bound per wall second`, (PODS / boundWall) * 1000, 'pods/s');
	report(`one browser tab (${size}): Ready per wall second`, (PODS / readyWall) * 1000, 'pods/s');
	report(`one browser tab (${size}): simulated time to all Ready`, progress.now / 1000, 's');
	report(`one browser tab (${size}): JS heap`, heapMb, 'MB');
	report(`one browser tab (${size}): JS heap per pod`, (heapMb * 2 ** 20) / PODS, 'B');

	if (COMPARE) {
		const lab = createLab({ flavor: 'kubernetes', workers: NODES - 1, seed: 1 });
		RUN.setup(lab, DEPLOYMENTS, REPLICAS);
		let seen = lab.events(lab.now()).length;
		while (lab.now() < progress.now) seen = RUN.step(lab, seen).seenAtNow;
		const same = lab.traceHash() === tabHash ? 1 : 0;
		report(`one browser tab (${size}): same trace as Node (1 = yes)`, same, '');
		if (same === 0) process.exitCode = 1;
	}
} finally {
	await browser.close();
}
