/**
 * One scheduling cycle's decision: pkg/scheduler/schedule_one.go schedulePod,
 * findNodesThatFitPod, findNodesThatPassFilters, prioritizeNodes and selectHost, with the
 * framework's RunScorePlugins (score, normalize, multiply by weight, sum). Queueing,
 * assuming and binding are the caller's: it adds the pod to the cache once bound.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import {
	podInfoOnce,
	type NodeInfo,
	type PodCounter,
	type PodInfo,
	type SchedulerCache
} from './cache';
import {
	DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
	LABEL_HOSTNAME,
	MAX_NODE_SCORE,
	REASON,
	SCORE_PLUGINS,
	SCORE_WEIGHTS,
	type ScorePluginName
} from './defaults';
import { preFilter, runFilters, type Cycle } from './filters';
import { BLOCK, BLOCK_BITS } from './block-memo';
import { NEEDS_FILTERS, NO_HOSTNAME, PREFER_TAINTS, type NodeTable } from './node-table';
import { filtersWithNominated } from './sandbox';
import { fitErrorMessage } from './fit-error';
import { affinityNormalize, affinityPreScore, affinityScore } from './inter-pod-affinity';
import { nextStartNodeIndex, numFeasibleNodesToFind } from './percentage';
import { preempt, type BudgetLister, type Failure } from './preemption';
import {
	balancedScore,
	defaultNormalize,
	imageLocalityScore,
	isBestEffort,
	leastAllocatedScore,
	nodeAffinityScore,
	podImages,
	preferTolerations,
	taintScore
} from './scores';
import { status, UNRESOLVABLE, type Status } from './status';
import {
	spreadConstraints,
	spreadPreScore,
	spreadScore,
	type SpreadConstraint,
	type WorkloadLister
} from './topology-spread';

export interface SchedulerState {
	/** The injected randomness, a float in [0, 1): ties in selectHost, the preemption offset. */
	next(): number;
	/**
	 * selectHost's pick among `count` tied nodes: the index the reservoir loop over next() keeps
	 * (`Math.floor(next() * (j + 1)) === 0` replaces the pick at tie j), with the same draws
	 * consumed; faster when the randomness can make a draw out of turn (RandomStream.reservoir).
	 * Absent, schedulePod runs that loop.
	 */
	pick?(count: number): number;
	/** sched.nextStartNodeIndex; schedulePod advances it. Start at 0. */
	nextStartNodeIndex: number;
	/** percentageOfNodesToScore, 0 (the default) meaning adaptive. */
	percentageOfNodesToScore?: number;
	/**
	 * Fill `scores` and `filterFailures` for every node (default true). Turn it off for bulk
	 * scheduling: the decision is the same, and a failed pod still gets its failures.
	 */
	explain?: boolean;
	/** Services, ReplicaSets, StatefulSets, RCs and namespaces, for default spreading. */
	listers?: WorkloadLister;
	/** Pending pods nominated to a node by an earlier preemption, by node (PodNominator). */
	nominated?: ReadonlyMap<string, readonly PodInfo[]>;
	/** PodDisruptionBudgets by namespace, which preemption tries not to violate. */
	budgets?: BudgetLister;
}

export interface NodeScore {
	total: number;
	/** Weighted score per Score plugin; undefined for a plugin the cycle skipped (PreScore Skip). */
	byPlugin: Partial<Record<ScorePluginName, number>>;
}

export interface ScheduleResult {
	node?: string;
	/** Feasible nodes found before the search stopped. */
	feasible: number;
	/** Nodes filtered: feasible plus rejected (ScheduleResult.EvaluatedNodes). */
	evaluated: number;
	filterFailures: Map<string, readonly string[]>;
	scores: Map<string, NodeScore>;
	/** The FailedScheduling event message when no node fits. */
	message?: string;
	/**
	 * When no node fits, the plugins that rejected the pod (QueuedPodInfo.UnschedulablePlugins,
	 * which the queueing hints read): each Filter plugin that rejected a node, and NodeAffinity
	 * when its PreFilter turned the pod away.
	 */
	rejectedBy?: ReadonlySet<string>;
	/** Preemption found room: the pod's nominatedNodeName and the pods to evict. */
	nominatedNode?: string;
	victims?: { namespace: string; name: string }[];
}

