/**
 * The lab's one event queue: a binary min-heap ordered by (time, sequence number).
 *
 * Entries are plain data (a handler kind and a small payload), never closures, so the whole
 * queue can be copied into a checkpoint and restored for time travel. Ties at the same
 * millisecond break by insertion order, which makes every run deterministic.
 *
 * The heap is kept as parallel arrays (struct of arrays) rather than one object per entry:
 * a big cluster pushes millions of heartbeats an hour, and entry objects that live ten seconds
 * each were the garbage collector's main work.
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

/** A copy of the queue for a checkpoint: the heap's arrays, trimmed to its size. */
export interface QueueState {
	readonly t: Float64Array;
	readonly seq: Float64Array;
	readonly kind: readonly string[];
	readonly arg: readonly unknown[];
	readonly nextSeq: number;
}

const INITIAL_CAPACITY = 1024;

export class EventQueue {
	private times = new Float64Array(INITIAL_CAPACITY);
	private seqs = new Float64Array(INITIAL_CAPACITY);
	private kinds: string[] = [];
	private args: unknown[] = [];
	private n = 0;
	private nextSeq = 0;

	/** The entry removed by the last `take()`. */
	takenT = 0;
	takenSeq = 0;
	takenKind = '';
	takenArg: unknown = null;

	get size(): number {
		return this.n;
	}

	/** Adds an entry due at `t` (integer ms). */
	push(t: number, kind: string, arg: unknown = null): void {
		if (this.n === this.times.length) this.grow(this.n * 2);
		const T = this.times;
		const S = this.seqs;
		const K = this.kinds;
		const A = this.args;
		const s = this.nextSeq++;
		// Sift up with a hole: the hottest path of the engine.
		let i = this.n++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			const pt = T[p]!;
			if (pt < t || (pt === t && S[p]! < s)) break;
			T[i] = pt;
			S[i] = S[p]!;
			K[i] = K[p]!;
			A[i] = A[p];
			i = p;
		}
		T[i] = t;
		S[i] = s;
		K[i] = kind;
		A[i] = arg;
	}

	/** The time of the earliest entry, or Infinity when the queue is empty. */
	peekTime(): number {
		return this.n > 0 ? this.times[0]! : Infinity;
	}

	/**
	 * Removes the earliest entry into `takenT`, `takenKind`, `takenArg` (no object per entry).
	 * Returns false when the queue is empty.
	 */
	take(): boolean {
		const n = this.n;
		if (n === 0) return false;
		const T = this.times;
		const S = this.seqs;
		const K = this.kinds;
		const A = this.args;
		this.takenT = T[0]!;
		this.takenSeq = S[0]!;
		this.takenKind = K[0]!;
		this.takenArg = A[0];
		const last = n - 1;
		const lt = T[last]!;
		const ls = S[last]!;
		const lk = K[last]!;
		const la = A[last];
		A[last] = undefined; // let the argument go
		this.n = last;
		if (last === 0) return true;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= last) break;
			const r = l + 1;
			let c = l;
			if (r < last && (T[r]! < T[l]! || (T[r] === T[l] && S[r]! < S[l]!))) c = r;
			const ct = T[c]!;
			if (lt < ct || (lt === ct && ls < S[c]!)) break;
			T[i] = ct;
			S[i] = S[c]!;
			K[i] = K[c]!;
			A[i] = A[c];
			i = c;
		}
		T[i] = lt;
		S[i] = ls;
		K[i] = lk;
		A[i] = la;
		// Drained to a quarter of its room after a burst (150,000 pods starting): half the room
		// goes, so a big cluster at rest does not keep the burst's arrays.
		if (last < T.length >> 2 && T.length > INITIAL_CAPACITY) this.shrink();
		return true;
	}

	private shrink(): void {
		this.grow(this.times.length >> 1);
		this.kinds.length = this.n;
		this.args.length = this.n;
	}

	/** Removes and returns the earliest entry (allocates; the kernel uses `take`). */
	pop(): QueueEntry | undefined {
		if (!this.take()) return undefined;
		return { t: this.takenT, seq: this.takenSeq, kind: this.takenKind, arg: this.takenArg };
	}

	private grow(capacity: number): void {
		const times = new Float64Array(capacity);
		const seqs = new Float64Array(capacity);
		times.set(this.times.subarray(0, this.n));
		seqs.set(this.seqs.subarray(0, this.n));
		this.times = times;
		this.seqs = seqs;
	}

	/** A copy of the queue's state, for a checkpoint (arguments are immutable and shared). */
	save(): QueueState {
		const n = this.n;
		return {
			t: this.times.slice(0, n),
			seq: this.seqs.slice(0, n),
			kind: this.kinds.slice(0, n),
			arg: this.args.slice(0, n),
			nextSeq: this.nextSeq
		};
	}

	load(state: QueueState): void {
		const n = state.t.length;
		let capacity = INITIAL_CAPACITY;
		while (capacity < n) capacity *= 2;
		this.times = new Float64Array(capacity);
		this.seqs = new Float64Array(capacity);
		this.times.set(state.t);
		this.seqs.set(state.seq);
		this.kinds = state.kind.slice();
		this.args = state.arg.slice();
		this.n = n;
		this.nextSeq = state.nextSeq;
	}
}
