/**
 * Where the cluster view puts things, shared by its two renderers: the SVG cards (one card per
 * node, its pods listed by name) and the canvas tiles (one small tile per node, its pods as a
 * grid of glyphs). Pure maths on counts and widths, no DOM: the component recomputes a layout
 * only when the topology or the width changes, never per frame.
 */
import type { NodeView, UnitView } from '$engine/types';
import { goCompare } from '../../engine/manifests/json';
import { naturalCompare } from '../../engine/swarm/natural';

/** SVG card geometry (px). */
export const CARD = {
	baseHeight: 178,
	gap: 12,
	pad: 14,
	/** Pods listed per card; the rest are counted ("+3 more"). */
	maxPods: 8,
	podGap: 4,
	podsTop: 130,
	/** The Stop/Start button's top, above the pod list's height. */
	actionTop: 132
} as const;

/** The narrowest card drawn (px): two paddings around a short name. */
const MIN_CARD_WIDTH = 2 * CARD.pad + 100;

/**
 * The Stop/Start button in a card (px): its font, its border and padding, and the icon that
 * takes the verb's place when the card is too narrow for `Stop control-plane-1`.
 */
const BUTTON = {
	fontPx: 14,
	/** The smallest the node's name is set in a narrow card: still legible, as a pod chip's 12 px. */
	minNamePx: 11,
	border: 3,
	padding: 16,
	compactPadding: 12,
	/** The icon and the space after it. */
	icon: 12 + 5,
	/** Room left for rounding and kerning. */
	slack: 2
} as const;

/**
 * Advances (em) of the button's bold sans-serif, DejaVu Sans Bold's (Chromium's measureText on
 * Linux): one of the widest sans-serif fonts, so a label judged to fit fits in the narrower
 * system fonts of other platforms too. Digits all have the same advance.
 */
// prettier-ignore
const ADVANCE_EM: Readonly<Record<string, number>> = {
	a: 0.675, b: 0.716, c: 0.593, d: 0.716, e: 0.678, f: 0.435, g: 0.716, h: 0.712, i: 0.343,
	j: 0.343, k: 0.665, l: 0.343, m: 1.042, n: 0.712, o: 0.687, p: 0.716, q: 0.716, r: 0.493,
	s: 0.595, t: 0.478, u: 0.712, v: 0.652, w: 0.924, x: 0.645, y: 0.652, z: 0.582, S: 0.72,
	'-': 0.415, '.': 0.38, ' ': 0.348
};
const DIGIT_EM = 0.696;
/** Any other Latin letter (capitals are 0.64–1.1 em); a CJK character is 1 em. */
const OTHER_EM = 0.85;

/** Estimated width of `text` in the button's font at `px`. */
function labelWidth(text: string, px: number): number {
	let em = 0;
	for (const ch of text) {
		if (ch >= '0' && ch <= '9') em += DIGIT_EM;
		else em += ADVANCE_EM[ch] ?? (ch.codePointAt(0)! >= 0x2e80 ? 1 : OTHER_EM);
	}
	return em * px;
}

export interface ButtonFit {
	/** The verb gives way to an icon: the node's name is what the button shows. */
	compact: boolean;
	/** The name's font size (px): the button's own, or smaller when even the name alone is long. */
	namePx: number;
}

/**
 * How the cards' Stop/Start buttons say what they do at this card width. A button reads
 * `Stop worker-1` when every node's label fits (with either verb, so the buttons do not change
 * as nodes stop and start); otherwise every button shows an icon and the node's name, set small
 * enough for the longest name: truncated labels (`Stop worke…` twice) could not tell the nodes
 * apart. The verb stays in the button's text (visually hidden), so its accessible name is whole.
 * One answer for every card, so the buttons look alike: the SVG cards and the first paint's.
 */
export function nodeButtonFit(
	cardWidth: number,
	names: readonly string[],
	verb: { readonly stop: string; readonly start: string }
): ButtonFit {
	const { fontPx, border, padding, compactPadding, icon, minNamePx, slack } = BUTTON;
	const width = cardWidth - 2 * CARD.pad - slack;
	const verbWidth = Math.max(
		labelWidth(`${verb.stop} `, fontPx),
		labelWidth(`${verb.start} `, fontPx)
	);
	const longest = names.reduce((most, name) => Math.max(most, labelWidth(name, fontPx)), 0);
	if (border + padding + verbWidth + longest <= width) return { compact: false, namePx: fontPx };
	const room = width - border - compactPadding - icon;
	const px = longest === 0 ? fontPx : Math.floor((fontPx * room) / longest);
	return { compact: true, namePx: Math.max(minNamePx, Math.min(fontPx, px)) };
}