/** An empty Map that refuses writes: what a cycle without explain returns when it succeeds. */
class EmptyMap<K, V> extends Map<K, V> {
	override set(): this {
		throw new Error('read-only: a cycle without explain has nothing to explain');
	}
}

const NOTHING_TO_EXPLAIN = new EmptyMap<string, never>();

/** schedule_one.go ErrNoNodesAvailable. */
const NO_NODES = 'no nodes available to schedule pods';

// Scratch buffers reused across cycles: a 5,000-node cycle scores ~500 nodes per pod. One
// per Score plugin (SCORE_PLUGINS order), weighted after normalization, and the totals.
let feasibleBuf: NodeInfo[] = [];
/** The feasible nodes' slots (NodeInfo.slot), in the order found. */
let slotBuf = new Int32Array(0);
const scoreBufs: Float64Array[] = SCORE_PLUGINS.map(() => new Float64Array(0));
let totalBuf = new Float64Array(0);
let taintBuf: Float64Array = totalBuf;
let fitBuf: Float64Array = totalBuf;
let spreadBuf: Float64Array = totalBuf;
let balancedBuf: Float64Array = totalBuf;
let imageBuf: Float64Array = totalBuf;
/** Per feasible node: its pods the hostname spreading counts (see HostSpread), -1 unlabelled. */
let hostCountBuf = new Int32Array(0);
/** The feasible nodes with the highest total, in order: selectHost's candidates. */
let tieBuf = new Int32Array(0);
/**
 * The blocks filterAndScore took whole from their summaries (BlockMemo), in order: each one's
 * block and its first feasible index. Their nodes have slots in slotBuf but no totals or counts
 * in the buffers until expandBlocks writes them (a plugin that reads nodes one by one).
 */
let segBlock = new Int32Array(0);
let segStart = new Int32Array(0);
let numSegs = 0;
/** A block's nodes' weighted ImageLocality scores, while its summary is made. */
const blockImages = new Float64Array(BLOCK);

function ensureBuffers(n: number): void {
	if (totalBuf.length >= n) return;
	const size = Math.max(n, totalBuf.length * 2, 64);
	totalBuf = new Float64Array(size);
	hostCountBuf = new Int32Array(size);
	slotBuf = new Int32Array(size);
	tieBuf = new Int32Array(size);
	segBlock = new Int32Array((size >>> BLOCK_BITS) + 1);
	segStart = new Int32Array((size >>> BLOCK_BITS) + 1);
	for (let i = 0; i < scoreBufs.length; i++) scoreBufs[i] = new Float64Array(size);
	const b = (k: number) => scoreBufs[k] as Float64Array;
	[taintBuf, fitBuf, spreadBuf, balancedBuf, imageBuf] = [b(0), b(2), b(3), b(5), b(6)];
}

/** What the node-local Score plugins need for one cycle (one object, refilled per cycle). */
interface LocalScoring {
	p: PodInfo | null;
	tolerations: readonly Toleration[];
	prefer: Toleration[] | null;
	bestEffort: boolean;
	images: readonly string[];
	anyImage: boolean;
	numAllNodes: number;
	/** The largest raw TaintToleration score so far (its normalization's maximum). */
	maxTaint: number;
	/** Keep each plugin's score per node, not just the totals (SchedulerState.explain). */
	explain: boolean;
}

const local: LocalScoring = {
	p: null,
	tolerations: [],
	prefer: null,
	bestEffort: false,
	images: [],
	anyImage: false,
	numAllNodes: 0,
	maxTaint: 0,
	explain: true
};

/**
 * PodTopologySpread's hostname constraint, read while the filter loop has each feasible node at
 * hand. Its Score is round(matching pods × weight + maxSkew − 1), the same increasing function
 * of the count on every node, so the extremes spreadNormalize needs are the scores of the
 * extreme counts: the score pass then needs no pass of its own over the nodes.
 */
interface HostSpread {
	/** The pod's ScheduleAnyway constraints (spreadConstraints), handed on to PreScore. */
	constraints: readonly SpreadConstraint[];
	/** The first hostname constraint's index in them, and its counter; -1 and null if none. */
	index: number;
	counter: PodCounter | null;
	/** The least and most matching pods on a labelled feasible node (max -1: none labelled). */
	min: number;
	max: number;
	/** Some feasible node lacks the hostname label (it scores 0). */
	unlabelled: boolean;
}

