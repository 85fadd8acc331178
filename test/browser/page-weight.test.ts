/**
 * What a page downloads is what its labs need (issue 5: JavaScript per page): an English lesson
 * never fetches the narration's Chinese tellings, while a Chinese lesson's timeline tells its
 * events in Chinese (the tellings load with its lab: src/viz/widgets/narration-langs.ts); and
 * the docs page, which only checks and titles scenarios, never fetches a scenario's set-up.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, startLab, useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

/** A Chinese retelling (narration-zh.ts: a pod scheduled to a node) and its event kind. */
const ZH_SCHEDULED = '被调度到';
/** A scenario's set-up line (src/viz/scenarios.ts, node-failure), as the built code spells it. */
const SETUP_LINE = 'kubectl create deployment web --image=nginx --replicas=3';

/** The JavaScript bodies a page fetched, collected as they arrive. */
function collectScripts(page: Page): Promise<string>[] {
	const bodies: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.url().endsWith('.js')) bodies.push(response.text().catch(() => ''));
	});
	return bodies;
}

/** Opens `path`, loads its first lab (openPage scrolls to it), and returns the scripts fetched. */
async function scriptsOf(path: string) {
	const context = await chromium().newContext({ baseURL });
	const page = await context.newPage();
	const bodies = collectScripts(page);
	await page.goto(path);
	return { page, bodies, close: () => context.close() };
}

describe('scripts a page fetches', () => {
	it('an English lesson runs its lab without the Chinese narration', async () => {
		const { page, bodies, close } = await scriptsOf('/en/why-orchestration');
		try {
			await startLab(page);
			const scheduled = page.locator('.timeline li[data-kind="pod.scheduled"]').first();
			await scheduled.waitFor({ timeout: 60_000 });
			expect(await scheduled.textContent()).toMatch(/Pod \S+ scheduled to node-\d/);
			const scripts = await Promise.all(bodies);
			// The lab's engine and views were fetched, and none of them holds a Chinese telling.
			expect(scripts.some((s) => s.includes("the server doesn't have a resource type"))).toBe(true);
			expect(scripts.filter((s) => s.includes(ZH_SCHEDULED))).toEqual([]);
		} finally {
			await close();
		}
	});

	it('a Chinese lesson tells its timeline in Chinese', async () => {
		const { page, bodies, close } = await scriptsOf('/zh/why-orchestration');
		try {
			// The first paint, built with the site, already tells it in Chinese.
			const painted = page.locator('.first-paint .timeline li[data-kind="pod.scheduled"]');
			expect(await painted.first().textContent()).toMatch(new RegExp(`${ZH_SCHEDULED} node-\\d`));
			await startLab(page);
			const scheduled = page.locator('.timeline li[data-kind="pod.scheduled"]').first();
			await scheduled.waitFor({ timeout: 60_000 });
			// Told in the widget's language: no `lang` of its own, Chinese words, the node's name.
			expect(await scheduled.getAttribute('lang')).toBeNull();
			expect(await scheduled.textContent()).toMatch(new RegExp(`${ZH_SCHEDULED} node-\\d`));
			const scripts = await Promise.all(bodies);
			expect(scripts.filter((s) => s.includes(ZH_SCHEDULED))).toHaveLength(1);
		} finally {
			await close();
		}
	});

	it('the docs page and its element loader fetch no scenario set-up before a lab is near', async () => {
		// A phone's screen: the first live example is below the fold, so no lab is near.
		const { page, requests, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/en/docs/embed',
			{
				viewport: { width: 412, height: 823 }
			}
		);
		try {
			expect(requests.filter((url) => url.includes('/orchestra-lab/'))).toEqual([]);
			const scripts = await Promise.all(
				(
					await page.evaluate(() =>
						performance
							.getEntriesByType('resource')
							.map((e) => e.name)
							.filter((url) => url.endsWith('.js'))
					)
				).map((url) => fetch(url).then((r) => r.text()))
			);
			expect(scripts.some((s) => s.includes('customElements.define'))).toBe(true);
			// The scenario table is there (titles from the catalogue), its set-ups are not.
			expect(await page.locator('li code', { hasText: 'node-failure-both' }).count()).toBe(1);
			expect(scripts.filter((s) => s.includes(SETUP_LINE))).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