/** Canvas tile geometry (px). */
export const TILE = {
	minWidth: 104,
	gap: 6,
	pad: 6,
	/** Name line and status line above the pod glyphs. */
	header: 34,
	/** One pod glyph's cell; the glyph itself is `glyph` px. */
	cell: 12,
	glyph: 9,
	/** Rows of glyphs at most; pods beyond are counted (+N). */
	maxRows: 5
} as const;

/**
 * Above this many drawn elements (cards plus the pod chips they list) the view switches to the
 * canvas. Issue 5 measured SVG holding 60 fps to about 1,000 moving elements; a card lists at
 * most `CARD.maxPods` pods, so 100 nodes × 10 pods draws 101 + 800 = 901 and stays SVG, and
 * 500 × 20 (4,501) goes to the canvas, which holds about 7,500.
 */
export const CANVAS_ABOVE = 1_000;
/** Once on the canvas, the view goes back to SVG only below this, so it never flickers. */
export const SVG_BELOW = 800;

export const unitKey = (u: UnitView): string => u.id ?? `${u.namespace}/${u.name}`;

export interface Grouped {
	/** Bound units by node name, in snapshot order. */
	byNode: ReadonlyMap<string, readonly UnitView[]>;
	unscheduled: readonly UnitView[];
}

export function groupUnits(units: readonly UnitView[]): Grouped {
	const byNode = new Map<string, UnitView[]>();
	const unscheduled: UnitView[] = [];
	for (const unit of units) {
		if (unit.node === undefined) {
			unscheduled.push(unit);
			continue;
		}
		let list = byNode.get(unit.node);
		if (list === undefined) byNode.set(unit.node, (list = []));
		list.push(unit);
	}
	return { byNode, unscheduled: inListOrder(unscheduled) };
}

/**
 * The order the real CLI lists units in:
 *  - pods as `kubectl get pods` prints them: in the API's list order, which is the storage key's
 *    (`/registry/pods/NAMESPACE/NAME`: etcd range reads, and the watch cache's B-tree, return keys
 *    in byte order), so `web-10` comes before `web-2`, and namespace `a-b` before `a`;
 *  - swarm tasks (they carry an `id`) as `docker service ps` prints them: names in natural order
 *    (docker/cli cli/command/task/print.go sorts with sortorder.NaturalLess), `web.2` before
 *    `web.10`; a slot's tasks keep their snapshot order.
 */