const hostSpread: HostSpread = {
	constraints: [],
	index: -1,
	counter: null,
	min: 0,
	max: -1,
	unlabelled: false
};

function startHostSpread(p: PodInfo, cache: SchedulerCache, listers?: WorkloadLister): void {
	const h = hostSpread;
	const cs = spreadConstraints(p.pod, 'ScheduleAnyway', listers);
	h.constraints = cs;
	h.index = -1;
	h.counter = null;
	h.min = 0x7fffffff;
	h.max = -1;
	h.unlabelled = false;
	for (let i = 0; i < cs.length; i++) {
		const c = cs[i] as SpreadConstraint;
		if (c.topologyKey !== LABEL_HOSTNAME) continue;
		h.index = i;
		h.counter = cache.podCounter(p.namespace, c.selector);
		return;
	}
}

function startLocalScoring(
	c: Cycle,
	cache: SchedulerCache,
	numAllNodes: number,
	explain: boolean
): void {
	const p = c.pod;
	const images = podImages(p);
	// An image no node has scores 0 everywhere: skip the per-node lookups.
	let anyImage = false;
	for (let i = 0; i < images.length; i++) if (cache.hasImage(images[i] as string)) anyImage = true;
	local.p = p;
	local.tolerations = c.tolerations;
	local.prefer = null;
	local.bestEffort = isBestEffort(p);
	local.images = images;
	local.anyImage = anyImage;
	local.numAllNodes = numAllNodes;
	local.maxTaint = 0;
	local.explain = explain;
}

/**
 * findNodesThatPassFilters from `start` until `want` nodes fit (rejections go to `failures`),
 * with the node-local Score plugins (TaintToleration's raw count, NodeResourcesFit,
 * NodeResourcesBalancedAllocation, ImageLocality) run on each feasible node as it is found:
 * weighted, and summed into totalBuf. The feasible nodes' slots go to slotBuf. Returns how
 * many fit.
 *
 * Every node goes through every Filter plugin: a pod that asks for nothing node-specific (no
 * node name, affinity, host ports, extended resources, required spreading or pod affinity)
 * reads on a schedulable, untainted node only NodeResourcesFit's verdict, so the loop asks
 * that (with the pod's requests in locals) and calls runFilters for every other node. A node
 * that fit a pod of this shape and has not changed since fits again and scores the same
 * (NodeTable's memo): for it the loop reads the node table only, not the NodeInfo.
 */
