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
import { loadWidgetFlavors } from '$viz/bridge/flavors';
import { parseEmbed } from '$viz/embed/params';
import { scenarioLab } from '$viz/scenario-lab';
import type { ScenarioId } from '$viz/scenarios';
import {
	cardLayout,
	chooseRenderer,
	groupUnits,
	maxPodsPerNode,
	svgElementCount
} from '$viz/views/cluster-layout';
import LabWidget from '$viz/widgets/LabWidget.svelte';
import { loadViewParts } from '$viz/widgets/view-loaders';
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
 *    down to its column; that is min(column, 620) × min(column, 460).
 * In the cluster's frame, a placeholder: each node's card outline with its name, where the view
 * will draw the card. The canvas renderer of big clusters sizes itself differently: left as
 * rendered (an empty frame).
 */
function sizeRules(
	id: ScenarioId,
	flavor: Flavor,
	seed: number | undefined
): { css: string; cards: string } {
	const lab = scenarioLab(id, flavor, seed);
	const { nodes, units } = lab.snapshot();
	const byNode = groupUnits(units).byNode;
	const rules = [
		'.first-paint .ring-col{container-type:inline-size}',
		'.first-paint .ring{width:min(100cqw,620px);height:min(100cqw,460px)}'
	];
	if (chooseRenderer(svgElementCount(nodes, byNode), 'svg') === 'canvas') {
		return { css: `<style>${rules.join('')}</style>`, cards: '' };
	}
	rules.push(
		'.first-paint .cluster{container-type:inline-size}',
		'.fp-cards{position:absolute;inset:0;display:grid;gap:12px;align-content:start}',
		'.fp-card{box-sizing:border-box;border:1.5px solid var(--border);border-radius:8px;' +
			'background:var(--bg);padding:12px 14px;display:flex;flex-direction:column;gap:2px;' +
			'min-width:0;overflow:hidden;font-size:.85rem;color:var(--muted)}',
		'.fp-card b{font-family:var(--font-mono);color:var(--text)}'
	);
	let last = '';
	for (let width = 0; width <= WIDEST; width++) {
		const layout = cardLayout(width, nodes.length, maxPodsPerNode(byNode));
		const key = `${layout.height}|${layout.columns}|${layout.cardHeight}`;
		if (key === last) continue;
		last = key;
		const rule =
			`.first-paint .cluster>svg{width:100%;height:${layout.height}px}` +
			`.fp-cards{grid-template-columns:repeat(${layout.columns},minmax(0,1fr));` +
			`grid-auto-rows:${layout.cardHeight}px}`;
		rules.push(width === 0 ? rule : `@container (min-width:${width}px){${rule}}`);
	}
	const cards = nodes
		.map(
			(n) =>
				`<div class="fp-card"><b>${escape(n.name)}</b><span>${escape(n.role.replace('-', ' '))}</span></div>`
		)
		.join('');
	return {
		css: `<style>${rules.join('')}</style>`,
		cards: `<div class="fp-cards" aria-hidden="true">${cards}</div>`
	};
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escape(text: string): string {
	return text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * The widget's HTML for `/embed/<scenario>` without a query (the only URL known at build time),
 * with the props the route gives the live widget for it; '' if that URL would be refused.
 */
export async function renderFirstPaint(scenario: ScenarioId): Promise<string> {
	const parsed = parseEmbed(scenario, new URLSearchParams());
	if (!parsed.ok) return '';
	const { flavor, views, lang, seed, narrated } = parsed.config;
	await Promise.all([
		loadWidgetFlavors(scenario, 'single', flavor),
		loadViewParts(partsFor(views, narrated === true))
	]);
	const { body } = render(LabWidget, {
		props: {
			headingLevel: 2,
			scenario,
			flavor,
			views,
			lang,
			seed,
			narrated: narrated === true,
			embedded: true
		}
	});
	// Svelte's hydration markers (`<!--[-->`, `<!---->`…): the page hydrates this HTML as one
	// `{@html}` block, which ends at the first empty comment, so none may be left inside.
	const { css, cards } = sizeRules(scenario, flavor, seed);
	const html = body.replace(/<!--[^]*?-->/g, '');
	// The placeholder cards go in the cluster view's box, over its (empty) drawing.
	return css + html.replace(/(<div class="cluster[^"]*"[^>]*><svg[^>]*><\/svg>)/, `$1${cards}`);
}
