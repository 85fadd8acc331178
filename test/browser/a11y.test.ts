import { describe, expect, inject, it } from 'vitest';
import { axeInBothSchemes, openPage, stopNode2UntilNotReady, useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

const PAGES = ['/', '/en/why-orchestration', '/zh/why-orchestration'];

// One page per path, checked in the light and the dark scheme.
describe('axe-core', () => {
	for (const path of PAGES) {
		it(`finds no violations on ${path} (light and dark)`, async () => {
			const { page, close } = await openPage(chromium(), baseURL, path);
			try {
				expect(await axeInBothSchemes(page)).toEqual([]);
			} finally {
				await close();
			}
		});
	}

	it('finds no violations once a node is down (light and dark)', async () => {
		const { page, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			await stopNode2UntilNotReady(page);
			expect(await axeInBothSchemes(page, { include: '.lab-widget' })).toEqual([]);
		} finally {
			await close();
		}
	});
});
