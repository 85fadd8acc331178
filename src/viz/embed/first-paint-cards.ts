/**
 * The cluster view's node cards as plain HTML and CSS, for a first paint (first-paint.ts): the
 * view draws its cards with d3 in the browser, which a page built ahead of time cannot run, so
 * this draws the same cards — name, role, status pill, power, pod chips, the Stop button — from
 * the same snapshot, words (cluster-text.ts), shapes and tones (unit-state.ts) and geometry
 * (cluster-layout.ts `CARD`), in boxes that stretch with the page. It is a picture: inert, and
 * replaced by the live view once the reader acts on the lab.
 */
import type { NodeView, UnitView } from '$engine/types';
import { CARD, type ButtonFit, type CardLayout } from '$viz/views/cluster-layout';
import { CLUSTER_TEXT } from '$viz/views/cluster-text';
import {
	NODE_BUTTON_ICONS,
	NODE_SHAPES,
	nodeTone,
	shortName,
	toneStyle,
	UNIT_SHAPES,
	unitTone
} from '$viz/views/unit-state';
import { escapeHtml } from '$viz/html-escape';

/** Where the SVG card puts each part (cluster-svg.ts), as tops of HTML boxes (px). */
const TOP = { name: 12, role: 35, pill: 62, power: 104 } as const;

/** The cards' CSS that does not change with the width. */
export const CARD_CSS = [
	'.fp-cards{position:absolute;inset:0;display:grid;gap:12px;align-content:start}',
	'.fp-card{position:relative;box-sizing:border-box;border:1.5px solid var(--border);' +
		'border-radius:8px;background:var(--bg);min-width:0;overflow:hidden;font-size:14px;' +
		'color:var(--text)}',
	'.fp-card.fp-off{background:var(--off-bg);border:2px dashed var(--border)}',
	'.fp-card>*{position:absolute;left:14px;right:14px;margin:0;white-space:nowrap;' +
		'overflow:hidden;text-overflow:ellipsis}',
	`.fp-name{top:${TOP.name}px;font:700 16px var(--font-mono)}`,
	`.fp-role{top:${TOP.role}px;font-size:13px;color:var(--muted)}`,
	`.fp-pill{top:${TOP.pill}px;height:30px;box-sizing:border-box;display:flex;` +
		'align-items:center;gap:7px;padding-left:7px;border:1px solid;border-radius:15px;' +
		'background:var(--pill-bg);font-weight:600}',
	'.fp-pill svg{flex:none;width:20px;height:20px}',
	'.fp-shape{fill:currentColor}',
	'.fp-mark{fill:none;stroke:var(--pill-bg);stroke-width:2.2;stroke-linecap:round;' +
		'stroke-linejoin:round}',
	`.fp-power{top:${TOP.power}px}`,
	'.fp-off .fp-power{font-weight:700}',
	`.fp-pods{top:${CARD.podsTop}px;padding:0;list-style:none;display:flex;` +
		`flex-direction:column;gap:${CARD.podGap}px}`,
	'.fp-pods li{box-sizing:border-box;display:flex;align-content:center;' +
		'column-gap:6px;padding:0 6px 0 5px;border:1px solid;border-radius:4px;' +
		'background:var(--pill-bg);font-size:12px;overflow:hidden}',
	'.fp-off .fp-pods li{background:var(--off-bg)}',
	'.fp-pods li.fp-more{border:0;background:none;color:var(--muted);padding:0}',
	'.fp-pods svg{flex:none;width:14px;height:14px;align-self:center}',
	'.fp-pods path{fill:currentColor;fill-rule:evenodd}',
	'.fp-pods .fp-ending path{fill:none;stroke:currentColor;stroke-width:1.4;stroke-linejoin:round}',
	'.fp-pods .fp-ending{border-style:dashed}',
	'.fp-pn{font-family:var(--font-mono);color:var(--text)}',
	'.fp-ps{margin-left:auto;min-width:0;overflow:hidden;text-overflow:ellipsis;font-weight:600}',
	'.fp-act{height:34px;box-sizing:border-box;padding:0 8px;line-height:31px;text-align:center;' +
		'border:1.5px solid var(--accent);border-radius:6px;background:var(--bg);font-weight:600}',
	'.fp-act.fp-stop{background:var(--accent);color:var(--accent-text)}',
	// The icon shows, instead of the verb, on a card too narrow for both (buttonRules).
	'.fp-icon{width:12px;height:12px;vertical-align:-1px;fill:currentColor}'
].join('');

/**
 * The buttons' rules at one width (nodeButtonFit): a narrow card's shows the icon and the name,
 * the verb only to be read; a wide one's the verb and the name. Both are spelt out, as a
 * container query for a wider box overrides the narrower one's.
 */
