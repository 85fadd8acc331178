/**
 * Geometry and commands for the Raft view, kept pure so they can be tested without a DOM:
 * where members sit on the ring (split into sides when the network is partitioned, with a
 * wall between sides), where a message is at time t, which messages flew between two frames,
 * and the `sim partition` line a drag or a selection asks for.
 */
import type { RaftMemberSnapshot, RaftMessageView } from '$engine/types';

export interface Point {
	x: number;
	y: number;
}

export interface Wall {
	/** From the centre (or the inner radius) outwards, at `angle` radians. */
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	angle: number;
}

export interface RingLayout {
	cx: number;
	cy: number;
	radius: number;
	/** Each member's seat, by name. */
	seats: ReadonlyMap<string, Point & { angle: number; side: number }>;
	/** The sides of the partition, as member names (one side, everyone, when healed). */
	sides: readonly (readonly string[])[];
	walls: readonly Wall[];
	/** Members the partition names on no side: they keep every link, so they sit in the middle. */
	middle: readonly string[];
}

const TOP = -Math.PI / 2;

/**
 * Members on a circle, in the given order, the first at the top. With a partition, each side
 * takes an equal sector with a wall on each edge, so every message between two sides crosses a
 * wall on its way.
 */
export function ringLayout(
	names: readonly string[],
	partitions: readonly (readonly string[])[],
	cx: number,
	cy: number,
	radius: number
): RingLayout {
	const present = new Set(names);
	const sides = partitions
		.map((group) => names.filter((n) => group.includes(n)))
		.filter((group) => group.length > 0);
	const grouped = new Set(sides.flat());
	const middle = sides.length >= 2 ? names.filter((n) => !grouped.has(n)) : [];
	const seats = new Map<string, Point & { angle: number; side: number }>();
	const walls: Wall[] = [];

	if (sides.length < 2) {
		// Healed, or a partition that cuts none of these members apart.
		names.forEach((name, i) => {
			const angle = TOP + (2 * Math.PI * i) / Math.max(1, names.length);
			seats.set(name, { ...polar(cx, cy, radius, angle), angle, side: 0 });
		});
		return { cx, cy, radius, seats, sides: [names.filter((n) => present.has(n))], walls, middle };
	}

	// Each side gets an equal sector (at most a half circle, so convex): a message within a
	// side stays inside it, and one between sides leaves through a wall on a sector's edge.
	const width = (2 * Math.PI) / sides.length;
	const inner = middle.length > 0 ? radius * 0.42 : 0;
	sides.forEach((side, s) => {
		const start = TOP + s * width;
		side.forEach((name, i) => {
			const angle = start + (width * (i + 0.5)) / side.length;
			seats.set(name, { ...polar(cx, cy, radius, angle), angle, side: s });
		});
		const from = polar(cx, cy, inner, start);
		const to = polar(cx, cy, radius * 1.25, start);
		walls.push({ x1: from.x, y1: from.y, x2: to.x, y2: to.y, angle: start });
	});
	// Members on no side sit in a row across the middle, where no wall reaches.
	middle.forEach((name, i) => {
		const x = cx + (i - (middle.length - 1) / 2) * Math.min(radius * 0.5, 70);
		seats.set(name, { x, y: cy, angle: 0, side: -1 });
	});
	return { cx, cy, radius, seats, sides, walls, middle };
}

function polar(cx: number, cy: number, r: number, angle: number): Point {
	return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
}

/** How far along its flight a message is at time t, in [0, 1] (1 once it has arrived). */
export function progress(msg: Pick<RaftMessageView, 'sentAt' | 'arriveAt'>, t: number): number {
	if (msg.arriveAt < 0) return 0;
	const span = msg.arriveAt - msg.sentAt;
	if (span <= 0) return 1;
	return Math.min(1, Math.max(0, (t - msg.sentAt) / span));
}

