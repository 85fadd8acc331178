/**
 * The cluster view's SVG renderer: a card per node (keyed d3 join on the node name) with its pods
 * listed inside (a nested keyed join on the pod's key). Cards and pod lists keep a signature of
 * what they show, and a snapshot touches only the cards whose signature changed: with a hundred
 * nodes and nothing happening, a frame sets no attribute at all, so the browser restyles and
 * re-lays out nothing.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition'; // adds selection.transition(); d3's sideEffects flag drops it otherwise
import type { NodeView, UnitView } from '$engine/types';
import { CARD, cardPosition, podY, unitKey, type CardLayout, type Grouped } from './cluster-layout';
import {
	describeUnit,
	NODE_BUTTON_ICONS,
	NODE_SHAPES,
	nodeTone,
	shortName,
	toneStyle,
	UNIT_SHAPES,
	unitTone,
	type UnitTone
} from './unit-state';
import { placedPath } from './svg-path';

/**
 * Where the status pill sits in a card, and its icon in it. Nothing inside a card has a
 * transform of its own (svg-path.ts says why): children are placed by their coordinates.
 */
const PILL = { top: 62, iconX: 7, iconY: 5, textX: 34, textY: 20 } as const;
/** A pod chip's icon and name, from the chip's top-left corner. */
const CHIP = { iconX: 5, iconY: 4, nameX: 25, nameY: 15 } as const;

/** The node name's size (ClusterNodes.svelte's `text.name`) and a monospace glyph's advance (em). */
const NAME_PX = 16;
const MONO_EM = 0.62;

export interface SvgText {
	role: Record<string, string>;
	verb: { readonly stop: string; readonly start: string };
	stop: (name: string) => string;
	start: (name: string) => string;
	pods: (name: string) => string;
	more: (n: number) => string;
}

export interface SvgFrame {
	nodes: readonly NodeView[];
	byNode: Grouped['byNode'];
	layout: CardLayout;
	lang: 'en' | 'zh';
	text: SvgText;
	/** "Power: on" / "Power: off for 12 s", as the card says it. */
	power: (node: NodeView) => string;
	/** False when the reader prefers reduced motion: every change is then a plain state change. */
	animate: boolean;
}

type Card = Selection<SVGGElement, NodeView, SVGSVGElement, unknown>;
type Chip = Selection<SVGGElement, UnitView, SVGGElement, NodeView>;

function enterCard(card: Card, onToggle: (node: NodeView) => void): Card {
	const { pad } = CARD;
	card.attr('class', 'node').attr('role', 'listitem');
	card.append('rect').attr('class', 'frame').attr('rx', 8).attr('ry', 8);
	card.append('text').attr('class', 'name').attr('x', pad).attr('y', 28);
	card.append('text').attr('class', 'role').attr('x', pad).attr('y', 48);

	const pill = card.append('g').attr('class', 'pill');
	pill
		.append('rect')
		.attr('class', 'pill-bg')
		.attr('x', pad)
		.attr('y', PILL.top)
		.attr('height', 30)
		.attr('rx', 15)
		.attr('ry', 15)
		.attr('stroke-width', 1);
	const icon = pill.append('g').attr('class', 'status-icon').attr('aria-hidden', 'true');
	icon.append('path').attr('class', 'shape');
	icon.append('path').attr('class', 'mark');
	pill
		.append('text')
		.attr('class', 'status-text status-word')
		.attr('x', pad + PILL.textX)
		.attr('y', PILL.top + PILL.textY);

	card.append('text').attr('class', 'power').attr('x', pad).attr('y', 118);
	card.append('g').attr('class', 'pods').attr('role', 'list');
	card.append('text').attr('class', 'more-pods').attr('x', pad);

	// Every machine can be powered off, the control plane and the managers too: what happens
	// then (pods keep serving, nothing is rescheduled; Raft elects a new leader) is a lesson.
	const button = card
		.append('foreignObject')
		.attr('class', 'action')
		.attr('x', pad)
		.attr('height', 38)
		.append<HTMLButtonElement>('xhtml:button')
		.attr('type', 'button')
		.attr('class', 'node-button')
		.on('click', (event: MouseEvent) => {
			// The card's datum is rebound every snapshot; the button's own copy is not.
			const owner = (event.currentTarget as Element).closest<SVGGElement>('g.node');
			if (owner !== null) onToggle(select<SVGGElement, NodeView>(owner).datum());
		});
	// `Stop worker-1`: the icon (shown instead of the verb on a narrow card, nodeButtonFit), the
	// verb, a space, the name. The text is the accessible name whichever part is seen.
	button
		.append('svg:svg')
		.attr('class', 'node-icon')
		.attr('aria-hidden', 'true')
		.attr('viewBox', '0 0 12 12')
		.append('path');
	button.append('xhtml:span').attr('class', 'verb');
	button.each(function () {
		this.append(' ');
	});
	button.append('xhtml:span').attr('class', 'who');
	return card;
}

