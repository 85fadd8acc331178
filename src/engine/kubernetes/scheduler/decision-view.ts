/**
 * "Why did my pod land there?": one scheduling cycle's result turned into plain rows, one per
 * node, for the scheduling view. It runs right after schedulePod, before the pod is bound, so
 * the cache still holds what the cycle saw. schedulePod (with explain) reports each rejected
 * node's reasons and each scored node's weighted scores; what it does not keep — which filter
 * rejected, the raw scores before NormalizeScore, the order the nodes were tried in — is worked
 * out here again with the same plugin code on the same cache, which reads and never decides.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type {
	SchedulingDecision,
	SchedulingFilterCell,
	SchedulingNodeRow,
	SchedulingScoreCell
} from '../../types';
import { podInfoOnce, type NodeInfo, type SchedulerCache } from './cache';
import {
	DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
	SCORE_PLUGINS,
	SCORE_WEIGHTS,
	type ScorePluginName
} from './defaults';
import { namespaceLabelsOf, preFilter, runFilters } from './filters';
import { affinityPreScore, affinityScore } from './inter-pod-affinity';
import { requiredNodeAffinity } from './labels';
import { numFeasibleNodesToFind } from './percentage';
import type { ScheduleResult } from './schedule';
import { nodeAffinityScore, preferTolerations, taintScore } from './scores';
import { spreadPreScore, spreadScore, type WorkloadLister } from './topology-spread';

/**
 * The Filter plugins filters.ts runs, in the default profile's order (facts.md §1.4;
 * pkg/scheduler/apis/config/v1/default_plugins.go). The volume filters have nothing to check in
 * a lab without volumes' node constraints, so they are not columns.
 */
export const FILTER_PLUGINS = Object.freeze([
	'NodeUnschedulable',
	'NodeName',
	'TaintToleration',
	'NodeAffinity',
	'NodePorts',
	'NodeResourcesFit',
	'PodTopologySpread',
	'InterPodAffinity'
] as const);

/**
 * Per-node rows are kept for clusters up to this many nodes: enough to see
 * percentageOfNodesToScore stop the search (it starts at 100 nodes), small enough that bulk
 * scheduling on big clusters pays nothing. A lab choice, not a Kubernetes default.
 */
export const SCHEDULING_DETAIL_MAX_NODES = 200;

export interface CycleContext {
	/** nextStartNodeIndex before the cycle: where its search began. */
	start: number;
	/** The listers the cycle used (default spreading, namespace labels). */
	listers?: WorkloadLister;
	percentageOfNodesToScore?: number;
}

/** The part of a decision the cycle decides; the caller adds who, when and which attempt. */
export type CycleExplanation = Omit<SchedulingDecision, 'namespace' | 'pod' | 't' | 'attempt'>;

const NO_CELLS: readonly never[] = Object.freeze([]);

/** What a cycle's summary reads of its result (no per-node maps: they can be big). */
type Outcome = Pick<
	ScheduleResult,
	'evaluated' | 'feasible' | 'node' | 'message' | 'nominatedNode'
>;

/**
 * A cycle on a cluster too big for rows, as summarizeCycle reads it: kept until somebody reads
 * the decision, since summarizing each attempt of a big scale-up (frozen objects and arrays)
 * cost more than the reads, which are few.
 */
export interface CycleSummary extends Outcome {
	readonly numNodes: number;
}

export function cycleSummary(result: ScheduleResult, numNodes: number): CycleSummary {
	// One literal with every field: the summaries of a scale-up share one hidden class.
	return {
		numNodes,
		evaluated: result.evaluated,
		feasible: result.feasible,
		node: result.node,
		message: result.message,
		nominatedNode: result.nominatedNode
	};
}

/** A cycle on a cluster too big for rows: the summary only. */
export function summarizeCycle(summary: CycleSummary): CycleExplanation {
	return freezeExplanation(summary, summary.numNodes, {
		explained: false,
		preFilter: undefined,
		scorePlugins: [],
		skippedScorePlugins: [],
		scored: false,
		rows: NO_CELLS
	});
}

