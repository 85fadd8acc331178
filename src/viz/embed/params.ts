/**
 * The `/embed/[scenario]?flavor=&views=&lang=&seed=&narrated=&layout=` URL, checked against
 * whitelists. A value
 * outside them is refused with a message that quotes it; the page prints that message as text,
 * never as HTML, so a hostile parameter can only ever be read.
 */
import type { Flavor } from '$engine/types';
import {
	catalogEntry,
	isScenarioId,
	isViewName,
	VIEWS,
	type Lang,
	type ScenarioId,
	type ViewName
} from '$viz/scenario-catalog';

/** `single`: one lab (LabWidget); `side-by-side`: the scenario on both flavours (SideBySide). */
export const LAYOUTS = ['single', 'side-by-side'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface EmbedConfig {
	scenario: ScenarioId;
	flavor: Flavor;
	views: ViewName[];
	lang: Lang;
	seed?: number;
	/** Narrated mode (the scenario's captions, the clock stopping at each); set only when asked. */
	narrated?: boolean;
	/** Set only when asked for; `single` otherwise. */
	layout?: Layout;
}

export type EmbedParse = { ok: true; config: EmbedConfig } | { ok: false; problems: string[] };

const KNOWN = new Set(['flavor', 'views', 'lang', 'seed', 'narrated', 'layout']);
/** Quoted values are cut short: a refusal should not echo a whole hostile payload. */
const QUOTE_MAX = 60;

function quote(value: string): string {
	const short = value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value;
	return `“${short}”`;
}

export function parseEmbed(scenarioId: string, params: URLSearchParams): EmbedParse {
	const problems: string[] = [];
	if (!isScenarioId(scenarioId)) {
		return { ok: false, problems: [`Unknown scenario ${quote(scenarioId)}.`] };
	}
	const found = catalogEntry(scenarioId);

	for (const key of params.keys()) {
		if (!KNOWN.has(key)) problems.push(`Unknown parameter ${quote(key)}.`);
	}

	let flavor: Flavor = found.flavors[0];
	const flavorParam = params.get('flavor');
	if (flavorParam !== null) {
		const match = found.flavors.find((f) => f === flavorParam);
		if (match === undefined) {
			problems.push(
				`Unknown flavor ${quote(flavorParam)}: this scenario runs on ${found.flavors.join(' or ')}.`
			);
		} else flavor = match;
	}

	let views: ViewName[] = [...VIEWS];
	const viewsParam = params.get('views');
	if (viewsParam !== null) {
		const asked = viewsParam.split(',').filter((v) => v !== '');
		const bad = asked.filter((v) => !isViewName(v));
		if (bad.length > 0 || asked.length === 0) {
			problems.push(
				`Unknown view ${quote(bad[0] ?? viewsParam)}: choose from ${VIEWS.join(', ')}.`
			);
		} else views = VIEWS.filter((v) => asked.includes(v));
	}

	let lang: Lang = 'en';
	const langParam = params.get('lang');
	if (langParam !== null) {
		if (langParam === 'en' || langParam === 'zh') lang = langParam;
		else problems.push(`Unknown language ${quote(langParam)}: use en or zh.`);
	}

	let seed: number | undefined;
	const seedParam = params.get('seed');
	if (seedParam !== null) {
		const n = /^\d{1,10}$/.test(seedParam) ? Number(seedParam) : NaN;
		if (!(n >= 0 && n <= 0xffffffff)) {
			problems.push(`Bad seed ${quote(seedParam)}: use a whole number from 0 to 4294967295.`);
		} else seed = n;
	}

	let narrated = false;
	const narratedParam = params.get('narrated');
	if (narratedParam !== null) {
		if (narratedParam === '1') narrated = true;
		else
			problems.push(
				`Bad narrated ${quote(narratedParam)}: use narrated=1 (or the bare attribute), or leave it out.`
			);
	}

	let layout: Layout = 'single';
	const layoutParam = params.get('layout');
	if (layoutParam !== null) {
		const match = LAYOUTS.find((l) => l === layoutParam);
		if (match === undefined) {
			problems.push(`Unknown layout ${quote(layoutParam)}: use ${LAYOUTS.join(' or ')}.`);
		} else if (match === 'side-by-side' && found.flavors.length < 2) {
			problems.push(
				`Layout “side-by-side” needs a scenario with two flavours: ${scenarioId} runs on ${found.flavors[0]} only.`
			);
		} else if (match === 'side-by-side' && found.swarm === 'uninitialized') {
			// The pair steps both clusters together; this one's swarm is the learner's to form.
			problems.push(
				`Layout “side-by-side” needs both clusters formed: ${scenarioId} starts with no swarm (the learner forms it).`
			);
		} else layout = match;
	}
	// Side by side always shows both flavours with the cluster views and the comparison, and has
	// no story: a parameter that would be silently ignored is refused instead.
	if (layout === 'side-by-side') {
		for (const key of ['flavor', 'views', 'narrated'] as const) {
			if (params.has(key))
				problems.push(`Parameter ${quote(key)} does not go with layout “side-by-side”.`);
		}
	}

	if (problems.length > 0) return { ok: false, problems };
	const config: EmbedConfig = { scenario: scenarioId, flavor, views, lang };
	if (seed !== undefined) config.seed = seed;
	if (narrated) config.narrated = true;
	if (layout !== 'single') config.layout = layout;
	return { ok: true, config };
}
