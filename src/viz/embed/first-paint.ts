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
import type { Flavor } from '$engine/types';
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
	svgElementCount
} from '$viz/views/cluster-layout';
import LabWidget from '$viz/widgets/LabWidget.svelte';
import { CARD_CSS, cardLayoutCss, cardsHtml } from './first-paint-cards';
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
 *    the traffic diagram (laid out for 720 px until measured) scaled down into its box.
 * In the cluster's frame, each node's card as HTML (first-paint-cards.ts), where the view will
 * draw it. The canvas renderer of big clusters sizes itself differently: left as
 * rendered (an empty frame).
 */
function sizeRules(
	id: ScenarioId,
	flavor: Flavor,
	seed: number | undefined,
	lang: Lang
): { css: string; cards: string } {
	const lab = scenarioLab(id, flavor, seed);
	const { nodes, units } = lab.snapshot();
	const byNode = groupUnits(units).byNode;
	const rules = [
		'.first-paint .ring-col{container-type:inline-size}',
		'.first-paint .ring{width:min(100cqw,620px);height:min(100cqw,460px)}',
		// The timeline's axis is drawn at the width the page gives it: 600 px until measured.
		'.first-paint .axis>svg{width:100%}',
		// The traffic diagram, laid out for 720 px until measured: scaled into its box.
		'.first-paint .diagram>svg{width:100%;height:auto}'
	];
	if (chooseRenderer(svgElementCount(nodes, byNode), 'svg') === 'canvas') {
		return { css: `<style>${rules.join('')}</style>`, cards: '' };
	}
	rules.push('.first-paint .cluster{container-type:inline-size}', CARD_CSS);
	let last = '';
	for (let width = 0; width <= WIDEST; width++) {
		const layout = cardLayout(width, nodes.length, maxPodsPerNode(byNode));
		const key = `${layout.height}|${layout.columns}|${layout.cardHeight}|${layout.podHeight}`;
		if (key === last) continue;
		last = key;
		const rule =
			`.first-paint .cluster>svg{width:100%;height:${layout.height}px}` + cardLayoutCss(layout);
		rules.push(width === 0 ? rule : `@container (min-width:${width}px){${rule}}`);
	}
	return { css: `<style>${rules.join('')}</style>`, cards: cardsHtml(nodes, byNode, lang) };
}

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

/** LabWidget's HTML at 00:00 for these props (what it draws once live, views left empty). */
export async function renderLabFirstPaint(props: LabPaintProps): Promise<string> {
	const flavor = props.flavor ?? catalogEntry(props.scenario).flavors[0];
	await Promise.all([
		loadWidgetFlavors(props.scenario, 'single', flavor),
		loadViewParts(partsFor(props.views ?? VIEWS, props.narrated === true)),
		loadNarration(props.lang)
	]);
	const { body } = render(LabWidget, { props });
	const { css, cards } = sizeRules(props.scenario, flavor, props.seed, props.lang ?? 'en');
	// The cards go in the cluster view's box, over its (empty) drawing.
	return (
		css +
		withoutMarkers(body).replace(/(<div class="cluster[^"]*"[^>]*><svg[^>]*><\/svg>)/, `$1${cards}`)
	);
}

/**
 * The side-by-side pair's HTML at 00:00 (a lesson's `layout="side-by-side"`). Its cluster views
 * are left as rendered (empty frames): the pair's live frames replace them once the reader acts.
 */
export async function renderPairFirstPaint(props: {
	scenario: ScenarioId;
	lang?: Lang;
	seed?: number;
}): Promise<string> {
	await Promise.all([loadWidgetFlavors(props.scenario, 'side-by-side'), loadNarration(props.lang)]);
	const { default: SideBySide } = await import('$viz/widgets/SideBySide.svelte');
	return withoutMarkers(render(SideBySide, { props }).body);
}

/**
 * Svelte's hydration markers (`<!--[-->`, `<!---->`…) taken out: the page hydrates this HTML as
 * one `{@html}` block, which ends at the first empty comment, so none may be left inside.
 */
function withoutMarkers(body: string): string {
	return body.replace(/<!--[^]*?-->/g, '');
}
