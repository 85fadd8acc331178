/**
 * The cluster view's canvas renderer, on a cluster just past its threshold (`big-cluster`,
 * 150 workers × 10 pods; 500 × 20 takes ~20 s to set up in the browser, too long to load five
 * times here): a canvas instead of thousands of SVG nodes, a summary label that agrees with a
 * headless lab run of the same lines at the same moment, a click on a node's tile and the
 * keyboard picker stopping nodes with the same command lines, repaints only of what changed and
 * none while paused, device pixel ratio honoured, axe clean, and screenshots light/dark ×
 * 1280/390 px.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createLab } from '../../src/engine/index';
import type { LabSnapshot } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	groupUnits,
	maxPodsPerNode,
	tileLayout,
	tilePosition
} from '../../src/viz/views/cluster-layout';
import { clusterSummary } from '../../src/viz/views/cluster-summary';
import {
	axeViolations,
	openPage,
	showAt,
	sidewaysOverflow,
	simulatedTime,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const SCENARIO = SCENARIOS['big-cluster'];
const EMBED = '/embed/big-cluster?views=cluster';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The same lab in Node: the scenario's set-up, then `lines`, then the clock to `t`. */
function labInNode(lines: readonly string[], t = 0) {
	const lab = createLab({ seed: SCENARIO.seed, workers: SCENARIO.workers });
	for (const line of SCENARIO.setup.kubernetes) lab.exec(line);
	lab.advance(0); // as the widget does: what the set-up set off at time 0 has run
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
	if (t > 0) lab.advance(t - lab.now());
	return lab;
}

/** Counts the canvas's fill calls, to tell a repaint of one tile from a repaint of all. */
const COUNT_FILLS = `(() => {
	const proto = CanvasRenderingContext2D.prototype;
	const fill = proto.fill;
	window.__fills = 0;
	proto.fill = function (...args) { window.__fills++; return fill.apply(this, args); };
})()`;

async function fills(page: Page): Promise<number> {
	return Number(await page.evaluate('window.__fills'));
}

async function openCanvas(options: Parameters<typeof openPage>[3] = {}) {
	const opened = await openPage(chromium(), baseURL, EMBED, options);
	await opened.page
		.locator('canvas.cluster-canvas[aria-label]')
		.waitFor({ state: 'attached', timeout: 60_000 });
	return opened;
}

function label(page: Page): Promise<string | null> {
	return page.locator('canvas.cluster-canvas').getAttribute('aria-label');
}

/** Pods counted by status word, independently of the view's own summary code. */
function podCounts(snapshot: LabSnapshot): Map<string, number> {
	const counts = new Map<string, number>();
	for (const unit of snapshot.units) counts.set(unit.status, (counts.get(unit.status) ?? 0) + 1);
	return counts;
}