function filterAndScore(
	c: Cycle,
	nodes: readonly NodeInfo[],
	slots: Int32Array,
	table: NodeTable,
	start: number,
	want: number,
	failures: Failure[],
	nominated: ReadonlyMap<string, readonly PodInfo[]> | null,
	whole: boolean
): number {
	const L = local;
	const p = c.pod;
	const r = p.requests;
	const shape = p.shape;
	const plain =
		c.nodeName === undefined &&
		c.nodeAffinity === null &&
		c.spread === null &&
		c.affinity === null &&
		p.ports.length === 0 &&
		r.scalar === null;
	// Every node needs its NodeInfo looked at (filtered with care) unless this holds.
	const quick = plain && nominated === null;
	const cpu = r.milliCPU;
	const memory = r.memory;
	const ephemeral = r.ephemeralStorage;
	const bestEffort = L.bestEffort;
	const anyImage = L.anyImage;
	const explain = L.explain;
	const h = hostSpread;
	const counts = h.counter === null ? null : h.counter.counts;
	let hostMin = h.min;
	let hostMax = h.max;
	let unlabelled = false;
	// TaintToleration's raw counts are stored from the first node with PreferNoSchedule taints
	// on (zeros filled in behind it): most clusters have none, and score reads none then.
	let preferSeen = false;
	// The node table's arrays in locals (node-table.ts).
	const { flags, memoShape, memoFit, memoBalanced, memoLocal } = table;
	// The scratch buffers in locals: module bindings are reloaded (and checked) on every use.
	const feasibleSlots = slotBuf;
	const taints = taintBuf;
	const fits = fitBuf;
	const balanced = balancedBuf;
	const images = imageBuf;
	const totals = totalBuf;
	const hostCounts = hostCountBuf;
	const len = nodes.length;
	let feasible = 0;
	// nodes[(start + i) % len], without a division per node.
	let at = start % len;
	// Blocks of nodes are taken whole from their summaries (BlockMemo) when the cycle's totals
	// are the resource and image scores and the hostname spreading only: a plain pod, the whole
	// snapshot in order, nothing explained.
	const counter = h.counter;
	const blocks = quick && whole && !explain && counter !== null ? table.blocks : null;
	const scoredImages = anyImage ? L.images : null;
	const imageEpoch = table.imageEpoch;
	numSegs = 0;
	for (let i = 0; i < len && feasible < want; i++) {
		if (
			blocks !== null &&
			counter !== null &&
			(at & (BLOCK - 1)) === 0 &&
			at + BLOCK <= len &&
			i + BLOCK <= len &&
			feasible + BLOCK <= want
		) {
			const b = at >>> BLOCK_BITS;
			let ready = blocks.has(b, shape, counter, scoredImages, imageEpoch);
			if (!ready) {
				// Made when every node of the block fits with a current memo and needs no filter.
				let plainNodes = true;
				for (let j = at; j < at + BLOCK && plainNodes; j++) {
					const slot = slots[j] as number;
					plainNodes = flags[slot] === 0 && memoShape[slot] === shape;
				}
				if (plainNodes && anyImage)
					for (let j = 0; j < BLOCK; j++)
						blockImages[j] =
							imageLocalityScore(nodes[at + j] as NodeInfo, L.images, L.numAllNodes) *
							SCORE_WEIGHTS.ImageLocality;
				ready =
					plainNodes &&
					blocks.make(
						b,
						shape,
						counter,
						scoredImages,
						imageEpoch,
						slots,
						at,
						memoLocal,
						counter.counts,
						blockImages
					);
			}
			if (ready) {
				const k = feasible;
				// Copied by hand: a subarray to set() from is an object a block.
				for (let j = 0; j < BLOCK; j++) feasibleSlots[k + j] = slots[at + j] as number;
				if (preferSeen) taints.fill(0, k, k + BLOCK);
				segBlock[numSegs] = b;
				segStart[numSegs++] = k;
				if ((blocks.min[b] as number) < hostMin) hostMin = blocks.min[b] as number;
				if ((blocks.max[b] as number) > hostMax) hostMax = blocks.max[b] as number;
				feasible += BLOCK;
				at += BLOCK;
				if (at === len) at = 0;
				i += BLOCK - 1;
				continue;
			}
		}
		const here = at;
		if (++at === len) at = 0;
		const slot = slots[here] as number;
		const flag = flags[slot] as number;
		const memo = memoShape[slot] === shape;
		if (!(memo && quick && (flag & NEEDS_FILTERS) === 0)) {
			const ni = nodes[here] as NodeInfo;
			const ahead = nominated === null ? undefined : nominated.get(ni.name);
			let s: Status | null = null;
			if (ahead !== undefined) s = filtersWithNominated(c, ni, ahead);
			else if (
				!plain ||
				(flag & NEEDS_FILTERS) !== 0 ||
				!(
					memo ||
					(ni.podCount < ni.allocPods &&
						cpu <= ni.allocMilliCPU - ni.reqMilliCPU &&
						memory <= ni.allocMemory - ni.reqMemory &&
						ephemeral <= ni.allocEphemeral - ni.reqEphemeral)
				)
			)
				s = runFilters(c, ni);
			if (s) {
				failures.push({ node: ni, status: s });
				continue;
			}
			if (!memo) rememberScores(table, slot, ni, p, bestEffort);
		}
		const k = feasible++;
		feasibleSlots[k] = slot;
		if ((flag & PREFER_TAINTS) !== 0) {
			if (!preferSeen) {
				taints.fill(0, 0, k);
				preferSeen = true;
			}
			L.prefer ??= preferTolerations(L.tolerations);
			const t = taintScore(nodes[here] as NodeInfo, L.prefer);
			if (t > L.maxTaint) L.maxTaint = t;
			taints[k] = t;
		} else if (preferSeen) taints[k] = 0;
		const m = anyImage
			? imageLocalityScore(nodes[here] as NodeInfo, L.images, L.numAllNodes) *
				SCORE_WEIGHTS.ImageLocality
			: 0;
		if (explain) {
			fits[k] = (memoFit[slot] as number) * SCORE_WEIGHTS.NodeResourcesFit;
			balanced[k] = (memoBalanced[slot] as number) * SCORE_WEIGHTS.NodeResourcesBalancedAllocation;
			images[k] = m;
		}
		totals[k] = (memoLocal[slot] as number) + m;
		if (counts !== null) {
			if ((flag & NO_HOSTNAME) !== 0) {
				hostCounts[k] = -1;
				unlabelled = true;
			} else {
				const n = counts[slot] as number;
				hostCounts[k] = n;
				if (n < hostMin) hostMin = n;
				if (n > hostMax) hostMax = n;
			}
		}
	}
	if (unlabelled) h.unlabelled = true;
	h.min = hostMin;
	h.max = hostMax;
	return feasible;
}

