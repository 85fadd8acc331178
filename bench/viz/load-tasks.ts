/**
 * Scene `load-tasks`: the long main-thread tasks a page runs while its lab loads and mounts
 * (Lighthouse's Total Blocking Time adds up each task's time over 50 ms). Chromium's CPU is
 * slowed 4×, as Lighthouse's mobile run assumes, and a PerformanceObserver lists every task over
 * 50 ms from navigation until the lab is live: /embed/node-failure (every view, the route's
 * default) and a lesson's first lab (/en/why-orchestration, scrolled to).
 *
 * Long tasks are wall-clock durations: on a shared machine they include time the thread waited
 * for a core. Repeat the scene (`--runs`), and read the load average printed with it.
 */
import type { Browser, Page } from 'playwright-core';
import { note, reportGoal } from './goal-report';

/** Before the app: records long tasks (buffered from the navigation on). */
const LONG_TASKS = `(() => {
	const tasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) tasks.push(Math.round(e.duration));
	}).observe({ type: 'longtask', buffered: true });
	Object.defineProperty(window, '__longTasks', { value: tasks });
})();`;

const CPU_SLOWDOWN = 4;
const LONG_MS = 50;

const PAGES = [
	{ path: '/embed/node-failure', live: '.stack[aria-busy="false"] figure.lab', scroll: false },
	{ path: '/en/why-orchestration', live: '.lab-widget[aria-busy="false"] figure.lab', scroll: true }
];

async function longTasks(page: Page): Promise<number[]> {
	return page.evaluate('window.__longTasks.slice()') as Promise<number[]>;
}

export async function runLoadTasks(browser: Browser, baseURL: string, run: number): Promise<void> {
	for (const { path, live, scroll } of PAGES) {
		const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
		try {
			await context.addInitScript(LONG_TASKS);
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			await page.goto(path);
			await page.waitForLoadState('load');
			const before = scroll ? (await longTasks(page)).length : 0;
			if (scroll) await page.locator('.lab-widget').first().scrollIntoViewIfNeeded();
			await page.locator(live).first().waitFor({ timeout: 120_000 });
			// The task that revealed the lab may still be running its effects: let it end.
			await page.evaluate('new Promise((r) => setTimeout(r, 500))');
			const all = await longTasks(page);
			const blocking = all.reduce((sum, ms) => sum + Math.max(0, ms - LONG_MS), 0);
			note(`\n${path}, run ${run} (CPU ${CPU_SLOWDOWN}× slower)`);
			note(`  long tasks (ms), in order: ${all.join(', ') || 'none'}`);
			if (scroll) note(`  of which once the lab was scrolled to: ${all.slice(before).join(', ')}`);
			reportGoal(`${path} run ${run}: longest task`, Math.max(0, ...all), 'ms');
			reportGoal(`${path} run ${run}: blocking time (sum over ${LONG_MS} ms)`, blocking, 'ms');
		} finally {
			await context.close();
		}
	}
}
