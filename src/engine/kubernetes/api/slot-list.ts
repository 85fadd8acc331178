/**
 * A sorted list of store slots (`Store.slotOf`), in the order of their keys: an informer's index
 * entry (a node's pods, a controller's) without a reference per key on the JS heap. The slots
 * are four-byte numbers in a typed array, grown by half again when full; the keys they sort by
 * are the store's own (`Store.keysOf`), read when the list is sorted or searched.
 *
 * Slots added are appended unsorted and sorted in when the list is next read: a sorted insert
 * compares its key with ~log2(n) keys of a big cluster's 150,000, each a read of a string
 * somewhere in a heap of 100 MB (a cache miss), while a Deployment's burst of a thousand pods,
 * or a node's pods bound one by one, are sorted together at the next read with each key read
 * once into the cache. Readers see the same list either way: keys are unique, so there is one
 * key order.
 */

/** The keys by slot (`Store.keysOf`); a deleted key's slot reads undefined. */
export type KeysBySlot = readonly (string | undefined)[];

/**
 * Key order, with a slot whose key no longer reads (deleted while watchers are told) first:
 * a total order, so sorting stays consistent around it.
 */
function compareKeys(a: string | undefined, b: string | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	return a < b ? -1 : 1;
}

export class SlotList {
	/**
	 * The slots: first those in key order, then those appended since, each kept as `~slot`
	 * (negative), so the list needs no field of its own to tell where they start.
	 */
	private data = new Int32Array(4);
	length = 0;
	/** The keys the appended slots sort by (the store's own array), while there are any. */
	private keys: KeysBySlot | undefined;

	/** The slots, in key order (a view of the list: read it before the list changes). */
	slots(): Int32Array {
		this.sortIn();
		return this.data.subarray(0, this.length);
	}

	/** How many slots at the start are in key order (where the appended ones start). */
	private sorted(): number {
		if (this.keys === undefined) return this.length;
		let lo = 0;
		let hi = this.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.data[mid]! < 0) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	/**
	 * Where `slot`, whose key is `key`, is or would go among the first `hi` (sorted) slots.
	 * `keys` holds the other slots' keys; the slot itself matches by number (a deleted key's
	 * slot may no longer read its key).
	 */
	private search(slot: number, key: string, keys: KeysBySlot, hi: number): number {
		let lo = 0;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			const at = this.data[mid]!;
			if (at === slot) return mid;
			if (compareKeys(keys[at], key) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Adds `slot` unless it is there; its key (`_key`) is read from `keys` when sorted in. */
	insert(slot: number, _key: string, keys: KeysBySlot): void {
		// Sorted in at the next read (see the module's comment); a slot added twice is dropped then.
		if (this.length === this.data.length) {
			const grown = new Int32Array(this.data.length + (this.data.length >> 1) + 4);
			grown.set(this.data);
			this.data = grown;
		}
		this.data[this.length++] = ~slot;
		this.keys = keys;
	}

	/** Removes `slot` (key `key`); whether it was there. */
	remove(slot: number, key: string, keys: KeysBySlot): boolean {
		const sorted = this.sorted();
		// Appended slots are found by number, with no key read (each time it was added).
		let found = false;
		for (let i = sorted; i < this.length;) {
			if (this.data[i] !== ~slot) i++;
			else {
				this.cut(i);
				found = true;
			}
		}
		let i = this.search(slot, key, keys, sorted);
		// A slot beside one whose key no longer reads (deleted while watchers are told) may
		// escape the search: the slot is among the sorted ones once at most, so a scan finds it.
		if (i >= sorted || this.data[i] !== slot) i = this.data.subarray(0, sorted).indexOf(slot);
		if (i < 0) return found;
		this.cut(i);
		return true;
	}

	/** Takes out the slot at `i`. */
	private cut(i: number): void {
		this.data.copyWithin(i, i + 1, this.length);
		this.length--;
		// The appended slots are the last: none left when the last slot is a sorted one.
		if (this.length === 0 || this.data[this.length - 1]! >= 0) this.keys = undefined;
	}

	/** Sorts the appended slots in among the sorted ones, dropping any already there. */
	private sortIn(): void {
		const keys = this.keys;
		if (keys === undefined) return;
		let n = this.sorted();
		this.keys = undefined;
		const data = this.data;
		const byKey = (a: number, b: number) => compareKeys(keys[a], keys[b]) || a - b;
		const sorted = data.slice(n, this.length).map((marked) => ~marked);
		sorted.sort(byKey);
		// A slot appended twice sits beside itself once sorted.
		let m = 0;
		for (let r = 0; r < sorted.length; r++)
			if (r === 0 || sorted[r] !== sorted[m - 1]) sorted[m++] = sorted[r]!;
		const added = sorted.subarray(0, m);
		if (m * Math.log2(n + 2) < n) {
			// Few added to many: each searched for among the sorted ones (log2(n) keys read).
			for (const slot of added) {
				const i = this.search(slot, keys[slot]!, keys, n);
				if (i < n && data[i] === slot) continue;
				data.copyWithin(i + 1, i, n);
				data[i] = slot;
				n++;
			}
		} else {
			// One merge from the back, reading each key once; a slot already there is dropped.
			const old = data.slice(0, n);
			let i = n - 1;
			let j = m - 1;
			let w = n + m - 1;
			while (j >= 0) {
				const c = i < 0 ? -1 : byKey(old[i]!, added[j]!);
				if (c > 0) data[w--] = old[i--]!;
				else if (c < 0) data[w--] = added[j--]!;
				else j--;
			}
			while (i >= 0) data[w--] = old[i--]!;
			// Dropped duplicates leave room at the start.
			const start = w + 1;
			if (start > 0) data.copyWithin(0, start, n + m);
			n = n + m - start;
		}
		this.length = n;
	}
}