/**
 * The first n feasible nodes' NodeInfos in feasibleBuf, from their slots: made only for the
 * plugins and explanations that read the nodes themselves (most cycles need none).
 */
function feasibleInfos(cache: SchedulerCache, n: number): NodeInfo[] {
	const out = feasibleBuf;
	const fs = slotBuf;
	for (let i = 0; i < n; i++) out[i] = cache.atSlot(fs[i] as number);
	return out;
}

/** The k-th feasible node's name. */
function nodeName(cache: SchedulerCache, k: number): string {
	return cache.atSlot(slotBuf[k] as number).name;
}

export function schedulePod(
	pod: Pod,
	cache: SchedulerCache,
	state: SchedulerState
): ScheduleResult {
	const explain = state.explain ?? true;
	// Without explain, a successful cycle's maps stay empty: it shares one (a read-only one).
	let filterFailures: Map<string, readonly string[]> = explain ? new Map() : NOTHING_TO_EXPLAIN;
	const scores: Map<string, NodeScore> = explain ? new Map() : NOTHING_TO_EXPLAIN;
	const all = cache.nodes();
	if (all.length === 0)
		return { feasible: 0, evaluated: 0, filterFailures, scores, message: NO_NODES };
	const p = podInfoOnce(pod);
	const cycle = preFilter(p, cache, all, state.listers);
	const failures: Failure[] = [];
	const nominated = state.nominated?.size ? state.nominated : null;
	let feasible = 0;
	if (!cycle.preFilterMsg) {
		// evaluateNominatedNode: a pod that preempted goes to its nominated node if it fits now.
		const nominatedNode = nominatedNodeOf(pod, cache, cycle);
		if (
			nominatedNode !== undefined &&
			!filtersWithNominated(cycle, nominatedNode, nominated?.get(nominatedNode.name))
		)
			return { node: nominatedNode.name, feasible: 1, evaluated: 1, filterFailures, scores };
		const nodes = cycle.nodeNames ? all.filter((n) => cycle.nodeNames?.has(n.name)) : all;
		const want = numFeasibleNodesToFind(
			state.percentageOfNodesToScore ?? DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
			nodes.length
		);
		if (feasibleBuf.length < want) feasibleBuf = new Array<NodeInfo>(want);
		ensureBuffers(want);
		startLocalScoring(cycle, cache, all.length, explain);
		startHostSpread(p, cache, state.listers);
		const start = state.nextStartNodeIndex;
		const slots = nodes === all ? cache.nodeSlots() : Int32Array.from(nodes, (n) => n.slot);
		feasible = filterAndScore(
			cycle,
			nodes,
			slots,
			cache.table,
			start,
			want,
			failures,
			nominated,
			nodes === all
		);
		state.nextStartNodeIndex = nextStartNodeIndex(start, feasible + failures.length, all.length);
	}
	const evaluated = feasible + failures.length;
	if (feasible === 0 && !explain) filterFailures = new Map();
	if (explain || feasible === 0)
		for (const f of failures) filterFailures.set(f.node.name, f.status.reasons);
	if (feasible === 0)
		return {
			feasible,
			evaluated,
			filterFailures,
			scores,
			...fail(cycle, failures, all.length, state)
		};
	// "When only one node after predicate, just use it": no scoring at all.
	if (feasible === 1)
		return { node: nodeName(cache, 0), feasible, evaluated, filterFailures, scores };
	const ran = score(cycle, cache, feasible, all, state.listers);
	// selectHost: reservoir sampling among the nodes with the highest total (score listed them).
	let chosen: number;
	if (state.pick !== undefined) chosen = tieBuf[state.pick(numTies)] as number;
	else {
		chosen = tieBuf[0] as number;
		for (let j = 1; j < numTies; j++)
			if (Math.floor(state.next() * (j + 1)) === 0) chosen = tieBuf[j] as number;
	}
	if (explain) {
		// The buffers of the plugins that ran; a skipped plugin's stays null and reads undefined.
		const [t, a, f, s, ipa, b, m] = SCORE_PLUGINS.map((_, k) =>
			ran & (1 << k) ? scoreBufs[k] : null
		);
		for (let i = 0; i < feasible; i++) {
			// One literal per node rather than keyed stores: V8 builds it far faster.
			const byPlugin: Partial<Record<ScorePluginName, number>> = {
				TaintToleration: t?.[i],
				NodeAffinity: a?.[i],
				NodeResourcesFit: f?.[i],
				PodTopologySpread: s?.[i],
				InterPodAffinity: ipa?.[i],
				NodeResourcesBalancedAllocation: b?.[i],
				ImageLocality: m?.[i]
			};
			scores.set(nodeName(cache, i), { total: totalBuf[i] as number, byPlugin });
		}
	}
	return {
		node: nodeName(cache, chosen),
		feasible,
		evaluated,
		filterFailures,
		scores
	};
}

