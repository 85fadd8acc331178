/**
 * The trace: every state change of the lab as `{ t, kind, subject, message }`, with a running
 * hash that proves determinism (same seed + same commands = same hash, in Node and browsers).
 */
import type { TraceEvent } from '../types';
import { RefColumn, ShortColumn } from './columns';
import { TimeRuns } from './time-runs';
import { HashPairs } from './hash-pairs';

/** 64-bit FNV-1a kept in two 32-bit halves, so it is exact in every JavaScript engine. */
export function hashStep(state: [number, number], text: string): [number, number] {
	let [hi, lo] = state;
	for (let i = 0; i < text.length; i++) {
		lo = (lo ^ text.charCodeAt(i)) >>> 0;
		// Multiply the 64-bit value by the FNV prime 0x100000001b3 = 2^40 + 0x1b3.
		const loMul = lo * 0x1b3;
		const carry = Math.floor(loMul / 4294967296);
		const newLo = loMul >>> 0;
		hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
		lo = newLo;
	}
	return [hi, lo];
}

const FNV_OFFSET: [number, number] = [0xcbf29ce4, 0x84222325];

/**
 * A subject or message made of literal pieces and the two arguments of `addFormatted`
 * (0: the first, 1: the second), e.g. `['Pod ', 0, ' is running on ', 1, '.']`.
 */
export type TracePattern = readonly (string | 0 | 1)[];

export interface TraceFormat {
	readonly subject: TracePattern;
	readonly message: TracePattern;
}

/**
 * A non-negative 31-bit hash of `b` without the `length` characters at `at`, and of `at`
 * (no two cuts of the same text share both their texts and their positions).
 */
