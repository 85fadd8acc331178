/**
 * Ids by a 32-bit hash, as open addressing of (hash, id + 1) pairs in one typed array (linear
 * probing, at most half full). A lookup reads one pair, where a Map of numbers reads its bucket,
 * its entry and, for a hash past the small integers, a boxed number: in a big lab each is a cache
 * miss. Ids that share a hash take slots of their own; the caller walks them and tells them apart
 * (the event log's templates, the trace's shapes: one per node of a big cluster).
 *
 * `for (let s = t.start(h); t.idAt(s) >= 0; s = t.next(s)) if (t.hashAt(s) === h) …`, and a miss
 * ends at the empty slot `insertAt` fills.
 */
export class HashPairs {
	private pairs = new Int32Array(2 * 16);
	private used = 0;

	/** The slot where the walk for `hash` starts. */
	start(hash: number): number {
		return spread(hash) & this.mask();
	}

	/** The slot after `slot`. */
	next(slot: number): number {
		return (slot + 1) & this.mask();
	}

	/** The id in `slot`, or -1 for an empty slot (the walk's end). */
	idAt(slot: number): number {
		return this.pairs[2 * slot + 1]! - 1;
	}

	/** The hash of the id in `slot`. */
	hashAt(slot: number): number {
		return this.pairs[2 * slot]!;
	}

	/** Puts `id` with `hash` in `slot`: the empty slot a walk for `hash` ended at. */
	insertAt(slot: number, hash: number, id: number): void {
		this.pairs[2 * slot] = hash;
		this.pairs[2 * slot + 1] = id + 1;
		if (2 * ++this.used > this.mask() + 1) this.grow();
	}

	private mask(): number {
		return (this.pairs.length >>> 1) - 1;
	}

	private grow(): void {
		const old = this.pairs;
		const pairs = (this.pairs = new Int32Array(2 * old.length));
		const mask = this.mask();
		for (let i = 0; i < old.length; i += 2) {
			if (old[i + 1] === 0) continue;
			let slot = spread(old[i]!) & mask;
			while (pairs[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
			pairs[2 * slot] = old[i]!;
			pairs[2 * slot + 1] = old[i + 1]!;
		}
	}
}

/** murmur3's fmix32: FNV-1a's low bits vary little between similar texts; mixed, they spread. */
function spread(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return h ^ (h >>> 16);
}
