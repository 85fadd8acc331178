/**
 * Waits shared by the two widgets on /en/side-by-side: the narrated lab (the first widget) and
 * the side-by-side comparison (the second).
 */
import type { Page } from 'playwright-core';
import type { Flavor } from '../../src/engine/types';

/** Waits until the narrated story stands, waiting, at step `n`; returns its moment. */
export async function waitForStep(page: Page, n: number, timeout = 45_000): Promise<number> {
	await page.waitForFunction(
		(step) => {
			const box = document.querySelector('.lab-widget .narration');
			return (
				box?.getAttribute('data-waiting') === 'true' &&
				box.querySelector('.step')?.getAttribute('data-step') === String(step)
			);
		},
		n,
		{ timeout, polling: 50 }
	);
	return Number(
		await page.locator('.lab-widget').first().locator('.narration .moment').getAttribute('data-t')
	);
}

/**
 * Waits until the comparison table has a value in `row` for `flavor`. The player pauses a lab
 * that is off screen, so the comparison is kept in view while it waits: a layout shift above it
 * (another lab's first paint giving way to the live widget) must not leave it scrolled away and
 * stopped, which stalled this wait once in CI.
 */
export async function waitForValue(page: Page, row: string, flavor: Flavor, timeout = 45_000) {
	const deadline = Date.now() + timeout;
	for (;;) {
		await page.locator('.side-by-side').first().scrollIntoViewIfNeeded();
		try {
			await page.waitForFunction(
				([r, f]) =>
					(document
						.querySelector(`.side-by-side tr[data-row="${r}"] td[data-flavor="${f}"]`)
						?.getAttribute('data-value') ?? '') !== '',
				[row, flavor] as const,
				{ timeout: Math.max(1, Math.min(5_000, deadline - Date.now())), polling: 50 }
			);
			return;
		} catch (error) {
			if (Date.now() >= deadline) throw error;
		}
	}
}
