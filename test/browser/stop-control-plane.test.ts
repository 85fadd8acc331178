/**
 * The control plane and the Swarm managers can be powered off from their cards, as the lessons
 * ask (a control plane down: the pods keep serving; a manager down: Raft elects a new leader),
 * by mouse and by keyboard, and on the canvas from the node picker. After every step the cards
 * and the console's `kubectl get nodes` / `docker node ls` are those of a lab run in Node with
 * the same seed and lines; axe finds nothing; screenshots for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import type { Flavor } from '../../src/engine/types';
import type { ScenarioId } from '../../src/viz/scenarios';
import { clusterSummary } from '../../src/viz/views/cluster-summary';
import { scenarioLab } from '../../src/viz/scenario-lab';
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

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The scenario's lab in Node: its set-up, then `lines`, as the widget ran them. */
function labInNode(id: ScenarioId, flavor: Flavor, lines: readonly string[]) {
	const lab = scenarioLab(id, flavor);
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
	return lab;
}

async function run(page: Page, line: string) {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

/** What the console printed for the last line: its stdout, or its stderr. */
async function lastAnswer(page: Page): Promise<string> {
	return (
		(await page.locator('.console .entry.out, .console .entry.err').last().textContent()) ?? ''
	);
}

function cardStates(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll<SVGGElement>('g.node')].map((card) => ({
			name: card.dataset.node,
			status: card.dataset.status,
			running: card.dataset.running
		}))
	);
}

/** The cards and the console's node listing are the headless lab's after `lines`. */
async function expectSameAsNode(
	page: Page,
	id: ScenarioId,
	flavor: Flavor,
	lines: readonly string[]
) {
	const lab = labInNode(id, flavor, lines);
	const nodes = lab.snapshot().nodes.map((n) => ({
		name: n.name,
		status: n.status,
		running: String(n.running)
	}));
	await expect.poll(() => cardStates(page)).toEqual(nodes);
	expect(await simulatedTime(page)).toBe(lab.now());
	const list = flavor === 'kubernetes' ? 'kubectl get nodes' : 'docker node ls';
	await run(page, list);
	const r = lab.exec(list);
	expect((await lastAnswer(page)).trim()).toBe((r.ok ? r.output : r.error!).trim());
}

/** Card parts (the name, the Stop/Start button) that stick out of their card's frame. */
function outsideTheirCards(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<SVGGElement>('g.node')].flatMap((card) => {
			const frame = card.querySelector('rect.frame')!.getBoundingClientRect();
			return [...card.querySelectorAll('text.name, button.node-button')]
				.filter((part) => {
					const r = part.getBoundingClientRect();
					return (
						r.left < frame.left - 0.5 ||
						r.right > frame.right + 0.5 ||
						r.bottom > frame.bottom + 0.5
					);
				})
				.map((part) => `${card.dataset.node}: ${part.tagName}`);
		})
	);
}

/**
 * What each card's button shows: its verb (or, on a narrow card, the icon in its place) and the
 * node's name, and whether anything is cut off (an ellipsis).
 */
function buttonLabels(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLButtonElement>('button.node-button')].map((button) => {
			const verb = button.querySelector('.verb')!;
			const icon = button.querySelector('.node-icon')!;
			return {
				verb: verb.getBoundingClientRect().width > 1,
				icon: icon.getBoundingClientRect().width > 0,
				name: button.querySelector('.who')!.textContent,
				cut: button.scrollWidth > button.clientWidth
			};
		})
	);
}

async function looksAndAxe(page: Page, name: string) {
	for (const [width, colorScheme] of [
		[1280, 'light'],
		[390, 'dark']
	] as const) {
		await showAt(page, width, colorScheme);
		const overflow = await sidewaysOverflow(page);
		expect(overflow, `${width}px ${colorScheme}`).toBe(0);
		expect(await outsideTheirCards(page), `${width}px`).toEqual([]);
		// Each button shows its node's whole name: `Stop control-plane-1` wide, the icon and
		// `control-plane-1` on a phone (truncated, two buttons would read alike).
		const nodes = await cardStates(page);
		expect(await buttonLabels(page), `${width}px`).toEqual(
			nodes.map((node) => ({ verb: width > 390, icon: width === 390, name: node.name, cut: false }))
		);
		expect(await axeViolations(page), colorScheme).toEqual([]);
		await page.screenshot({ path: `${OUT}/${name}-${width}-${colorScheme}.png`, fullPage: true });
	}
}

