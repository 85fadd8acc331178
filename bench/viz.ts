/**
 * `npm run bench:viz [-- --json] [--runs N] [--window S] [--scene large,very-large,raft,raft-timeline,cluster-raft-timeline,load-tasks]
 * [--build DIR]`:
 * the views in Chromium (issue 5). Drives the built site (`build/`: run `npm run build` first)
 * in headless Chromium, as a learner would, and reports:
 *
 *  1. /embed/large-cluster (100 nodes × 10 pods, SVG cluster view) playing at 10× while the
 *     console scales the Deployment up and down: frame-time percentiles and fps, the time the
 *     app spends in its requestAnimationFrame callbacks a frame (engine step + view update),
 *     CDP script time a frame, main-thread busy %;
 *  2. /embed/very-large-cluster (500 nodes × 20 pods) the same way; also how long the page
 *     takes to build that lab;
 *  3. /embed/raft-election (5 managers, Raft view): main-thread busy % playing at the default
 *     speed, paused, in a hidden tab and scrolled off screen;
 *  4. the same with the timeline beside it (`?views=raft,timeline`);
 *  5. (only when asked: `--scene cluster-raft-timeline`) the same for /embed/control-plane-ha
 *     with the cluster view too (`?views=cluster,raft,timeline`), as the lessons' labs show;
 *  6. (only when asked: `--scene load-tasks`) the long tasks while a lab loads and mounts, on
 *     /embed/node-failure and in a lesson, with the CPU slowed 4× (viz/load-tasks.ts).
 *
 * Each scene runs `--runs` times (default 2) in a fresh browser context, measuring fixed windows
 * of `--window` seconds (default 5) after a warm-up. Benchmarks report; they never fail on
 * time. The machine's load average is printed first: other processes skew frame times.
 */
import { access } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '../test/browser/global-setup';
import { launchChromium } from '../test/browser/browser';
import { LARGE, runClusterScene, VERY_LARGE } from './viz/cluster-scene';
import { runLoadTasks } from './viz/load-tasks';
import { runRaftScene } from './viz/raft-scene';
import { note, reportGoal } from './viz/goal-report';
import { CROSS_ORIGIN_ISOLATION } from './viz/isolation';

function option(flag: string): string | undefined {
	const i = process.argv.indexOf(flag);
	return i < 0 ? undefined : process.argv[i + 1];
}

const RUNS = Number(option('--runs') ?? 2);
const WINDOW_MS = Number(option('--window') ?? 5) * 1000;
const SCENES = (option('--scene') ?? 'large,very-large,raft,raft-timeline').split(',');
if (!(RUNS >= 1) || !(WINDOW_MS >= 1000)) throw new Error('--runs must be ≥ 1, --window ≥ 1 (s)');
for (const s of SCENES) {
	const known = [
		'large',
		'very-large',
		'raft',
		'raft-timeline',
		'cluster-raft-timeline',
		'load-tasks'
	];
	if (!known.includes(s)) {
		throw new Error(`unknown scene ${s}`);
	}
}

// `--build DIR` serves a copy of the site instead: build/ is shared, and someone else's build
// may replace it in the middle of a run (copy it under the same lock as the build, then bench).
const root = path.resolve(option('--build') ?? 'build');
const PAGES = [
	'index.html',
	'embed/large-cluster.html',
	'embed/very-large-cluster.html',
	'embed/raft-election.html'
];
for (const page of PAGES) {
	try {
		await access(path.join(root, page));
	} catch {
		console.error(`${path.join(root, page)} is missing: run \`npm run build\` first.`);
		process.exit(1);
	}
}

const server = serve(root, CROSS_ORIGIN_ISOLATION);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
try {
	const [one, five, fifteen] = loadavg();
	note(`Load average: ${[one, five, fifteen].map((l) => l!.toFixed(2)).join(', ')}`);
	reportGoal('machine load average (1 min) at start', one!, '');
	for (let run = 1; run <= RUNS; run++) {
		if (SCENES.includes('large')) await runClusterScene(browser, baseURL, LARGE, run, WINDOW_MS);
		if (SCENES.includes('very-large')) {
			await runClusterScene(browser, baseURL, VERY_LARGE, run, WINDOW_MS);
		}
		if (SCENES.includes('raft')) await runRaftScene(browser, baseURL, run, WINDOW_MS);
		if (SCENES.includes('raft-timeline')) {
			await runRaftScene(browser, baseURL, run, WINDOW_MS, 'raft,timeline');
		}
		if (SCENES.includes('cluster-raft-timeline')) {
			await runRaftScene(browser, baseURL, run, WINDOW_MS, 'cluster,raft,timeline');
		}
		if (SCENES.includes('load-tasks')) await runLoadTasks(browser, baseURL, run);
	}
	reportGoal('machine load average (1 min) at end', loadavg()[0]!, '');
} finally {
	await browser.close();
	server.close();
}
