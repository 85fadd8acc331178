import { describe, expect, it } from 'vitest';
import { HashPairs } from '../../../src/engine/core/hash-pairs';

/** Every id the table holds for `hash`, and the empty slot the walk ends at. */
function walk(t: HashPairs, hash: number): { ids: number[]; end: number } {
	const ids: number[] = [];
	let slot = t.start(hash);
	for (; t.idAt(slot) >= 0; slot = t.next(slot))
		if (t.hashAt(slot) === hash) ids.push(t.idAt(slot));
	return { ids, end: slot };
}

describe('HashPairs', () => {
	it('keeps every id of a hash, ids of one hash included, as it grows', () => {
		const t = new HashPairs();
		const hashes = [0, -1, 0x7fffffff, -0x80000000, 12345];
		let id = 0;
		// Five hashes, each given 200 ids: the table grows from 16 slots many times over.
		for (let round = 0; round < 200; round++)
			for (const h of hashes) t.insertAt(walk(t, h).end, h, id++);
		hashes.forEach((h, i) => {
			// Growing moves ids, so a walk meets one hash's ids in no particular order.
			const ids = walk(t, h).ids.sort((a, b) => a - b);
			expect(ids).toEqual(Array.from({ length: 200 }, (_, r) => r * 5 + i));
		});
		expect(walk(t, 7).ids).toEqual([]);
	});
});
