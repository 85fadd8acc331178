/**
 * Columns of values by slot (the runtime's runs by their pod's store slot), in fixed-size
 * chunks: a column grows a chunk at a time, never copying and never holding more than a chunk
 * of room past its last slot (an array grown by half again holds up to a third unused: at
 * 150,000 pods, megabytes). A checkpoint copies exactly the slots in use.
 */

const BITS = 10;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

type Numbers = Int32Array | Float64Array;

/** Numbers by slot; a slot never set reads 0. */
export class NumberSlots<A extends Numbers> {
	private chunks: A[] = [];

	constructor(private readonly Chunk: new (n: number) => A) {}

	get(slot: number): number {
		const chunk = this.chunks[slot >>> BITS];
		return chunk === undefined ? 0 : chunk[slot & MASK]!;
	}

	set(slot: number, value: number): void {
		const i = slot >>> BITS;
		while (this.chunks.length <= i) this.chunks.push(new this.Chunk(CHUNK));
		this.chunks[i]![slot & MASK] = value;
	}

	/** The first `slots` slots, in one array of that length (for a checkpoint). */
	save(slots: number): A {
		const out = new this.Chunk(slots);
		for (let i = 0; i * CHUNK < slots; i++)
			out.set(this.chunks[i]!.subarray(0, Math.min(CHUNK, slots - i * CHUNK)), i * CHUNK);
		return out;
	}

	/** Back to what `save` returned (slots past it read 0). */
	load(saved: Numbers): void {
		this.chunks = [];
		for (let start = 0; start < saved.length; start += CHUNK) {
			const chunk = new this.Chunk(CHUNK);
			chunk.set(saved.subarray(start, Math.min(saved.length, start + CHUNK)));
			this.chunks.push(chunk);
		}
	}
}

/** References by slot; a slot never set reads undefined. */
export class RefSlots<T> {
	private chunks: (T | undefined)[][] = [];

	get(slot: number): T | undefined {
		return this.chunks[slot >>> BITS]?.[slot & MASK];
	}

	set(slot: number, value: T | undefined): void {
		const i = slot >>> BITS;
		while (this.chunks.length <= i)
			this.chunks.push(new Array<T | undefined>(CHUNK).fill(undefined));
		this.chunks[i]![slot & MASK] = value;
	}

	/** The first `slots` slots, in one array (for a checkpoint). */
	save(slots: number): (T | undefined)[] {
		const out: (T | undefined)[] = [];
		for (let s = 0; s < slots; s++) out.push(this.get(s));
		return out;
	}

	load(saved: readonly (T | undefined)[]): void {
		this.chunks = [];
		for (let s = 0; s < saved.length; s++) this.set(s, saved[s]);
	}
}
