import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {Record<string, string>} */
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
// Inside {@html `…`}: braces, backticks, backslashes and `$` would be read as Svelte or JS.
/** @param {string} text */
const escapeTemplate = (text) => text.replace(/[{}`\\$]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A lesson's code block: command output wider than the text scrolls sideways, so the block is
 * focusable for keyboard users to scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
 * No syntax colouring: blocks are terminal transcripts and manifests, shown as the tools print.
 *
 * @param {string} code
 * @param {string | null | undefined} lang
 */
function codeBlock(code, lang) {
	const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
	return `{@html \`<pre tabindex="0"${cls}><code${cls}>${escapeTemplate(escapeHtml(code))}</code></pre>\`}`;
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [
		vitePreprocess(),
		mdsvex({ extensions: ['.md'], highlight: { highlighter: codeBlock } })
	],
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