function cutHash(b: string, at: number, length: number): number {
	let h = Math.imul(0x811c9dc5 ^ at, 0x01000193);
	for (let i = 0; i < at; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
	for (let i = at + length; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
	return h >>> 1;
}

/**
 * How many distinct second arguments of formatted events are interned (a cluster's node names);
 * any more are kept per row. Below ShortColumn's two-byte range, so every id fits it.
 */
const INTERNED_LIMIT = 60_000;

/**
 * The shapes of one kind and format: the uncut one (-1: none yet), and the cut ones by the hash
 * of their text around the cut (cutHash). One per node for the scheduler's messages: a lookup
 * reads a pair of numbers, where a Map of numbers to lists read a bucket, an entry and a list.
 */
interface ShapeGroup {
	uncut: number;
	readonly cuts: HashPairs;
}

/** A plain event's subject and message are its two arguments. */
const PLAIN: TraceFormat = { subject: [0], message: [1] };

function fill(pattern: TracePattern, a: string, b: string): string {
	let out = '';
	for (const piece of pattern) out += piece === 0 ? a : piece === 1 ? b : piece;
	return out;
}

/**
 * What rows share: the kind and format, and for a second argument made of the first
 * (`Successfully assigned default/<a> to node-3`) the text around it.
 */
interface Shape {
	readonly kind: string;
	readonly format: TraceFormat;
	readonly prefix?: string;
	readonly suffix?: string;
}

/**
 * The events as columns: each row is a time, the id of its shape (a lab has a few dozen, and
 * one per node for the scheduler's messages) and two argument strings, built into a TraceEvent
 * when read. The arguments (a pod's name, a node's) are strings the lab holds anyway, and a
 * second argument holding the first is kept as its shape's text around it, so a big cluster's
 * hundreds of thousands of events cost about 12 to 20 bytes each rather than an object and
 * strings.
 */
export class Trace {
	private n = 0;
	/** Times as runs: a burst of events (a Deployment's pods bound in one step) shares one. */
	private readonly t = new TimeRuns();
	/**
	 * Shape ids in two bytes a row: a lab has a few dozen shapes and one per node, so an id past
	 * ShortColumn's range (kept exactly, as an exception) is for clusters of 65,000 nodes.
	 */
	private readonly shape = new ShortColumn();
	private readonly a = new RefColumn<string>();
	/**
	 * The second argument where neither the shape nor `bId` holds it: set only when not empty
	 * (read back as ''), so the rows of cut shapes (every pod's `Successfully assigned …`) and
	 * of interned arguments take no room.
	 */
	private readonly b = new RefColumn<string>();
	/**
	 * A formatted event's second argument that its shape does not hold, as an id + 1 among the
	 * interned `bValues` (0: none). Those are the few names of a big cluster's formatted events
	 * (`Pod <a> is running on <node>`): two bytes a row rather than a reference on the heap.
	 */
	private readonly bId = new ShortColumn();
	private readonly bValues: string[] = [];
	private readonly bIds = new Map<string, number>();
	/**
	 * Each shape id's shape, and the ids by kind, format and cut: -1 for the uncut shape, else
	 * a hash of the cut's position and text (cutHash), whose few candidates are compared.
	 */
	private readonly shapes: Shape[] = [];
	private readonly shapeIds = new Map<string, Map<TraceFormat, ShapeGroup>>();
	/** The texts around cut arguments, each kept once (see `piece`). */
	private readonly pieces = new Map<string, string>();
	/**
	 * The running hash (hashStep's 64-bit FNV-1a) as four 16-bit limbs, h3 the highest: the
	 * multiply by the prime is then small-integer arithmetic, about twice as fast as splitting
	 * a double into words at each character.
	 */
	private h0 = FNV_OFFSET[1] & 0xffff;
	private h1 = FNV_OFFSET[1] >>> 16;
	private h2 = FNV_OFFSET[0] & 0xffff;
	private h3 = FNV_OFFSET[0] >>> 16;

	get length(): number {
		return this.n;
	}

	/** Appends a row; `cut`: keep `b` as the text around `a` in it, when it holds `a`. */
	private append(
		t: number,
		kind: string,
		format: TraceFormat,
		a: string,
		b: string,
		cut: boolean
	): void {
		let byFormat = this.shapeIds.get(kind);
		if (byFormat === undefined) this.shapeIds.set(kind, (byFormat = new Map()));
		let group = byFormat.get(format);
		if (group === undefined) byFormat.set(format, (group = { uncut: -1, cuts: new HashPairs() }));
		const at = cut && a !== '' ? b.indexOf(a) : -1;
		let shape: number;
		if (at < 0) {
			shape = group.uncut;
			if (shape < 0) {
				shape = this.shapes.push({ kind, format, prefix: undefined, suffix: undefined }) - 1;
				group.uncut = shape;
			}
		} else {
			// The cut is found by a hash of `b` around `a`, not by a key string made of its two
			// slices: a big cluster cuts a message per pod, and the slices and the key would be
			// built and hashed for each only to find a shape that exists.
			const hash = cutHash(b, at, a.length);
			const cuts = group.cuts;
			let slot = cuts.start(hash);
			shape = -1;
			for (; cuts.idAt(slot) >= 0; slot = cuts.next(slot)) {
				const id = cuts.idAt(slot);
				if (cuts.hashAt(slot) === hash && this.cutFits(id, b, at, a.length)) {
					shape = id;
					break;
				}
			}
			if (shape < 0) {
				const prefix = this.piece(b.slice(0, at));
				const suffix = this.piece(b.slice(at + a.length));
				shape = this.shapes.push({ kind, format, prefix, suffix }) - 1;
				cuts.insertAt(slot, hash, shape);
			}
		}
		const row = this.n++;
		this.t.set(row, t);
		this.shape.set(row, shape);
		this.a.set(row, a);
		const id = at < 0 && cut && b !== '' ? this.internB(b) : 0;
		this.bId.set(row, id);
		if (at < 0 && b !== '' && id === 0) this.b.set(row, b);
	}

	/**
	 * `text` (a slice of a message) as one flat string, the same one for every shape with that
	 * text: a slice would keep its whole message alive, and each node's `Successfully assigned
	 * default/<a> to node-3` shape would hold its own copy of the same start.
	 */
	private piece(text: string): string {
		let kept = this.pieces.get(text);
		if (kept === undefined) {
			// Joined characters make a flat string (a slice of 13 or more would point into `b`).
			kept = text.length < 13 ? text : Array.from(text).join('');
			this.pieces.set(kept, kept);
		}
		return kept;
	}

	/** `b`'s id + 1 among the interned arguments, or 0 once INTERNED_LIMIT are. */
	private internB(b: string): number {
		let id = this.bIds.get(b);
		if (id === undefined) {
			if (this.bValues.length >= INTERNED_LIMIT) return 0;
			this.bIds.set(b, (id = this.bValues.push(b)));
		}
		return id;
	}

	/** Row `row`'s second argument where its shape does not hold it. */
	private second(row: number): string {
		const id = this.bId.get(row);
		return id > 0 ? this.bValues[id - 1]! : (this.b.find(row) ?? '');
	}

	/** Whether shape `id`'s text around its argument is `b` around the `length` chars at `at`. */
	private cutFits(id: number, b: string, at: number, length: number): boolean {
		const { prefix, suffix } = this.shapes[id]!;
		return (
			prefix !== undefined &&
			suffix !== undefined &&
			prefix.length === at &&
			suffix.length === b.length - at - length &&
			b.startsWith(prefix) &&
			b.endsWith(suffix)
		);
	}

	private event(row: number): TraceEvent {
		const { kind, format, prefix, suffix } = this.shapes[this.shape.get(row)]!;
		const a = this.a.get(row);
		const b = prefix === undefined ? this.second(row) : prefix + a + suffix!;
		if (format === PLAIN) return { t: this.t.get(row), kind, subject: a, message: b };
		return {
			t: this.t.get(row),
			kind,
			subject: fill(format.subject, a, b),
			message: fill(format.message, a, b)
		};
	}

	/**
	 * Appends an event and hashes its line `t NUL kind NUL subject NUL message LF` piece by
	 * piece: FNV-1a runs over a stream, so the hash is that of the joined line without building
	 * it (a big cluster writes hundreds of thousands of events).
	 */
	add(event: TraceEvent): void {
		this.append(event.t, event.kind, PLAIN, event.subject, event.message, false);
		this.mix(String(event.t), 0);
		this.mix(event.kind, 0);
		this.mix(event.subject, 0);
		this.mix(event.message, 10);
	}

	/** The same as `add` of the built event, kept unbuilt until somebody reads it. */
	addFormatted(t: number, kind: string, format: TraceFormat, a: string, b: string): void {
		this.append(t, kind, format, a, b, true);
		this.mix(String(t), 0);
		this.mix(kind, 0);
		this.mixPattern(format.subject, a, b, 0);
		this.mixPattern(format.message, a, b, 10);
	}

	private mixPattern(pattern: TracePattern, a: string, b: string, end: number): void {
		for (const piece of pattern) this.mix(piece === 0 ? a : piece === 1 ? b : piece, -1);
		this.mix('', end);
	}

	/** Hashes `text`, then the separator `end` (a character code; -1: none). */
	private mix(text: string, end: number): void {
		let h0 = this.h0;
		let h1 = this.h1;
		let h2 = this.h2;
		let h3 = this.h3;
		const length = text.length;
		for (let i = 0; i <= length; i++) {
			let code: number;
			if (i < length) code = text.charCodeAt(i);
			else if (end < 0) break;
			else code = end;
			h0 ^= code;
			// Times the FNV prime 2^40 + 0x1b3: each limb times 0x1b3 plus the carry from below,
			// and the low two limbs shifted up by 40 bits (8 past two limbs). Every value stays
			// below 2^26.
			const t0 = h0 * 0x1b3;
			const t1 = h1 * 0x1b3 + (t0 >>> 16);
			const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
			const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
			h0 = t0 & 0xffff;
			h1 = t1 & 0xffff;
			h2 = t2 & 0xffff;
			h3 = t3 & 0xffff;
		}
		this.h0 = h0;
		this.h1 = h1;
		this.h2 = h2;
		this.h3 = h3;
	}

	/** The hash's high and low 32 bits. */
	private get hash(): [number, number] {
		return [((this.h3 << 16) | this.h2) >>> 0, ((this.h1 << 16) | this.h0) >>> 0];
	}

	/** Events with `t >= sinceT`, oldest first. */
	since(sinceT = 0): readonly TraceEvent[] {
		let lo = 0;
		if (sinceT > 0) {
			// Events are appended in time order: binary-search the first one at or after sinceT.
			let hi = this.n;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (this.t.get(mid) < sinceT) lo = mid + 1;
				else hi = mid;
			}
		}
		const out: TraceEvent[] = new Array<TraceEvent>(this.n - lo);
		for (let i = lo; i < this.n; i++) out[i - lo] = this.event(i);
		return out;
	}

	digest(): string {
		const [hi, lo] = this.hash;
		return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
	}

	save(): { length: number; hash: [number, number] } {
		return { length: this.n, hash: this.hash };
	}

	/** Restores a checkpoint taken earlier on this same trace (events only ever append). */
	load(state: { length: number; hash: [number, number] }): void {
		if (state.length > this.n) throw new Error('trace checkpoint from the future');
		this.n = state.length;
		// Interned arguments stay (a later row may name them again).
		for (const column of [this.t, this.shape, this.a, this.b, this.bId]) column.truncate(this.n);
		const [hi, lo] = state.hash;
		this.h0 = lo & 0xffff;
		this.h1 = lo >>> 16;
		this.h2 = hi & 0xffff;
		this.h3 = hi >>> 16;
	}
}
