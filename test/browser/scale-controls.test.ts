/**
 * The widget's −/+ replica controls: a press sends the command a learner would type, the
 * cluster view grows or shrinks with it exactly as a headless lab given that line does, and the
 * controls work from the keyboard, on both flavours, with axe finding nothing.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	axeViolations,
	openPage,
	sidewaysOverflow,
	simulatedTime,
	useChromium,
	waitForSimulatedTime
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The pod names the cluster view draws, sorted. */
function drawnPods(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<SVGGElement>('g.pod:not(.exiting)')]
			.map((pod) => pod.dataset.pod ?? '')
			.sort()
	);
}

describe('replica controls', () => {
	it('scale a Deployment up by click and down by keyboard, as kubectl scale does', async () => {
		const scenario = SCENARIOS['node-failure'];
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/node-failure?views=cluster,console'
		);
		try {
			const up = page.getByRole('button', { name: 'Scale deployment/web up to 4' });
			await up.click();
			await page.getByRole('button', { name: 'Scale deployment/web up to 5' }).waitFor();

			// Play a few simulated seconds, then compare with the same lab in Node, given the line
			// the button sent and advanced to the same time.
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await waitForSimulatedTime(page, 5_000);
			await page.getByRole('button', { name: 'Pause' }).click();
			const t = await simulatedTime(page);
			const lab = scenarioLab(scenario.id, 'kubernetes');
			expect(lab.exec('kubectl scale deployment/web --replicas=4').ok).toBe(true);
			lab.advance(t);
			const expected = lab
				.snapshot()
				.units.filter((u) => u.node !== undefined)
				.map((u) => u.name)
				.sort();
			expect(expected).toHaveLength(4);
			expect(await drawnPods(page)).toEqual(expected);

			const down = page.getByRole('button', { name: 'Scale deployment/web down to 3' });
			await down.focus();
			await page.keyboard.press('Enter');
			await page.getByRole('button', { name: 'Scale deployment/web down to 2' }).waitFor();
			await page.getByText(/^\d of 3 ready$/).waitFor();
			// The command behind the press is shown, as the learner would type it.
			await page.getByText('$ kubectl scale deployment/web --replicas=3').waitFor();

			expect(await axeViolations(page)).toEqual([]);
			await page.screenshot({ path: `${OUT}/scale-controls-1280-light.png` });
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('scale a swarm service with docker service scale, and fit a phone screen', async () => {
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/routing-mesh?views=cluster&lang=zh',
			{ viewport: { width: 390, height: 844 }, colorScheme: 'dark' }
		);
		try {
			const scenario = SCENARIOS['routing-mesh'];
			const lab = scenarioLab(scenario.id, 'swarm');
			const service = lab.snapshot().workloads?.[0];
			expect(service?.kind).toBe('Service');
			const name = service?.name ?? '';
			const desired = service?.desired ?? 0;

			await page.getByRole('button', { name: `把 ${name} 扩容到 ${desired + 1} 个` }).click();
			await page.getByRole('button', { name: `把 ${name} 扩容到 ${desired + 2} 个` }).waitFor();
			const overflow = await sidewaysOverflow(page);
			expect(overflow).toBeLessThanOrEqual(0);
			expect(await axeViolations(page)).toEqual([]);
			await page.screenshot({ path: `${OUT}/scale-controls-390-dark.png`, fullPage: true });
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
