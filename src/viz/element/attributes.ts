/**
 * The `<orchestra-lab>` attributes, checked against the same whitelists as the `/embed` URL
 * (src/viz/embed/params.ts). Whatever is refused comes back as messages that the element prints
 * as text: an attribute can only ever be read, never run or parsed as HTML.
 */
import { parseEmbed, type EmbedConfig } from '$viz/embed/params';
import { SCENARIO_IDS } from '$viz/scenario-catalog';

/** The attributes the element reads (and re-mounts on when they change). */
export const ATTRIBUTES = [
	'scenario',
	'flavor',
	'views',
	'lang',
	'seed',
	'heading-level',
	'narrated',
	'layout'
] as const;
export type AttributeName = (typeof ATTRIBUTES)[number];

/** The `/embed` query parameters that share their name and their whitelist with an attribute. */
const SHARED = ['flavor', 'views', 'lang', 'seed', 'layout'] as const;

/** `narrated` is a boolean attribute: present (bare, or `"narrated"`, `"1"`, `"true"`) means on. */
const NARRATED_ON = new Set(['', 'narrated', '1', 'true']);

export interface ElementConfig extends EmbedConfig {
	/** Level of the widget's headings: 2 by default, 3 when the element sits in an h2 section. */
	headingLevel: 2 | 3;
}

export type ElementParse = { ok: true; config: ElementConfig } | { ok: false; problems: string[] };

export function parseAttributes(get: (name: AttributeName) => string | null): ElementParse {
	const scenario = get('scenario');
	if (scenario === null) {
		return {
			ok: false,
			problems: [`The scenario attribute is missing: choose from ${SCENARIO_IDS.join(', ')}.`]
		};
	}
	const query = new URLSearchParams();
	for (const name of SHARED) {
		const value = get(name);
		if (value !== null) query.set(name, value);
	}
	const narrated = get('narrated');
	// Any other value (`narrated="false"`) would read as on to HTML but off to its author: refused.
	if (narrated !== null) query.set('narrated', NARRATED_ON.has(narrated) ? '1' : narrated);
	const parsed = parseEmbed(scenario, query);
	const problems = parsed.ok ? [] : [...parsed.problems];

	let headingLevel: 2 | 3 = 2;
	const level = get('heading-level');
	if (level === '3') headingLevel = 3;
	else if (level !== null && level !== '2') {
		// parseEmbed quoted its values already; this one is short by construction.
		problems.push(`Bad heading-level “${level.slice(0, 20)}”: use 2 or 3.`);
	}

	if (!parsed.ok || problems.length > 0) return { ok: false, problems };
	return { ok: true, config: { ...parsed.config, headingLevel } };
}
