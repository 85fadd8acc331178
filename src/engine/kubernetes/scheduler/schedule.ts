/**
 * One scheduling cycle's decision: pkg/scheduler/schedule_one.go schedulePod,
 * findNodesThatFitPod, findNodesThatPassFilters, prioritizeNodes and selectHost, with the
 * framework's RunScorePlugins (score, normalize, multiply by weight, sum). Queueing,
 * assuming and binding are the caller's: it adds the pod to the cache once bound.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { podInfo, type NodeInfo, type SchedulerCache } from './cache';
import {
	DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
	MAX_NODE_SCORE,
	REASON,
	SCORE_PLUGINS,
	SCORE_WEIGHTS,
	type ScorePluginName
} from './defaults';
import { preFilter, runFilters, type Cycle } from './filters';
import { fitErrorMessage } from './fit-error';
import { affinityNormalize, affinityPreScore, affinityScore } from './inter-pod-affinity';
import { nextStartNodeIndex, numFeasibleNodesToFind } from './percentage';
import { preempt, type Failure } from './preemption';
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
import { status, UNRESOLVABLE } from './status';
import {
	spreadNormalize,
	spreadPreScore,
	spreadScore,
	type WorkloadLister
} from './topology-spread';

export interface SchedulerState {
	/** The injected randomness, a float in [0, 1): ties in selectHost, the preemption offset. */
	next(): number;
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
	/** Preemption found room: the pod's nominatedNodeName and the pods to evict (keys). */
	nominatedNode?: string;
	victims?: string[];
}

/** schedule_one.go ErrNoNodesAvailable. */
const NO_NODES = 'no nodes available to schedule pods';

// Scratch buffers reused across cycles: a 5,000-node cycle scores ~500 nodes per pod.
let feasibleBuf: NodeInfo[] = [];
const scoreBufs = SCORE_PLUGINS.map(() => new Float64Array(0));
let totalBuf = new Float64Array(0);

function buffers(n: number): Float64Array[] {
	if (totalBuf.length < n) {
		const size = Math.max(n, totalBuf.length * 2, 64);
		totalBuf = new Float64Array(size);
		for (let i = 0; i < scoreBufs.length; i++) scoreBufs[i] = new Float64Array(size);
	}
	return scoreBufs;
}

