/**
 * What a scheduling cycle learns of 32 consecutive nodes (a block of the snapshot's order), kept
 * until one of them changes. In a big cluster a cycle visits ~500 nodes, and between two visits
 * of the same stretch only the nodes a pod was bound to (one a cycle) changed: the others fit a
 * pod of the same shape again and score the same. For a plain pod whose only node-dependent
 * scores are the resource scores (NodeTable's memo) and the hostname spreading's count, a
 * block's nodes are summed up per count: the highest resource score (with ImageLocality's, when
 * some node has one of the pod's images) among the nodes with that count, and which of them
 * have it. The cycle's highest total and its ties in the snapshot's
 * order follow from that exactly (a node with a lower resource score and the same count can
 * never tie the highest), so the cycle reads a few numbers where it read 32 nodes.
 */

/** Nodes a block: a block's nodes with one score fit one 32-bit mask. */
export const BLOCK = 32;
/** log2(BLOCK). */
export const BLOCK_BITS = 5;
/** The distinct counts a summary holds; a block with more is read node by node. */
const MAX_COUNTS = 4;

export class BlockMemo {
	/** The block of the node in each slot, in the snapshot's order; -1 for none. */
	blockOfSlot: Int32Array;
	/** Bumped whenever a node of the block changes (NodeTable.touch). */
	version = new Int32Array(0);
	/** Each block's summary: the pod shape and the spreading counter it was made for, or -1. */
	shape = new Int32Array(0);
	counter: (object | null)[] = [];
	/** And the pod's images (podImages' shared list, null: none scored) at NodeTable.imageEpoch. */
	images: (readonly string[] | null)[] = [];
	imageEpoch = new Int32Array(0);
	/** The block's version when the summary was made (stale once they differ). */
	madeAt = new Int32Array(0);
	/** The least and most matching pods on a node of the block. */
	min = new Int32Array(0);
	max = new Int32Array(0);
	/** How many distinct counts; then per block and count j (block * MAX_COUNTS + j): */
	counts = new Uint8Array(0);
	/** the count, the highest resource score (NodeTable.memoLocal) of its nodes, and which have it. */
	count = new Int32Array(0);
	best = new Uint16Array(0);
	mask = new Int32Array(0);

	constructor(capacity: number) {
		this.blockOfSlot = new Int32Array(capacity).fill(-1);
	}

	/** Widens the slot index to `capacity` slots (the new ones in no block yet). */
	grow(capacity: number): void {
		const b = new Int32Array(capacity).fill(-1);
		b.set(this.blockOfSlot);
		this.blockOfSlot = b;
	}

	/** The snapshot's order is new: blocks are made again from its slots, with no summary. */
	place(slots: Int32Array): void {
		this.blockOfSlot.fill(-1);
		for (let p = 0; p < slots.length; p++) this.blockOfSlot[slots[p] as number] = p >>> BLOCK_BITS;
		const blocks = (slots.length + BLOCK - 1) >>> BLOCK_BITS;
		this.version = new Int32Array(blocks);
		this.shape = new Int32Array(blocks).fill(-1);
		this.counter = new Array<object | null>(blocks).fill(null);
		this.images = new Array<readonly string[] | null>(blocks).fill(null);
		this.imageEpoch = new Int32Array(blocks);
		this.madeAt = new Int32Array(blocks);
		this.min = new Int32Array(blocks);
		this.max = new Int32Array(blocks);
		this.counts = new Uint8Array(blocks);
		this.count = new Int32Array(blocks * MAX_COUNTS);
		this.best = new Uint16Array(blocks * MAX_COUNTS);
		this.mask = new Int32Array(blocks * MAX_COUNTS);
	}

	/** The node in `slot` changed: its block's summary is stale. */
	touch(slot: number): void {
		const b = this.blockOfSlot[slot] as number;
		if (b >= 0) this.version[b] = (this.version[b] as number) + 1;
	}

	/**
	 * Whether block `b` has a current summary for pods of `shape` spread by `counter`, with
	 * `images` scored at `imageEpoch` (null: no image scored).
	 */
	has(
		b: number,
		shape: number,
		counter: object,
		images: readonly string[] | null,
		imageEpoch: number
	): boolean {
		return (
			this.shape[b] === shape &&
			this.counter[b] === counter &&
			this.madeAt[b] === this.version[b] &&
			this.images[b] === images &&
			(images === null || this.imageEpoch[b] === imageEpoch)
		);
	}

	/**
	 * Sums block `b` up from its nodes' resource scores and counts (`slots` from position
	 * `start`: the block's nodes in order), for pods of `shape` spread by `counter`, with the
	 * weighted ImageLocality score of the block's j-th node in `imageScores[j]` when `images`
	 * (scored at `imageEpoch`) is not null. Every node must fit that shape with a current memo
	 * and no flag (the caller checked); false, keeping no summary, when the block holds more
	 * distinct counts than a summary does.
	 */
	make(
		b: number,
		shape: number,
		counter: object,
		images: readonly string[] | null,
		imageEpoch: number,
		slots: Int32Array,
		start: number,
		local: Uint16Array,
		counts: Uint8Array | Int32Array,
		imageScores: Float64Array
	): boolean {
		const at = b * MAX_COUNTS;
		const count = this.count;
		const best = this.best;
		const mask = this.mask;
		let n = 0;
		let min = 0x7fffffff;
		let max = -1;
		for (let j = 0; j < BLOCK; j++) {
			const slot = slots[start + j] as number;
			const c = counts[slot] as number;
			const v = (local[slot] as number) + (images === null ? 0 : (imageScores[j] as number));
			const bit = 1 << j;
			let i = 0;
			while (i < n && count[at + i] !== c) i++;
			if (i === n) {
				if (n === MAX_COUNTS) {
					this.shape[b] = -1;
					return false;
				}
				count[at + i] = c;
				best[at + i] = v;
				mask[at + i] = bit;
				n++;
				if (c < min) min = c;
				if (c > max) max = c;
			} else if (v > (best[at + i] as number)) {
				best[at + i] = v;
				mask[at + i] = bit;
			} else if (v === best[at + i]) mask[at + i] = (mask[at + i] as number) | bit;
		}
		this.counts[b] = n;
		this.min[b] = min;
		this.max[b] = max;
		this.shape[b] = shape;
		this.counter[b] = counter;
		this.images[b] = images;
		this.imageEpoch[b] = imageEpoch;
		this.madeAt[b] = this.version[b] as number;
		return true;
	}

	/**
	 * Block `b`'s highest total, given each count's weighted spreading score (`hostScores`,
	 * indexed by count - `hostMin`), and in `tiedMask` which of its nodes have it.
	 */
	highest(b: number, hostScores: Float64Array, hostMin: number): number {
		const at = b * MAX_COUNTS;
		const n = this.counts[b] as number;
		let top = -Infinity;
		let m = 0;
		for (let i = 0; i < n; i++) {
			const t =
				(this.best[at + i] as number) +
				(hostScores[(this.count[at + i] as number) - hostMin] as number);
			if (t > top) {
				top = t;
				m = this.mask[at + i] as number;
			} else if (t === top) m |= this.mask[at + i] as number;
		}
		this.tiedMask = m;
		return top;
	}

	/** Set by highest(). */
	tiedMask = 0;
}