export function along(a: Point, b: Point, f: number): Point {
	return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

/**
 * What a frame at time t, drawn after a frame at `prev`, shows of one message:
 * - `flying`: on the wire at t, drawn where it truly is (`at`);
 * - `passed`: it arrived after the previous frame, so no frame caught it in flight; drawn as a
 *   streak over the part of the trip it made since then (`from` → 1);
 * - `dropped`: the network refused it after the previous frame (a cut link, loss);
 * - undefined: nothing to draw.
 * A frame that went back in time (a seek) has no "since": only what is on the wire shows.
 */
export type Phase =
	| { kind: 'flying'; at: number }
	| { kind: 'passed'; from: number }
	| { kind: 'dropped' }
	| undefined;

export function phase(msg: RaftMessageView, prev: number, t: number): Phase {
	const forward = prev < t;
	if (msg.arriveAt < 0) {
		if (msg.sentAt === t || (forward && msg.sentAt > prev && msg.sentAt <= t)) {
			return { kind: 'dropped' };
		}
		return undefined;
	}
	if (msg.sentAt <= t && msg.arriveAt > t) return { kind: 'flying', at: progress(msg, t) };
	if (forward && msg.arriveAt > prev && msg.arriveAt <= t) {
		return { kind: 'passed', from: msg.sentAt > prev ? 0 : progress(msg, prev) };
	}
	return undefined;
}

/** A stable key for one message (a duplicated one differs in its arrival time). */
export function messageKey(m: RaftMessageView): string {
	return `${m.from}>${m.to}|${m.type}|${m.term}|${m.sentAt}|${m.arriveAt}`;
}

/** Where the segment a→b first crosses a wall, if it does. */
export function wallCrossing(a: Point, b: Point, walls: readonly Wall[]): Point | undefined {
	let best: { f: number; p: Point } | undefined;
	for (const w of walls) {
		const f = intersect(a, b, { x: w.x1, y: w.y1 }, { x: w.x2, y: w.y2 });
		if (f !== undefined && (best === undefined || f < best.f)) best = { f, p: along(a, b, f) };
	}
	return best?.p;
}

/** The fraction along p→q where it meets segment r→s, if the two segments cross. */
function intersect(p: Point, q: Point, r: Point, s: Point): number | undefined {
	const dx = q.x - p.x;
	const dy = q.y - p.y;
	const ex = s.x - r.x;
	const ey = s.y - r.y;
	const denom = dx * ey - dy * ex;
	if (Math.abs(denom) < 1e-9) return undefined;
	const f = ((r.x - p.x) * ey - (r.y - p.y) * ex) / denom;
	const g = ((r.x - p.x) * dy - (r.y - p.y) * dx) / denom;
	return f >= 0 && f <= 1 && g >= 0 && g <= 1 ? f : undefined;
}

/** The line that applies these sides: `sim partition a,b / c`, or `sim heal` for one side. */
export function partitionLine(sides: readonly (readonly string[])[]): string {
	const nonEmpty = sides.filter((s) => s.length > 0);
	if (nonEmpty.length < 2) return 'sim heal';
	return `sim partition ${nonEmpty.map((s) => s.join(',')).join(' / ')}`;
}

/**
 * The sides after moving one member: to side `to` (an index into `sides`), or to a new side
 * of its own (`'new'`). Other hosts in the network partition (workers) keep their side.
 */
export function moveMember(
	sides: readonly (readonly string[])[],
	member: string,
	to: number | 'new'
): string[][] {
	const next = sides.map((s) => s.filter((n) => n !== member));
	if (to === 'new') next.push([member]);
	else if (next[to] !== undefined) next[to]!.push(member);
	return next.filter((s) => s.length > 0);
}

/**
 * Which side a member dropped at `p` lands on: the side whose seats are nearest in angle, or
 * `'new'` when it is dropped well outside the ring (cut it off on its own); undefined near the
 * middle (no change).
 */
export function dropTarget(layout: RingLayout, p: Point): number | 'new' | undefined {
	const dx = p.x - layout.cx;
	const dy = p.y - layout.cy;
	const r = Math.hypot(dx, dy);
	if (r > layout.radius * 1.3) return 'new';
	if (r < layout.radius * 0.4) return undefined;
	const angle = Math.atan2(dy, dx);
	let best: { side: number; d: number } | undefined;
	for (const seat of layout.seats.values()) {
		if (seat.side < 0) continue;
		const d = Math.abs(Math.atan2(Math.sin(angle - seat.angle), Math.cos(angle - seat.angle)));
		if (best === undefined || d < best.d) best = { side: seat.side, d };
	}
	return best?.side;
}

/** How much of a member's election timeout is left at t, in [0, 1]; undefined when none runs. */
export function timerLeft(m: RaftMemberSnapshot, t: number): number | undefined {
	if (m.role === 'leader' || m.role === 'stopped' || m.electionTimeout <= 0) return undefined;
	return Math.min(1, Math.max(0, (m.electionDeadline - t) / m.electionTimeout));
}

/** Entries per member a snapshot carries (src/engine/raft/view.ts). */
export const LOG_CARRIED = 32;

/**
 * The log indexes to draw: the newest `max` (at most LOG_CARRIED). Every index in that window
 * that a member has is among the entries its snapshot carries, since each carries its newest.
 */
export function logWindow(
	members: readonly RaftMemberSnapshot[],
	max: number
): { first: number; last: number } {
	const last = Math.max(0, ...members.map((m) => m.lastLogIndex));
	const width = Math.max(1, Math.min(max, LOG_CARRIED));
	return { first: Math.max(1, last - width + 1), last };
}

/** Member m's entry at `index`, if it has one. */
export function entryAt(
	m: RaftMemberSnapshot,
	index: number
): { term: number; data: string; committed: boolean } | undefined {
	const entry = index >= m.logStart ? m.log[index - m.logStart] : undefined;
	return entry === undefined ? undefined : { ...entry, committed: index <= m.commitIndex };
}