function fail(
	c: Cycle,
	failures: Failure[],
	numAll: number,
	state: SchedulerState
): Partial<ScheduleResult> {
	const out = preempt(c, failures, numAll, () => state.next(), state.nominated, state.budgets);
	// The DynamicResources PostFilter runs first and always rejects a pod without claims.
	const post = out.node ? '' : [REASON.noClaims, out.message].filter(Boolean).join(', ');
	const absent = c.nodeNames
		? status('NodeAffinity', UNRESOLVABLE, `node(s) didn't satisfy plugin(s) [NodeAffinity]`)
		: null;
	const message = fitErrorMessage(numAll, {
		statuses: failures.map((f) => f.status),
		absent,
		preFilterMsg: c.preFilterMsg,
		postFilterMsg: post
	});
	const rejectedBy = new Set<string>();
	for (const f of failures) rejectedBy.add(f.status.plugin);
	if (c.preFilterMsg !== undefined || absent !== null) rejectedBy.add('NodeAffinity');
	if (!out.node) return { message, rejectedBy };
	const victims = out.victims?.map((v) => ({ namespace: v.namespace, name: podNameOf(v) }));
	return { message, rejectedBy, nominatedNode: out.node, victims };
}

function podNameOf(p: PodInfo): string {
	return p.pod.metadata?.name ?? '';
}

/** The pod's status.nominatedNodeName, if the cache has that node and PreFilter allows it. */
function nominatedNodeOf(pod: Pod, cache: SchedulerCache, c: Cycle): NodeInfo | undefined {
	const name = pod.status?.nominatedNodeName;
	if (!name || (c.nodeNames !== null && !c.nodeNames.has(name))) return undefined;
	return cache.getNode(name);
}

/** Weights a normalized plugin score buffer and adds it to the totals. */
function add(b: Float64Array, n: number, weight: number): void {
	for (let i = 0; i < n; i++) {
		const v = (b[i] as number) * weight;
		b[i] = v;
		totalBuf[i] = (totalBuf[i] as number) + v;
	}
}

/** NodeResourcesFit's and BalancedAllocation's scores of a node for pods of p's shape, kept. */
function rememberScores(
	table: NodeTable,
	slot: number,
	ni: NodeInfo,
	p: PodInfo,
	bestEffort: boolean
): void {
	const fit = leastAllocatedScore(ni, p);
	const bal = bestEffort ? 0 : balancedScore(ni, p);
	const local =
		fit * SCORE_WEIGHTS.NodeResourcesFit + bal * SCORE_WEIGHTS.NodeResourcesBalancedAllocation;
	table.remember(slot, p.shape, fit, bal, local);
}

/**
 * Writes the totals and hostname counts of the blocks filterAndScore took whole (their nodes
 * unchanged since their summary, so their memos are made again equal where another shape's
 * replaced them), for the plugins and passes that read nodes one by one.
 */
