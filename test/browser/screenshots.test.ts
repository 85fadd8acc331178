import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, showAt, sidewaysOverflow, stopNode2UntilNotReady, useChromium } from './browser';

const baseURL = inject('baseURL');
const OUT = 'test-results/screenshots';
const chromium = useChromium();

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

const WIDTHS = [1280, 390];
const SCHEMES = ['light', 'dark'] as const;

describe('screenshots (for a human to look at)', () => {
	// One page, node-2 stopped once, then seen at each width in each scheme.
	it('lesson at 1280 and 390 px, light and dark, with node-2 NotReady', async () => {
		const { page, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			await stopNode2UntilNotReady(page);
			await page.waitForTimeout(1_000); // let the status flash finish
			for (const width of WIDTHS) {
				for (const colorScheme of SCHEMES) {
					await showAt(page, width, colorScheme);
					await page.evaluate(() => window.scrollTo(0, 0));
					// Nothing may stick out sideways on a phone.
					const overflow = await sidewaysOverflow(page);
					expect(overflow, `${width}px ${colorScheme}`).toBe(0);

					await page.screenshot({
						path: `${OUT}/lesson-en-${width}-${colorScheme}.png`,
						fullPage: true
					});
					await page.locator('.lab-widget').screenshot({
						path: `${OUT}/widget-en-${width}-${colorScheme}.png`
					});
				}
			}
		} finally {
			await close();
		}
	});

	// A lesson's labs before the reader starts one: the first paints, built with the site.
	it('a lab’s first paint at 1280 and 390 px, light and dark, its Start button focused', async () => {
		const context = await chromium().newContext({ baseURL });
		try {
			const page = await context.newPage();
			await page.goto('/en/why-orchestration');
			await page.waitForLoadState('load');
			const slot = page.locator('.lab-widget').first();
			await page.locator('.lab-widget[data-listening]').first().waitFor({ state: 'attached' });
			for (const width of WIDTHS) {
				for (const colorScheme of SCHEMES) {
					await showAt(page, width, colorScheme);
					const overflow = await sidewaysOverflow(page);
					expect(overflow, `${width}px ${colorScheme}`).toBe(0);
					await slot.locator('.lab-start').focus();
					await slot.screenshot({ path: `${OUT}/first-paint-${width}-${colorScheme}.png` });
				}
			}
			// Still a picture: nothing of the lab was built.
			expect(await slot.locator('.first-paint .fp-card').count()).toBe(4);
			expect(await page.locator('g.node').count()).toBe(0);
		} finally {
			await context.close();
		}
	});

	it('home and the Chinese lesson at 390px', async () => {
		for (const path of ['/', '/zh/why-orchestration']) {
			const { page, close } = await openPage(chromium(), baseURL, path, {
				viewport: { width: 390, height: 900 }
			});
			try {
				const name = path === '/' ? 'home' : 'lesson-zh';
				await page.screenshot({ path: `${OUT}/${name}-390-light.png`, fullPage: true });
			} finally {
				await close();
			}
		}
	});
});
