/**
 * The interview exercises in the built site: every exercise page, in English and in Chinese,
 * starts its lab, shows its goals unmet, and — once its published answer is typed into the
 * console — every goal met and said through the live region; axe finds nothing (light and dark)
 * and nothing sticks out sideways on a phone. The home page lists the exercises.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { EXERCISES, type Exercise } from '../../src/viz/exercises/catalog';
import {
	axeInBothSchemes,
	openPage,
	showAt,
	sidewaysOverflow,
	startLab,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

const PROGRESS = {
	en: { all: (n: number) => `All ${n} goals met. Well done.`, none: (n: number) => `0 of ${n}` },
	zh: {
		all: (n: number) => `全部 ${n} 个目标已达成，做得好。`,
		none: (n: number) => `已达成 0/${n}`
	}
};

async function type(widget: Locator, line: string) {
	const input = widget.locator('.console-input');
	const before = await widget.locator('.console .entry').count();
	await input.fill(line);
	await input.press('Enter');
	await expect
		.poll(async () => widget.locator('.console .entry').count(), { timeout: 20_000 })
		.toBeGreaterThan(before + 1);
}

// Every exercise in both languages (the live region speaks each page's language).
const CASES: [Exercise, 'en' | 'zh'][] = Object.values(EXERCISES).flatMap((e) => [
	[e, 'en'],
	[e, 'zh']
]);

describe('the interview exercises', () => {
	it.each(CASES.map(([e, lang]) => [e.id, lang, e] as const))(
		'/%s/%s: goals unmet at first, all met after the published answer; axe and a phone',
		async (slug, lang, exercise) => {
			const { page, errors, close } = await openPage(chromium(), baseURL, `/${lang}/${slug}`, {
				viewport: { width: 1280, height: 900 },
				reducedMotion: 'reduce'
			});
			try {
				const progress = page.locator('.exercise .progress');
				const n = exercise.goals.length;
				await startLab(page);
				await expect
					.poll(() => progress.textContent(), { timeout: 20_000 })
					.toMatch(new RegExp(PROGRESS[lang].none(n).replace('/', '\\/') + '|[1-9]'));
				expect(await page.locator('.exercise .goals li.met').count()).toBeLessThan(n);

				const widget = page.locator('.lab-widget').first();
				await widget.locator('.console-input').waitFor({ state: 'attached' });
				for (const line of exercise.solution) await type(widget, line);
				await expect
					.poll(() => progress.textContent(), { timeout: 20_000 })
					.toContain(PROGRESS[lang].all(n));
				expect(await page.locator('.exercise .goals li.met').count()).toBe(n);
				expect(await page.locator('.exercise [role=status]').textContent()).toContain(
					PROGRESS[lang].all(n)
				);
				expect(errors).toEqual([]);

				expect(await axeInBothSchemes(page)).toEqual([]);
				await showAt(page, 390, 'light');
				expect(await sidewaysOverflow(page)).toBe(0);
				await page.locator('.exercise .goals').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${OUT}/exercise-${lang}-${slug}-390.png`, fullPage: true });
			} finally {
				await close();
			}
		}
	);

	it('the home page lists every exercise in both languages', async () => {
		const { page, close } = await openPage(chromium(), baseURL, '/');
		try {
			for (const lang of ['en', 'zh']) {
				const links = await page
					.locator(`[aria-labelledby="exercises-${lang}"] a`)
					.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
				expect(links.map((href) => href.replace(/^.*\//, '')).sort()).toEqual(
					Object.keys(EXERCISES).sort()
				);
			}
		} finally {
			await close();
		}
	});
});
