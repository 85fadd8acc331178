/**
 * The two ways to put a lab on another page, as the code a reader pastes: the standalone script
 * with the `<orchestra-lab>` custom element, and the `/embed` iframe. Both carry the same
 * whitelisted parameters; values are escaped for an HTML attribute all the same.
 */
import type { Flavor } from '$engine/types';
import type { Layout } from '$viz/embed/params';
import type { Lang, ViewName } from '$viz/scenario-catalog';
import { escapeHtml } from '../html-escape';

export interface SnippetConfig {
	/** Where the site lives: origin plus base path, without a trailing slash. */
	site: string;
	scenario: string;
	flavor: Flavor;
	views: readonly ViewName[];
	lang: Lang;
	/** The iframe's title (what a screen reader announces for the frame). */
	title: string;
	/** Narrated mode (single layout only). */
	narrated?: boolean;
	/** `side-by-side` shows both flavours with fixed views: flavor and views are left out then. */
	layout?: Layout;
}

/** The element's script file, at the site root. */
export const SCRIPT_FILE = 'orchestra-lab.js';

/** The parameters in the order both snippets write them, with only what differs from defaults. */
function parameters(c: SnippetConfig): [string, string][] {
	if (c.layout === 'side-by-side')
		return [
			['layout', 'side-by-side'],
			['lang', c.lang]
		];
	const out: [string, string][] = [
		['flavor', c.flavor],
		['views', c.views.join(',')],
		['lang', c.lang]
	];
	if (c.narrated) out.push(['narrated', '1']);
	return out;
}

export function elementSnippet(c: SnippetConfig): string {
	const attributes = parameters(c)
		// `narrated` is a boolean attribute: written bare.
		.map(([name, value]) => (name === 'narrated' ? ' narrated' : ` ${name}="${escapeHtml(value)}"`))
		.join('');
	return [
		`<script src="${escapeHtml(`${c.site}/${SCRIPT_FILE}`)}" defer></script>`,
		`<orchestra-lab scenario="${escapeHtml(c.scenario)}"${attributes}></orchestra-lab>`
	].join('\n');
}

export function iframeSnippet(c: SnippetConfig): string {
	const params = new URLSearchParams(parameters(c));
	const src = `${c.site}/embed/${encodeURIComponent(c.scenario)}?${params}`;
	return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(c.title)}" width="100%" height="900" loading="lazy" style="border:0"></iframe>`;
}
