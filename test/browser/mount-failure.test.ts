/**
 * A lab whose code loads but whose mount fails (the lab or a view throws while it is built) is
 * shown as failed, like a lab whose code could not load: the reader is told, not left with a
 * "Loading" line for ever. In a lesson (LazyLab) and on the /embed route.
 *
 * The failure is made in the page, not in the app: an init script replaces ResizeObserver
 * (which the views' `bind:clientWidth` uses while they mount, and nothing else on these pages)
 * with one that throws.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LOAD_FAILURE, LOADING } from '../../src/viz/widgets/loading-text';
import { startLab, useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

const BREAK_MOUNT = `window.ResizeObserver = class {
	constructor() { throw new Error('test: the mount fails'); }
};`;

async function open(
	path: string
): Promise<{ page: Page; errors: string[]; done: () => Promise<void> }> {
	const context = await chromium().newContext({ baseURL });
	await context.addInitScript(BREAK_MOUNT);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	await page.goto(path);
	return { page, errors, done: () => context.close() };
}

describe('a lab that fails while it mounts', () => {
	it('says so in a lesson, in place of the lab, and reports the error', async () => {
		const { page, errors, done } = await open('/en/why-orchestration');
		try {
			const slot = page.locator('.lab-widget').first();
			await slot.scrollIntoViewIfNeeded();
			// A lesson's lab loads when the reader asks for it: its Start button.
			await startLab(page);
			await expect
				.poll(() => slot.getByRole('status').textContent(), { timeout: 30_000 })
				.toBe(LOAD_FAILURE.en);
			// Not half a widget behind the message, nor one still being mounted out of sight.
			expect(await slot.locator('figure.lab').count()).toBe(0);
			expect(await slot.getAttribute('aria-busy')).toBe('true');
			expect(errors.some((e) => e.includes('test: the mount fails'))).toBe(true);
		} finally {
			await done();
		}
	});

	it('says so on the /embed route, in place of its first paint', async () => {
		const { page, errors, done } = await open('/embed/node-failure');
		try {
			const alert = page.getByRole('alert');
			await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toBe(LOAD_FAILURE.en);
			expect(await page.locator('figure.lab').count()).toBe(0);
			expect(await page.locator('.first-paint').count()).toBe(0);
			expect(await page.getByText(LOADING.en).count()).toBe(0);
			expect(errors.some((e) => e.includes('test: the mount fails'))).toBe(true);
		} finally {
			await done();
		}
	});
});