function enterPod(chip: Chip): Chip {
	const { pad } = CARD;
	chip.attr('class', 'pod').attr('role', 'listitem');
	chip.append('rect').attr('class', 'pod-bg').attr('rx', 4).attr('ry', 4).attr('x', pad);
	chip.append('path').attr('class', 'pod-icon').attr('aria-hidden', 'true');
	chip
		.append('text')
		.attr('class', 'pod-name')
		.attr('x', pad + CHIP.nameX);
	chip.append('text').attr('class', 'pod-status');
	return chip;
}

/** How far (px, down) a sliding chip's transform still moves it from its place: 0 if none. */
function slideOffset(chip: SVGGElement): number {
	const match = /translate\(\s*[-\d.e]+[\s,]+([-\d.e]+)/.exec(chip.getAttribute('transform') ?? '');
	return match === null ? 0 : Number(match[1]);
}

/** The attributes that put a chip's parts at `y` (its top, in the card). */
function chipPlace(y: number, tone: UnitTone, statusDy: number): [string, string, string][] {
	const { pad } = CARD;
	return [
		['rect.pod-bg', 'y', String(y)],
		['path.pod-icon', 'd', placedPath(UNIT_SHAPES[tone], pad + CHIP.iconX, y + CHIP.iconY)],
		['text.pod-name', 'y', String(y + CHIP.nameY)],
		['text.pod-status', 'y', String(y + statusDy)]
	];
}

export class ClusterSvg {
	readonly #svg: SVGSVGElement;
	readonly #onToggle: (node: NodeView) => void;
	/** What each card, and each card's pod list, showed when last drawn. */
	#cardSignatures = new WeakMap<Element, string>();
	#podSignatures = new WeakMap<Element, string>();
	#chipSignatures = new WeakMap<Element, string>();
	#painted = false;

	get element(): SVGSVGElement {
		return this.#svg;
	}

	constructor(svg: SVGSVGElement, onToggle: (node: NodeView) => void) {
		this.#svg = svg;
		this.#onToggle = onToggle;
	}

	render(frame: SvgFrame) {
		const { nodes, layout, text, lang } = frame;
		const { pad } = CARD;
		const layoutKey = `${layout.columns}|${layout.cardWidth}|${layout.cardHeight}|${layout.podHeight}|${lang}`;
		const toggle = this.#onToggle;

		const cards = select(this.#svg)
			.selectAll<SVGGElement, NodeView>('g.node')
			.data(nodes, (d) => d.name)
			.join((enter) => enterCard(enter.append('g'), toggle));

		const cardSignatures = this.#cardSignatures;
		const changed = cards.filter(function (d, i) {
			const signature = `${i}|${d.status}|${d.running}|${frame.power(d)}|${layoutKey}`;
			if (cardSignatures.get(this) === signature) return false;
			cardSignatures.set(this, signature);
			return true;
		});
		this.#renderCards(changed, frame);

		const podSignatures = this.#podSignatures;
		const restocked = cards.filter(function (d) {
			const list = frame.byNode.get(d.name) ?? [];
			let signature = `${layoutKey}|${list.length}`;
			for (let j = 0; j < Math.min(list.length, CARD.maxPods); j++) {
				const u = list[j]!;
				signature += `|${unitKey(u)}:${u.status}:${u.ready}:${u.restarts}`;
			}
			if (podSignatures.get(this) === signature) return false;
			podSignatures.set(this, signature);
			return true;
		});
		this.#renderPods(restocked, frame);
		this.#painted = true;

		changed
			.select('foreignObject.action')
			.attr('width', layout.cardWidth - 2 * pad)
			.attr('y', CARD.actionTop + layout.podsHeight);
		const buttons = changed
			.select<HTMLButtonElement>('button.node-button')
			.attr('data-action', (d) => (d.running ? 'stop' : 'start'))
			// A pointer's tooltip for the narrow card's icon: the same words as the text.
			.attr('title', (d) => (d.running ? text.stop(d.name) : text.start(d.name)));
		buttons
			.select('.node-icon path')
			.attr('d', (d) => NODE_BUTTON_ICONS[d.running ? 'stop' : 'start']);
		buttons.select('.verb').text((d) => (d.running ? text.verb.stop : text.verb.start));
		buttons.select('.who').text((d) => d.name);
	}

	#renderCards(cards: Card, frame: SvgFrame) {
		const { layout, text, animate } = frame;
		if (cards.empty()) return;
		// A filtered selection counts from 0: place cards by their index among all nodes.
		const index = new Map(frame.nodes.map((node, i) => [node.name, i]));
		const { cardWidth, cardHeight } = layout;
		cards
			.attr('data-node', (d) => d.name)
			.attr('data-status', (d) => d.status)
			.attr('data-running', (d) => String(d.running))
			.classed('off', (d) => !d.running)
			// Cards move only when the width changes: they jump, so nothing slides under the pointer.
			.attr('transform', (d) => {
				const { x, y } = cardPosition(layout, index.get(d.name) ?? 0);
				return `translate(${x},${y})`;
			});

		cards.select('rect.frame').attr('width', cardWidth).attr('height', cardHeight);
		// A long name (control-plane-1) on a narrow card is squeezed to fit rather than cut: the
		// font is monospace, so its width is known from its length.
		const nameRoom = cardWidth - 2 * CARD.pad;
		const squeezed = (d: NodeView) => d.name.length * MONO_EM * NAME_PX > nameRoom;
		cards
			.select('text.name')
			.text((d) => d.name)
			.attr('textLength', (d) => (squeezed(d) ? nameRoom : null))
			.attr('lengthAdjust', (d) => (squeezed(d) ? 'spacingAndGlyphs' : null));
		cards.select('text.role').text((d) => text.role[d.role] ?? d.role);

		const pills = cards.select<SVGGElement>('g.pill');
		pills
			.attr('class', (d) => `pill tone-${nodeTone(d.status)}`)
			.attr('style', (d) => toneStyle(nodeTone(d.status)));
		const iconAt = (path: string) => placedPath(path, CARD.pad + PILL.iconX, PILL.top + PILL.iconY);
		pills.select('path.shape').attr('d', (d) => iconAt(NODE_SHAPES[nodeTone(d.status)].shape));
		pills.select('path.mark').attr('d', (d) => iconAt(NODE_SHAPES[nodeTone(d.status)].mark));
		pills.select('text.status-text').text((d) => d.status);
		pills.select('rect.pill-bg').attr('width', cardWidth - 2 * CARD.pad);
		pills.each(function (d) {
			if (this.dataset.status === d.status) return;
			const first = this.dataset.status === undefined;
			this.dataset.status = d.status;
			if (first || !animate) return;
			select(this)
				.select('rect.pill-bg')
				.interrupt('flash')
				.attr('stroke-width', 6)
				.transition('flash')
				.duration(900)
				.attr('stroke-width', 1);
		});

		cards.select('text.power').text((d) => frame.power(d));
	}

	/** Pods inside each card: a nested keyed join, so only what changed moves. */
	#renderPods(cards: Card, frame: SvgFrame) {
		if (cards.empty()) return;
		const { layout, text, animate, lang, byNode } = frame;
		const { pad, maxPods } = CARD;
		const firstPaint = !this.#painted;
		const { cardWidth, podHeight } = layout;
		const chipWidth = cardWidth - 2 * pad;
		const twoLines = podHeight > 22;

		cards.select('g.pods').attr('aria-label', (d) => text.pods(d.name));
		const chips = cards
			.select<SVGGElement>('g.pods')
			// Leaving pods fade out on their own; joining them again would restart their fade.
			.selectAll<SVGGElement, UnitView>('g.pod:not(.exiting)')
			.data((d) => (byNode.get(d.name) ?? []).slice(0, maxPods), unitKey)
			.join(
				(enter) => {
					const chip = enterPod(enter.append('g'));
					if (animate && !firstPaint) {
						chip.attr('opacity', 0).transition('enter').duration(500).attr('opacity', 1);
					}
					return chip;
				},
				(update) => update,
				(exit) => {
					exit.classed('exiting', true).attr('aria-hidden', 'true').attr('role', null);
					if (!animate) return exit.remove();
					exit.transition('exit').duration(500).attr('opacity', 0).remove();
				}
			);

		// Only the chips whose pod (or the layout) changed are touched: re-setting an unchanged
		// class, style or text still costs the browser a restyle and an SVG text layout.
		const chipSignatures = this.#chipSignatures;
		const layoutKey = `${lang}|${chipWidth}|${podHeight}`;
		const fresh = chips.filter(function (d) {
			const signature = `${d.name}|${d.status}|${d.ready}|${d.restarts}|${layoutKey}`;
			if (chipSignatures.get(this) === signature) return false;
			chipSignatures.set(this, signature);
			return true;
		});
		fresh
			.attr('data-pod', (d) => d.name)
			.attr('data-status', (d) => d.status)
			.attr('data-ready', (d) => String(d.ready))
			.attr('data-restarts', (d) => d.restarts)
			.attr('aria-label', (d) => describeUnit(d, lang))
			.attr('class', (d) => `pod tone-${unitTone(d)}`)
			.attr('style', (d) => toneStyle(unitTone(d)));
		fresh.select('rect.pod-bg').attr('width', chipWidth).attr('height', podHeight);
		fresh.select('text.pod-name').text((d) => shortName(d.name));
		const statusDy = twoLines ? 30 : 15;
		fresh
			.select('text.pod-status')
			.attr('x', pad + (twoLines ? 6 : chipWidth - 6))
			.attr('text-anchor', twoLines ? 'start' : 'end')
			.text((d) => (d.restarts > 0 ? `${d.status} ↻${d.restarts}` : d.status));
		chips.each(function (d, i) {
			const y = podY(layout, i);
			const key = `${y}|${statusDy}|${unitTone(d)}`;
			const from = this.dataset.y;
			if (this.dataset.place !== key) {
				for (const [part, name, value] of chipPlace(y, unitTone(d), statusDy)) {
					select(this).select(part).attr(name, value);
				}
				this.dataset.place = key;
			}
			this.dataset.y = String(y);
			// A pod that moves up when another leaves slides there, unless motion is reduced: it
			// is at its new place already, and a transform that shrinks to none takes it there
			// from where it was seen. Only the sliding chips have a transform, for 400 ms.
			if (!animate || firstPaint || from === undefined || from === String(y)) return;
			const seen = Number(from) + slideOffset(this);
			select(this)
				.interrupt('move')
				.attr('transform', `translate(0,${seen - y})`)
				.transition('move')
				.duration(400)
				.attr('transform', 'translate(0,0)')
				.on('end', function () {
					this.removeAttribute('transform');
				});
		});
		fresh.each(function (d) {
			const state = `${d.status}|${d.restarts}`;
			const before = this.dataset.state;
			this.dataset.state = state;
			if (before === undefined || before === state || !animate) return;
			select(this)
				.select('rect.pod-bg')
				.interrupt('flash')
				.attr('stroke-width', 4)
				.transition('flash')
				.duration(900)
				.attr('stroke-width', 1);
		});

		cards
			.select('text.more-pods')
			.attr('y', (d) => podY(layout, Math.min((byNode.get(d.name) ?? []).length, maxPods)) + 14)
			.text((d) => {
				const n = (byNode.get(d.name) ?? []).length - maxPods;
				return n > 0 ? text.more(n) : '';
			});
	}
}
