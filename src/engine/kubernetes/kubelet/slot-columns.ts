/**
 * Columns of values by slot (the runtime's runs by their pod's store slot), in fixed-size
 * chunks: a column grows a chunk at a time, never copying and never holding more than a chunk
 * of room past its last slot (an array grown by half again holds up to a third unused: at
 * 150,000 pods, megabytes). A checkpoint copies exactly the slots in use.
 */

const BITS = 10;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

type Numbers = Int32Array | Uint32Array | Float64Array;

/** Numbers by slot; a slot never set reads 0. */
export class NumberSlots<A extends Numbers> {
	private chunks: A[] = [];

	constructor(private readonly Chunk: new (n: number) => A) {}

	/** Slots up to the last chunk's end. */
	get length(): number {
		return this.chunks.length * CHUNK;
	}

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

/** What TimeSlots.save returns: four bytes a slot, or eight once a time needed them. */
export type SavedTimes = Uint32Array | Float64Array;

/**
 * Times (simulated ms) by slot: in four bytes each while every time is a whole number below
 * 2^32 (the lab's first 49 days), half of a Float64Array's eight; the first time that is not
 * (a fraction, a longer lab) widens the column to eight, exact for any number. A slot never
 * set reads 0.
 */
export class TimeSlots {
	private slots: NumberSlots<Uint32Array> | NumberSlots<Float64Array> = new NumberSlots(
		Uint32Array
	);
	private wide = false;

	get(slot: number): number {
		return this.slots.get(slot);
	}

	set(slot: number, t: number): void {
		// -0 is not a Uint32Array's either: it must read back as itself.
		if (!this.wide && (t >>> 0 !== t || Object.is(t, -0))) this.widen();
		this.slots.set(slot, t);
	}

	private widen(): void {
		const slots = new NumberSlots(Float64Array);
		slots.load(this.slots.save(this.slots.length));
		this.slots = slots;
		this.wide = true;
	}

	/** The first `slots` slots (for a checkpoint). */
	save(slots: number): SavedTimes {
		return this.slots.save(slots);
	}

	load(saved: SavedTimes): void {
		this.wide = saved instanceof Float64Array;
		this.slots = this.wide ? new NumberSlots(Float64Array) : new NumberSlots(Uint32Array);
		this.slots.load(saved);
	}
}