function expandBlocks(cache: SchedulerCache): void {
	const table = cache.table;
	const p = local.p as PodInfo;
	const shape = p.shape;
	const counts = (hostSpread.counter as PodCounter).counts;
	for (let s = 0; s < numSegs; s++) {
		const k0 = segStart[s] as number;
		for (let k = k0; k < k0 + BLOCK; k++) {
			const slot = slotBuf[k] as number;
			const ni = cache.atSlot(slot);
			if (table.memoShape[slot] !== shape) rememberScores(table, slot, ni, p, local.bestEffort);
			totalBuf[k] =
				(table.memoLocal[slot] as number) +
				(local.anyImage
					? imageLocalityScore(ni, local.images, local.numAllNodes) * SCORE_WEIGHTS.ImageLocality
					: 0);
			hostCountBuf[k] = counts[slot] as number;
		}
	}
	numSegs = 0;
}

/** How many of the last score()'s nodes share the highest total (their indices: tieBuf). */
let numTies = 0;
/** The hostname spreading's weighted score per count above HostSpread.min, and unlabelled. */
let hostScoreBuf = new Float64Array(0);
let hostUnlabelled = 0;

/**
 * spreadNormalize (fewer matches score higher; every node 100 when none has any) of one
 * node's PodTopologySpread score, weighted.
 */
function spreadNormalized(v: number, min: number, max: number): number {
	const sn = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - v)) / max);
	return sn * SCORE_WEIGHTS.PodTopologySpread;
}

/**
 * RunPreScorePlugins + RunScorePlugins for the n feasible nodes, whose node-local scores
 * filterAndScore already left in the buffers; returns the plugins that ran (bit k:
 * SCORE_PLUGINS[k]) and leaves the totals in totalBuf, the nodes with the highest in tieBuf.
 */
