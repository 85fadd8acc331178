/** The site stylesheet aimed at the element's shadow root: variables and base styles on :host. */
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hostScoped } from '../../../src/viz/element/host-css';

const APP_CSS = readFileSync('src/app.css', 'utf8');
const VARIABLES = [...new Set(APP_CSS.match(/--[\w-]+(?=\s*:)/g))];

/** The selectors of every rule, outside @media wrappers. */
function selectors(css: string): string[] {
	return [...css.matchAll(/([^{}@;]+)\{/g)].map((m) => (m[1] ?? '').trim());
}

describe('hostScoped', () => {
	it('knows the site’s variables (a sanity check on the test itself)', () => {
		expect(VARIABLES).toEqual(expect.arrayContaining(['--bg', '--text', '--accent', '--focus']));
	});

	for (const [form, css] of [
		['as written', APP_CSS],
		['minified, as the bundle ships it', '']
	] as const) {
		it(`moves :root and body onto :host and drops html (${form})`, async () => {
			const source = css || (await transform(APP_CSS, { loader: 'css', minify: true })).code;
			const scoped = hostScoped(source);
			const found = selectors(scoped);
			expect(found.some((s) => /(^|,)\s*(:root|body|html)\s*(,|$)/.test(s))).toBe(false);
			expect(found.filter((s) => s === ':host').length).toBeGreaterThanOrEqual(3);
			for (const variable of VARIABLES) expect(scoped).toContain(`${variable}:`);
			// Dark mode still follows the reader's colour scheme, now for the host.
			expect(scoped).toMatch(/prefers-color-scheme:\s*dark\)\s*\{\s*:host\s*\{/);
			// Everything else the widget relies on comes along unchanged.
			expect(scoped).toContain('.visually-hidden');
			expect(scoped).toMatch(/:focus-visible\s*\{/);
		});
	}

	it('leaves selectors that merely contain the words alone', () => {
		const css = 'tbody{a:1}.body-text{b:2}.html-note{c:3}:root,.x{d:4}';
		expect(hostScoped(css)).toBe('tbody{a:1}.body-text{b:2}.html-note{c:3}:host,.x{d:4}');
	});
});
