/**
 * The /embed route's first paint: the scenario's lab as it stands at 00:00 with the route's
 * default parameters, rendered to HTML at build time. The engine is deterministic, so this is
 * what the live lab draws once its code has loaded — the same caption, controls, tables and text,
 * in frames of the same size — and the page can show it at once instead of a blank frame while
 * ~300 KB of engine and views download and start (Lighthouse's LCP and layout shift; issue 5).
 *
 * Server only (imported by the route's +page.server.ts): it renders with `svelte/server`.
 */
import { render } from 'svelte/server';
import type { Flavor, LabSnapshot } from '$engine/types';
import { catalogEntry } from '$viz/scenario-catalog';
import { loadWidgetFlavors } from '$viz/bridge/flavors';
import { parseEmbed } from '$viz/embed/params';
import { scenarioLab } from '$viz/scenario-lab';
import { VIEWS, type Lang, type ScenarioId, type ViewName } from '$viz/scenarios';
import {
	cardLayout,
	chooseRenderer,
	groupUnits,
	maxPodsPerNode,
	nodeButtonFit,
	svgElementCount
} from '$viz/views/cluster-layout';
import { CLUSTER_TEXT } from '$viz/views/cluster-text';
import LabWidget from '$viz/widgets/LabWidget.svelte';
import { CARD_CSS, cardLayoutCss, cardsHtml } from './first-paint-cards';
import { ACROSS_MIN_WIDTH, layoutFlow } from '$viz/views/traffic-layout';
import { backendGroups, defaultStream } from '$viz/views/traffic-model';
import { loadViewParts } from '$viz/widgets/view-loaders';
import { loadNarration } from '$viz/widgets/narration-langs';
import { partsFor } from '$viz/widgets/view-parts.svelte';

/** The widest frame sized for (px); wider ones keep the last size, as the views do. */
const WIDEST = 2400;

/**
 * CSS that gives the drawings the views make in the browser (and so leave empty here) the size
 * they will have at the width the page gets, so that nothing moves when the live lab takes the
 * first paint's place:
 *  - the cluster's SVG: `cardLayout` (the view's own maths) at each width where its height
 *    changes, as container queries on the view's box;
 *  - the Raft ring: RaftRing draws it `clamp(240, width, 620)` wide and at most 460 high, scaled
 *    down to its column; that is min(column, 620) × min(column, 460);
 *  - the timeline's axis: as wide as its box (the component's 600 px stand until it measures);
 *  - the traffic diagram: its layout's height at each width (trafficRules), or, with no stream
 *    yet, its 720 px drawing scaled into its box.
 * In the cluster's frame, each node's card as HTML (first-paint-cards.ts), where the view will
 * draw it. The canvas renderer of big clusters sizes itself differently: left as
 * rendered (an empty frame). Rules that differ between labs are under `scope` (paintScope).
 */
function sizeRules(
	id: ScenarioId,
	flavor: Flavor,
	seed: number | undefined,
	lang: Lang,
	scope: string
): { css: string; cards: string } {
	const rules = [
		'.first-paint .ring-col{container-type:inline-size}',
		'.first-paint .ring{width:min(100cqw,620px);height:min(100cqw,460px)}',
		// The timeline's axis is drawn at the width the page gives it: 600 px until measured.
		'.first-paint .axis>svg{width:100%}',
		// The traffic diagram, laid out for 720 px until measured: scaled into its box.
		'.first-paint .diagram>svg{width:100%;height:auto}'
	];
	const snapshot = scenarioLab(id, flavor, seed).snapshot();
	const cluster = clusterRules(snapshot, lang, scope);
	const cards = cluster.cards === '' ? '' : CARD_CSS;
	const css = rules.join('') + cards + cluster.css + trafficRules(snapshot, scope);
	return { css: `<style>${css}</style>`, cards: cluster.cards };
}

/**
 * The cluster view's frame sizes and node cards for the cluster view inside `scope` (see
 * sizeRules), CARD_CSS aside. The canvas renderer of big clusters sizes itself differently: no
 * rules, no cards.
 */
function clusterRules(
	{ nodes, units }: LabSnapshot,
	lang: Lang,
	scope: string
): { css: string; cards: string } {
	const byNode = groupUnits(units).byNode;
	if (chooseRenderer(svgElementCount(nodes, byNode), 'svg') === 'canvas') {
		return { css: '', cards: '' };
	}
	const perNode = maxPodsPerNode(byNode);
	const names = nodes.map((node) => node.name);
	const css = byWidth(`${scope} .cluster`, (width) => {
		const layout = cardLayout(width, nodes.length, perNode);
		const fit = nodeButtonFit(layout.cardWidth, names, CLUSTER_TEXT[lang].verb);
		return (
			`${scope} .cluster>svg{width:100%;height:${layout.height}px}` +
			cardLayoutCss(layout, fit, scope)
		);
	});
	return { css, cards: cardsHtml(nodes, byNode, lang) };
}

/**
 * The traffic diagram's height at each width of its box, from the view's own layout
 * (traffic-layout.ts): across the page when wide, top to bottom on a phone, so its height does
 * not follow its width. The stream is the one the view shows first (the running one).
 */
