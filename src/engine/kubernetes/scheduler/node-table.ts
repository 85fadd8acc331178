/**
 * The few per-node numbers a scheduling cycle reads for every node it visits, in typed arrays
 * indexed by NodeInfo.slot: a 5,000-node cycle visits ~500 nodes per pod, and reading them
 * here, side by side, costs far less than loading each node's NodeInfo (scattered over the
 * heap, several cache lines each). The NodeInfo stays the truth; the cache keeps these current.
 */

/** The node needs the Filter plugins run: cordoned, or NoSchedule/NoExecute taints. */
export const NEEDS_FILTERS = 1;
/** The node has PreferNoSchedule taints (TaintToleration's Score counts them). */
export const PREFER_TAINTS = 2;
/** The node lacks the kubernetes.io/hostname label (hostname spreading scores it 0). */
export const NO_HOSTNAME = 4;

export class NodeTable {
	/**
	 * Set from one clock whenever a node's aggregates or its Node object change (and when a slot
	 * is handed to a new NodeInfo): equal stamps mean an unchanged node, even across slot reuse.
	 */
	stamp: Float64Array;
	/** NEEDS_FILTERS | PREFER_TAINTS | NO_HOSTNAME. */
	flags: Uint8Array;
	/**
	 * NodeResourcesFit's and NodeResourcesBalancedAllocation's raw scores (0–100) last worked out
	 * here, for a pod of shape memoShape at stamp memoStamp: a Deployment's identical pods
	 * re-score an unchanged node without the arithmetic, and it then fit that shape.
	 */
	memoShape: Int32Array;
	memoStamp: Float64Array;
	memoFit: Uint8Array;
	memoBalanced: Uint8Array;
	private clock = 0;

	constructor(capacity: number) {
		this.stamp = new Float64Array(capacity);
		this.flags = new Uint8Array(capacity);
		this.memoShape = new Int32Array(capacity).fill(-1);
		this.memoStamp = new Float64Array(capacity);
		this.memoFit = new Uint8Array(capacity);
		this.memoBalanced = new Uint8Array(capacity);
	}

	/** Widens every array to `capacity` slots, keeping what they hold. */
	grow(capacity: number): void {
		const widen = <T extends Float64Array | Uint8Array | Int32Array>(a: T, b: T): T => {
			b.set(a);
			return b;
		};
		this.stamp = widen(this.stamp, new Float64Array(capacity));
		this.flags = widen(this.flags, new Uint8Array(capacity));
		this.memoShape = widen(this.memoShape, new Int32Array(capacity).fill(-1));
		this.memoStamp = widen(this.memoStamp, new Float64Array(capacity));
		this.memoFit = widen(this.memoFit, new Uint8Array(capacity));
		this.memoBalanced = widen(this.memoBalanced, new Uint8Array(capacity));
	}

	/** The node in `slot` changed: every memo of it is stale. */
	touch(slot: number): void {
		this.stamp[slot] = ++this.clock;
	}
}
