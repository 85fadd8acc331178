/** Shared Chromium set-up for the browser tests. */
import { afterAll, beforeAll } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
}

export interface OpenedPage {
	page: Page;
	/** Every URL the page requested, in order. */
	requests: string[];
	/** Uncaught exceptions and `console.error` lines. */
	errors: string[];
	close: () => Promise<void>;
}

/** Opens `path` on the test server in a fresh context and records what the page does. */
export async function openPage(
	browser: Browser,
	baseURL: string,
	path: string,
	options: BrowserContextOptions = {}
): Promise<OpenedPage> {
	const context = await browser.newContext({ baseURL, ...options });
	const page = await context.newPage();
	const requests: string[] = [];
	const errors: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	await page.goto(path);
	await waitForHydration(page);
	return { page, requests, errors, close: () => context.close() };
}

/**
 * Waits until the client-side app has started: lesson pages draw their node cards with d3 in
 * the browser only, and every page sets `<html lang>` from its layout. A lesson's labs show a
 * first paint and load when the reader acts on one: the first is started (startLab). Other
 * lab widgets load when they come near the viewport, so the first one is scrolled to, then the
 * page back to the top.
 */
export async function waitForHydration(page: Page) {
	await page.waitForLoadState('load');
	if ((await page.locator('.lab-widget').count()) === 0) return;
	if ((await page.locator('.lab-widget .first-paint').count()) > 0) {
		await startLab(page);
		await page.evaluate(() => window.scrollTo(0, 0));
		return;
	}
	// Scrolled to again on each poll: hydration may replace the prerendered slot it scrolled to.
	await page.waitForFunction(
		() => {
			document.querySelector('.lab-widget')?.scrollIntoView({ block: 'center' });
			return document.querySelector('g.node') !== null;
		},
		undefined,
		{ polling: 100 }
	);
	await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Starts a lesson's lab (the `nth` on the page) the keyboard's way: its Start button focused and
 * pressed. Resolves once the live lab has taken the first paint's place.
 */
export async function startLab(page: Page, nth = 0) {
	const slot = page.locator('.lab-widget').nth(nth);
	// The button does something only once the page's code runs (hydration): pressed until it has.
	for (let tries = 0; ; tries++) {
		const focused = await slot.evaluate((element) => {
			const start = element.querySelector<HTMLElement>('.lab-start');
			if (start === null || start.getAttribute('aria-disabled') === 'true') return false;
			start.focus();
			return document.activeElement === start;
		});
		if (!focused) break;
		if (tries === 300) throw new Error('the lab never started');
		await page.keyboard.press('Enter');
		await page.waitForTimeout(100);
	}
	await slot.locator('.first-paint').waitFor({ state: 'detached', timeout: 60_000 });
}

/** Starts every lab of a lesson (startLab), top to bottom. */
export async function startAllLabs(page: Page) {
	const count = await page.locator('.lab-widget').count();
	for (let nth = 0; nth < count; nth++) await startLab(page, nth);
}

/** The widget's simulated clock, in ms. */
export async function simulatedTime(page: Page): Promise<number> {
	const value = await page.locator('.clock-value').getAttribute('data-clock');
	return Number(value);
}

/** Resolves once the widget's simulated clock reaches `t` ms. */
export async function waitForSimulatedTime(page: Page, t: number, timeout = 40_000) {
	await page.waitForFunction(
		(target) => {
			const el = document.querySelector<HTMLElement>('.clock-value');
			return Number(el?.dataset.clock ?? -1) >= target;
		},
		t,
		{ timeout, polling: 50 }
	);
}

/** The status word shown on a node's card. */
export async function cardStatus(page: Page, node: string): Promise<string | null> {
	return page.locator(`g.node[data-node="${node}"] .status-word`).textContent();
}

/** Launches Chromium before the file's tests and closes it after; call at the top of a file. */
export function useChromium(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (browser === undefined) throw new Error('Chromium is not running yet');
		return browser;
	};
}

/** Waits until a node's card shows `status`. */
export async function waitForCardStatus(
	page: Page,
	node: string,
	status: string,
	timeout = 30_000
) {
	await page.waitForFunction(
		([n, s]) => document.querySelector(`g.node[data-node="${n}"] .status-word`)?.textContent === s,
		[node, status] as const,
		{ timeout }
	);
}

/** Plays the lesson lab at 30×, stops node-2, waits for NotReady and pauses. */
export async function stopNode2UntilNotReady(page: Page) {
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await page.getByLabel('Speed').selectOption('30');
	await page.getByRole('button', { name: 'Stop node-2' }).click();
	await waitForCardStatus(page, 'node-2', 'NotReady');
	await page.getByRole('button', { name: 'Pause' }).click();
}

/**
 * axe-core for a page. Legacy mode runs `axe.run` in the page (axe is injected into its frames
 * too); the default mode opens a blank page for every run to merge per-frame results, which
 * doubles the time of each run and finds the same violations.
 */
export function axeFor(page: Page): AxeBuilder {
	return new AxeBuilder({ page }).setLegacyMode();
}

/** axe's violations on the whole page as it is now, one line each: `id (impact): .a, .b`. */
export async function axeViolations(page: Page): Promise<string[]> {
	const results = await axeFor(page).analyze();
	return results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/**
 * axe's violations on the page (or within `include`, without `exclude`) in the light and then
 * the dark colour scheme, one line each: `dark: color-contrast (serious): .a, .b`.
 */
export async function axeInBothSchemes(
	page: Page,
	scope: { include?: string; exclude?: string } = {}
): Promise<string[]> {
	const found: string[] = [];
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const axe = axeFor(page);
		if (scope.include !== undefined) axe.include(scope.include);
		if (scope.exclude !== undefined) axe.exclude(scope.exclude);
		for (const v of (await axe.analyze()).violations) {
			const targets = v.nodes.map((n) => n.target.join(' ')).join(', ');
			found.push(`${colorScheme}: ${v.id} (${v.impact}): ${targets}`);
		}
	}
	return found;
}

/**
 * Shows an open page at `width` px in `colorScheme`, as if it had been opened so: the views
 * measure their width when resized and redraw, so two frames are let pass.
 */
export async function showAt(page: Page, width: number, colorScheme: 'light' | 'dark') {
	await page.setViewportSize({ width, height: 900 });
	await page.emulateMedia({ colorScheme });
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
	);
}

/**
 * How far the page sticks out sideways, in px (0: nothing does). Views that move to a new
 * layout animate there, so this waits up to 3 s for the overflow to go before measuring it.
 */
export async function sidewaysOverflow(page: Page): Promise<number> {
	const overflow = () =>
		document.documentElement.scrollWidth - document.documentElement.clientWidth;
	// waitForFunction waits for a truthy value, so it is asked whether the overflow is gone
	// (asking for the overflow itself waited the full 3 s whenever the page was fine).
	const settled = () =>
		document.documentElement.scrollWidth - document.documentElement.clientWidth <= 0;
	await page.waitForFunction(settled, undefined, { timeout: 3_000 }).catch(() => undefined);
	return page.evaluate(overflow);
}