export function schedulePod(
	pod: Pod,
	cache: SchedulerCache,
	state: SchedulerState
): ScheduleResult {
	const explain = state.explain ?? true;
	const filterFailures = new Map<string, readonly string[]>();
	const scores = new Map<string, NodeScore>();
	const all = cache.nodes();
	if (all.length === 0)
		return { feasible: 0, evaluated: 0, filterFailures, scores, message: NO_NODES };
	const p = podInfo(pod);
	const cycle = preFilter(p, cache, all, state.listers);
	const failures: Failure[] = [];
	let feasible = 0;
	if (!cycle.preFilterMsg) {
		const nodes = cycle.nodeNames ? all.filter((n) => cycle.nodeNames?.has(n.name)) : all;
		const want = numFeasibleNodesToFind(
			state.percentageOfNodesToScore ?? DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
			nodes.length
		);
		if (feasibleBuf.length < want) feasibleBuf = new Array<NodeInfo>(want);
		const start = state.nextStartNodeIndex;
		for (let i = 0; i < nodes.length && feasible < want; i++) {
			const ni = nodes[(start + i) % nodes.length] as NodeInfo;
			const s = runFilters(cycle, ni);
			if (s) failures.push({ node: ni, status: s });
			else feasibleBuf[feasible++] = ni;
		}
		state.nextStartNodeIndex = nextStartNodeIndex(start, feasible + failures.length, all.length);
	}
	const evaluated = feasible + failures.length;
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
		return { node: (feasibleBuf[0] as NodeInfo).name, feasible, evaluated, filterFailures, scores };
	const ran = score(cycle, cache, feasibleBuf, feasible, all, state.listers);
	// selectHost: reservoir sampling among the nodes with the highest total.
	let max = -Infinity;
	for (let i = 0; i < feasible; i++) if ((totalBuf[i] as number) > max) max = totalBuf[i] as number;
	let chosen = -1;
	let count = 0;
	for (let i = 0; i < feasible; i++) {
		if (totalBuf[i] !== max) continue;
		count++;
		if (count === 1 || Math.floor(state.next() * count) === 0) chosen = i;
	}
	if (explain) {
		// The buffers of the plugins that ran; a skipped plugin's stays null and reads undefined.
		const [t, a, f, s, ipa, b, m] = SCORE_PLUGINS.map((_, k) =>
			ran.includes(k) ? scoreBufs[k] : null
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
			scores.set((feasibleBuf[i] as NodeInfo).name, { total: totalBuf[i] as number, byPlugin });
		}
	}
	return {
		node: (feasibleBuf[chosen] as NodeInfo).name,
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
	const out = preempt(c, failures, numAll, () => state.next());
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
	if (!out.node) return { message };
	return { message, nominatedNode: out.node, victims: out.victims?.map((v) => v.key) };
}

/** Weights a normalized plugin score buffer and adds it to the totals. */
function add(b: Float64Array, n: number, weight: number): void {
	for (let i = 0; i < n; i++) {
		const v = (b[i] as number) * weight;
		b[i] = v;
		totalBuf[i] = (totalBuf[i] as number) + v;
	}
}

/** RunPreScorePlugins + RunScorePlugins; returns the indexes of the plugins that ran. */
function score(
	c: Cycle,
	cache: SchedulerCache,
	nodes: NodeInfo[],
	n: number,
	all: readonly NodeInfo[],
	listers?: WorkloadLister
): number[] {
	const p = c.pod;
	const [taint, affinity, fit, spreadBuf, podAffinity, balanced, image] = buffers(n) as [
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array,
		Float64Array
	];
	const prefer: Toleration[] = preferTolerations(c.tolerations);
	const preferred =
		p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
	const spread = spreadPreScore(p, nodes, n, all, c.nodeAffinity, listers);
	const topo = affinityPreScore(p, cache, all, c.ns);
	const images = podImages(p);
	// An image no node has scores 0 everywhere: skip the per-node lookups.
	const anyImage = images.some((i) => cache.hasImage(i));
	const bestEffort = isBestEffort(p);
	const W = SCORE_WEIGHTS;
	// The node-local plugins share one pass over the nodes, adding their weighted scores to the
	// totals as they go (plain loops, no callbacks: this is the hot path of a big cluster).
	let maxTaint = 0;
	for (let i = 0; i < n; i++) {
		const ni = nodes[i] as NodeInfo;
		const t = ni.preferTaints.length === 0 ? 0 : taintScore(ni, prefer);
		if (t > maxTaint) maxTaint = t;
		taint[i] = t;
		if (ni.memoShape !== p.shape || ni.memoGeneration !== ni.generation) {
			ni.memoFit = leastAllocatedScore(ni, p);
			ni.memoBalanced = bestEffort ? 0 : balancedScore(ni, p);
			ni.memoShape = p.shape;
			ni.memoGeneration = ni.generation;
		}
		const f = ni.memoFit * W.NodeResourcesFit;
		const b = ni.memoBalanced * W.NodeResourcesBalancedAllocation;
		const m = anyImage ? imageLocalityScore(ni, images, all.length) * W.ImageLocality : 0;
		fit[i] = f;
		balanced[i] = b;
		image[i] = m;
		totalBuf[i] = f + b + m;
	}
	const ran = [0, 2];
	if (!bestEffort) ran.push(5);
	ran.push(6);
	// TaintToleration's reversed normalization gives every node 100 when none has such taints.
	if (maxTaint > 0) defaultNormalize(taint, n, true);
	else taint.fill(MAX_NODE_SCORE, 0, n);
	add(taint, n, W.TaintToleration);
	if (preferred) {
		for (let i = 0; i < n; i++) affinity[i] = nodeAffinityScore(nodes[i] as NodeInfo, preferred);
		defaultNormalize(affinity, n, false);
		add(affinity, n, W.NodeAffinity);
		ran.push(1);
	}
	if (spread) {
		for (let i = 0; i < n; i++) spreadBuf[i] = spreadScore(spread, p, nodes[i] as NodeInfo);
		spreadNormalize(spread, nodes, n, spreadBuf);
		add(spreadBuf, n, W.PodTopologySpread);
		ran.push(3);
	}
	if (topo) {
		for (let i = 0; i < n; i++) podAffinity[i] = affinityScore(topo, nodes[i] as NodeInfo);
		affinityNormalize(podAffinity, n);
		add(podAffinity, n, W.InterPodAffinity);
		ran.push(4);
	}
	return ran.sort((a, b) => a - b);
}
