/**
 * The traffic view in the built site (/embed/rolling-update-traffic and /embed/routing-mesh):
 * what it draws agrees with a lab run in Node with the same seed and lines (backends by node,
 * counters, failures by reason), through play/pause and seeking back and forward; its controls
 * work from the keyboard and send `sim traffic` lines; request dots fly only when motion is
 * allowed; axe finds nothing; screenshots light and dark at 1280 and 390 px.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import type { Lab } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { backendGroups, failureCounts } from '../../src/viz/views/traffic-model';
import {
	axeInBothSchemes,
	openPage,
	startAllLabs,
	showAt,
	sidewaysOverflow,
	simulatedTime,
	startLab,
	useChromium,
	waitForSimulatedTime
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const ROLLING = '/embed/rolling-update-traffic?views=cluster,traffic,timeline,console';
const MESH = '/embed/routing-mesh?views=cluster,traffic,console';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

type ScenarioName = 'rolling-update-traffic' | 'routing-mesh' | 'ingress-traffic';

/** The same lab in Node: the scenario's set-up (as the widget runs it), then `lines`. */
function labInNode(id: ScenarioName, lines: readonly string[] = []): Lab {
	const lab = scenarioLab(id, SCENARIOS[id].flavors[0]);
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
	return lab;
}

interface Shown {
	totals: Record<string, string>;
	rows: { backend: string; node: string; hits: number; failed: number; state: string }[];
	table: { backend: string; node: string; hits: string }[];
	failures: { reason: string; count: number }[];
}

/** What the view says: counters, the diagram's backend rows, the table, the failure list. */
function shown(page: Page): Promise<Shown> {
	return page.evaluate(() => {
		const view = document.querySelector('.traffic')!;
		const totals: Record<string, string> = {};
		for (const dd of view.querySelectorAll<HTMLElement>('[data-total]'))
			totals[dd.dataset.total!] = (dd.firstChild?.textContent ?? '').trim();
		const rows = [...view.querySelectorAll<SVGGElement>('g.row')].map((g) => ({
			backend: g.dataset.backend ?? '',
			node: g.dataset.node ?? '',
			hits: Number(g.dataset.hits),
			failed: Number(g.dataset.failed),
			state: g.dataset.state ?? ''
		}));
		const table = [...view.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => ({
			backend: tr.dataset.backend ?? '',
			node: tr.dataset.node ?? '',
			hits: tr.querySelector('[data-col="hits"]')?.textContent?.trim() ?? ''
		}));
		const failures = [...view.querySelectorAll<HTMLElement>('.failures li')].map((li) => ({
			reason: li.dataset.reason ?? '',
			count: Number(li.dataset.count)
		}));
		return { totals, rows, table, failures };
	});
}

const n = (x: number) => x.toLocaleString('en-US');

/** What the view should say for the lab's snapshot now. */
function expected(lab: Lab): Shown {
	const snap = lab.snapshot();
	const s = snap.traffic![0]!;
	const groups = backendGroups(s, snap.nodes, snap.units);
	const rows = groups.flatMap((g) =>
		g.rows.map((r) => ({
			backend: r.backend,
			node: r.node,
			hits: r.hits,
			failed: r.failed,
			state: r.state
		}))
	);
	return {
		totals: {
			sent: n(s.sent),
			succeeded: n(s.succeeded),
			failed: n(s.failed),
			stale: n(s.stale),
			rate: expect.any(String) as unknown as string
		},
		rows,
		table: rows.map((r) => ({ backend: r.backend, node: r.node, hits: n(r.hits) })),
		failures: failureCounts(s.failures)
	};
}

