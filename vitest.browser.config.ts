import { defineConfig } from 'vitest/config';

// Browser tests of the built site (`build/`, made by `vite build` in `npm run test:browser`):
// a tiny static server (globalSetup) and Chromium through playwright-core.
export default defineConfig({
	test: {
		include: ['test/browser/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['test/browser/global-setup.ts'],
		// A looks test sees one page at two widths in two themes (axe each time); on a loaded
		// 2-core machine that can pass a minute.
		testTimeout: 120_000,
		hookTimeout: 60_000,
		fileParallelism: false,
		// CI counts tests from the JSON report (.ci/run prints one plain summary line).
		reporters: process.env.CI
			? ['default', ['json', { outputFile: 'test-results/browser.json' }]]
			: ['default']
	}
});
