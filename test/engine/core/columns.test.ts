import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntColumn, RefColumn, TimeColumn } from '../../../src/engine/core/columns';

describe('TimeColumn', () => {
	it('reads back every time exactly: whole, fractional, huge, -0', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.nat(), fc.double({ noNaN: true }), fc.constant(-0))),
				(ts) => {
					const col = new TimeColumn();
					ts.forEach((t, row) => col.set(row, t));
					ts.forEach((t, row) => expect(Object.is(col.get(row), t)).toBe(true));
				}
			)
		);
	});

	it('forgets truncated rows: rewritten rows read their new time', () => {
		const col = new TimeColumn();
		[1, 2.5, 3, 2 ** 40].forEach((t, row) => col.set(row, t));
		col.truncate(1);
		col.set(1, 7);
		col.set(2, 8.25);
		col.set(3, 9);
		expect([0, 1, 2, 3].map((r) => col.get(r))).toEqual([1, 7, 8.25, 9]);
	});
});

describe('chunked columns', () => {
	it('keep every row across chunks, and the rows before a truncation', () => {
		const ints = new IntColumn(Int32Array);
		const refs = new RefColumn<string>();
		const rows = 10_000;
		for (let r = 0; r < rows; r++) {
			ints.set(r, r - 5000);
			refs.set(r, `row ${r}`);
		}
		for (const r of [0, 4095, 4096, 8191, 8192, rows - 1]) {
			expect(ints.get(r)).toBe(r - 5000);
			expect(refs.get(r)).toBe(`row ${r}`);
		}
		for (const cut of [8192, 5000, 4096, 1]) {
			ints.truncate(cut);
			refs.truncate(cut);
			expect(ints.get(cut - 1)).toBe(cut - 1 - 5000);
			expect(refs.get(cut - 1)).toBe(`row ${cut - 1}`);
			ints.set(cut, -1);
			refs.set(cut, 'again');
			expect(ints.get(cut)).toBe(-1);
			expect(refs.get(cut)).toBe('again');
		}
	});
});
