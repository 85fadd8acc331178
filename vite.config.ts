import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { orchestraLabElement } from './vite.element.config.js';

export default defineConfig({
	plugins: [sveltekit(), orchestraLabElement()],
	// `BUILD_SOURCEMAP=1 npx vite build`: source maps beside the chunks, unreferenced (no
	// `sourceMappingURL`, so the chunks' bytes are the same), for `npm run bench:weight --
	// --sources=URL` to say what each chunk holds. Off by default: the site ships none.
	build: { sourcemap: process.env.BUILD_SOURCEMAP === '1' ? 'hidden' : false },
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/browser/**'],
		environment: 'node',
		// Simulating hours of a cluster, or spawning the CLI (which compiles the engine), takes
		// seconds on a busy 2-core box. Timing goals live in `npm run bench`, not in test timeouts.
		testTimeout: 30_000,
		// CI counts tests from the JSON report (.ci/run prints one plain summary line).
		reporters: process.env.CI
			? ['default', ['json', { outputFile: 'test-results/unit.json' }]]
			: ['default']
	}
});
