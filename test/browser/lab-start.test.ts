/**
 * When a lab comes to life, and that nothing the reader does meanwhile is lost (issue 5: a lab
 * built during the page's load is most of its Total Blocking Time).
 *  - A lesson's lab that only peeks into the bottom quarter of the first screen (/zh/side-by-side
 *    on a phone) starts once the load window is over (src/viz/embed/load-window.ts), without a
 *    scroll; one higher up starts at once; the next lab waits until the reader scrolls near it.
 *  - The /embed route keeps its prerendered first paint until then; a click on its Play button
 *    and typing into its console before the live lab is in place reach the live lab.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { QUIET_AFTER_LOAD_MS } from '../../src/viz/embed/load-window';
import { useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
/** The User Timing marks of src/viz/embed/mount-in-slices.ts (MARKS). */
const START = 'orchestra-lab:start';
const LIVE = 'orchestra-lab:live';
const PHONE = { width: 412, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 };

/** When the first lab's code was asked for, in ms after the page's load event (or undefined). */
function startAfterLoad(page: Page): Promise<number | undefined> {
	return page.evaluate((mark) => {
		const [start] = performance.getEntriesByName(mark);
		const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		return start && nav ? start.startTime - nav.loadEventEnd : undefined;
	}, START);
}

function waitForMark(page: Page, mark: string, timeout = 30_000) {
	return page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, {
		timeout,
		polling: 50
	});
}

/** Top of the lesson's first lab slot at the phone's width, before any script runs (px). */
async function firstSlotTop(path: string): Promise<number> {
	const context = await chromium().newContext({
		baseURL,
		...PHONE,
		viewport: { width: PHONE.width, height: 800 },
		javaScriptEnabled: false
	});
	try {
		const page = await context.newPage();
		await page.goto(path);
		return await page
			.locator('.lab-widget')
			.first()
			.evaluate((e) => e.getBoundingClientRect().top);
	} finally {
		await context.close();
	}
}

/** Opens `path` on a phone whose screen is `height` px tall; nothing scrolls, nothing is touched. */
async function openOnPhone(path: string, height: number) {
	const context = await chromium().newContext({
		baseURL,
		...PHONE,
		viewport: { width: PHONE.width, height }
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(path);
	await page.waitForLoadState('load');
	return { page, errors, close: () => context.close() };
}

describe('a lesson’s labs start when the reader is near them', () => {
	const PATH = '/zh/side-by-side';

	it('a lab peeking into the screen’s last quarter starts after the load window, the next when scrolled to', async () => {
		const top = await firstSlotTop(PATH);
		// The slot's top edge at 85% of the screen: its "Loading" line shows, nothing more.
		const { page, errors, close } = await openOnPhone(PATH, Math.ceil(top / 0.85));
		try {
			await waitForMark(page, LIVE);
			expect(await startAfterLoad(page)).toBeGreaterThanOrEqual(QUIET_AFTER_LOAD_MS);
			expect(await page.locator('.lab-widget').first().locator('g.node').count()).toBe(4);
			expect(await page.evaluate(() => scrollY)).toBe(0);
			// The side-by-side lab, a screen further down, is not built for a reader who has not
			// scrolled.
			expect(await page.locator('.side-by-side').count()).toBe(0);
			await page.locator('.lab-widget').nth(1).scrollIntoViewIfNeeded();
			await page.locator('.side-by-side g.node').first().waitFor({ state: 'attached' });
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('a lab higher up in the first screen starts at once', async () => {
		const top = await firstSlotTop(PATH);
		// The slot's top at 60% of the screen: the reader sees it.
		const { page, close } = await openOnPhone(PATH, Math.ceil(top / 0.6));
		try {
			await waitForMark(page, START);
			expect(await startAfterLoad(page)).toBeLessThan(QUIET_AFTER_LOAD_MS);
		} finally {
			await close();
		}
	});
});

/**
 * Holds the lab's code (every script the page did not name in its HTML) until `release` is
 * called: the reader acts on the first paint while the live lab cannot be built yet.
 */
async function holdLabCode(page: Page, path: string): Promise<() => void> {
	const html = await (await fetch(new URL(path, baseURL))).text();
	const named = new Set(
		[...html.matchAll(/(?:href="|import\(")([^"]+\.js)"/g)].map(
			(m) => new URL(m[1]!, new URL(path, baseURL)).pathname
		)
	);
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route: Route) => {
		if (!named.has(new URL(route.request().url()).pathname)) await released;
		await route.continue();
	});
	return release;
}

describe('/embed: the reader’s first clicks and keys reach the live lab', () => {
	it('Play pressed and a command typed on the first paint run once the lab is live', async () => {
		const path = '/embed/node-failure';
		const context = await chromium().newContext({
			baseURL,
			viewport: { width: 1280, height: 900 }
		});
		try {
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			const release = await holdLabCode(page, path);
			await page.goto(path);
			await page.waitForLoadState('load');
			const first = page.locator('.first-paint');
			/** Where the reader taps `selector` in the first paint, once scrolled to (inert: by hand). */
			const center = async (selector: string) => {
				await first.locator(selector).evaluate((e) => e.scrollIntoView({ block: 'center' }));
				const box = (await first.locator(selector).boundingBox())!;
				return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
			};
			const play = await center('button.play');
			await page.mouse.click(play.x, play.y);
			const prompt = await center('.console-input');
			await page.mouse.click(prompt.x, prompt.y);
			await page.keyboard.type('kubectl get deployments');
			await page.keyboard.press('Enter');
			// Still the first paint: the lab's code has not arrived.
			expect(await first.count()).toBe(1);
			expect(await page.locator('.live').count()).toBe(0);

			release();
			await waitForMark(page, LIVE);
			await expect.poll(() => first.count()).toBe(0);
			const lab = page.locator('figure.lab');
			expect(await lab.locator('button.play').getAttribute('data-playing')).toBe('true');
			await expect
				.poll(() => lab.locator('.console .entry').allTextContents())
				.toContainEqual(
					expect.stringMatching(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s/)
				);
			expect(
				await page.evaluate(() => document.activeElement?.classList.contains('console-input'))
			).toBe(true);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('without a touch, the live lab takes the first paint’s place after the load window', async () => {
		const context = await chromium().newContext({ baseURL });
		try {
			const page = await context.newPage();
			await page.goto('/embed/node-failure');
			await page.waitForLoadState('load');
			expect(await page.locator('.first-paint').count()).toBe(1);
			await waitForMark(page, LIVE);
			expect(await startAfterLoad(page)).toBeGreaterThanOrEqual(QUIET_AFTER_LOAD_MS);
			await expect.poll(() => page.locator('.first-paint').count()).toBe(0);
		} finally {
			await context.close();
		}
	});
});
