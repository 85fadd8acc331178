/**
 * The pod index's lists (api/slot-list.ts) sort appended slots in lazily: whatever the order of
 * adds, removes and reads, a read gives the slots in key order, each once — what controllers
 * iterate (a ReplicaSet's pods, a node's) must not depend on the order of past writes.
 */
import { describe, expect, it } from 'vitest';
import { SlotList } from '../../../src/engine/kubernetes/api/slot-list';

/** A small deterministic generator (the test's own, not the lab's). */
function lcg(seed: number): () => number {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('SlotList', () => {
	it('reads in key order after any mix of inserts, removals and reads', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const rnd = lcg(seed);
			const keys: (string | undefined)[] = [];
			for (let s = 0; s < 300; s++)
				keys.push(`default/web-${Math.floor(rnd() * 1e9).toString(36)}`);
			const list = new SlotList();
			const inList = new Set<number>();
			for (let step = 0; step < 600; step++) {
				const r = rnd();
				const slot = Math.floor(rnd() * keys.length);
				if (r < 0.55) {
					list.insert(slot, keys[slot]!, keys);
					inList.add(slot);
				} else if (r < 0.85) {
					expect(list.remove(slot, keys[slot]!, keys)).toBe(inList.delete(slot));
				} else {
					const want = [...inList].sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
					expect([...list.slots()]).toEqual(want);
				}
				expect(list.length).toBeGreaterThanOrEqual(inList.size);
			}
			const want = [...inList].sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
			expect([...list.slots()]).toEqual(want);
			expect(list.length).toBe(want.length);
		}
	});

	it('keeps a slot added twice once', () => {
		const keys = ['b', 'a', 'c'];
		const list = new SlotList();
		for (const slot of [0, 1, 0, 2, 1]) list.insert(slot, keys[slot]!, keys);
		expect([...list.slots()]).toEqual([1, 0, 2]);
		list.insert(2, 'c', keys);
		list.insert(1, 'a', keys);
		expect([...list.slots()]).toEqual([1, 0, 2]);
		expect(list.length).toBe(3);
	});

	it('removes a slot whose key no longer reads (deleted while watchers are told)', () => {
		const keys: (string | undefined)[] = ['b', 'a', 'c', 'd'];
		const list = new SlotList();
		for (const slot of [0, 1, 2, 3]) list.insert(slot, keys[slot]!, keys);
		expect([...list.slots()]).toEqual([1, 0, 2, 3]);
		keys[2] = undefined;
		expect(list.remove(2, 'c', keys)).toBe(true);
		expect([...list.slots()]).toEqual([1, 0, 3]);
	});
});
