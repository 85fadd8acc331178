/**
 * Where the traffic view draws things: client → entry nodes → service → backends grouped by
 * node. Across the page when it is wide, top to bottom on a phone. Pure geometry, so a test can
 * check that nothing overlaps or sticks out at 360 px, and that a request's path ends where it
 * failed.
 */
import type { FailurePoint } from './traffic-model';

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

export type Point = readonly [number, number];

export interface RowBox extends Box {
	key: string;
}

export interface GroupBox extends Box {
	node: string;
	rows: readonly RowBox[];
}

export interface FlowLayout {
	orientation: 'across' | 'down';
	width: number;
	height: number;
	client: Box;
	entries: readonly (Box & { node: string })[];
	service: Box;
	groups: readonly GroupBox[];
}

export interface Edge {
	key: string;
	points: readonly Point[];
}

/** Below this width the flow runs top to bottom. */
export const ACROSS_MIN_WIDTH = 710;
/**
 * The width a page's first paint (rendered at build time) draws the top-to-bottom flow at, for
 * phones: about a lesson's column on one, scaled to the column it gets.
 */
export const FIRST_PAINT_PHONE_WIDTH = 340;
export const ROW_H = 46;
const ROW_GAP = 4;
const HEADER_H = 26;
const GROUP_PAD = 6;
const GROUP_GAP = 10;
const EMPTY_H = 56;
/** The narrowest entry box on a phone. */
const DOWN_ENTRY_MIN = 110;
/** What a backend row needs across: name, status word and counts. */
export const ROW_MIN_W = 290;

const CLIENT = { w: 84, h: 50 };
const ENTRY = { w: 124, h: 50 };
const SERVICE = { w: 132, h: 76 };

function groupHeight(rows: number): number {
	return HEADER_H + rows * (ROW_H + ROW_GAP) + GROUP_PAD;
}

/** Backend groups stacked from `top`, `width` wide, starting at `x`. */
function stackGroups(
	groups: readonly { node: string; rows: readonly { key: string }[] }[],
	x: number,
	top: number,
	width: number
): { boxes: GroupBox[]; height: number } {
	let y = top;
	const boxes = groups.map((g) => {
		const h = groupHeight(g.rows.length);
		const rows = g.rows.map((r, i) => ({
			key: r.key,
			x: x + GROUP_PAD,
			y: y + HEADER_H + i * (ROW_H + ROW_GAP),
			w: width - 2 * GROUP_PAD,
			h: ROW_H
		}));
		const box = { node: g.node, x, y, w: width, h, rows };
		y += h + GROUP_GAP;
		return box;
	});
	return { boxes, height: boxes.length === 0 ? EMPTY_H : y - GROUP_GAP - top };
}

export function layoutFlow(
	entries: readonly string[],
	groups: readonly { node: string; rows: readonly { key: string }[] }[],
	width: number
): FlowLayout {
	const w = Math.max(280, Math.floor(width));
	return w >= ACROSS_MIN_WIDTH ? across(entries, groups, w) : down(entries, groups, w);
}

function across(
	entries: readonly string[],
	groups: readonly { node: string; rows: readonly { key: string }[] }[],
	width: number
): FlowLayout {
	const fixed = CLIENT.w + ENTRY.w + SERVICE.w;
	// Backends get at least a row's width; the gaps take the rest, up to 64 px.
	const gap = Math.min(
		64,
		Math.max(22, Math.floor((width - fixed - ROW_MIN_W - 2 * GROUP_PAD) / 3))
	);
	const backX = fixed + 3 * gap;
	const stacked = stackGroups(groups, backX, 0, width - backX);
	const entriesH = entries.length * ENTRY.h + Math.max(0, entries.length - 1) * 8;
	const height = Math.max(stacked.height, entriesH, SERVICE.h, CLIENT.h);
	const entryTop = (height - entriesH) / 2;
	return {
		orientation: 'across',
		width,
		height,
		client: { x: 0, y: (height - CLIENT.h) / 2, ...CLIENT },
		entries: entries.map((node, i) => ({
			node,
			x: CLIENT.w + gap,
			y: entryTop + i * (ENTRY.h + 8),
			...ENTRY
		})),
		service: { x: CLIENT.w + ENTRY.w + 2 * gap, y: (height - SERVICE.h) / 2, ...SERVICE },
		groups: stacked.boxes
	};
}

