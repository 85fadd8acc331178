import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardStatus, useChromium, openPage, simulatedTime, waitForSimulatedTime } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

/** The `kubectl get nodes` row of `node`, split into columns. */
async function kubectlRow(page: Page, node: string): Promise<string[] | undefined> {
	const output = (await page.locator('pre.kubectl').textContent()) ?? '';
	return output
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.find((columns) => columns[0] === node);
}

/** Runs the clock to 60 simulated seconds after `from`, then checks the cluster's view. */
async function expectNode2NotReadyAfterAMinute(page: Page, from: number) {
	// NotReady comes at most 50 s of grace + 5 s monitor period + 5 s of observation delay after
	// the last heartbeat, which was before the stop.
	await waitForSimulatedTime(page, from + 61_000);
	expect(await cardStatus(page, 'node-2')).toBe('NotReady');
	for (const other of ['control-plane', 'node-1', 'node-3']) {
		expect(await cardStatus(page, other), other).toBe('Ready');
	}
	expect(await page.locator('g.node[data-node="node-2"]').textContent()).toContain('Power: off');
	await page.waitForFunction(() =>
		/^node-2\s+NotReady\s/m.test(document.querySelector('pre.kubectl')?.textContent ?? '')
	);
	expect((await kubectlRow(page, 'node-2'))?.[1]).toBe('NotReady');
	expect((await kubectlRow(page, 'node-1'))?.[1]).toBe('Ready');
}

describe('NodeFailureLab on /en/why-orchestration', () => {
	it('does not play until asked, and shows four Ready nodes and their kubectl rows', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			expect(await page.locator('.clock-value').textContent()).toBe('00:00');
			await page.waitForTimeout(300);
			expect(await simulatedTime(page)).toBe(0);
			expect(await page.locator('g.node').count()).toBe(4);
			for (const node of ['control-plane', 'node-1', 'node-2', 'node-3']) {
				expect(await cardStatus(page, node), node).toBe('Ready');
				expect((await kubectlRow(page, node))?.[1], node).toBe('Ready');
			}
			// Every node can be stopped from the widget, the control plane too.
			expect(await page.locator('button.node-button').allTextContents()).toEqual([
				'Stop control-plane',
				'Stop node-1',
				'Stop node-2',
				'Stop node-3'
			]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('by mouse: Play, Stop node-2, and after a simulated minute node-2 is NotReady', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await page.getByLabel('Speed').selectOption('30');
			await page.getByRole('button', { name: 'Stop node-2' }).click();
			const stoppedAt = await simulatedTime(page);

			// The machine is off at once; the control plane has not noticed yet.
			const card = page.locator('g.node[data-node="node-2"]');
			expect(await card.getAttribute('data-running')).toBe('false');
			expect(await page.getByRole('button', { name: 'Start node-2' }).count()).toBe(1);

			await expectNode2NotReadyAfterAMinute(page, stoppedAt);
			expect(await page.locator('ol.log').textContent()).toContain('node-2');

			// Starting it again: the next heartbeat brings it back.
			await page.getByRole('button', { name: 'Start node-2' }).click();
			await page.waitForFunction(
				() =>
					document.querySelector('g.node[data-node="node-2"] .status-word')?.textContent ===
					'Ready',
				undefined,
				{ timeout: 20_000 }
			);
			await page.getByRole('button', { name: 'Pause' }).click();
			const pausedAt = await simulatedTime(page);
			await page.waitForTimeout(300);
			expect(await simulatedTime(page)).toBe(pausedAt);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('by keyboard: Tab to Play and to Stop node-2, press Enter, node-2 goes NotReady', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			async function tabTo(name: string) {
				for (let i = 0; i < 80; i++) {
					await page.keyboard.press('Tab');
					const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
					if (focused === name) return;
				}
				throw new Error(`Tab never reached "${name}"`);
			}
			await tabTo('Play');
			await page.keyboard.press('Enter');
			expect(await page.locator('button.play').textContent()).toContain('Pause');

			await page.getByLabel('Speed').selectOption('30');
			await page.getByLabel('Speed').focus();
			await tabTo('Stop node-2');
			expect(
				await page.evaluate(() => document.activeElement?.matches(':focus-visible') ?? false)
			).toBe(true);
			await page.keyboard.press('Enter');
			const stoppedAt = await simulatedTime(page);
			expect(await page.locator('g.node[data-node="node-2"]').getAttribute('data-running')).toBe(
				'false'
			);

			await expectNode2NotReadyAfterAMinute(page, stoppedAt);
			// Focus stays on the (relabelled) button, so the learner can start the node again.
			expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start node-2');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('pauses while scrolled out of view and resumes when back', async () => {
		const { page, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await waitForSimulatedTime(page, 2_000);
			await page.evaluate(() => window.scrollTo(0, 0));
			await page.waitForFunction(() =>
				document.querySelector('.run-state')?.textContent?.startsWith('Waiting')
			);
			const hiddenAt = await simulatedTime(page);
			await page.waitForTimeout(500);
			expect(await simulatedTime(page)).toBe(hiddenAt);
			await page.locator('.lab-widget').scrollIntoViewIfNeeded();
			await waitForSimulatedTime(page, hiddenAt + 1_000);
		} finally {
			await close();
		}
	});

	it('narrates what the control plane noticed through a polite live region', async () => {
		const { page, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			const live = page.locator('.lab-widget [aria-live="polite"]');
			expect(await live.count()).toBe(1);
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await page.getByLabel('Speed').selectOption('30');
			await page.getByRole('button', { name: 'Stop node-2' }).click();
			await page.waitForFunction(
				() => /node-2/.test(document.querySelector('[aria-live="polite"]')?.textContent ?? ''),
				undefined,
				{ timeout: 10_000 }
			);
			const stoppedAt = await simulatedTime(page);
			await waitForSimulatedTime(page, stoppedAt + 60_000);
			await page.waitForFunction(
				() =>
					/NotReady|not ready|Unknown/i.test(
						document.querySelector('[aria-live="polite"]')?.textContent ?? ''
					),
				undefined,
				{ timeout: 10_000 }
			);
		} finally {
			await close();
		}
	});
});
