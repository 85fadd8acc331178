/**
 * Narrated and side-by-side labs through the `/embed` route and the `<orchestra-lab>` element:
 * what they draw agrees with headless labs run here (same seed + same lines = same state), they
 * work from the keyboard, a wrong or hostile value is refused as text and never run, axe finds
 * nothing — also on pages with several labs (unique landmark names) — and screenshots light/dark
 * × 1280/390 px are saved for a human to look at.
 *
 * For speed, each page is opened once and looked at in both colour schemes and at both widths
 * (`emulateMedia`, `setViewportSize`) rather than reopened for each.
 */
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import type { Flavor, Lab } from '../../src/engine/types';
import { SCENARIOS, type ScenarioId } from '../../src/viz/scenarios';
import {
	axeInBothSchemes,
	openPage,
	showAt,
	sidewaysOverflow,
	startAllLabs,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const NARRATED = '/embed/node-failure?narrated=1&views=cluster,timeline';
const SIDE = '/embed/node-failure-both?layout=side-by-side';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The scenario's lab as the widget builds it, before anything plays. */
function headless(id: ScenarioId, flavor: Flavor): Lab {
	const found = SCENARIOS[id];
	const lab = createLab({ flavor, seed: found.seed, workers: found.workers });
	for (const line of found.setup[flavor]) lab.exec(line);
	lab.advance(0);
	return lab;
}

/** Node cards and their pods, as drawn, equal the headless lab's snapshot. */
async function expectCardsToMatch(scope: Locator, lab: Lab) {
	const snap = lab.snapshot();
	const shown = await scope
		.locator('g.node')
		.evaluateAll((cards) =>
			cards.map((c) => `${c.getAttribute('data-node')}:${c.getAttribute('data-status')}`)
		);
	expect(shown).toEqual(snap.nodes.map((n) => `${n.name}:${n.status}`));
	for (const node of snap.nodes) {
		const pods = await scope
			.locator(`g.node[data-node="${node.name}"] g.pod:not(.exiting)`)
			.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
		const expected = snap.units.filter((u) => u.node === node.name).map((u) => u.status);
		expect(pods.sort(), node.name).toEqual(expected.sort());
	}
}

/** Waits until the story stands, waiting, at step `n`; returns its moment (ms). */
async function waitForStep(scope: Locator, n: number): Promise<number> {
	await expect
		.poll(
			async () =>
				`${await scope.locator('.narration').getAttribute('data-waiting')}|${await scope
					.locator('.narration .step')
					.getAttribute('data-step')}`,
			{ timeout: 45_000, interval: 100 }
		)
		.toBe(`true|${n}`);
	return Number(await scope.locator('.narration .moment').getAttribute('data-t'));
}

async function clockOf(scope: Locator): Promise<number> {
	return Number(await scope.locator('.clock-value').getAttribute('data-clock'));
}

/** Presses Tab until `target` has the focus (and shows it); fails after 40 presses. */
async function tabTo(page: Page, target: Locator) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el.matches(':focus-visible'))) return;
	}
	throw new Error('could not reach the control with Tab');
}