function down(
	entries: readonly string[],
	groups: readonly { node: string; rows: readonly { key: string }[] }[],
	width: number
): FlowLayout {
	const gap = 26;
	const client = { w: Math.min(180, width), h: 40 };
	// Entry boxes in rows, none narrower than DOWN_ENTRY_MIN (`control-plane` must fit).
	const n = Math.max(1, entries.length);
	const cols = Math.max(1, Math.min(n, Math.floor((width + 6) / (DOWN_ENTRY_MIN + 6))));
	const entryW = Math.min(ENTRY.w, Math.floor((width - (cols - 1) * 6) / cols));
	const entryH = 46;
	const lines = Math.ceil(n / cols);
	const entryY = client.h + gap;
	const serviceY = entryY + lines * entryH + (lines - 1) * 6 + gap;
	const service = { w: Math.min(280, width), h: 64 };
	const backY = serviceY + service.h + gap;
	const stacked = stackGroups(groups, 0, backY, width);
	return {
		orientation: 'down',
		width,
		height: backY + stacked.height,
		client: { x: (width - client.w) / 2, y: 0, ...client },
		entries: entries.map((node, i) => {
			const line = Math.floor(i / cols);
			// The last line is centred on its own when it is shorter.
			const inLine = Math.min(cols, n - line * cols);
			const lineW = inLine * entryW + (inLine - 1) * 6;
			return {
				node,
				x: (width - lineW) / 2 + (i % cols) * (entryW + 6),
				y: entryY + line * (entryH + 6),
				w: entryW,
				h: entryH
			};
		}),
		service: { x: (width - service.w) / 2, y: serviceY, ...service },
		groups: stacked.boxes
	};
}

const mid = (b: Box): Point => [b.x + b.w / 2, b.y + b.h / 2];
const inOf = (l: FlowLayout, b: Box): Point =>
	l.orientation === 'across' ? [b.x, b.y + b.h / 2] : [b.x + b.w / 2, b.y];
const outOf = (l: FlowLayout, b: Box): Point =>
	l.orientation === 'across' ? [b.x + b.w, b.y + b.h / 2] : [b.x + b.w / 2, b.y + b.h];

/** From the service to one backend row: straight across, or down the left gutter on a phone. */
function toRow(l: FlowLayout, row: RowBox): Point[] {
	const from = outOf(l, l.service);
	if (l.orientation === 'across') return [from, [row.x, row.y + 14]];
	return [
		from,
		[from[0], l.service.y + l.service.h + 12],
		[2, l.service.y + l.service.h + 12],
		[2, row.y + 14],
		[row.x, row.y + 14]
	];
}

function entryBox(l: FlowLayout, entry: string): (Box & { node: string }) | undefined {
	return l.entries.find((e) => e.node === entry) ?? l.entries[0];
}

function rowBox(l: FlowLayout, key: string): RowBox | undefined {
	for (const g of l.groups) {
		const row = g.rows.find((r) => r.key === key);
		if (row !== undefined) return row;
	}
	return undefined;
}

/**
 * The polyline one request travels: client → its entry node → the service → its backend's row,
 * cut short where it failed (`stop`).
 */
export function requestPath(
	l: FlowLayout,
	entry: string,
	rowKey: string | undefined,
	stop: FailurePoint | 'answered'
): Point[] {
	const e = entryBox(l, entry);
	const points: Point[] = [outOf(l, l.client)];
	if (e === undefined) return points;
	if (stop === 'entry') return [...points, mid(e)];
	points.push(inOf(l, e), outOf(l, e), inOf(l, l.service));
	if (stop === 'service') return [...points, mid(l.service)];
	const row = rowKey === undefined ? undefined : rowBox(l, rowKey);
	if (row === undefined) return [...points, mid(l.service)];
	return [...points, ...toRow(l, row)];
}

/** The fixed wires: client → each entry → the service → each backend. */
export function edges(l: FlowLayout): Edge[] {
	const list: Edge[] = [];
	for (const e of l.entries) {
		list.push({ key: `client>${e.node}`, points: [outOf(l, l.client), inOf(l, e)] });
		list.push({ key: `${e.node}>service`, points: [outOf(l, e), inOf(l, l.service)] });
	}
	for (const g of l.groups)
		for (const r of g.rows) list.push({ key: `service>${r.key}`, points: toRow(l, r) });
	return list;
}

/** SVG path data for a polyline. */
export function pathData(points: readonly Point[]): string {
	return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join('');
}

/** The point `f` (0..1) of the way along a polyline, by length. */
export function pointAlong(points: readonly Point[], f: number): Point {
	if (points.length === 1) return points[0]!;
	const lengths: number[] = [];
	let total = 0;
	for (let i = 1; i < points.length; i++) {
		const d = Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
		lengths.push(d);
		total += d;
	}
	let left = Math.min(Math.max(f, 0), 1) * total;
	for (let i = 0; i < lengths.length; i++) {
		const d = lengths[i]!;
		if (left <= d || i === lengths.length - 1) {
			const k = d === 0 ? 0 : Math.min(left / d, 1);
			const [x0, y0] = points[i]!;
			const [x1, y1] = points[i + 1]!;
			return [x0 + (x1 - x0) * k, y0 + (y1 - y0) * k];
		}
		left -= d;
	}
	return points[points.length - 1]!;
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}
