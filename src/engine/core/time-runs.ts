/**
 * The times of an append-only log's rows, kept as runs: rows written in the same millisecond
 * share one entry. Events come in bursts (a Deployment's pods are scheduled, pulled and started
 * together), so a 150,000-pod cluster's close to a million Events have a few thousand distinct
 * times at most: four bytes a row less than a column of times. The trace keeps its rows' times
 * the same way (two rows a pod: scheduled, running).
 */
import { IntColumn, TimeColumn } from './columns';

export class TimeRuns {
	/** The first row of each run, increasing. */
	private readonly starts = new IntColumn(Uint32Array);
	/** Each run's time, exactly (a fraction or -0 too). */
	private readonly times = new TimeColumn();
	private runs = 0;
	private rows = 0;
	/** The run `get` found last: readers mostly go through rows in order. */
	private hint = 0;

	/** The time of row `row` (one of the rows set). */
	get(row: number): number {
		let k = this.hint;
		if (
			k >= this.runs ||
			this.starts.get(k) > row ||
			(k + 1 < this.runs && this.starts.get(k + 1) <= row)
		) {
			// The last run starting at or before `row`.
			let lo = 0;
			let hi = this.runs - 1;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (this.starts.get(mid) <= row) lo = mid;
				else hi = mid - 1;
			}
			k = lo;
			this.hint = k;
		}
		return this.times.get(k);
	}

	/** Sets the time of the next row (rows are only ever appended). */
	set(row: number, t: number): void {
		if (row !== this.rows) throw new Error(`row ${row} set out of order (next is ${this.rows})`);
		this.rows++;
		if (this.runs > 0 && Object.is(this.times.get(this.runs - 1), t)) return;
		this.starts.set(this.runs, row);
		this.times.set(this.runs, t);
		this.runs++;
	}

	/** Forgets rows from `rows` on (a checkpoint restore). */
	truncate(rows: number): void {
		if (rows >= this.rows) return;
		this.rows = rows;
		while (this.runs > 0 && this.starts.get(this.runs - 1) >= rows) this.runs--;
		this.starts.truncate(this.runs);
		this.times.truncate(this.runs);
		this.hint = 0;
	}
}
