/**
 * Narrated mode on /en/side-by-side (the first widget): the story stops the clock at the lab's
 * own moments, exactly (checked against a headless lab run of the same lines in this process),
 * waits for Next, goes back with the clock, and reads each caption into the live region. Its
 * looks (axe, screenshots) are checked with the other widget on the page, in side-by-side.test.ts.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import '../../src/engine/index';
import type { Lab } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { openPage, useChromium } from './browser';
import { waitForStep } from './side-by-side-page';

const baseURL = inject('baseURL');
const chromium = useChromium();
const PATH = '/en/side-by-side';

const widget = (page: Page) => page.locator('.lab-widget').first();

async function clockOf(w: Locator): Promise<number> {
	return Number(await w.locator('.clock-value').getAttribute('data-clock'));
}

/**
 * The node-failure scenario, headless, as the story drives it: node-2 stops at `stopAt` (if the
 * lab gets that far), and the lab runs to `until`.
 */
function headless(stopAt: number, until: number): Lab {
	const lab = scenarioLab('node-failure', 'kubernetes');
	if (until < stopAt) {
		lab.advance(until);
		return lab;
	}
	lab.advance(stopAt);
	lab.exec('sim node stop node-2');
	lab.advance(until - stopAt);
	return lab;
}

/** Card statuses and pods as the page draws them, and as the headless lab has them. */
async function expectCardsToMatch(w: Locator, lab: Lab) {
	const snap = lab.snapshot();
	for (const node of snap.nodes) {
		const card = w.locator(`g.node[data-node="${node.name}"]`);
		expect(await card.getAttribute('data-status'), node.name).toBe(node.status);
		expect(await card.getAttribute('data-running'), node.name).toBe(String(node.running));
		// A pod that left fades out for half a second: what is leaving is not drawn state.
		const pods = await card
			.locator('g.pod:not(.exiting)')
			.evaluateAll((els) =>
				els.map((el) => `${el.getAttribute('data-pod')}:${el.getAttribute('data-status')}`)
			);
		const expected = snap.units
			.filter((u) => u.node === node.name)
			.map((u) => `${u.name}:${u.status}`);
		expect(pods.sort(), node.name).toEqual(expected.sort());
	}
}

describe('narrated node failure on /en/side-by-side', () => {
	it('stops at each moment the lab reaches, exactly, until Next (mouse, 100×)', async () => {
		const { page, errors, requests, close } = await openPage(chromium(), baseURL, PATH);
		try {
			const w = widget(page);
			await w.scrollIntoViewIfNeeded();
			expect(await waitForStep(page, 1)).toBe(0);
			expect(await clockOf(w)).toBe(0);
			await page.waitForTimeout(300);
			expect(await clockOf(w)).toBe(0); // nothing plays by itself

			await w.getByLabel('Speed').selectOption('100');
			await w.getByRole('button', { name: 'Next', exact: true }).click();
			const running = await waitForStep(page, 2);
			// The moment all three pods run, in a lab of the same seed and lines.
			const reference = headless(Infinity, 60_000);
			const third = reference.events().filter((e) => e.kind === 'pod.running')[2]!.t;
			expect(running).toBe(third);
			expect(await clockOf(w)).toBe(running);
			await page.waitForTimeout(300);
			expect(await clockOf(w)).toBe(running); // held there

			await w.getByRole('button', { name: 'Next', exact: true }).click();
			const quiet = await waitForStep(page, 3);
			expect(quiet).toBe(running + 10_000);
			await expectCardsToMatch(w, headless(running, quiet));
			expect(await w.locator('g.node[data-node="node-2"]').getAttribute('data-status')).toBe(
				'Ready'
			);

			await w.getByRole('button', { name: 'Next', exact: true }).click();
			const notReady = await waitForStep(page, 4);
			const lab = headless(running, notReady);
			const detected = lab.events().find((e) => e.kind === 'node.notready')!.t;
			// At 100× a frame moves up to 10 s: the story sought back to the event itself.
			expect(notReady).toBe(detected);
			expect(await clockOf(w)).toBe(detected);
			await expectCardsToMatch(w, lab);
			const caption = await w.locator('.narration .caption').textContent();
			expect(caption).toContain(`NotReady, ${(detected - running) / 1000} s after node-2 went off`);

			await w.getByRole('button', { name: 'Next', exact: true }).click();
			const evicted = await waitForStep(page, 5);
			expect(evicted - notReady).toBe(300_000); // the default toleration
			await expectCardsToMatch(w, headless(running, evicted));

			expect(errors).toEqual([]);
			expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
		} finally {
			await close();
		}
	});

	it('by keyboard: Next is reachable with Tab, and the caption reaches the live region', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, PATH);
		try {
			const w = widget(page);
			await w.scrollIntoViewIfNeeded();
			await waitForStep(page, 1);
			const next = w.getByRole('button', { name: 'Next', exact: true });
			for (let i = 0; i < 60; i++) {
				await page.keyboard.press('Tab');
				if (await next.evaluate((el) => el === document.activeElement)) break;
			}
			expect(await next.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
			await page.keyboard.press('Enter');
			await waitForStep(page, 2);
			// Focus stays on Next, so the learner can go on with Enter.
			expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
			const live = w.locator('[aria-live="polite"]');
			expect(await live.count()).toBe(1);
			await page.waitForFunction(
				() =>
					/All three pods are Running/.test(
						document.querySelector('.lab-widget [aria-live="polite"]')?.textContent ?? ''
					),
				undefined,
				{ timeout: 10_000 }
			);
			await page.keyboard.press('Enter');
			await waitForStep(page, 3);
			expect(await w.locator('g.node[data-node="node-2"]').getAttribute('data-running')).toBe(
				'false'
			);
			// Play on a waiting caption means Next: the story goes on to the following moment.
			await w.getByLabel('Speed').selectOption('100');
			await w.getByRole('button', { name: 'Play', exact: true }).click();
			await waitForStep(page, 4);
			expect(await w.locator('g.node[data-node="node-2"]').getAttribute('data-status')).toBe(
				'NotReady'
			);
			expect(await w.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('goes back with the timeline, and stops at the same moments again', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, PATH);
		try {
			const w = widget(page);
			await w.scrollIntoViewIfNeeded();
			await waitForStep(page, 1);
			await w.getByLabel('Speed').selectOption('100');
			const next = w.getByRole('button', { name: 'Next', exact: true });
			await next.click();
			const running = await waitForStep(page, 2);
			await next.click();
			const quiet = await waitForStep(page, 3);
			await next.click();
			const notReady = await waitForStep(page, 4);

			// Back to 00:00 with the keyboard on the timeline's slider.
			await w.locator('input.scrubber').focus();
			await page.keyboard.press('Home');
			await page.waitForFunction(
				() => document.querySelector('.lab-widget .clock-value')?.getAttribute('data-clock') === '0'
			);
			expect(await w.locator('.narration .step').getAttribute('data-step')).toBe('1');
			expect(await w.locator('.narration').getAttribute('data-waiting')).toBe('false');
			await expectCardsToMatch(w, headless(running, 0));
			expect(await w.locator('g.node[data-node="node-2"]').getAttribute('data-running')).toBe(
				'true'
			);

			// Forward again: the recorded stop replays, and the story stops where it did.
			await w.getByRole('button', { name: 'Play', exact: true }).click();
			expect(await waitForStep(page, 2)).toBe(running);
			await next.click();
			expect(await waitForStep(page, 3)).toBe(quiet);
			await next.click();
			expect(await waitForStep(page, 4)).toBe(notReady);
			await expectCardsToMatch(w, headless(running, notReady));
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
