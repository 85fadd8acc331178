/**
 * A sorted list of store slots (`Store.slotOf`), in the order of their keys: an informer's index
 * entry (a node's pods, a controller's) without a reference per key on the JS heap. The slots
 * are four-byte numbers in a typed array, grown by half again when full; the keys they sort by
 * are the store's own (`Store.keysOf`), read when an insert or a removal searches.
 */

/** The keys by slot (`Store.keysOf`); a deleted key's slot reads undefined. */
export type KeysBySlot = readonly (string | undefined)[];
export class SlotList {
	private data = new Int32Array(4);
	length = 0;

	/** The slots, in key order (a view of the list: read it before the list changes). */
	slots(): Int32Array {
		return this.data.subarray(0, this.length);
	}

	/**
	 * Where `slot`, whose key is `key`, is or would go. `keys` holds the other slots' keys; the
	 * slot itself matches by number (a deleted key's slot may no longer read its key).
	 */
	private search(slot: number, key: string, keys: KeysBySlot): number {
		let lo = 0;
		let hi = this.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			const at = this.data[mid]!;
			if (at === slot) return mid;
			if ((keys[at] as string) < key) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Adds `slot` (key `key`) unless it is there. */
	insert(slot: number, key: string, keys: KeysBySlot): void {
		const i = this.search(slot, key, keys);
		if (i < this.length && this.data[i] === slot) return;
		if (this.length === this.data.length) {
			const grown = new Int32Array(this.data.length + (this.data.length >> 1) + 4);
			grown.set(this.data);
			this.data = grown;
		}
		this.data.copyWithin(i + 1, i, this.length);
		this.data[i] = slot;
		this.length++;
	}

	/** Removes `slot` (key `key`); whether it was there. */
	remove(slot: number, key: string, keys: KeysBySlot): boolean {
		let i = this.search(slot, key, keys);
		// A slot beside one whose key no longer reads (deleted while watchers are told) may
		// escape the search: the slot is in the list once at most, so a scan finds it.
		if (i >= this.length || this.data[i] !== slot) i = this.slots().indexOf(slot);
		if (i < 0) return false;
		this.data.copyWithin(i, i + 1, this.length);
		this.length--;
		return true;
	}
}
