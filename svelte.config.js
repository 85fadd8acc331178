import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.md'] })],
	compilerOptions: {
		// mdsvex layouts break in runes mode (pngwn/MDsveX#738): lessons stay in legacy mode,
		// every .svelte component uses runes.
		runes: ({ filename }) => (filename?.endsWith('.md') ? undefined : true)
	},
	kit: {
		adapter: adapter({ strict: true }),
		alias: {
			$engine: 'src/engine',
			$viz: 'src/viz',
			$lessons: 'src/lessons'
		},
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
