/**
 * The cluster view's canvas renderer, for clusters too big for SVG (see CANVAS_ABOVE in
 * cluster-layout.ts): one tile per node with its status icon, name and status word, and its
 * pods as a grid of glyphs — the same shapes and theme colours as the SVG cards (unit-state.ts),
 * so a state is told by shape as well as colour.
 *
 * It diffs, like the SVG's keyed joins: each tile keeps a signature of what it shows and only
 * tiles whose signature changed are repainted. A draw with nothing changed paints nothing. The
 * whole canvas is repainted only when the layout, the pixel ratio or the theme changes.
 */
import type { NodeView, UnitView } from '$engine/types';
import {
	glyphPosition,
	TILE,
	tileGlyphs,
	tilePosition,
	type Grouped,
	type TileLayout
} from './cluster-layout';
import {
	NODE_SHAPES,
	nodeTone,
	STROKED_TONES,
	TONE_VARS,
	UNIT_SHAPES,
	unitTone,
	type UnitTone
} from './unit-state';

export interface CanvasFrame {
	nodes: readonly NodeView[];
	byNode: Grouped['byNode'];
	layout: TileLayout;
	/** Seconds each powered-off node has been off, when known. */
	offSeconds: (node: NodeView) => number | undefined;
	lang: 'en' | 'zh';
}

/** The largest backing store, per side and in all: beyond these, browsers draw nothing. */
const MAX_SIDE = 16_384;
const MAX_AREA = 48_000_000;

const OFF_WORD = { en: 'off', zh: '关机' };

type Colours = Record<string, string>;

const VARIABLES = [
	'--bg',
	'--text',
	'--muted',
	'--border',
	'--off-bg',
	'--off-fg',
	'--font-sans',
	'--font-mono',
	...new Set(Object.values(TONE_VARS).flatMap((v) => [v.fg, v.bg]))
];

/** One letter per tone, for the tile signatures. */
const TONE_LETTER: Record<UnitTone, string> = {
	ok: 'o',
	starting: 's',
	bad: 'b',
	ending: 'e',
	done: 'd'
};

/** What a tile was last drawn from: a snapshot reuses an unchanged pod's UnitView object. */
interface TileInputs {
	index: number;
	status: string;
	running: boolean;
	off: number | undefined;
	units: readonly UnitView[];
}

const NO_UNITS: readonly UnitView[] = [];

/** Whether a tile's inputs are those it was drawn from (the same pod views, in order). */
function unchanged(
	before: TileInputs | undefined,
	index: number,
	node: NodeView,
	off: number | undefined,
	units: readonly UnitView[]
): boolean {
	if (before === undefined || before.index !== index || before.off !== off) return false;
	if (before.status !== node.status || before.running !== node.running) return false;
	if (before.units.length !== units.length) return false;
	for (let j = 0; j < units.length; j++) if (before.units[j] !== units[j]) return false;
	return true;
}

export class ClusterCanvas {
	readonly #canvas: HTMLCanvasElement;
	readonly #ctx: CanvasRenderingContext2D;
	/** What each tile shows, by node name; a tile is repainted when its signature changes. */
	#signatures = new Map<string, string>();
	/** What each tile was last drawn from, by node name: a tile whose inputs are the same is skipped. */
	#inputs = new Map<string, TileInputs>();
	#frameKey = '';
	#colours: Colours | undefined;
	#ratio = 1;
	#unitPaths = new Map<UnitTone, Path2D>();
	#nodePaths = new Map<string, { shape: Path2D; mark: Path2D }>();

	get element(): HTMLCanvasElement {
		return this.#canvas;
	}

	constructor(canvas: HTMLCanvasElement) {
		this.#canvas = canvas;
		const ctx = canvas.getContext('2d', { alpha: true });
		if (ctx === null) throw new Error('No 2D canvas context');
		this.#ctx = ctx;
		for (const [tone, d] of Object.entries(UNIT_SHAPES)) {
			this.#unitPaths.set(tone as UnitTone, new Path2D(d));
		}
		for (const [tone, { shape, mark }] of Object.entries(NODE_SHAPES)) {
			this.#nodePaths.set(tone, { shape: new Path2D(shape), mark: new Path2D(mark) });
		}
	}

	/** Forgets the colours and every tile: the next draw repaints all (theme or pixel ratio changed). */
	invalidate() {
		this.#colours = undefined;
		this.#frameKey = '';
		this.#inputs.clear();
	}

