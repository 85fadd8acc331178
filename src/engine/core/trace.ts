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

export class Trace {
	private list: TraceEvent[] = [];
	private hash: [number, number] = FNV_OFFSET;

	get length(): number {
		return this.list.length;
	}

	add(event: TraceEvent): void {
		this.list.push(event);
		this.hash = hashStep(
			this.hash,
			`${event.t}\u0000${event.kind}\u0000${event.subject}\u0000${event.message}\n`
		);
	}

	/** Events with `t >= sinceT`, oldest first. */
	since(sinceT = 0): readonly TraceEvent[] {
		if (sinceT <= 0) return this.list.slice();
		// Events are appended in time order: binary-search the first one at or after sinceT.
		let lo = 0;
		let hi = this.list.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.list[mid]!.t < sinceT) lo = mid + 1;
			else hi = mid;
		}
		return this.list.slice(lo);
	}

	digest(): string {
		const [hi, lo] = this.hash;
		return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
	}

	save(): { length: number; hash: [number, number] } {
		return { length: this.list.length, hash: this.hash };
	}

	/** Restores a checkpoint taken earlier on this same trace (events only ever append). */
	load(state: { length: number; hash: [number, number] }): void {
		this.list.length = state.length;
		this.hash = state.hash;
	}
}
