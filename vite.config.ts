import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/browser/**'],
		environment: 'node',
		// CI counts tests from the JSON report (.ci/run prints one plain summary line).
		reporters: process.env.CI
			? ['default', ['json', { outputFile: 'test-results/unit.json' }]]
			: ['default']
	}
});