describe('/embed in narrated mode', () => {
	it('tells the story: stops at the lab’s own moments, and Next goes on (keyboard)', async () => {
		const { page, errors, requests, close } = await openPage(chromium(), baseURL, NARRATED);
		try {
			const w = page.locator('.lab');
			await w.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await w.locator('.narration').count()).toBe(1);
			expect(await w.locator('.timeline').count()).toBe(1);
			expect(await w.locator('.console').count()).toBe(0);
			expect(await waitForStep(w, 1)).toBe(0);
			await expectCardsToMatch(w, headless('node-failure', 'kubernetes'));

			// By keyboard: the speed, then Next.
			await w.getByLabel('Speed').selectOption('100');
			const next = w.getByRole('button', { name: 'Next', exact: true });
			await tabTo(page, next);
			await page.keyboard.press('Enter');
			const running = await waitForStep(w, 2);
			expect(running).toBeGreaterThan(0);
			expect(await clockOf(w)).toBe(running);
			await page.waitForTimeout(300);
			expect(await clockOf(w)).toBe(running); // the clock waits for Next
			const lab = headless('node-failure', 'kubernetes');
			lab.advance(running);
			await expectCardsToMatch(w, lab);

			// Next runs the caption's line (node-2 off) and the clock to the next moment.
			await page.keyboard.press('Enter');
			const quiet = await waitForStep(w, 3);
			expect(await clockOf(w)).toBe(quiet);
			lab.exec('sim node stop node-2');
			lab.advance(quiet - running);
			await expectCardsToMatch(w, lab);
			expect(await w.locator('g.node[data-node="node-2"]').getAttribute('data-running')).toBe(
				'false'
			);

			expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('/embed side by side', () => {
	it('shows both clusters as two headless labs have them, under one clock', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, `${SIDE}&lang=zh`);
		try {
			const w = page.locator('.side-by-side');
			await w.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
			for (const flavor of ['kubernetes', 'swarm'] as const) {
				await expectCardsToMatch(
					w.locator(`section.side[data-flavor="${flavor}"]`),
					headless('node-failure-both', flavor)
				);
			}
			// Embedded: no Embed button; the comparison table is there.
			expect(await w.getByRole('button', { name: '嵌入' }).count()).toBe(0);
			expect(await w.locator('.compare tr[data-row]').count()).toBe(4);

			// Step moves both labs to the next event, by keyboard; one clock for both.
			const step = w.getByRole('button', { name: '跳到下一个事件' });
			await tabTo(page, step);
			await page.keyboard.press('Enter');
			await expect.poll(() => clockOf(w)).toBeGreaterThan(0);
			const clock = w.locator('.clock-value');
			expect(await clock.getAttribute('data-clock-kubernetes')).toBe(
				await clock.getAttribute('data-clock-swarm')
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

/** Top and height of each part of the lab (its caption, controls, views, panels), in px. */
function partsOf(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('.lab > :not(.visually-hidden), .lab .panels > *')].map((el) => {
			const box = el.getBoundingClientRect();
			return `${el.tagName.toLowerCase()}.${el.classList[0]} at ${Math.round(box.top)} × ${Math.round(box.height)}`;
		})
	);
}

/**
 * showAt for a page without scripts: its frames are not waited for (no animation frame ever
 * runs there); reading the layout lays it out.
 */
async function stillAt(page: Page, width: number, colorScheme: 'light' | 'dark') {
	await page.setViewportSize({ width, height: 900 });
	await page.emulateMedia({ colorScheme });
}

describe('/embed’s first paint (prerendered, before the lab’s code)', () => {
	it('shows the lab at 00:00 in the live lab’s frames, then the live lab in its place', async () => {
		// Without scripts: what the browser draws before any code has run.
		const still = await openPage(chromium(), baseURL, '/embed/node-failure', {
			javaScriptEnabled: false
		});
		const live = await openPage(chromium(), baseURL, '/embed/node-failure');
		try {
			const first = still.page.locator('.first-paint');
			expect(await first.getAttribute('inert')).not.toBeNull();
			expect(await first.locator('figcaption').textContent()).toContain(
				'one control-plane node and 3 worker nodes'
			);
			// The cluster's placeholder: a card frame per node of the lab, named.
			const cards = await first.locator('.fp-card b').allTextContents();
			expect(cards).toEqual(
				headless('node-failure', 'kubernetes')
					.snapshot()
					.nodes.map((n) => n.name)
			);

			// Live: one lab, shown, the first paint gone.
			await live.page.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await live.page.locator('figure').count()).toBe(1);
			expect(await live.page.locator('.first-paint').count()).toBe(0);
			expect(await live.page.locator('[aria-busy="true"]').count()).toBe(0);
			await expectCardsToMatch(live.page.locator('.lab'), headless('node-failure', 'kubernetes'));

			// Every part of the lab where the first paint had it: nothing moves when the lab
			// takes its place (the cluster and the Raft ring are sized for the width in CSS).
			for (const width of [1280, 390]) {
				await stillAt(still.page, width, 'light');
				await showAt(live.page, width, 'light');
				await expect
					.poll(() => partsOf(live.page), { timeout: 5_000 })
					.toEqual(await partsOf(still.page));
			}
			for (const width of [1280, 390]) {
				for (const colorScheme of ['light', 'dark'] as const) {
					await stillAt(still.page, width, colorScheme);
					// The first screen is what a reader sees before the lab is live.
					await still.page.screenshot({
						path: `${OUT}/embed-first-paint-${width}-${colorScheme}.png`
					});
				}
			}
			expect(live.requests.every((url) => url.startsWith(baseURL))).toBe(true);
			expect(live.errors).toEqual([]);
		} finally {
			await still.close();
			await live.close();
		}
	});

	it('is hidden before it is drawn when the query asks for another lab', async () => {
		const context = await chromium().newContext({ baseURL });
		try {
			const page = await context.newPage();
			// The lab's code never arrives: what shows is what the HTML alone draws.
			await page.route('**/_app/immutable/**/*.js', () => undefined);
			await page.goto('/embed/node-failure?lang=zh&views=cluster', {
				waitUntil: 'domcontentloaded'
			});
			expect(await page.locator('.first-paint').isVisible()).toBe(false);
			expect(await page.getByRole('status').textContent()).toContain(
				'Loading the simulated cluster'
			);
		} finally {
			await context.close();
		}
	});
});

describe('/embed refuses a wrong mode as text', () => {
	it.each([
		[
			'/embed/node-failure?layout=side-by-side',
			'Layout “side-by-side” needs a scenario with two flavours: node-failure runs on kubernetes only.'
		],
		['/embed/node-failure?narrated=yes', 'Bad narrated “yes”'],
		[
			'/embed/node-failure-both?layout=side-by-side&views=cluster',
			'Parameter “views” does not go with layout “side-by-side”.'
		]
	])('%s', async (path, message) => {
		const { page, close } = await openPage(chromium(), baseURL, path);
		try {
			await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain(message);
			expect(await page.locator('figure').count()).toBe(0);
		} finally {
			await close();
		}
	});

	it('shows a hostile layout as text, and runs nothing', async () => {
		const payload = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			`/embed/node-failure-both?layout=${encodeURIComponent(payload)}&narrated=${encodeURIComponent(payload)}`
		);
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		try {
			const alert = page.locator('[role="alert"]');
			await expect.poll(() => alert.locator('li').count()).toBe(2);
			expect(await alert.textContent()).toContain(`Unknown layout “${payload}”`);
			await page.waitForTimeout(300);
			expect(await page.locator('img, main script:not([src])').count()).toBe(0);
			expect(await page.locator('figure').count()).toBe(0);
			expect(dialogs).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

/** A page of ours with three elements: narrated, side by side, and a plain one of the same scenario. */
const MODES_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Modes</title><script src="/orchestra-lab.js" defer></script></head><body><main><h1>Three labs</h1>
<orchestra-lab id="narrated" scenario="node-failure" views="cluster,timeline" narrated></orchestra-lab>
<orchestra-lab id="side" scenario="node-failure-both" layout="side-by-side" lang="zh"></orchestra-lab>
<orchestra-lab id="plain" scenario="node-failure" views="cluster,kubectl,timeline,console"></orchestra-lab>
<orchestra-lab id="bad" scenario="node-failure-both" layout="side-by-side" narrated></orchestra-lab>
</main></body></html>`;

async function openModes(options: Parameters<typeof openPage>[3] = {}) {
	const opened = await openPage(chromium(), baseURL, '/', options);
	await opened.page.route(`${baseURL}/modes.html`, (route) =>
		route.fulfill({ contentType: 'text/html; charset=utf-8', body: MODES_PAGE })
	);
	await opened.page.goto('/modes.html');
	for (const id of ['#narrated', '#side', '#plain']) {
		await opened.page.locator(id).scrollIntoViewIfNeeded();
		await opened.page.locator(`${id} g.node`).first().waitFor({ state: 'attached' });
	}
	return opened;
}

describe('<orchestra-lab> in both modes', () => {
	it('narrated and side by side as the headless labs have them; unique region names; axe', async () => {
		const { page, errors, close } = await openModes();
		try {
			const narrated = page.locator('#narrated');
			expect(await waitForStep(narrated, 1)).toBe(0);
			await expectCardsToMatch(narrated, headless('node-failure', 'kubernetes'));
			const side = page.locator('#side');
			for (const flavor of ['kubernetes', 'swarm'] as const) {
				await expectCardsToMatch(
					side.locator(`section.side[data-flavor="${flavor}"]`),
					headless('node-failure-both', flavor)
				);
			}
			expect(await side.getByRole('button', { name: '播放' }).count()).toBe(1);
			// The element is a guest: it adds no <main>, banner or contentinfo to the host page.
			const landmarks = await page.evaluate(() =>
				[...document.querySelectorAll('orchestra-lab')].reduce(
					(n, el) =>
						n +
						(el.shadowRoot?.querySelectorAll(
							'main, header, footer, [role="main"], [role="banner"], [role="contentinfo"]'
						).length ?? 0),
					0
				)
			);
			expect(landmarks).toBe(0);
			// The combination that makes no sense is refused, as text.
			await page.locator('#bad').scrollIntoViewIfNeeded();
			expect(await page.locator('#bad [role="alert"]').textContent()).toContain(
				'Parameter “narrated” does not go with layout “side-by-side”.'
			);
			expect(errors).toEqual([]);

			// Region landmarks (named sections and role=region) across the three shadow roots.
			const names = await page.evaluate(() => {
				const out: string[] = [];
				for (const host of document.querySelectorAll('orchestra-lab')) {
					const root = host.shadowRoot;
					if (!root) continue;
					for (const el of root.querySelectorAll('section[aria-labelledby], [role="region"]')) {
						const label = el.getAttribute('aria-label');
						const ids = el.getAttribute('aria-labelledby');
						const text = label
							? label
							: (ids ?? '')
									.split(' ')
									.map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
									.join(' ');
						out.push(text.replace(/\s+/g, ' ').trim());
					}
				}
				return out;
			});
			expect(names.length).toBeGreaterThan(6);
			expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
			// The first lab keeps the plain names; the others carry their number.
			const numbered = /\(lab \d\)$|（实验 \d）$/;
			expect(names.filter((n) => !numbered.test(n)).length).toBeGreaterThan(2);
			expect(names.filter((n) => /\(lab [23]\)$|（实验 [23]）$/.test(n)).length).toBeGreaterThan(3);

			// axe, with three labs on the page.
			expect(await axeInBothSchemes(page)).toEqual([]);
		} finally {
			await close();
		}
	});
});

/** Saves a full-page screenshot at each width and colour scheme, checking nothing spills sideways. */
async function screenshots(page: Page, name: string, before?: () => Promise<void>) {
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await before?.();
			const overflow = await sidewaysOverflow(page);
			expect(overflow, `${name} at ${width}px`).toBe(0);
			await page.screenshot({
				path: `${OUT}/${name}-${width}-${colorScheme}.png`,
				fullPage: true
			});
		}
	}
}

describe('axe on pages with two labs and on the mode routes; screenshots (for a human)', () => {
	const SHOTS: Record<string, string> = {
		[NARRATED]: 'embed-narrated',
		[SIDE]: 'embed-side-by-side'
	};
	for (const path of ['/en/side-by-side', '/zh/side-by-side', NARRATED, SIDE]) {
		it(`${path} (light and dark)${SHOTS[path] ? ', at 1280 and 390 px' : ''}`, async () => {
			const { page, close } = await openPage(chromium(), baseURL, path);
			try {
				const labs = page.locator('figure');
				await page.locator('g.node').first().waitFor({ state: 'attached' });
				// Every lab of the page started (a lesson's first paints wait for the reader).
				await startAllLabs(page);
				for (const slot of await page.locator('.lab-widget').all()) {
					await slot.locator('g.node').first().waitFor({ state: 'attached' });
				}
				expect(await labs.count()).toBeGreaterThan(0);
				expect(await axeInBothSchemes(page)).toEqual([]);
				const shot = SHOTS[path];
				if (shot === undefined) return;
				if (path === NARRATED) await waitForStep(page.locator('.lab'), 1);
				await page.locator('button.play').focus(); // the focus ring, for the eye
				await screenshots(page, shot, async () => {
					// Let the layout settle at the new width (the views redraw on resize).
					await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
				});
			} finally {
				await close();
			}
		});
	}

	it('the page with three elements, at 1280 and 390 px (light and dark)', async () => {
		const { page, close } = await openModes();
		try {
			await screenshots(page, 'element-modes', async () => {
				await page.evaluate(() => window.scrollTo(0, 0));
				await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
			});
		} finally {
			await close();
		}
	});
});
