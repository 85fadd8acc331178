/**
 * The scheduler view in the built site (the `scheduling` scenario's embed page): what its
 * table says agrees with the same lab run in Node (same seed, same lines) at start, after
 * play/pause, after console lines, and after seeking back and forward; the pod picker and the
 * table work from the keyboard; axe finds nothing; nothing is fetched from another origin; and
 * screenshots (light/dark × 1280/390 px) for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Lab, SchedulingDecision, SchedulingNodeRow } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	filterSummary,
	filterText,
	MAX_LISTED_PODS,
	podOptions,
	shownPod,
	verdict
} from '../../src/viz/views/scheduler-table';
import {
	axeInBothSchemes,
	openPage,
	showAt,
	sidewaysOverflow,
	simulatedTime,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const SCENARIO = SCENARIOS.scheduling;
const PAGE = '/embed/scheduling?views=cluster,scheduler,timeline,console';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The scenario in Node, built as the widget builds it, then `lines` at the times given. */
function labInNode(steps: readonly (string | number)[] = []): Lab {
	const lab = scenarioLab(SCENARIO.id, 'kubernetes');
	for (const step of steps) {
		if (typeof step === 'number') lab.advance(step);
		else expect(lab.exec(step).ok, step).toBe(true);
	}
	return lab;
}

interface ShownTable {
	pod: string;
	verdict: string;
	rows: {
		node: string;
		outcome: string;
		/** The one Filters cell of the compact table ('' when each filter has its column). */
		summary: string;
		filters: { plugin: string; result: string; text: string }[];
		scores: { plugin: string; weighted: number }[];
		total: string | null;
	}[];
}

/** What the table says, read from the DOM. */
function shownTable(page: Page): Promise<ShownTable> {
	return page.evaluate(() => {
		const table = document.querySelector<HTMLTableElement>('.scheduler table');
		return {
			pod: table?.dataset.pod ?? '',
			verdict: document.querySelector('.scheduler .verdict')?.textContent?.trim() ?? '',
			rows: [...(table?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? [])].map((tr) => ({
				node: tr.dataset.node ?? '',
				outcome: tr.dataset.outcome ?? '',
				summary: (() => {
					const td = tr.querySelector<HTMLElement>('td.filter-summary');
					return td ? `${td.dataset.result}: ${td.textContent?.replace(/\s+/g, ' ').trim()}` : '';
				})(),
				filters: [...tr.querySelectorAll<HTMLElement>('td.filter')].map((td) => ({
					plugin: td.dataset.plugin ?? '',
					result: td.dataset.result ?? '',
					text: td.textContent?.trim() ?? ''
				})),
				scores: [...tr.querySelectorAll<HTMLElement>('td.score')].map((td) => ({
					plugin: td.dataset.plugin ?? '',
					weighted: Number(td.dataset.weighted)
				})),
				total: tr.querySelector<HTMLElement>('td.total')?.dataset.total ?? null
			}))
		};
	});
}

/** What the table should say for the pod the view shows, from the lab in Node. */
function expectedTable(lab: Lab, picked?: string, eachFilter = false): ShownTable {
	const decisions = lab.schedulingDecisions();
	const key = shownPod(picked, decisions, podOptions(lab.snapshot().units, 'en'));
	const d = decisions.find((x) => `${x.namespace}/${x.pod}` === key) as SchedulingDecision;
	return {
		pod: key ?? '',
		verdict: verdict(d, 'en'),
		rows: d.rows.map((r) => ({
			node: r.node,
			outcome: r.outcome,
			summary: eachFilter || r.outcome === 'not-evaluated' ? '' : summaryText(r),
			filters: (eachFilter ? r.filters : []).map((f) => ({
				plugin: f.plugin,
				result: f.result,
				text: filterText(f, 'en')
			})),
			scores: r.scores.map((s) => ({ plugin: s.plugin, weighted: s.weighted })),
			total: r.total === undefined ? null : String(r.total)
		}))
	};
}

/** The compact Filters cell: `pass: all 8 passed` or `fail: Plugin: reasons`. */
function summaryText(row: SchedulingNodeRow): string {
	const s = filterSummary(row, 'en');
	return `${s.result}: ${s.plugin ? `${s.plugin}: ` : ''}${s.text}`;
}

