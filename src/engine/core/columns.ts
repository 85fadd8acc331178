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

/** The value in a ShortColumn's chunk that sends readers to its exceptions. */
const WIDE = 0xffff;

/**
 * A column of integers that are nearly always small (ids of the few things a log's rows name:
 * its classes, its message templates): two bytes a row for values from `-offset` up to
 * 65,534 - `offset`, any other integer exactly in a map of exceptions. A column of such ids in
 * four bytes a row would spend half of them on zeros.
 */
export class ShortColumn {
	private readonly chunks: Uint16Array[] = [];
	private readonly exceptions = new Map<number, number>();

	constructor(private readonly offset = 0) {}

	get(row: number): number {
		const v = this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
		return v === WIDE ? this.exceptions.get(row)! : v - this.offset;
	}

	set(row: number, value: number): void {
		const i = row >>> CHUNK_BITS;
		const chunk = this.chunks[i] ?? (this.chunks[i] = new Uint16Array(CHUNK));
		const v = value + this.offset;
		if (Number.isInteger(v) && v >= 0 && v < WIDE) {
			chunk[row & MASK] = v;
			// Rows are nearly always set once, and exceptions are rare: no lookup when none.
			if (this.exceptions.size !== 0) this.exceptions.delete(row);
		} else {
			chunk[row & MASK] = WIDE;
			this.exceptions.set(row, value);
		}
	}

	/** Lets go of the rows from `rows` on (a checkpoint restore). */
	truncate(rows: number): void {
		this.chunks.length = Math.min(this.chunks.length, Math.ceil(rows / CHUNK));
		for (const row of this.exceptions.keys()) if (row >= rows) this.exceptions.delete(row);
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

	/**
	 * Row `row`'s reference, or undefined for a row never set: a column most of whose rows hold
	 * nothing sets only the others, and a chunk of rows that hold nothing is never made.
	 */
	find(row: number): T | undefined {
		return this.chunks[row >>> CHUNK_BITS]?.[row & MASK];
	}

	/** Lets go of the rows from `rows` on (a checkpoint restore). */
	truncate(rows: number): void {
		const chunks = Math.ceil(rows / CHUNK);
		this.chunks.length = Math.min(this.chunks.length, chunks);
		// Only the chunk that holds row `rows - 1` has rows to forget (a sparse column may lack it).
		const last = this.chunks.length === chunks ? this.chunks[chunks - 1] : undefined;
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

/**
 * A column of revisions (whole numbers below 2^32) that climb slowly from row to row, as a
 * log's writes do: two bytes a row above its chunk's first value, half of a Uint32Array's
 * four. A chunk whose rows do not all fit that (a row further on than 65,535 past the first, or
 * below it) is widened to four bytes a row, what every row cost before: no row is ever lost.
 */
export class ClimbingColumn {
	private readonly chunks: (Uint16Array | Uint32Array)[] = [];
	/** Each chunk's first value, which its Uint16Array's rows are above; 0 for a wide chunk. */
	private readonly bases: number[] = [];

	get(row: number): number {
		const i = row >>> CHUNK_BITS;
		return this.bases[i]! + this.chunks[i]![row & MASK]!;
	}

	set(row: number, value: number): void {
		if (value >>> 0 !== value) throw new Error(`revision ${value} out of range`);
		const i = row >>> CHUNK_BITS;
		let chunk = this.chunks[i];
		if (chunk === undefined) {
			chunk = this.chunks[i] = new Uint16Array(CHUNK);
			this.bases[i] = value;
		}
		const v = value - this.bases[i]!;
		if (chunk instanceof Uint16Array && !(v >= 0 && v <= 0xffff)) {
			const wide = new Uint32Array(CHUNK);
			for (let r = 0; r < CHUNK; r++) wide[r] = chunk[r]! + this.bases[i]!;
			this.chunks[i] = wide;
			this.bases[i] = 0;
			wide[row & MASK] = value;
		} else chunk[row & MASK] = v;
	}

	/** Lets go of the rows from `rows` on (a checkpoint restore); kept chunks keep their bases. */
	truncate(rows: number): void {
		this.chunks.length = Math.min(this.chunks.length, Math.ceil(rows / CHUNK));
		this.bases.length = this.chunks.length;
	}
}