function score(
	c: Cycle,
	cache: SchedulerCache,
	n: number,
	all: readonly NodeInfo[],
	listers?: WorkloadLister
): number {
	const p = c.pod;
	const W = SCORE_WEIGHTS;
	const affinity = scoreBufs[1] as Float64Array;
	const podAffinity = scoreBufs[4] as Float64Array;
	const preferred =
		p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
	const hs = hostSpread;
	// The feasible NodeInfos, made from their slots if a plugin reads them.
	let nodes: NodeInfo[] | null = null;
	const infos = () => (nodes ??= feasibleInfos(cache, n));
	const spread = spreadPreScore(p, cache, infos, n, all, c.nodeAffinity, listers, hs.constraints);
	const ignored = spread?.ignored ?? null;
	const topo = affinityPreScore(p, cache, all, c.ns);
	// The hostname constraint alone scores, on counts the filter loop gathered (HostSpread).
	const host =
		spread !== null &&
		ignored === null &&
		hs.index >= 0 &&
		spread.hostOnly === hs.index &&
		spread.counters[hs.index] === hs.counter;
	// Blocks taken whole serve the last pass's common case only; anything else reads the
	// buffers node by node.
	if (numSegs > 0 && (preferred || topo || !host || local.maxTaint > 0 || local.explain))
		expandBlocks(cache);
	let ran = (1 << 0) | (1 << 2) | (1 << 6);
	if (!local.bestEffort) ran |= 1 << 5;
	if (preferred) {
		const ns = infos();
		for (let i = 0; i < n; i++) affinity[i] = nodeAffinityScore(ns[i] as NodeInfo, preferred);
		defaultNormalize(affinity, n, false);
		add(affinity, n, W.NodeAffinity);
		ran |= 1 << 1;
	}
	if (topo) {
		const ns = infos();
		for (let i = 0; i < n; i++) podAffinity[i] = affinityScore(topo, ns[i] as NodeInfo);
		affinityNormalize(podAffinity, n);
		add(podAffinity, n, W.InterPodAffinity);
		ran |= 1 << 4;
	}
	// PodTopologySpread's Score, with spreadNormalize's minimum and maximum over the nodes
	// not ignored.
	let spreadMin = Infinity;
	let spreadMax = 0;
	if (host) {
		ran |= 1 << 3;
		const weight = spread.weights[hs.index] as number;
		const extra = (spread.constraints[hs.index] as SpreadConstraint).maxSkew - 1;
		spreadMin = hs.unlabelled ? 0 : Math.round(hs.min * weight + extra);
		spreadMax = hs.max < 0 ? 0 : Math.round(hs.max * weight + extra);
		// The weighted, normalized score per count: a Deployment's nodes hold a few pods each,
		// so the arithmetic is done once per count rather than once per node.
		const size = hs.max < 0 ? 0 : hs.max - hs.min + 1;
		if (hostScoreBuf.length < size) hostScoreBuf = new Float64Array(Math.max(size, 64));
		for (let j = 0; j < size; j++)
			hostScoreBuf[j] = spreadNormalized(
				Math.round((hs.min + j) * weight + extra),
				spreadMin,
				spreadMax
			);
		hostUnlabelled = spreadNormalized(0, spreadMin, spreadMax);
	} else if (spread) {
		ran |= 1 << 3;
		const ns = infos();
		for (let i = 0; i < n; i++) {
			if (ignored !== null && ignored[i] === 1) continue;
			const v = spreadScore(spread, ns[i] as NodeInfo, i);
			spreadBuf[i] = v;
			if (v < spreadMin) spreadMin = v;
			if (v > spreadMax) spreadMax = v;
		}
	}
	// The last pass normalizes TaintToleration (defaultNormalize reversed; every node 100 when
	// none has such taints) and PodTopologySpread (spreadNormalize: fewer matches score higher,
	// ignored nodes 0), weights them, completes the totals (sums of integers, exact in any
	// order) and finds their maximum.
	const maxTaint = local.maxTaint;
	const explain = local.explain;
	const hostMin = hs.min;
	const taints = taintBuf;
	const spreads = spreadBuf;
	const totals = totalBuf;
	const hostCounts = hostCountBuf;
	const hostScores = hostScoreBuf;
	const ties = tieBuf;
	const unlabelled = hostUnlabelled;
	let max = -Infinity;
	let numTied = 0;
	if (host && maxTaint === 0 && !explain) {
		// The common cycle, its loop unswitched: no PreferNoSchedule taint (TaintToleration adds
		// the same 100 to every node, which moves no node against another) and hostname
		// spreading alone; nothing kept but the ties. Blocks taken whole are read from their
		// summaries, their tied nodes in order.
		const blocks = cache.table.blocks;
		let seg = 0;
		for (let i = 0; i < n;) {
			const end = seg < numSegs ? (segStart[seg] as number) : n;
			for (; i < end; i++) {
				const cnt = hostCounts[i] as number;
				const total =
					(totals[i] as number) + (cnt < 0 ? unlabelled : (hostScores[cnt - hostMin] as number));
				if (total > max) {
					max = total;
					numTied = 0;
					ties[numTied++] = i;
				} else if (total === max) ties[numTied++] = i;
			}
			if (i === n) break;
			const total = blocks.highest(segBlock[seg++] as number, hostScores, hostMin);
			if (total >= max) {
				if (total > max) {
					max = total;
					numTied = 0;
				}
				for (let m = blocks.tiedMask; m !== 0; m &= m - 1)
					ties[numTied++] = i + BLOCK - 1 - Math.clz32(m & -m);
			}
			i += BLOCK;
		}
		numTies = numTied;
		return ran;
	}
	for (let i = 0; i < n; i++) {
		const tn =
			maxTaint > 0
				? MAX_NODE_SCORE - Math.trunc((MAX_NODE_SCORE * (taints[i] as number)) / maxTaint)
				: MAX_NODE_SCORE;
		const tw = tn * W.TaintToleration;
		let sw = 0;
		if (host) {
			const cnt = hostCounts[i] as number;
			sw = cnt < 0 ? unlabelled : (hostScores[cnt - hostMin] as number);
		} else if (spread && (ignored === null || ignored[i] !== 1))
			sw = spreadNormalized(spreads[i] as number, spreadMin, spreadMax);
		const total = (totals[i] as number) + tw + sw;
		// Each plugin's weighted score and the total are kept for explain only: selectHost needs
		// just the nodes with the highest total.
		if (explain) {
			taints[i] = tw;
			if (spread) spreads[i] = sw;
			totals[i] = total;
		}
		if (total > max) {
			max = total;
			numTied = 0;
			ties[numTied++] = i;
		} else if (total === max) ties[numTied++] = i;
	}
	numTies = numTied;
	return ran;
}
