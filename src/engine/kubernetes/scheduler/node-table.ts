/**
 * The few per-node numbers a scheduling cycle reads for every node it visits, in typed arrays
 * indexed by NodeInfo.slot: a 5,000-node cycle visits ~500 nodes per pod, and reading them
 * here, side by side, costs far less than loading each node's NodeInfo (scattered over the
 * heap, several cache lines each). The NodeInfo stays the truth; the cache keeps these current.
 */
import { BlockMemo } from './block-memo';

/** The node needs the Filter plugins run: cordoned, or NoSchedule/NoExecute taints. */
export const NEEDS_FILTERS = 1;
/** The node has PreferNoSchedule taints (TaintToleration's Score counts them). */
export const PREFER_TAINTS = 2;
/** The node lacks the kubernetes.io/hostname label (hostname spreading scores it 0). */
export const NO_HOSTNAME = 4;

/** memoShape of a slot with no current memo (shapes are non-negative). */
const NO_MEMO = -1;

export class NodeTable {
	/** NEEDS_FILTERS | PREFER_TAINTS | NO_HOSTNAME. */
	flags: Uint8Array;
	/**
	 * NodeResourcesFit's and NodeResourcesBalancedAllocation's raw scores (0–100) last worked out
	 * here for a pod of shape memoShape, and their weighted sum (memoLocal): a Deployment's
	 * identical pods re-score an unchanged node without the arithmetic, and it then fit that
	 * shape. A change to the node (touch) clears memoShape, so one comparison tells a memo
	 * current: the scheduling loop reads memoShape and memoLocal only.
	 */
	memoShape: Int32Array;
	memoFit: Uint8Array;
	memoBalanced: Uint8Array;
	memoLocal: Uint16Array;
	/** Summaries of blocks of nodes in the snapshot's order (./block-memo.ts). */
	readonly blocks: BlockMemo;
	/**
	 * Bumped whenever some node's set of images changes: ImageLocality's score of a node also
	 * depends on how many nodes hold each image (the cache's ImageStates).
	 */
	imageEpoch = 0;

	constructor(capacity: number) {
		this.blocks = new BlockMemo(capacity);
		this.flags = new Uint8Array(capacity);
		this.memoShape = new Int32Array(capacity).fill(NO_MEMO);
		this.memoFit = new Uint8Array(capacity);
		this.memoBalanced = new Uint8Array(capacity);
		this.memoLocal = new Uint16Array(capacity);
	}

	/** Widens every array to `capacity` slots, keeping what they hold. */
	grow(capacity: number): void {
		const widen = <T extends Uint16Array | Uint8Array | Int32Array>(a: T, b: T): T => {
			b.set(a);
			return b;
		};
		this.flags = widen(this.flags, new Uint8Array(capacity));
		this.memoShape = widen(this.memoShape, new Int32Array(capacity).fill(NO_MEMO));
		this.memoFit = widen(this.memoFit, new Uint8Array(capacity));
		this.memoBalanced = widen(this.memoBalanced, new Uint8Array(capacity));
		this.memoLocal = widen(this.memoLocal, new Uint16Array(capacity));
		this.blocks.grow(capacity);
	}

	/** The node in `slot` changed: every memo of it is stale. */
	touch(slot: number): void {
		this.memoShape[slot] = NO_MEMO;
		this.blocks.touch(slot);
	}

	/** Keeps a node's resource scores for pods of `shape` until the node changes. */
	remember(slot: number, shape: number, fit: number, balanced: number, local: number): void {
		this.memoShape[slot] = shape;
		this.memoFit[slot] = fit;
		this.memoBalanced[slot] = balanced;
		this.memoLocal[slot] = local;
	}
}