describe('cluster view on a canvas', () => {
	it('draws a canvas, agrees with the lab, and stops nodes by click and by keyboard', async () => {
		const { page, errors, requests, close } = await openCanvas({
			viewport: { width: 1280, height: 900 }
		});
		try {
			await page.evaluate(COUNT_FILLS);
			// Not thousands of SVG cards and chips: one canvas.
			expect(await page.locator('canvas.cluster-canvas').count()).toBe(1);
			expect(await page.locator('g.node, g.pod').count()).toBe(0);
			expect(await page.locator('canvas.cluster-canvas').getAttribute('role')).toBe('img');

			const start = labInNode([]).snapshot();
			expect(await simulatedTime(page)).toBe(start.t);
			expect(await label(page)).toBe(clusterSummary(start.nodes, start.units, 'en'));
			const shown = (await label(page)) ?? '';
			expect(shown).toContain(`${start.nodes.length} nodes: `);
			for (const [status, n] of podCounts(start)) {
				expect(shown).toContain(`${n.toLocaleString('en')} ${status}`);
			}

			// A click on node-5's tile sends the same line as the SVG card's button.
			const canvas = page.locator('canvas.cluster-canvas');
			const width = await page.locator('.canvas-scroll').evaluate((el) => el.clientWidth);
			const layout = tileLayout(
				width,
				start.nodes.length,
				maxPodsPerNode(groupUnits(start.units).byNode)
			);
			expect(await canvas.evaluate((el) => el.clientWidth)).toBe(layout.width);
			const index = start.nodes.findIndex((n) => n.name === 'node-5');
			const tile = tilePosition(layout, index);
			const before = await fills(page);
			await canvas.click({
				position: { x: tile.x + layout.tileWidth / 2, y: tile.y + layout.tileHeight / 2 }
			});
			const afterClick = labInNode(['sim node stop node-5']).snapshot();
			await expect
				.poll(() => label(page))
				.toBe(clusterSummary(afterClick.nodes, afterClick.units, 'en'));
			expect(await label(page)).toContain('1 powered off');
			// Only node-5's tile was repainted (a full repaint is over 150 tiles' worth of fills).
			const repainted = (await fills(page)) - before;
			expect(repainted).toBeGreaterThan(0);
			expect(repainted).toBeLessThan(40);

			// The keyboard path: pick node-7 in the list, press its button with Enter.
			const select = page.getByLabel('Node', { exact: true });
			await select.focus();
			await select.selectOption('node-7');
			const button = page.locator('button.node-toggle');
			expect(await button.textContent()).toBe('Stop node-7');
			await button.focus();
			await page.keyboard.press('Enter');
			const lines = ['sim node stop node-5', 'sim node stop node-7'];
			const afterKeys = labInNode(lines).snapshot();
			await expect
				.poll(() => label(page))
				.toBe(clusterSummary(afterKeys.nodes, afterKeys.units, 'en'));
			await expect.poll(() => button.textContent()).toBe('Start node-7');
			expect(await page.locator('option[value="node-7"]').textContent()).toContain('powered off');

			// Play past the node-monitor grace period (50 s, facts.md) and pause: the label is
			// the headless lab's at the same simulated time.
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await page.getByLabel('Speed').selectOption('30');
			await page.waitForFunction(
				() => Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock) > 70_000,
				undefined,
				{ timeout: 40_000 }
			);
			await page.getByRole('button', { name: 'Pause' }).click();
			const t = await simulatedTime(page);
			const later = labInNode(lines, t).snapshot();
			expect(await label(page)).toBe(clusterSummary(later.nodes, later.units, 'en'));
			expect(await label(page)).toContain('2 NotReady');

			// While the Player sleeps, nothing is repainted.
			const paused = await fills(page);
			await page.waitForTimeout(1_000);
			expect(await fills(page)).toBe(paused);

			expect(await axeViolations(page)).toEqual([]);
			expect(errors).toEqual([]);
			expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
		} finally {
			await close();
		}
	}, 120_000);

	// One page per width (the device pixel ratio is the context's), seen in both schemes.
	for (const width of [1280, 390]) {
		it(`screenshots at ${width}px, light and dark, with two nodes off`, async () => {
			const deviceScaleFactor = width === 390 ? 2 : 1;
			const { page, close } = await openCanvas({
				viewport: { width, height: 900 },
				deviceScaleFactor
			});
			try {
				for (const name of ['node-2', 'node-3']) {
					await page.getByLabel('Node', { exact: true }).selectOption(name);
					await page.getByRole('button', { name: `Stop ${name}` }).click();
				}
				await page.getByRole('button', { name: 'Play', exact: true }).click();
				await page.getByLabel('Speed').selectOption('30');
				await page.waitForFunction(
					() => Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock) > 70_000,
					undefined,
					{ timeout: 40_000 }
				);
				await page.getByRole('button', { name: 'Pause' }).click();
				expect(await label(page)).toContain('2 NotReady');

				// The backing store honours the device pixel ratio.
				const size = await page
					.locator('canvas.cluster-canvas')
					.evaluate((el: HTMLCanvasElement) => ({ w: el.width, css: el.clientWidth }));
				expect(size.w).toBe(size.css * deviceScaleFactor);
				for (const colorScheme of ['light', 'dark'] as const) {
					await showAt(page, width, colorScheme);
					// Nothing sticks out sideways on a phone.
					expect(await sidewaysOverflow(page), colorScheme).toBe(0);
					await page.screenshot({ path: `${OUT}/cluster-canvas-${width}-${colorScheme}.png` });
				}
			} finally {
				await close();
			}
		}, 90_000);
	}
});