async function run(page: Page, line: string) {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

async function scrubTo(page: Page, t: number) {
	await page.locator('.scrubber').fill(String(t));
	await waitForSimulatedTime(page, t);
	await page.waitForFunction(
		(target) =>
			document.querySelector<HTMLElement>('.clock-value')?.dataset.clock === String(target),
		t
	);
}

describe('the traffic view (rolling update through a NodePort)', () => {
	it('agrees with the lab: at the start, after typed lines, and through a node failure', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, ROLLING, {
			reducedMotion: 'reduce'
		});
		try {
			await page.locator('.traffic g.row').first().waitFor({ state: 'attached' });
			expect(await simulatedTime(page)).toBe(30_000);
			expect(await shown(page)).toEqual(expected(labInNode('rolling-update-traffic')));
			expect(await page.locator('.traffic-title').textContent()).toContain(
				'service/web via nodeport'
			);

			const lines = ['sim advance 30s'];
			for (const line of lines) await run(page, line);
			const done = labInNode('rolling-update-traffic', lines);
			const afterRollout = await shown(page);
			expect(afterRollout).toEqual(expected(done));
			// The old pods are gone, their answered counts kept; the new ones answer now.
			expect(afterRollout.rows.filter((r) => r.state === 'gone')).toHaveLength(3);
			expect(afterRollout.rows.filter((r) => r.state === 'ok')).toHaveLength(3);
			expect(afterRollout.failures).toEqual([]);

			const fault = ['sim node stop node-2', 'sim advance 20s'];
			for (const line of fault) await run(page, line);
			const lab = labInNode('rolling-update-traffic', [...lines, ...fault]);
			const during = await shown(page);
			expect(during).toEqual(expected(lab));
			// Failures: a count per reason in words, with a cross, on the failing pod's row too.
			expect(during.failures.map((f) => f.reason).sort()).toEqual(['timeout', 'unreachable']);
			const list = page.locator('.traffic .failures li');
			expect(await list.first().locator('svg path').getAttribute('d')).toMatch(/^M-4 -4L4 4/);
			expect(
				await page.locator('.traffic .failures li[data-reason="timeout"]').textContent()
			).toContain('timeout');
			const failing = during.rows.filter((r) => r.failed > 0);
			expect(failing.map((r) => r.node)).toEqual(['node-2']);
			const row = page.locator(
				`.traffic g.row[data-node="node-2"][data-failed="${failing[0]!.failed}"]`
			);
			expect(await row.locator('path.fail-cross').getAttribute('d')).not.toBe('');
			expect(await row.locator('text.counts').textContent()).toContain(
				`✕ ${n(failing[0]!.failed)}`
			);
			expect(
				await page.locator(`.traffic tbody tr[data-node="node-2"] .fail-cell`).first().textContent()
			).toContain('timeout');
			expect(
				await page.locator('.traffic g.group[data-node="node-2"] text.header').textContent()
			).toContain('off');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('follows play, pause and seeking back and forward', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, ROLLING, {
			reducedMotion: 'reduce'
		});
		try {
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await waitForSimulatedTime(page, 36_000);
			await page.getByRole('button', { name: 'Pause' }).click();
			const t = await simulatedTime(page);
			const lab = labInNode('rolling-update-traffic');
			lab.advance(t - lab.now());
			expect(await shown(page)).toEqual(expected(lab));

			// On to a whole second (the scrubber's step), about 20 s later.
			const end = Math.ceil(t / 1000) * 1000 + 20_000;
			await run(page, `sim advance ${end - t}ms`);
			lab.advance(end - t);
			const atEnd = expected(lab);
			expect(await shown(page)).toEqual(atEnd);

			await scrubTo(page, 33_000);
			lab.seek(33_000);
			expect(await shown(page)).toEqual(expected(lab));
			await scrubTo(page, 50_000);
			lab.seek(50_000);
			expect(await shown(page)).toEqual(expected(lab));
			await page.locator('.scrubber').press('End');
			await waitForSimulatedTime(page, end);
			expect(await simulatedTime(page)).toBe(end);
			expect(await shown(page)).toEqual(atEnd);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('is driven from the keyboard: rate, change, stop and start send sim traffic lines', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, ROLLING, {
			reducedMotion: 'reduce'
		});
		try {
			const focused = () =>
				page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					const style = el === null ? undefined : getComputedStyle(el);
					return {
						cls: el?.className ?? '',
						text: el?.textContent?.trim() ?? '',
						outline: style === undefined ? 'none' : style.outlineStyle
					};
				});
			let reached = false;
			for (let i = 0; i < 60 && !reached; i++) {
				await page.keyboard.press('Tab');
				reached = (await focused()).cls.includes('rate-input');
			}
			expect(reached).toBe(true);
			expect((await focused()).outline).not.toBe('none');
			await page.keyboard.press('Control+A');
			await page.keyboard.type('80');
			await page.keyboard.press('Enter');
			expect(await page.locator('.traffic .sent-line').textContent()).toBe(
				'$ sim traffic web 80/s --via nodeport'
			);
			await page.keyboard.press('Tab'); // the Change rate button
			expect((await focused()).text).toBe('Change rate');
			expect((await focused()).outline).not.toBe('none');
			await page.keyboard.press('Tab');
			expect((await focused()).text).toBe('Stop traffic');
			await page.keyboard.press('Enter');
			expect(await page.locator('.traffic .sent-line').textContent()).toBe(
				'$ sim traffic stop web'
			);
			// The Stop button is gone with the running stream; the keyboard is left on Start.
			expect((await focused()).text).toBe('Start traffic');
			expect(await page.locator('.traffic [data-total="rate"]').textContent()).toContain('stopped');
			await run(page, 'sim advance 5s');
			const lab = labInNode('rolling-update-traffic', [
				'sim traffic web 80/s --via nodeport',
				'sim traffic stop web',
				'sim advance 5s'
			]);
			expect(lab.snapshot().traffic![0]!.running).toBe(false);
			expect(await shown(page)).toEqual(expected(lab));

			// Start again from the keyboard.
			await page.getByRole('button', { name: 'Start traffic' }).focus();
			await page.keyboard.press('Enter');
			expect(await page.locator('.traffic .sent-line').textContent()).toBe(
				'$ sim traffic web 80/s --via nodeport'
			);
			expect(await page.getByRole('button', { name: 'Stop traffic' }).count()).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('sends request dots along their paths, and none when motion is reduced', async () => {
		for (const reducedMotion of ['no-preference', 'reduce'] as const) {
			const { page, errors, close } = await openPage(chromium(), baseURL, ROLLING, {
				reducedMotion
			});
			try {
				await page.getByLabel('Speed').selectOption('1');
				await page.getByRole('button', { name: 'Play', exact: true }).click();
				let most = 0;
				for (let i = 0; i < 15; i++) {
					await page.waitForTimeout(100);
					most = Math.max(most, await page.locator('.traffic g.dots .dot').count());
				}
				await page.getByRole('button', { name: 'Pause' }).click();
				if (reducedMotion === 'reduce') {
					expect(most).toBe(0);
					// Instead, the row that answered last says so, in words.
					expect(await page.locator('.traffic text.last-mark:not(:empty)').count()).toBe(1);
					expect(await page.locator('.traffic .dots-note').textContent()).toContain('◀ last');
				} else {
					expect(most).toBeGreaterThan(0);
				}
				expect(errors).toEqual([]);
			} finally {
				await close();
			}
		}
	});

	// One page with failures on screen, seen at both widths in both schemes; axe in both schemes.
	it('with failures on screen: nothing sticks out, screenshots (1280/390, light/dark), axe finds nothing', async () => {
		const { page, close } = await openPage(chromium(), baseURL, ROLLING);
		try {
			await run(page, 'sim advance 10s');
			await run(page, 'sim node stop node-2');
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await waitForSimulatedTime(page, 48_000);
			await page.getByRole('button', { name: 'Pause' }).click();
			await page.locator('.traffic .failures li').first().waitFor();
			for (const width of [1280, 390]) {
				for (const colorScheme of ['light', 'dark'] as const) {
					await showAt(page, width, colorScheme);
					const overflow = await sidewaysOverflow(page);
					expect(overflow, `${width}px ${colorScheme}`).toBe(0);
					await page.locator('.traffic').screenshot({
						path: `${OUT}/traffic-${width}-${colorScheme}.png`
					});
				}
			}
			await page.setViewportSize({ width: 1280, height: 900 });
			expect(await axeInBothSchemes(page, { include: '.traffic' })).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('the traffic view (swarm routing mesh)', () => {
	it('agrees with the lab, in Chinese too', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, `${MESH}&lang=zh`, {
			reducedMotion: 'reduce',
			viewport: { width: 1280, height: 900 }
		});
		try {
			await page.locator('.traffic g.row').first().waitFor({ state: 'attached' });
			expect(await shown(page)).toEqual(expected(labInNode('routing-mesh')));
			const lines = ['sim advance 10s', 'sim node stop worker-2', 'sim advance 10s'];
			for (const line of lines) await run(page, line);
			const lab = labInNode('routing-mesh', lines);
			const now = await shown(page);
			expect(now).toEqual(expected(lab));
			expect(now.failures.length).toBeGreaterThan(0);
			expect(await page.locator('.traffic-title').textContent()).toContain('流量');
			expect(await page.locator('.traffic .failures li').first().textContent()).toMatch(/（.+）/);
			// The mesh: every node is a way in, each with its IPVS.
			expect(await page.locator('.traffic g.entry').count()).toBe(lab.snapshot().nodes.length);
			await page.locator('.traffic').screenshot({ path: `${OUT}/traffic-mesh-zh-1280-light.png` });
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('the load-balancing lesson', () => {
	it('draws the traffic diagram before its lab starts, for a phone and across a wide page, where the live one will be', async () => {
		const lab = labInNode('rolling-update-traffic');
		const stream = lab.snapshot().traffic![0]!;
		const rows = backendGroups(stream, lab.snapshot().nodes, lab.snapshot().units).flatMap(
			(g) => g.rows
		);
		for (const [width, shown] of [
			[390, 'phone'],
			[1280, 'across']
		] as const) {
			const context = await chromium().newContext({ baseURL, viewport: { width, height: 900 } });
			try {
				const page = await context.newPage();
				await page.goto('/en/load-balancing');
				await page.waitForLoadState('load');
				const paint = page.locator('.lab-widget').first().locator('.first-paint .diagram');
				// The drawing that fits the width shows; the other is there, hidden.
				const visible = paint.locator('svg:visible');
				expect(await visible.count(), `${width}px`).toBe(1);
				expect(await visible.getAttribute('class')).toContain(shown);
				// Every node a way in, the service, and each backend with its answered count.
				expect(await visible.locator('g.entry').count()).toBe(lab.snapshot().nodes.length);
				expect(await visible.locator('g.service text.name').textContent()).toBe(stream.target);
				expect(
					await visible.locator('g.row').evaluateAll((gs) => gs.map((g) => g.dataset.hits))
				).toEqual(rows.map((r) => String(r.hits)));
				const before = await paint.boundingBox();
				await startLab(page);
				const live = page.locator('.lab-widget').first().locator('.traffic .diagram');
				await live.locator('g.row').first().waitFor();
				// Nothing below moves when the live diagram takes the first paint's place.
				expect((await live.boundingBox())?.height).toBeCloseTo(before!.height, 0);
				expect(await live.locator('svg.phone').count()).toBe(0);
			} finally {
				await context.close();
			}
		}
	});

	for (const lang of ['en', 'zh'] as const) {
		it(`places the traffic view; axe finds nothing (${lang}, light and dark)`, async () => {
			const { page, errors, close } = await openPage(
				chromium(),
				baseURL,
				`/${lang}/load-balancing`,
				{
					reducedMotion: 'reduce'
				}
			);
			try {
				// A lesson's labs wait for the reader: each is started.
				await startAllLabs(page);
				const first = page.locator('.lab-widget').first();
				await first.scrollIntoViewIfNeeded();
				await first.locator('.traffic g.row').first().waitFor({ state: 'attached' });
				expect(await first.locator('.traffic-title').textContent()).toContain('service/web');
				// The same numbers as the embed: the scenario at 00:30.
				const lab = labInNode('rolling-update-traffic');
				expect(await first.locator('[data-total="sent"]').textContent()).toContain(
					n(lab.snapshot().traffic![0]!.sent)
				);
				// The Swarm lab further down: the mesh, every node a way in.
				const mesh = page.locator('.lab-widget').nth(1);
				await mesh.scrollIntoViewIfNeeded();
				await mesh.locator('.traffic g.row').first().waitFor({ state: 'attached' });
				expect(await mesh.locator('.traffic-title').textContent()).toContain('mesh');
				// The last: an Ingress in front of two Services, its controller a pod of its own.
				const ingress = page.locator('.lab-widget').last();
				await ingress.scrollIntoViewIfNeeded();
				await ingress.locator('.traffic g.row').first().waitFor({ state: 'attached' });
				expect(await ingress.locator('.traffic-title').textContent()).toContain('ingress/shop');
				const shop = labInNode('ingress-traffic').snapshot().traffic!;
				expect(shop.map((s) => s.failed)).toEqual([0, 0]);
				// The host and path fit in the service box.
				const [textWidth, boxWidth] = await ingress
					.locator('.traffic g.service')
					.evaluate((g) => [
						(g.querySelector('text.role') as SVGTextElement).getBBox().width,
						(g.querySelector('rect') as SVGRectElement).getBBox().width
					]);
				expect(textWidth).toBeLessThanOrEqual(boxWidth);
				await ingress.screenshot({ path: `${OUT}/lesson-ingress-${lang}-1280-light.png` });
				expect(await axeInBothSchemes(page)).toEqual([]);
				expect(errors).toEqual([]);
			} finally {
				await close();
			}
		});
	}
});