async function run(page: Page, line: string) {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

async function open(options: Parameters<typeof openPage>[3] = {}) {
	const opened = await openPage(chromium(), baseURL, PAGE, options);
	await opened.page.locator('.scheduler table').waitFor();
	return opened;
}

/** Picks a pod in the view's picker and waits for its table. */
async function pick(page: Page, key: string) {
	await page.getByLabel('Pod', { exact: true }).selectOption(key);
	await page.locator(`.scheduler table[data-pod="${key}"]`).waitFor();
}

async function scrubTo(page: Page, t: number) {
	await page.locator('.scrubber').fill(String(t));
	await page.waitForFunction(
		(target) =>
			document.querySelector<HTMLElement>('.clock-value')?.dataset.clock === String(target),
		t
	);
}

describe('the scheduler view', () => {
	it('shows the pod tried last, node by node, as the lab in Node decided it', async () => {
		const { page, errors, requests, close } = await open();
		try {
			const lab = labInNode();
			const newest = lab.schedulingDecisions().at(-1);
			const shown = await shownTable(page);
			expect(shown.pod).toBe(`${newest?.namespace}/${newest?.pod}`);
			expect(shown).toEqual(expectedTable(lab));
			// huge fits nowhere: every node rejected, in the scheduler's words, and the event text.
			await pick(page, 'default/huge');
			const huge = await shownTable(page);
			expect(huge).toEqual(expectedTable(lab, 'default/huge'));
			expect(huge.rows.every((r) => r.outcome === 'rejected')).toBe(true);
			expect(await page.locator('.scheduler .message pre').textContent()).toBe(
				lab.scheduling('default', 'huge')?.message
			);
			expect(errors).toEqual([]);
			expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
		} finally {
			await close();
		}
	});

	it('is operated from the keyboard: pick a pod, then scroll the table', async () => {
		const { page, errors, close } = await open({ reducedMotion: 'reduce' });
		try {
			const picker = page.getByLabel('Pod', { exact: true });
			// Tab through the page until the picker has focus (no clicks).
			for (
				let i = 0;
				i < 40 && !(await picker.evaluate((el) => el === document.activeElement));
				i++
			)
				await page.keyboard.press('Tab');
			expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true);
			const values = await picker.evaluate((el) =>
				[...(el as HTMLSelectElement).options].map((o) => o.value)
			);
			const from = values.indexOf(await picker.inputValue());
			const to = values.indexOf('default/trainer');
			for (let i = from; i !== to; i += Math.sign(to - from))
				await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
			await page.waitForFunction(
				() =>
					document.querySelector<HTMLElement>('.scheduler table')?.dataset.pod === 'default/trainer'
			);
			const lab = labInNode();
			expect(await shownTable(page)).toEqual(expectedTable(lab, 'default/trainer'));
			// The winner is marked with text and an icon, not by colour alone.
			const chosen = page.locator('.scheduler tr[data-outcome="chosen"]');
			expect(await chosen.getAttribute('data-node')).toBe('node-3');
			expect(await chosen.locator('.outcome').textContent()).toContain('chosen');
			expect(await chosen.locator('.outcome svg').count()).toBe(1);

			// Next: the switch that gives each filter its own column.
			await page.keyboard.press('Tab');
			const toggle = page.getByRole('button', { name: 'Show each filter' });
			expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
			expect(await toggle.getAttribute('aria-pressed')).toBe('false');
			await page.keyboard.press('Space');
			expect(await toggle.getAttribute('aria-pressed')).toBe('true');
			expect(await shownTable(page)).toEqual(expectedTable(lab, 'default/trainer', true));

			// Next stop: the table's scroll region, with a visible focus ring.
			await page.keyboard.press('Tab');
			const region = page.locator('.scheduler .scroll');
			expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
			expect(await region.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
			expect(await region.getAttribute('aria-label')).toContain('trainer');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('follows play, pause, console lines and seeks back and forward', async () => {
		const { page, errors, close } = await open({ reducedMotion: 'reduce' });
		try {
			await page.getByLabel('Speed').selectOption('30');
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await page.waitForFunction(
				() => Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock) > 3000
			);
			await page.getByRole('button', { name: 'Pause' }).click();
			const t1 = await simulatedTime(page);
			expect(await shownTable(page)).toEqual(expectedTable(labInNode([t1])));

			// Freeing node-2 is a cluster event: huge is tried again, and fits nowhere still.
			// kubectl delete waits until the pod is gone, so the clock ends past t1 + 30 s.
			const lines = ['kubectl delete pod batch', 'sim advance 30s'];
			for (const line of lines) await run(page, line);
			const after = labInNode([t1, ...lines]);
			await page.waitForFunction(
				(t) => Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock) === t,
				after.now()
			);
			expect(await shownTable(page)).toEqual(expectedTable(after));
			expect(await page.locator('.scheduler .meta').textContent()).toContain(
				`Attempt ${after.scheduling('default', 'huge')?.attempt},`
			);
			// batch is gone from the picker.
			expect(await page.locator('.scheduler option[value="default/batch"]').count()).toBe(0);

			await scrubTo(page, 1000);
			const back = labInNode([t1, ...lines]);
			back.seek(1000);
			expect(await shownTable(page)).toEqual(expectedTable(back));
			expect(await page.locator('.scheduler option[value="default/batch"]').count()).toBe(1);

			// End (keyboard) goes forward to the furthest time reached, the recorded lines
			// replaying on the way.
			await page.locator('.scrubber').press('End');
			await page.waitForFunction(
				(t) => Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock) > t,
				t1 + 29_000
			);
			const forward = await simulatedTime(page);
			after.seek(forward);
			expect(await shownTable(page)).toEqual(expectedTable(after));
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('speaks Chinese when asked', async () => {
		const { page, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/scheduling?views=scheduler&lang=zh'
		);
		try {
			await page.locator('.scheduler table').waitFor();
			expect(await page.locator('.scheduler .panel-title').textContent()).toContain('调度器');
			expect(await page.locator('.scheduler .verdict').textContent()).toMatch(/被绑定到|无法调度/);
		} finally {
			await close();
		}
	});

	it('has no axe violations, light or dark', async () => {
		const { page, close } = await open();
		try {
			// The scored pod too: its table has the score columns.
			await pick(page, 'default/web');
			expect(await axeInBothSchemes(page)).toEqual([]);
		} finally {
			await close();
		}
	});

	// One page, seen at both widths in both schemes: the pod that fits, then the one that fits
	// nowhere with each filter in its own column.
	it('fits 1280 and 390 px (light and dark) and is photographed', async () => {
		const { page, close } = await open();
		try {
			const combos = [1280, 390].flatMap((width) =>
				(['light', 'dark'] as const).map((colorScheme) => ({ width, colorScheme }))
			);
			await pick(page, 'default/trainer');
			for (const { width, colorScheme } of combos) {
				await showAt(page, width, colorScheme);
				expect(await sidewaysOverflow(page), `${width}px ${colorScheme}`).toBe(0);
				await page.locator('.scheduler').screenshot({
					path: `${OUT}/scheduler-${width}-${colorScheme}.png`
				});
			}
			await pick(page, 'default/huge');
			await page.getByRole('button', { name: 'Show each filter' }).click();
			await page.locator('.scheduler td.filter').first().waitFor();
			for (const { width, colorScheme } of combos) {
				await showAt(page, width, colorScheme);
				expect(await sidewaysOverflow(page), `each filter, ${width}px ${colorScheme}`).toBe(0);
				await page.locator('.scheduler').screenshot({
					path: `${OUT}/scheduler-each-filter-${width}-${colorScheme}.png`
				});
			}
		} finally {
			await close();
		}
	});
});

describe('the scheduler view of a big lab', () => {
	it('lists 200 of 1,500 pods and finds the others by name', async () => {
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/big-cluster?views=scheduler'
		);
		try {
			const view = page.locator('.scheduler');
			const select = view.getByLabel('Pod', { exact: true });
			await select.waitFor();
			// The first 200, and the pod shown (the one tried last) if it is not among them.
			const listed = await select.locator('option').count();
			expect([MAX_LISTED_PODS, MAX_LISTED_PODS + 1]).toContain(listed);
			expect(await view.locator('.listed').textContent()).toBe(
				`Listing ${listed} of 1500 pods: type part of a name to find others.`
			);
			// A pod far down the list: typed, listed (with the one shown), picked, explained.
			const lab = scenarioLab('big-cluster', 'kubernetes');
			const far = lab.snapshot().units.at(-1)!;
			await view.getByLabel('Find a pod').fill(far.name.slice(-5));
			await expect
				.poll(() => select.locator('option').allTextContents())
				.toContainEqual(expect.stringContaining(far.name));
			expect(await select.locator('option').count()).toBeLessThanOrEqual(3);
			await select.selectOption(`${far.namespace}/${far.name}`);
			// Explained, or said to be forgotten (a big lab keeps the latest attempts only).
			expect(await select.inputValue()).toBe(`${far.namespace}/${far.name}`);
			await expect
				.poll(() => view.locator('.verdict, .note').first().textContent())
				.toContain(far.name);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
