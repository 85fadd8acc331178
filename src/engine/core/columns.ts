/**
 * Columns for the append-only logs of a big lab (the trace, the Events): a row is a number (or
 * a reference) in each column rather than an object, a few bytes instead of a few dozen.
 *
 * A column is a list of fixed-size chunks, not one array grown by copying: a grown array is
 * up to a third empty (a million rows of several columns: megabytes), a chunked one wastes at
 * most the end of its last chunk, and growing never copies.
 */

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type Numbers = Int32Array | Uint32Array | Uint8Array;

/** Room for at least `rows` rows: `array` itself, or a copy of its first `used` rows half again as long. */
export function withRoom<A extends Numbers>(array: A, rows: number, used: number): A {
	if (rows <= array.length) return array;
	const size = Math.max(rows, Math.ceil(array.length * 1.5), 64);
	const grown = new (array.constructor as new (n: number) => A)(size);
	grown.set(array.subarray(0, used));
	return grown;
}

/** A column of 32-bit integers, signed (`Int32Array`) or not (`Uint32Array`). */
export class IntColumn {
	private readonly chunks: (Int32Array | Uint32Array)[] = [];

	constructor(private readonly Chunk: new (n: number) => Int32Array | Uint32Array) {}

	get(row: number): number {
		return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
	}

	set(row: number, value: number): void {
		const i = row >>> CHUNK_BITS;
		const chunk = this.chunks[i] ?? (this.chunks[i] = new this.Chunk(CHUNK));
		chunk[row & MASK] = value;
	}

	/** Lets go of the chunks past the first `rows` rows (a checkpoint restore). */
	truncate(rows: number): void {
		this.chunks.length = Math.min(this.chunks.length, Math.ceil(rows / CHUNK));
	}
}

/** A column of references (strings the lab holds anyway). */
export class RefColumn<T> {
	private readonly chunks: T[][] = [];

	get(row: number): T {
		return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
	}

	set(row: number, value: T): void {
		const i = row >>> CHUNK_BITS;
		let chunk = this.chunks[i];
		if (chunk === undefined) {
			chunk = this.chunks[i] = new Array<T>(CHUNK);
		}
		chunk[row & MASK] = value;
	}

	/** Lets go of the rows from `rows` on (a checkpoint restore). */
	truncate(rows: number): void {
		this.chunks.length = Math.min(this.chunks.length, Math.ceil(rows / CHUNK));
		const last = this.chunks[this.chunks.length - 1];
		if (last !== undefined)
			for (let r = rows & MASK || CHUNK; r < CHUNK; r++) (last as (T | undefined)[])[r] = undefined;
	}
}

/** The value in a TimeColumn's main column that sends readers to its exceptions. */
const EXCEPTIONAL = 0xffffffff;

/**
 * A column of times (simulated ms): whole numbers below 2^32 - 1 (49 days) in four bytes each,
 * any other (a fraction, a longer lab) exactly, in a map of exceptions. The lab's clock nearly
 * always reads whole milliseconds, so this halves a Float64Array at no loss.
 */
export class TimeColumn {
	private readonly whole = new IntColumn(Uint32Array);
	private readonly exceptions = new Map<number, number>();

	get(row: number): number {
		const v = this.whole.get(row);
		return v === EXCEPTIONAL ? this.exceptions.get(row)! : v;
	}

	set(row: number, t: number): void {
		// -0 too is an exception: it must read back as itself.
		if (Number.isInteger(t) && t < EXCEPTIONAL && (t > 0 || Object.is(t, 0))) {
			this.whole.set(row, t);
			this.exceptions.delete(row);
		} else {
			this.whole.set(row, EXCEPTIONAL);
			this.exceptions.set(row, t);
		}
	}

	/** Forgets rows from `rows` on (a checkpoint restore). */
	truncate(rows: number): void {
		this.whole.truncate(rows);
		for (const row of this.exceptions.keys()) if (row >= rows) this.exceptions.delete(row);
	}
}
