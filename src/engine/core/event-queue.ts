/**
 * The lab's one event queue: a binary min-heap ordered by (time, sequence number).
 *
 * Entries are plain data (a handler kind and a small payload), never closures, so the whole
 * queue can be copied into a checkpoint and restored for time travel. Ties at the same
 * millisecond break by insertion order, which makes every run deterministic.
 */

export interface QueueEntry {
	/** Simulated time in integer milliseconds. */
	readonly t: number;
	/** Insertion order; breaks ties between entries due at the same time. */
	readonly seq: number;
	/** Which registered handler runs the entry. */
	readonly kind: string;
	/** Handler argument: a name, an id or a small plain object. */
	readonly arg: unknown;
}

export class EventQueue {
	private heap: QueueEntry[] = [];
	private nextSeq = 0;

	get size(): number {
		return this.heap.length;
	}

	/** Adds an entry due at `t` (integer ms) and returns it. */
	push(t: number, kind: string, arg: unknown = null): QueueEntry {
		const entry: QueueEntry = { t, seq: this.nextSeq++, kind, arg };
		const heap = this.heap;
		let i = heap.length;
		heap.push(entry);
		// Sift up: plain loop, this is the hottest path of the engine.
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const p = heap[parent]!;
			if (p.t < t || (p.t === t && p.seq < entry.seq)) break;
			heap[i] = p;
			i = parent;
		}
		heap[i] = entry;
		return entry;
	}

	/** The time of the earliest entry, or Infinity when the queue is empty. */
	peekTime(): number {
		return this.heap.length > 0 ? this.heap[0]!.t : Infinity;
	}

	/** Removes and returns the earliest entry. */
	pop(): QueueEntry | undefined {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop();
		if (top === undefined || last === undefined || heap.length === 0) return top;
		const n = heap.length;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= n) break;
			const r = l + 1;
			let c = l;
			let child = heap[l]!;
			if (r < n) {
				const rc = heap[r]!;
				if (rc.t < child.t || (rc.t === child.t && rc.seq < child.seq)) {
					c = r;
					child = rc;
				}
			}
			if (last.t < child.t || (last.t === child.t && last.seq < child.seq)) break;
			heap[i] = child;
			i = c;
		}
		heap[i] = last;
		return top;
	}

	/** A copy of the queue's state, for a checkpoint (entries are immutable and shared). */
	save(): { heap: QueueEntry[]; nextSeq: number } {
		return { heap: this.heap.slice(), nextSeq: this.nextSeq };
	}

	load(state: { heap: readonly QueueEntry[]; nextSeq: number }): void {
		this.heap = state.heap.slice();
		this.nextSeq = state.nextSeq;
	}
}
