/**
 * Where the cluster view puts things, shared by its two renderers: the SVG cards (one card per
 * node, its pods listed by name) and the canvas tiles (one small tile per node, its pods as a
 * grid of glyphs). Pure maths on counts and widths, no DOM: the component recomputes a layout
 * only when the topology or the width changes, never per frame.
 */
import type { NodeView, UnitView } from '$engine/types';

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
	return { byNode, unscheduled };
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