function trafficRules({ traffic, nodes, units }: LabSnapshot, scope: string): string {
	const stream = defaultStream(traffic ?? []);
	if (stream === undefined) return '';
	const groups = backendGroups(stream, nodes, units).map((g) => ({ node: g.node, rows: g.rows }));
	// The view's SVG is its layout's height plus 4 px for the strokes at the edges. The first
	// paint holds the diagram drawn across the page and drawn for a phone: the one for the
	// box's width shows.
	return byWidth(
		`${scope} .diagram`,
		(width) =>
			`${scope} .diagram>svg{width:100%;height:${layoutFlow(stream.entries, groups, width).height + 4}px}` +
			`${scope} .diagram>svg.across{display:${width >= ACROSS_MIN_WIDTH ? 'block' : 'none'}}` +
			`${scope} .diagram>svg.phone{display:${width >= ACROSS_MIN_WIDTH ? 'none' : 'block'}}`
	);
}

/**
 * `box` made a size container, and `rule(width)` for its width: the rule at width 0, then one
 * container query at each width where the rule changes, up to WIDEST.
 */
function byWidth(box: string, rule: (width: number) => string): string {
	const rules = [`${box}{container-type:inline-size}`];
	let last = '';
	for (let width = 0; width <= WIDEST; width++) {
		const css = rule(width);
		if (css === last) continue;
		last = css;
		rules.push(width === 0 ? css : `@container (min-width:${width}px){${css}}`);
	}
	return rules.join('');
}

/** An empty cluster drawing as the server renders it: the cards go right after it. */
const EMPTY_CLUSTER = /(<div class="cluster[^"]*"[^>]*><svg[^>]*><\/svg>)/;

/**
 * The widget's HTML for `/embed/<scenario>` without a query (the only URL known at build time),
 * with the props the route gives the live widget for it; '' if that URL would be refused.
 */
export async function renderFirstPaint(scenario: ScenarioId): Promise<string> {
	const parsed = parseEmbed(scenario, new URLSearchParams());
	if (!parsed.ok) return '';
	const { flavor, views, lang, seed, narrated } = parsed.config;
	return renderLabFirstPaint({
		headingLevel: 2,
		scenario,
		flavor,
		views,
		lang,
		seed,
		narrated: narrated === true,
		embedded: true
	});
}

/** A single lab's props, as LazyLab or the /embed route hand them to LabWidget. */
export interface LabPaintProps {
	scenario: ScenarioId;
	flavor?: Flavor;
	views?: ViewName[];
	lang?: Lang;
	seed?: number;
	narrated?: boolean;
	embedded?: boolean;
	headingLevel?: 2 | 3;
}

/**
 * A page's first paints are told apart by their number `paint`: their element ids (Svelte's
 * `idPrefix`: every server render starts its ids at s1) and their cluster rules (two labs'
 * cards can have different layouts at the same width) are their own.
 */
function paintScope(paint: number): { idPrefix: string; scope: string; open: string } {
	return {
		idPrefix: `fp${paint}-`,
		// Under .first-paint: more specific than the shared rules every paint's style repeats.
		scope: `.first-paint [data-paint="${paint}"]`,
		open: `<div data-paint="${paint}">`
	};
}

/** LabWidget's HTML at 00:00 for these props (what it draws once live, views left empty). */
export async function renderLabFirstPaint(props: LabPaintProps, paint = 0): Promise<string> {
	const flavor = props.flavor ?? catalogEntry(props.scenario).flavors[0];
	await Promise.all([
		loadWidgetFlavors(props.scenario, 'single', flavor),
		loadViewParts(partsFor(props.views ?? VIEWS, props.narrated === true)),
		loadNarration(props.lang)
	]);
	const { idPrefix, scope, open } = paintScope(paint);
	const { body } = render(LabWidget, { props, idPrefix });
	const { css, cards } = sizeRules(props.scenario, flavor, props.seed, props.lang ?? 'en', scope);
	// The cards go in the cluster view's box, over its (empty) drawing.
	return `${css}${open}${withoutMarkers(body).replace(EMPTY_CLUSTER, `$1${cards}`)}</div>`;
}

/**
 * The side-by-side pair's HTML at 00:00 (a lesson's `layout="side-by-side"`), each side's
 * cluster frame sized and carded as a single lab's is (its rules scoped to its side).
 */
export async function renderPairFirstPaint(
	props: {
		scenario: ScenarioId;
		lang?: Lang;
		seed?: number;
	},
	paint = 0
): Promise<string> {
	await Promise.all([loadWidgetFlavors(props.scenario, 'side-by-side'), loadNarration(props.lang)]);
	const { default: SideBySide } = await import('$viz/widgets/SideBySide.svelte');
	const { idPrefix, scope, open } = paintScope(paint);
	let html = withoutMarkers(render(SideBySide, { props, idPrefix }).body);
	let css = CARD_CSS;
	for (const flavor of ['kubernetes', 'swarm'] as const) {
		const side = `${scope} .side[data-flavor="${flavor}"]`;
		const snapshot = scenarioLab(props.scenario, flavor, props.seed).snapshot();
		const rules = clusterRules(snapshot, props.lang ?? 'en', side);
		css += rules.css;
		// This side's cluster drawing is the first empty one after its section's opening tag.
		const at = html.indexOf(`data-flavor="${flavor}"`);
		if (at < 0) continue;
		html = html.slice(0, at) + html.slice(at).replace(EMPTY_CLUSTER, `$1${rules.cards}`);
	}
	return `<style>${css}</style>${open}${html}</div>`;
}

/**
 * Svelte's hydration markers (`<!--[-->`, `<!---->`…) taken out: the page hydrates this HTML as
 * one `{@html}` block, which ends at the first empty comment, so none may be left inside.
 */
function withoutMarkers(body: string): string {
	return body.replace(/<!--[^]*?-->/g, '');
}