/** explainCycle's rows, worked out at once (captureCycle and explainCaptured in one go). */
export function explainCycle(
	pod: Pod,
	result: ScheduleResult,
	cache: SchedulerCache,
	ctx: CycleContext
): CycleExplanation {
	return explainCaptured(captureCycle(pod, result, cache, ctx));
}

/**
 * What explaining a cycle reads from the scheduler's cache, taken right after the cycle (the
 * cache moves on with the bind): the rows are built from it only when somebody reads the
 * decision. Building 200 frozen rows of eight filter cells per attempt cost a scale-up on a
 * small cluster close to half its time, for decisions mostly never read. Immutable once made.
 */
export interface CapturedCycle {
	readonly result: ScheduleResult;
	/** Every node, in the snapshot's order. */
	readonly names: readonly string[];
	/** The nodes the search could visit (a PreFilter may narrow them), in the same order. */
	readonly pinned: readonly string[];
	readonly preFilterMsg: string;
	/** nextStartNodeIndex before the cycle. */
	readonly start: number;
	readonly percentage: number | undefined;
	/** The Filter plugin that rejected each rejected node, by the same filters on the same cache. */
	readonly rejectedBy: ReadonlyMap<string, string | undefined>;
	readonly scores: RawScores;
}

/** Node names per snapshot list (the cache keeps one list until a node changes). */
const NAMES = new WeakMap<readonly NodeInfo[], readonly string[]>();

export function captureCycle(
	pod: Pod,
	result: ScheduleResult,
	cache: SchedulerCache,
	ctx: CycleContext
): CapturedCycle {
	const all = cache.nodes();
	let names = NAMES.get(all);
	if (names === undefined) NAMES.set(all, (names = Object.freeze(all.map((n) => n.name))));
	const p = podInfoOnce(pod);
	const cycle = preFilter(p, cache, all, ctx.listers);
	const nodes = cycle.nodeNames ? all.filter((n) => cycle.nodeNames?.has(n.name)) : all;
	// The nodes the filters tried, in order: schedulePod walks `nodes` round-robin from `start`
	// and stops after `evaluated` of them. The rejected ones among them are asked again.
	const rejectedBy = new Map<string, string | undefined>();
	if (!cycle.preFilterMsg && nodes.length > 0 && result.filterFailures.size > 0) {
		let at = ctx.start % nodes.length;
		for (let i = 0; i < result.evaluated; i++) {
			const ni = nodes[at] as NodeInfo;
			if (result.filterFailures.has(ni.name))
				rejectedBy.set(ni.name, runFilters(cycle, ni)?.plugin);
			if (++at === nodes.length) at = 0;
		}
	}
	return {
		result,
		names,
		pinned: cycle.nodeNames ? nodes.map((n) => n.name) : names,
		preFilterMsg: cycle.preFilterMsg ?? '',
		start: ctx.start,
		percentage: ctx.percentageOfNodesToScore,
		rejectedBy,
		scores: rawScores(pod, result, cache, ctx.listers)
	};
}