const VIEWS = 'views=cluster,console,kubectl&lang=en';

/** Opens an embed page and waits for its node cards (embeds load their lab on the client). */
async function openEmbed(path: string) {
	const opened = await openPage(chromium(), baseURL, path, { reducedMotion: 'reduce' });
	await opened.page.locator('g.node button.node-button').first().waitFor({ state: 'attached' });
	return opened;
}

describe('stopping the control plane and the managers from their cards', () => {
	it('control-plane-ha: stop control-plane-1 by click, control-plane-2 by keyboard', async () => {
		const id = 'control-plane-ha';
		const { page, errors, close } = await openEmbed(`/embed/${id}?${VIEWS}`);
		try {
			// Every card has its button, the control plane's first.
			expect(await page.locator('button.node-button').allTextContents()).toEqual([
				'Stop control-plane-1',
				'Stop control-plane-2',
				'Stop control-plane-3',
				'Stop node-1',
				'Stop node-2',
				'Stop node-3'
			]);
			const lines: string[] = [];
			await page.getByRole('button', { name: 'Stop control-plane-1', exact: true }).click();
			lines.push('sim node stop control-plane-1');
			await expect
				.poll(() => page.getByRole('button', { name: 'Start control-plane-1' }).count())
				.toBe(1);
			await run(page, 'sim advance 1m');
			lines.push('sim advance 1m');
			// One of three down: the API answers through the others; control-plane-1 is NotReady.
			await expectSameAsNode(page, id, 'kubernetes', lines);
			expect(await lastAnswer(page)).toMatch(/control-plane-1\s+NotReady/);

			const second = page.getByRole('button', { name: 'Stop control-plane-2', exact: true });
			await second.focus();
			await page.keyboard.press('Enter');
			lines.push('sim node stop control-plane-2');
			await run(page, 'sim advance 30s');
			lines.push('sim advance 30s');
			// Two of three etcd members down: no quorum, the API does not answer.
			await expectSameAsNode(page, id, 'kubernetes', lines);
			await looksAndAxe(page, 'stop-control-plane');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('swarm-managers: stop manager-2 by keyboard, then the leader by click, and start it again', async () => {
		const id = 'swarm-managers';
		const { page, errors, close } = await openEmbed(`/embed/${id}?${VIEWS}`);
		try {
			const lines: string[] = [];
			const stop = page.getByRole('button', { name: 'Stop manager-2', exact: true });
			await stop.focus();
			await page.keyboard.press('Space');
			lines.push('sim node stop manager-2');
			await run(page, 'sim advance 1m');
			lines.push('sim advance 1m');
			await expectSameAsNode(page, id, 'swarm', lines);
			expect(await lastAnswer(page)).toMatch(/manager-2\s+Down/);

			await page.getByRole('button', { name: 'Stop manager-1', exact: true }).click();
			lines.push('sim node stop manager-1');
			await run(page, 'sim advance 30s');
			lines.push('sim advance 30s');
			await expectSameAsNode(page, id, 'swarm', lines);

			await page.getByRole('button', { name: 'Start manager-1', exact: true }).click();
			lines.push('sim node start manager-1');
			await run(page, 'sim advance 1m');
			lines.push('sim advance 1m');
			// Two managers of three again: a quorum, and a leader elected while manager-1 was off.
			await expectSameAsNode(page, id, 'swarm', lines);
			expect(await lastAnswer(page)).toMatch(/Leader/);
			await looksAndAxe(page, 'stop-manager');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('big-cluster (canvas): the node picker stops the control plane from the keyboard', async () => {
		const id = 'big-cluster';
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			`/embed/${id}?views=cluster&lang=en`
		);
		try {
			const select = page.getByLabel('Node', { exact: true });
			await select.focus();
			await select.selectOption('control-plane');
			const button = page.locator('button.node-toggle');
			expect(await button.textContent()).toBe('Stop control-plane');
			await button.focus();
			await page.keyboard.press('Enter');
			await expect.poll(() => button.textContent()).toBe('Start control-plane');
			const after = labInNode(id, 'kubernetes', ['sim node stop control-plane']).snapshot();
			await expect
				.poll(() => page.locator('canvas.cluster-canvas').getAttribute('aria-label'))
				.toBe(clusterSummary(after.nodes, after.units, 'en'));
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