function buttonRules(fit: ButtonFit): [string, string][] {
	if (!fit.compact) {
		return [
			['.fp-act', 'padding:0 8px'],
			['.fp-icon', 'display:none'],
			['.fp-verb', 'position:static;width:auto;height:auto;overflow:visible;clip-path:none'],
			['.fp-who', 'font-size:inherit']
		];
	}
	return [
		['.fp-act', 'padding:0 6px'],
		['.fp-icon', 'display:inline'],
		['.fp-verb', 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)'],
		['.fp-who', `font-size:${fit.namePx}px`]
	];
}

/**
 * The rules that follow the card layout at one width (a container query's body), for the cards
 * inside `scope` (a side of the side-by-side pair has its own layout).
 */
export function cardLayoutCss(layout: CardLayout, fit: ButtonFit, scope = ''): string {
	const twoLines = layout.podHeight > 22;
	const rules: [string, string][] = [
		[
			'.fp-cards',
			`grid-template-columns:repeat(${layout.columns},minmax(0,1fr));` +
				`grid-auto-rows:${layout.cardHeight}px`
		],
		['.fp-pods li', `height:${layout.podHeight}px`],
		// A narrow card puts the status under the name, as the view does.
		['.fp-pods li', twoLines ? 'flex-wrap:wrap' : 'flex-wrap:nowrap'],
		['.fp-ps', twoLines ? 'flex-basis:100%;margin-left:19px' : 'flex-basis:auto;margin-left:auto'],
		['.fp-act', `top:${CARD.actionTop + layout.podsHeight + 2}px`],
		...buttonRules(fit)
	];
	const prefix = scope === '' ? '' : `${scope} `;
	return rules.map(([selector, body]) => `${prefix}${selector}{${body}}`).join('');
}

function icon(viewBox: number, paths: string, className?: string): string {
	const attr = className === undefined ? '' : ` class="${className}"`;
	return `<svg${attr} viewBox="0 0 ${viewBox} ${viewBox}" aria-hidden="true">${paths}</svg>`;
}

function chip(unit: UnitView): string {
	const tone = unitTone(unit);
	const status = unit.restarts > 0 ? `${unit.status} ↻${unit.restarts}` : unit.status;
	return (
		`<li class="fp-${tone}" style="${toneStyle(tone)}">` +
		icon(14, `<path d="${UNIT_SHAPES[tone]}"/>`) +
		`<span class="fp-pn">${escapeHtml(shortName(unit.name))}</span>` +
		`<span class="fp-ps">${escapeHtml(status)}</span></li>`
	);
}

/**
 * Up to this many nodes a card shows everything; beyond, only the node's name and role. A lab of
 * a hundred nodes would otherwise put a thousand pod chips in the page's HTML (700 KB more to
 * parse and lay out before the live lab replaces them: Lighthouse's Total Blocking Time on
 * /embed/large-cluster went from 80 ms to 500-900 ms).
 */
export const FULL_CARDS_MAX_NODES = 12;

/** The cards of `nodes`, with the pods bound to each (`byNode`, as the view groups them). */
export function cardsHtml(
	nodes: readonly NodeView[],
	byNode: ReadonlyMap<string, readonly UnitView[]>,
	lang: 'en' | 'zh'
): string {
	const text = CLUSTER_TEXT[lang];
	const full = nodes.length <= FULL_CARDS_MAX_NODES;
	const cards = nodes.map((node) => {
		const role = (text.role as Record<string, string>)[node.role] ?? node.role;
		const head =
			`<b class="fp-name">${escapeHtml(node.name)}</b>` +
			`<span class="fp-role">${escapeHtml(role)}</span>`;
		if (!full) return `<div class="fp-card${node.running ? '' : ' fp-off'}">${head}</div>`;
		const tone = nodeTone(node.status);
		const shape = NODE_SHAPES[tone];
		const units = byNode.get(node.name) ?? [];
		const shown = units.slice(0, CARD.maxPods).map(chip);
		if (units.length > CARD.maxPods) {
			shown.push(`<li class="fp-more">${escapeHtml(text.more(units.length - CARD.maxPods))}</li>`);
		}
		const power = node.running ? text.powerOn : text.powerOff(undefined);
		return (
			`<div class="fp-card${node.running ? '' : ' fp-off'}">` +
			head +
			`<span class="fp-pill" style="${toneStyle(tone)}">` +
			icon(
				20,
				`<path class="fp-shape" d="${shape.shape}"/><path class="fp-mark" d="${shape.mark}"/>`
			) +
			`${escapeHtml(node.status)}</span>` +
			`<span class="fp-power">${escapeHtml(power)}</span>` +
			(shown.length > 0 ? `<ul class="fp-pods">${shown.join('')}</ul>` : '') +
			`<span class="fp-act${node.running ? ' fp-stop' : ''}">` +
			icon(12, `<path d="${NODE_BUTTON_ICONS[node.running ? 'stop' : 'start']}"/>`, 'fp-icon') +
			`<span class="fp-verb">${escapeHtml(node.running ? text.verb.stop : text.verb.start)}</span>` +
			` <span class="fp-who">${escapeHtml(node.name)}</span></span></div>`
		);
	});
	return `<div class="fp-cards" aria-hidden="true">${cards.join('')}</div>`;
}