/** The rows of a captured cycle: a pure function of it, so the same whenever it is called. */
export function explainCaptured(c: CapturedCycle): CycleExplanation {
	const { result, pinned } = c;
	const order = new Map<string, number>();
	if (!c.preFilterMsg && pinned.length > 0) {
		let at = c.start % pinned.length;
		for (let i = 0; i < result.evaluated; i++) {
			order.set(pinned[at] as string, i + 1);
			if (++at === pinned.length) at = 0;
		}
	}
	const pinnedSet = pinned === c.names ? null : new Set(pinned);
	const scores = c.scores;
	const ran = scores.ran;
	const rows = c.names.map((name): SchedulingNodeRow => {
		const checked = order.get(name);
		if (checked === undefined) {
			const why =
				c.preFilterMsg || (pinnedSet !== null && !pinnedSet.has(name))
					? 'PreFilter'
					: 'percentageOfNodesToScore';
			return Object.freeze({
				node: name,
				outcome: 'not-evaluated',
				notEvaluated: why,
				filters: NO_CELLS,
				scores: NO_CELLS
			});
		}
		const reasons = result.filterFailures.get(name);
		if (reasons !== undefined) {
			const plugin = c.rejectedBy.get(name) ?? pluginOfReasons(reasons);
			return Object.freeze({
				node: name,
				outcome: 'rejected',
				order: checked,
				filters: filterCells(plugin, reasons),
				scores: NO_CELLS
			});
		}
		const score = result.scores.get(name);
		const row: SchedulingNodeRow = {
			node: name,
			outcome: name === result.node ? 'chosen' : 'feasible',
			order: checked,
			filters: filterCells(undefined, []),
			scores: NO_CELLS
		};
		if (score !== undefined) {
			row.scores = Object.freeze(
				ran.map((plugin): SchedulingScoreCell => {
					const weight = SCORE_WEIGHTS[plugin];
					const weighted = score.byPlugin[plugin] ?? 0;
					const normalized = weighted / weight;
					const raw = scores.raw.get(plugin)?.get(name) ?? normalized;
					return Object.freeze({ plugin, raw, normalized, weight, weighted });
				})
			);
			row.total = score.total;
		}
		return Object.freeze(row);
	});
	return freezeExplanation(result, c.names.length, {
		explained: true,
		preFilter: c.preFilterMsg ? { plugin: 'NodeAffinity', reason: c.preFilterMsg } : undefined,
		scorePlugins: ran.map((plugin) => Object.freeze({ plugin, weight: SCORE_WEIGHTS[plugin] })),
		skippedScorePlugins:
			result.scores.size > 0 ? SCORE_PLUGINS.filter((n) => !ran.includes(n)) : [],
		scored: result.scores.size > 0,
		rows,
		percentage: c.percentage,
		pinnedCount: pinned.length
	});
}

interface Details {
	explained: boolean;
	preFilter: SchedulingDecision['preFilter'];
	scorePlugins: SchedulingDecision['scorePlugins'];
	skippedScorePlugins: readonly string[];
	scored: boolean;
	rows: readonly SchedulingNodeRow[];
	percentage?: number;
	/** The nodes the search could visit (a PreFilter may narrow them). */
	pinnedCount?: number;
}

function freezeExplanation(result: Outcome, numNodes: number, d: Details): CycleExplanation {
	const out: CycleExplanation = {
		numNodes,
		evaluated: result.evaluated,
		feasible: result.feasible,
		feasibleToFind: numFeasibleNodesToFind(
			d.percentage ?? DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
			d.pinnedCount ?? numNodes
		),
		explained: d.explained,
		filterPlugins: FILTER_PLUGINS,
		scorePlugins: Object.freeze([...d.scorePlugins]),
		skippedScorePlugins: Object.freeze([...d.skippedScorePlugins]),
		scored: d.scored,
		rows: Object.freeze([...d.rows])
	};
	if (result.node !== undefined) out.node = result.node;
	if (result.message !== undefined) out.message = result.message;
	if (result.nominatedNode !== undefined) out.nominatedNode = result.nominatedNode;
	if (d.preFilter !== undefined) out.preFilter = Object.freeze(d.preFilter);
	return Object.freeze(out);
}

/** The filter cells of a node: passes up to the rejecting plugin, then skipped. */
function filterCells(
	rejectedBy: string | undefined,
	reasons: readonly string[]
): readonly SchedulingFilterCell[] {
	if (rejectedBy === undefined && reasons.length === 0) return ALL_PASS;
	let seen = false;
	return Object.freeze(
		FILTER_PLUGINS.map((plugin): SchedulingFilterCell => {
			if (seen) return Object.freeze({ plugin, result: 'skipped', reasons: NO_CELLS });
			if (plugin === rejectedBy) {
				seen = true;
				return Object.freeze({ plugin, result: 'fail', reasons: Object.freeze([...reasons]) });
			}
			return Object.freeze({ plugin, result: 'pass', reasons: NO_CELLS });
		})
	);
}

