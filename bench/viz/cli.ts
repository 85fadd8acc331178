/** What the viz profilers share: their `--flag value` options, and the built site in Chromium. */
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { serve } from '../../test/browser/global-setup';
import { launchChromium } from '../../test/browser/browser';
import { CROSS_ORIGIN_ISOLATION } from './isolation';

/** The value after `flag` on the command line, if given. */
export function option(flag: string): string | undefined {
	const i = process.argv.indexOf(flag);
	return i < 0 ? undefined : process.argv[i + 1];
}

/**
 * Serves the site built in `root`, opens a 1280×800 page on it in headless Chromium for `run`
 * (page errors are printed), and closes it all after.
 */
export async function withSitePage(
	root: string,
	run: (page: Page, context: BrowserContext) => Promise<void>
): Promise<void> {
	const server = serve(root, CROSS_ORIGIN_ISOLATION);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
		await run(page, context);
		await context.close();
	} finally {
		await browser.close();
		server.close();
	}
}
