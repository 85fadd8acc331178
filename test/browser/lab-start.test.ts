/**
 * When a lab comes to life, and that nothing the reader does meanwhile is lost (issue 5: a lab
 * built during the page's load is most of its Total Blocking Time; JavaScript per lesson page).
 *  - A lesson's labs show their first paint and load nothing of the lab until the reader acts on
 *    one: a tap on its Play button starts it and it plays; by keyboard, its Start button.
 *  - The /embed route keeps its prerendered first paint until then; a click on its Play button
 *    and typing into its console before the live lab is in place reach the live lab.
 */
import { readdirSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { QUIET_AFTER_LOAD_MS } from '../../src/viz/embed/load-window';
import { axeViolations, useChromium } from './browser';

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

describe('a lesson’s labs wait for the reader', () => {
	const PATH = '/zh/side-by-side';

	it('show their first paint and fetch no lab code until the reader acts, even when in view', async () => {
		const top = await firstSlotTop(PATH);
		// The first lab's slot well inside the first screen.
		const { page, errors, close } = await openOnPhone(PATH, Math.ceil(top / 0.4));
		const scripts: string[] = [];
		page.on('response', (r) => {
			if (r.url().endsWith('.js')) scripts.push(r.url());
		});
		try {
			await page.waitForTimeout(QUIET_AFTER_LOAD_MS + 1_000);
			// Both labs drawn as they stand at 00:00: the first one's four node cards, the pair.
			const first = page.locator('.lab-widget').first().locator('.first-paint');
			expect(await first.locator('.fp-card').count()).toBe(4);
			expect(await first.locator('.fp-card').first().textContent()).toContain('控制平面');
			expect(await page.locator('.lab-widget').nth(1).locator('.first-paint').count()).toBe(1);
			// The first paints are pictures (inert), the Start buttons what the keyboard reaches.
			expect(await axeViolations(page)).toEqual([]);
			await page.locator('.lab-widget').nth(1).scrollIntoViewIfNeeded();
			await page.waitForTimeout(1_000);
			// No lab was built, nothing of the engine or the views was fetched.
			expect(await page.evaluate((m) => performance.getEntriesByName(m).length, START)).toBe(0);
			expect(await page.locator('g.node').count()).toBe(0);
			const bodies = await Promise.all(
				scripts.map((url) => page.evaluate((u) => fetch(u).then((r) => r.text()), url))
			);
			expect(
				bodies.filter((body) => body.includes("the server doesn't have a resource type"))
			).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('no lesson’s first paints stick out sideways on a 360 px phone', async () => {
		const context = await chromium().newContext({
			baseURL,
			...PHONE,
			viewport: { width: 360, height: 800 }
		});
		try {
			const page = await context.newPage();
			const lessons = readdirSync('src/lessons/en').map((f) => f.replace(/\.md$/, ''));
			const wide: string[] = [];
			for (const lang of ['en', 'zh']) {
				for (const slug of lessons) {
					await page.goto(`/${lang}/${slug}`);
					await page.waitForLoadState('load');
					const overflow = await page.evaluate(
						() => document.documentElement.scrollWidth - document.documentElement.clientWidth
					);
					if (overflow > 0) wide.push(`/${lang}/${slug}: ${overflow} px`);
				}
			}
			expect(wide).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('every lab keeps its size when it starts, and no two first paints share an id', async () => {
		// A lab that grew or shrank on Start would push the lesson under the reader's finger:
		// the first paint sizes the cluster, the traffic diagram and the story as the live lab will.
		const context = await chromium().newContext({
			baseURL,
			...PHONE,
			viewport: { width: 390, height: 800 }
		});
		try {
			const page = await context.newPage();
			const lessons = readdirSync('src/lessons/en').map((f) => f.replace(/\.md$/, ''));
			const moved: string[] = [];
			const shared: string[] = [];
			for (const path of [...lessons.map((slug) => `/en/${slug}`), '/zh/side-by-side']) {
				await page.goto(path);
				await page.waitForLoadState('load');
				shared.push(
					...(
						await page.evaluate(() => {
							const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
							return ids.filter((id, i) => ids.indexOf(id) !== i);
						})
					).map((id) => `${path}: #${id}`)
				);
				const labs = page.locator('.lab-widget');
				for (let i = 0; i < (await labs.count()); i++) {
					const lab = labs.nth(i);
					// The page's code has started (a key pressed before that reaches nothing).
					await expect.poll(() => lab.getAttribute('data-listening')).not.toBeNull();
					await lab.locator('.lab-start').focus();
					const before = (await lab.boundingBox())!.height;
					await page.keyboard.press('Enter');
					await lab.locator('.first-paint').waitFor({ state: 'detached', timeout: 30_000 });
					await page.waitForTimeout(300);
					const after = (await lab.boundingBox())!.height;
					if (Math.abs(after - before) > 1) moved.push(`${path} lab ${i}: ${before} → ${after} px`);
				}
			}
			expect(moved).toEqual([]);
			expect(shared).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('a tap on the first paint’s Play button starts the lab, and it plays', async () => {
		const context = await chromium().newContext({
			baseURL,
			...PHONE,
			viewport: { width: PHONE.width, height: 800 }
		});
		try {
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			// The lab's code is held once the page has started: the tap lands while it loads.
			let holding = false;
			let release!: () => void;
			const released = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/_app/immutable/**/*.js', async (route: Route) => {
				if (holding) await released;
				await route.continue();
			});
			await page.goto('/en/why-orchestration');
			await page.waitForLoadState('load');
			const first = page.locator('.lab-widget').first().locator('.first-paint');
			// The page's code has started (a press before that reaches nothing, as on any page).
			await page.locator('.lab-widget[data-listening]').first().waitFor({ state: 'attached' });
			await first.locator('button.play').evaluate((e) => e.scrollIntoView({ block: 'center' }));
			holding = true;
			const box = (await first.locator('button.play').boundingBox())!;
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			// The lab is on its way, and says so, while the first paint stays.
			const start = page.locator('.lab-widget').first().locator('.lab-start');
			await expect.poll(() => start.getAttribute('aria-disabled')).toBe('true');
			expect(await start.isVisible()).toBe(true);
			expect(await first.count()).toBe(1);

			release();
			await waitForMark(page, LIVE);
			await expect.poll(() => first.count()).toBe(0);
			const play = page.locator('.lab-widget').first().locator('button.play');
			expect(await play.getAttribute('data-playing')).toBe('true');
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('by keyboard: Tab shows the Start button, Enter starts the lab and focuses its Play button', async () => {
		const context = await chromium().newContext({
			baseURL,
			viewport: { width: 1280, height: 900 }
		});
		try {
			const page = await context.newPage();
			await page.goto('/en/why-orchestration');
			await page.waitForLoadState('load');
			const start = page.locator('.lab-widget').first().locator('.lab-start');
			// Out of sight until it has the focus; the first paint itself takes none.
			expect((await start.boundingBox())!.width).toBeLessThanOrEqual(1);
			for (let i = 0; i < 60; i++) {
				await page.keyboard.press('Tab');
				if (await start.evaluate((e) => e === document.activeElement)) break;
			}
			expect(await start.evaluate((e) => e === document.activeElement)).toBe(true);
			expect((await start.boundingBox())!.width).toBeGreaterThan(40);
			expect(await start.textContent()).toContain('Start the lab');
			// Pressed until the page's code has started (a press before hydration does nothing).
			for (let i = 0; i < 100 && (await start.getAttribute('aria-disabled')) !== 'true'; i++) {
				await page.keyboard.press('Enter');
				await page.waitForTimeout(100);
			}
			await page.locator('.lab-widget g.node').first().waitFor({ state: 'attached' });
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.classList.contains('play')))
				.toBe(true);
			expect(
				await page.locator('.lab-widget button.play').first().getAttribute('data-playing')
			).toBe('false');
		} finally {
			await context.close();
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