/** A feasible node's cells, every filter passed: one frozen list for all of them. */
const ALL_PASS: readonly SchedulingFilterCell[] = Object.freeze(
	FILTER_PLUGINS.map((plugin) =>
		Object.freeze({ plugin, result: 'pass' as const, reasons: NO_CELLS })
	)
);

/**
 * Which filter a rejection came from, by its reason text (each plugin's ErrReason constants,
 * scheduler/defaults.ts REASON): the fallback should the filters not say it again.
 */
export function pluginOfReasons(reasons: readonly string[]): string | undefined {
	const r = reasons[0] ?? '';
	if (r === 'node(s) were unschedulable') return 'NodeUnschedulable';
	if (r === "node(s) didn't match the requested node name") return 'NodeName';
	if (r.startsWith('node(s) had untolerated taint')) return 'TaintToleration';
	if (r === "node(s) didn't match Pod's node affinity/selector") return 'NodeAffinity';
	if (r === "node(s) didn't have free ports for the requested pod ports") return 'NodePorts';
	if (r.startsWith('Insufficient ') || r === 'Too many pods') return 'NodeResourcesFit';
	if (r.includes('pod topology spread constraints')) return 'PodTopologySpread';
	if (r.includes('affinity rules')) return 'InterPodAffinity';
	return undefined;
}

interface RawScores {
	/** The Score plugins that ran this cycle, in profile order. */
	ran: ScorePluginName[];
	/** Raw scores by plugin and node, for the plugins with a NormalizeScore step. */
	raw: Map<ScorePluginName, Map<string, number>>;
}

/**
 * The raw scores of the plugins that normalise theirs (TaintToleration, NodeAffinity,
 * PodTopologySpread, InterPodAffinity), by running their Score again on the scored nodes. The
 * others' Score already returns the final 0–100 value.
 */
function rawScores(
	pod: Pod,
	result: ScheduleResult,
	cache: SchedulerCache,
	listers: WorkloadLister | undefined
): RawScores {
	const names = [...result.scores.keys()];
	const first = names.length > 0 ? result.scores.get(names[0] as string) : undefined;
	const ran = SCORE_PLUGINS.filter((n) => first?.byPlugin[n] !== undefined);
	const raw = new Map<ScorePluginName, Map<string, number>>();
	if (first === undefined) return { ran, raw };
	const feasible = names.map((n) => cache.getNode(n)).filter((n): n is NodeInfo => !!n);
	if (feasible.length !== names.length) return { ran, raw };
	const p = podInfoOnce(pod);
	const per = (name: ScorePluginName, score: (ni: NodeInfo, k: number) => number) => {
		const m = new Map<string, number>();
		feasible.forEach((ni, k) => m.set(ni.name, score(ni, k)));
		raw.set(name, m);
	};
	if (ran.includes('TaintToleration')) {
		const prefer = preferTolerations(pod.spec?.tolerations ?? []);
		per('TaintToleration', (ni) => taintScore(ni, prefer));
	}
	const preferred =
		pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
	if (ran.includes('NodeAffinity') && preferred)
		per('NodeAffinity', (ni) => nodeAffinityScore(ni, preferred));
	if (ran.includes('PodTopologySpread')) {
		const s = spreadPreScore(
			p,
			cache,
			() => feasible,
			feasible.length,
			cache.nodes(),
			requiredNodeAffinity(pod),
			listers
		);
		if (s) per('PodTopologySpread', (ni, k) => spreadScore(s, ni, k));
	}
	if (ran.includes('InterPodAffinity')) {
		const topo = affinityPreScore(p, cache, cache.nodes(), namespaceLabelsOf(listers));
		if (topo) per('InterPodAffinity', (ni) => affinityScore(topo, ni));
	}
	return { ran, raw };
}
