/**
 * The trace: every state change of the lab as `{ t, kind, subject, message }`, with a running
 * hash that proves determinism (same seed + same commands = same hash, in Node and browsers).
 */
import type { TraceEvent } from '../types';

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
 * An event kept as its format and arguments, built into a TraceEvent when read: the arguments
 * (a pod's name, a node's) are strings the lab holds anyway, so a big cluster's hundreds of
 * thousands of events cost a small object each rather than two new strings.
 */
class Formatted {
	constructor(
		readonly t: number,
		readonly kind: string,
		readonly format: TraceFormat,
		readonly a: string,
		readonly b: string
	) {}

	event(): TraceEvent {
		return {
			t: this.t,
			kind: this.kind,
			subject: this.text(this.format.subject),
			message: this.text(this.format.message)
		};
	}

	private text(pattern: TracePattern): string {
		let out = '';
		for (const piece of pattern) out += piece === 0 ? this.a : piece === 1 ? this.b : piece;
		return out;
	}
}

function read(row: TraceEvent | Formatted): TraceEvent {
	return row instanceof Formatted ? row.event() : row;
}

export class Trace {
	private list: (TraceEvent | Formatted)[] = [];
	private hi = FNV_OFFSET[0];
	private lo = FNV_OFFSET[1];

	get length(): number {
		return this.list.length;
	}

	/**
	 * Appends an event and hashes its line `t NUL kind NUL subject NUL message LF` piece by
	 * piece: FNV-1a runs over a stream, so the hash is that of the joined line without building
	 * it (a big cluster writes hundreds of thousands of events).
	 */
	add(event: TraceEvent): void {
		this.list.push(event);
		this.mix(String(event.t), 0);
		this.mix(event.kind, 0);
		this.mix(event.subject, 0);
		this.mix(event.message, 10);
	}

	/** The same as `add` of the built event, kept unbuilt until somebody reads it. */
	addFormatted(t: number, kind: string, format: TraceFormat, a: string, b: string): void {
		this.list.push(new Formatted(t, kind, format, a, b));
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
		let hi = this.hi;
		let lo = this.lo;
		const n = end < 0 ? text.length : text.length + 1;
		for (let i = 0; i < n; i++) {
			const code = i < text.length ? text.charCodeAt(i) : end;
			lo = (lo ^ code) >>> 0;
			// Multiply the 64-bit value by the FNV prime 0x100000001b3 = 2^40 + 0x1b3.
			const loMul = lo * 0x1b3;
			const carry = Math.floor(loMul / 4294967296);
			const newLo = loMul >>> 0;
			hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
			lo = newLo;
		}
		this.hi = hi;
		this.lo = lo;
	}

	/** Events with `t >= sinceT`, oldest first. */
	since(sinceT = 0): readonly TraceEvent[] {
		let lo = 0;
		if (sinceT > 0) {
			// Events are appended in time order: binary-search the first one at or after sinceT.
			let hi = this.list.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (this.list[mid]!.t < sinceT) lo = mid + 1;
				else hi = mid;
			}
		}
		const out: TraceEvent[] = new Array<TraceEvent>(this.list.length - lo);
		for (let i = lo; i < this.list.length; i++) out[i - lo] = read(this.list[i]!);
		return out;
	}

	digest(): string {
		return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
	}

	save(): { length: number; hash: [number, number] } {
		return { length: this.list.length, hash: [this.hi, this.lo] };
	}

	/** Restores a checkpoint taken earlier on this same trace (events only ever append). */
	load(state: { length: number; hash: [number, number] }): void {
		this.list.length = state.length;
		[this.hi, this.lo] = state.hash;
	}
}
