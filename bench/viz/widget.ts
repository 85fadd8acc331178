/** Driving the lab widget the way a learner does: its buttons, its console, its clock. */
import type { Page } from 'playwright-core';

export async function simulatedMs(page: Page): Promise<number> {
	return Number(await page.locator('.clock-value').getAttribute('data-clock'));
}

export async function play(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Play', exact: true }).click();
}

export async function pause(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

/** The widget's run state in words: Running, Paused or Waiting (…). */
export async function runState(page: Page): Promise<string> {
	return (await page.locator('.run-state').textContent()) ?? '';
}

/** Types a line into the widget's console and presses Enter. */
export async function exec(page: Page, line: string): Promise<void> {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

/** How the cluster view drew the nodes: SVG cards or a canvas (the renderer for large clusters). */
export async function clusterRenderer(page: Page): Promise<string> {
	const cards = await page.locator('g.node').count();
	const canvases = await page.locator('.lab canvas').count();
	if (canvases > 0) return `canvas (${canvases} canvas element${canvases === 1 ? '' : 's'})`;
	return `SVG (${cards} node cards)`;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
