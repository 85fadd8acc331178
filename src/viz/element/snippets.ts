/**
 * The two ways to put a lab on another page, as the code a reader pastes: the standalone script
 * with the `<orchestra-lab>` custom element, and the `/embed` iframe. Both carry the same
 * whitelisted parameters; values are escaped for an HTML attribute all the same.
 */
import type { Flavor } from '$engine/types';
import type { Lang, ViewName } from '$viz/scenarios';

export interface SnippetConfig {
	/** Where the site lives: origin plus base path, without a trailing slash. */
	site: string;
	scenario: string;
	flavor: Flavor;
	views: readonly ViewName[];
	lang: Lang;
	/** The iframe's title (what a screen reader announces for the frame). */
	title: string;
}

/** The element's script file, at the site root. */
export const SCRIPT_FILE = 'orchestra-lab.js';

function attr(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('"', '&quot;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;');
}

export function elementSnippet(c: SnippetConfig): string {
	return [
		`<script src="${attr(`${c.site}/${SCRIPT_FILE}`)}" defer></script>`,
		`<orchestra-lab scenario="${attr(c.scenario)}" flavor="${attr(c.flavor)}" views="${attr(c.views.join(','))}" lang="${attr(c.lang)}"></orchestra-lab>`
	].join('\n');
}

export function iframeSnippet(c: SnippetConfig): string {
	const params = new URLSearchParams({ flavor: c.flavor, views: c.views.join(','), lang: c.lang });
	const src = `${c.site}/embed/${encodeURIComponent(c.scenario)}?${params}`;
	return `<iframe src="${attr(src)}" title="${attr(c.title)}" width="100%" height="900" loading="lazy" style="border:0"></iframe>`;
}
