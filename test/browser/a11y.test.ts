import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openPage, stopNode2UntilNotReady, useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

const PAGES = ['/', '/en/why-orchestration', '/zh/why-orchestration'];
const SCHEMES = ['light', 'dark'] as const;

describe('axe-core', () => {
	for (const colorScheme of SCHEMES) {
		for (const path of PAGES) {
			it(`finds no violations on ${path} (${colorScheme})`, async () => {
				const { page, close } = await openPage(chromium(), baseURL, path, { colorScheme });
				try {
					const results = await new AxeBuilder({ page }).analyze();
					const summary = results.violations.map(
						(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
					);
					expect(summary).toEqual([]);
				} finally {
					await close();
				}
			});
		}

		it(`finds no violations once a node is down (${colorScheme})`, async () => {
			const { page, close } = await openPage(chromium(), baseURL, '/en/why-orchestration', {
				colorScheme
			});
			try {
				await stopNode2UntilNotReady(page);
				const results = await new AxeBuilder({ page }).include('.lab-widget').analyze();
				expect(results.violations.map((v) => v.id)).toEqual([]);
			} finally {
				await close();
			}
		});
	}
});