	/** Paints what changed since the last draw; returns how many tiles it painted. */
	draw(frame: CanvasFrame): number {
		const { layout, nodes } = frame;
		const ratio = this.#pixelRatio(layout);
		const frameKey = `${layout.width}x${layout.height}|${layout.columns}|${layout.podColumns}x${layout.podRows}|${nodes.length}|${ratio}|${frame.lang}`;
		const full = frameKey !== this.#frameKey || this.#colours === undefined;
		if (full) {
			this.#frameKey = frameKey;
			this.#ratio = ratio;
			this.#colours = this.#readColours();
			this.#signatures.clear();
			this.#inputs.clear();
			// Setting the size clears the canvas, even to the same value.
			this.#canvas.width = Math.round(layout.width * ratio);
			this.#canvas.height = Math.round(layout.height * ratio);
			this.#canvas.style.width = `${layout.width}px`;
			this.#canvas.style.height = `${layout.height}px`;
		}
		let painted = 0;
		for (let i = 0; i < nodes.length; i++) {
			const node = nodes[i]!;
			const units = frame.byNode.get(node.name) ?? NO_UNITS;
			const off = node.running ? undefined : frame.offSeconds(node);
			// Most tiles of a big cluster show what they showed: no signature to build for them.
			if (unchanged(this.#inputs.get(node.name), i, node, off, units)) continue;
			const { status, running } = node;
			this.#inputs.set(node.name, { index: i, status, running, off, units });
			const signature = this.#signature(i, node, units, off, layout);
			if (this.#signatures.get(node.name) === signature) continue;
			this.#signatures.set(node.name, signature);
			this.#paintTile(i, node, units, off, frame);
			painted++;
		}
		return painted;
	}

	/** The device pixel ratio, lowered only as far as a very tall canvas needs to stay drawable. */
	#pixelRatio(layout: TileLayout): number {
		const device = Math.max(1, window.devicePixelRatio || 1);
		const side = MAX_SIDE / Math.max(layout.width, layout.height, 1);
		const area = Math.sqrt(MAX_AREA / Math.max(layout.width * layout.height, 1));
		return Math.min(device, side, area);
	}

	#readColours(): Colours {
		const style = getComputedStyle(this.#canvas);
		const colours: Colours = {};
		for (const name of VARIABLES) colours[name] = style.getPropertyValue(name).trim();
		return colours;
	}

	#signature(
		i: number,
		node: NodeView,
		units: readonly UnitView[],
		off: number | undefined,
		layout: TileLayout
	): string {
		const { shown, more } = tileGlyphs(layout, units.length);
		let glyphs = '';
		for (let j = 0; j < shown; j++) glyphs += TONE_LETTER[unitTone(units[j]!)];
		return `${i}|${node.status}|${node.running}|${off ?? ''}|${glyphs}|${more}`;
	}

	#paintTile(
		i: number,
		node: NodeView,
		units: readonly UnitView[],
		off: number | undefined,
		frame: CanvasFrame
	) {
		const ctx = this.#ctx;
		const c = this.#colours!;
		const { layout } = frame;
		const { x, y } = tilePosition(layout, i);
		const w = layout.tileWidth;
		const h = layout.tileHeight;
		const r = this.#ratio;
		const at = (dx: number, dy: number, scale = 1) =>
			ctx.setTransform(r * scale, 0, 0, r * scale, r * (x + dx), r * (y + dy));

		at(0, 0);
		ctx.clearRect(-1, -1, w + 2, h + 2);

		// The tile: a powered-off machine is greyed, with a dashed outline.
		ctx.beginPath();
		ctx.roundRect(0.75, 0.75, w - 1.5, h - 1.5, 6);
		ctx.fillStyle = node.running ? c['--bg']! : c['--off-bg']!;
		ctx.fill();
		ctx.setLineDash(node.running ? [] : [5, 3]);
		ctx.lineWidth = node.running ? 1.5 : 2;
		ctx.strokeStyle = c['--border']!;
		ctx.stroke();
		ctx.setLineDash([]);

		// Status icon (the SVG card's shapes, 20 px box at 12 px) and the node's name.
		const tone = nodeTone(node.status);
		const icon = this.#nodePaths.get(tone)!;
		at(TILE.pad, 5, 0.6);
		ctx.fillStyle = c[TONE_VARS[tone].fg]!;
		ctx.fill(icon.shape);
		ctx.strokeStyle = c[TONE_VARS[tone].bg]!;
		ctx.lineWidth = 2.4;
		ctx.lineCap = 'round';
		ctx.lineJoin = 'round';
		ctx.stroke(icon.mark);

		at(0, 0);
		ctx.textBaseline = 'alphabetic';
		ctx.fillStyle = c['--text']!;
		ctx.font = `700 11px ${c['--font-mono'] || 'monospace'}`;
		const nameX = TILE.pad + 16;
		ctx.fillText(node.name, nameX, 15, w - nameX - TILE.pad);
		ctx.font = `600 11px ${c['--font-sans'] || 'sans-serif'}`;
		ctx.fillStyle = c[TONE_VARS[tone].fg]!;
		const offWord = OFF_WORD[frame.lang];
		const status = node.running
			? node.status
			: `${node.status} · ${offWord}${off === undefined ? '' : ` ${off}s`}`;
		ctx.fillText(status, TILE.pad, 29, w - 2 * TILE.pad);

		// Pods: one glyph each, in snapshot order, then "+N" for those with no room.
		const { shown, more } = tileGlyphs(layout, units.length);
		const scale = TILE.glyph / 14;
		const inset = (TILE.cell - TILE.glyph) / 2;
		for (let j = 0; j < shown; j++) {
			const unitToneOf = unitTone(units[j]!);
			const g = glyphPosition(layout, j);
			at(g.x + inset, g.y + inset, scale);
			const path = this.#unitPaths.get(unitToneOf)!;
			const colour = c[TONE_VARS[unitToneOf].fg]!;
			if (STROKED_TONES.has(unitToneOf)) {
				ctx.strokeStyle = colour;
				ctx.lineWidth = 1.6;
				ctx.stroke(path);
			} else {
				ctx.fillStyle = colour;
				ctx.fill(path, 'evenodd');
			}
		}
		if (more > 0) {
			const g = glyphPosition(layout, shown);
			at(0, 0);
			ctx.fillStyle = c['--muted']!;
			ctx.font = `600 10px ${c['--font-sans'] || 'sans-serif'}`;
			ctx.fillText(`+${more}`, g.x + 1, g.y + TILE.cell - 2, 3 * TILE.cell);
		}
		ctx.setTransform(1, 0, 0, 1, 0, 0);
	}
}