function compareUnits(a: UnitView, b: UnitView): number {
	if (a.id !== undefined || b.id !== undefined) return naturalCompare(a.name, b.name);
	return goCompare(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`);
}

/**
 * `units` in the CLI's order (compareUnits). A Kubernetes snapshot lists its pods in that order
 * already: one pass checks it, so a big lab's thousand pending pods cost no sort every frame.
 */
function inListOrder(units: UnitView[]): UnitView[] {
	for (let i = 1; i < units.length; i++) {
		if (compareUnits(units[i - 1]!, units[i]!) > 0) return units.sort(compareUnits);
	}
	return units;
}

/** The most pods bound to any one node. */
export function maxPodsPerNode(byNode: Grouped['byNode']): number {
	let most = 0;
	for (const list of byNode.values()) most = Math.max(most, list.length);
	return most;
}

/** How many elements the SVG renderer would draw: a card per node, at most 8 chips each. */
export function svgElementCount(nodes: readonly NodeView[], byNode: Grouped['byNode']): number {
	let count = nodes.length;
	for (const node of nodes) count += Math.min(byNode.get(node.name)?.length ?? 0, CARD.maxPods);
	return count;
}

/** SVG or canvas, with hysteresis so that a count near the threshold does not flip back and forth. */
export function chooseRenderer(elements: number, current: 'svg' | 'canvas'): 'svg' | 'canvas' {
	if (current === 'svg') return elements > CANVAS_ABOVE ? 'canvas' : 'svg';
	return elements < SVG_BELOW ? 'svg' : 'canvas';
}

export interface CardLayout {
	columns: number;
	cardWidth: number;
	/** 22 px for one line, 36 px when the status goes under the name on a narrow card. */
	podHeight: number;
	cardHeight: number;
	podsHeight: number;
	width: number;
	height: number;
}

/** Cards in up to four columns (two on a phone, one below 300 px), all as tall as the fullest. */
export function cardLayout(width: number, nodeCount: number, mostPods: number): CardLayout {
	const { gap, pad, maxPods, podGap, baseHeight } = CARD;
	const columns = width >= 640 ? Math.min(4, Math.max(nodeCount, 1)) : width >= 300 ? 2 : 1;
	// A container not laid out yet measures 0 px wide: draw cards that still have room for a
	// name rather than negative widths, and let the next measurement lay them out properly.
	const cardWidth = Math.max(MIN_CARD_WIDTH, Math.floor((width - gap * (columns - 1)) / columns));
	const rows = Math.ceil(nodeCount / columns);
	// Narrow cards put a pod's status under its name: one line would not hold CrashLoopBackOff.
	const podHeight = cardWidth - 2 * pad >= 190 ? 22 : 36;
	const lines = Math.min(mostPods, maxPods) + (mostPods > maxPods ? 1 : 0);
	const podsHeight = lines === 0 ? 0 : lines * (podHeight + podGap) + 6;
	const cardHeight = baseHeight + podsHeight;
	return {
		columns,
		cardWidth,
		podHeight,
		cardHeight,
		podsHeight,
		...gridSize(columns, rows, cardWidth, cardHeight, gap)
	};
}

/** Width and height of `rows` × `columns` equal cells with `gap` between them. */
function gridSize(columns: number, rows: number, cellW: number, cellH: number, gap: number) {
	return {
		width: columns * cellW + gap * (columns - 1),
		height: Math.max(0, rows * cellH + (rows - 1) * gap)
	};
}

/** Top-left corner of the i-th cell of a grid filled row by row. */
function gridPosition(i: number, columns: number, cellW: number, cellH: number, gap: number) {
	return { x: (i % columns) * (cellW + gap), y: Math.floor(i / columns) * (cellH + gap) };
}

/** Top-left corner of the i-th card. */
export function cardPosition(layout: CardLayout, i: number): { x: number; y: number } {
	return gridPosition(i, layout.columns, layout.cardWidth, layout.cardHeight, CARD.gap);
}

/** Top of the i-th pod chip inside its card. */
export function podY(layout: CardLayout, i: number): number {
	return CARD.podsTop + i * (layout.podHeight + CARD.podGap);
}

export interface TileLayout {
	columns: number;
	tileWidth: number;
	tileHeight: number;
	/** Pod glyphs per row, and rows, inside a tile. */
	podColumns: number;
	podRows: number;
	width: number;
	height: number;
}

/** Tiles at least `TILE.minWidth` wide, as many per row as fit; rows of glyphs for the fullest node. */
export function tileLayout(width: number, nodeCount: number, mostPods: number): TileLayout {
	const { gap, pad, cell, header, maxRows, minWidth } = TILE;
	const columns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
	const tileWidth = Math.floor((width - gap * (columns - 1)) / columns);
	const podColumns = Math.max(1, Math.floor((tileWidth - 2 * pad) / cell));
	const podRows = Math.min(maxRows, Math.max(1, Math.ceil(mostPods / podColumns)));
	const tileHeight = header + podRows * cell + pad;
	const rows = Math.ceil(nodeCount / columns);
	return {
		columns,
		tileWidth,
		tileHeight,
		podColumns,
		podRows,
		...gridSize(columns, rows, tileWidth, tileHeight, gap)
	};
}

/** Top-left corner of the i-th tile. */
export function tilePosition(layout: TileLayout, i: number): { x: number; y: number } {
	return gridPosition(i, layout.columns, layout.tileWidth, layout.tileHeight, TILE.gap);
}

/** The index of the tile under a point (canvas px), or -1 over a gap or past the last tile. */
export function tileAt(layout: TileLayout, nodeCount: number, x: number, y: number): number {
	if (x < 0 || y < 0) return -1;
	const col = Math.floor(x / (layout.tileWidth + TILE.gap));
	const row = Math.floor(y / (layout.tileHeight + TILE.gap));
	if (col >= layout.columns) return -1;
	if (x - col * (layout.tileWidth + TILE.gap) > layout.tileWidth) return -1;
	if (y - row * (layout.tileHeight + TILE.gap) > layout.tileHeight) return -1;
	const i = row * layout.columns + col;
	return i < nodeCount ? i : -1;
}

/**
 * How many glyphs a tile draws for `count` pods, and how many it counts as "+N" instead (the
 * count takes the place of the last three glyphs).
 */
export function tileGlyphs(layout: TileLayout, count: number): { shown: number; more: number } {
	const room = layout.podColumns * layout.podRows;
	if (count <= room) return { shown: count, more: 0 };
	const shown = Math.max(0, room - 3);
	return { shown, more: count - shown };
}

/** Top-left corner of the j-th glyph cell, relative to its tile. */
export function glyphPosition(layout: TileLayout, j: number): { x: number; y: number } {
	return {
		x: TILE.pad + (j % layout.podColumns) * TILE.cell,
		y: TILE.header + Math.floor(j / layout.podColumns) * TILE.cell
	};
}
