/**
 * PreFilter and Filter for one scheduling cycle, in the default profile's order:
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
 * PodTopologySpread, InterPodAffinity (volume plugins have nothing to check: the lab has no
 * volumes). The first plugin that rejects a node decides its status, as in
 * framework/runtime/framework.go RunFilterPlugins.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { NO_TAINTS, type NodeInfo, type PodInfo, type SchedulerCache } from './cache';
import { REASON, TAINT_NODE_UNSCHEDULABLE } from './defaults';
import {
	affinityFilter,
	affinityPreFilter,
	defaultNamespaceLabels,
	type AffinityFilterState,
	type NamespaceLabels
} from './inter-pod-affinity';
import { requiredNodeAffinity, tolerated, type RequiredNodeAffinity } from './labels';
import { status, UNRESOLVABLE, UNSCHEDULABLE, type Status } from './status';
import {
	spreadFilter,
	spreadPreFilter,
	type SpreadFilterState,
	type WorkloadLister
} from './topology-spread';

/** Everything PreFilter worked out for the pod (CycleState). */
export interface Cycle {
	readonly pod: PodInfo;
	readonly tolerations: readonly Toleration[];
	readonly toleratesUnschedulable: boolean;
	/** spec.nodeName, for the NodeName plugin. */
	readonly nodeName: string | undefined;
	readonly nodeAffinity: RequiredNodeAffinity | null;
	spread: SpreadFilterState | null;
	affinity: AffinityFilterState | null;
	readonly ns: NamespaceLabels;
	/** NodeAffinity's PreFilterResult: matchFields metadata.name In narrows the nodes. */
	readonly nodeNames: ReadonlySet<string> | null;
	/** A PreFilter rejection (Diagnosis.PreFilterMsg): no node is even tried. */
	readonly preFilterMsg: string | undefined;
}

/** nodeaffinity PreFilter: the node names the required terms pin the pod to, if any. */
function pinnedNodeNames(p: PodInfo): Set<string> | null {
	const terms =
		p.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
			?.nodeSelectorTerms;
	if (!terms?.length) return null;
	let names: Set<string> | null = null;
	for (const t of terms) {
		// The requirements of one term are ANDed: intersect their name sets.
		const sets = (t.matchFields ?? [])
			.filter((r) => r.key === 'metadata.name' && r.operator === 'In')
			.map((r) => new Set(r.values ?? []));
		const termNames =
			sets.length === 0 ? null : sets.reduce((a, b) => new Set([...a].filter((n) => b.has(n))));
		// A term without a node-name field lets every node through: the terms are ORed.
		if (!termNames) return null;
		names = new Set([...(names ?? []), ...termNames]);
	}
	return names;
}

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

/** Each lister's namespace labels with the default behind them, made once (every cycle asks). */
const NAMESPACE_LABELS = new WeakMap<WorkloadLister, NamespaceLabels>();

/** A namespace's labels as the listers know them, else its kubernetes.io/metadata.name label. */
export function namespaceLabelsOf(listers: WorkloadLister | undefined): NamespaceLabels {
	const of = listers?.namespaceLabels;
	if (listers === undefined || of === undefined) return defaultNamespaceLabels;
	let ns = NAMESPACE_LABELS.get(listers);
	if (ns === undefined)
		NAMESPACE_LABELS.set(listers, (ns = (n: string) => of(n) ?? defaultNamespaceLabels(n)));
	return ns;
}

export function preFilter(
	p: PodInfo,
	cache: SchedulerCache,
	nodes: readonly NodeInfo[],
	listers: WorkloadLister | undefined
): Cycle {
	const tolerations = p.pod.spec?.tolerations ?? [];
	const nodeAffinity = requiredNodeAffinity(p.pod);
	const ns = namespaceLabelsOf(listers);
	const nodeNames = pinnedNodeNames(p);
	const conflict = nodeNames?.size === 0;
	// One literal (no spreads) so every Cycle shares a hidden class; see cache.ts nodeInfoOf.
	return {
		pod: p,
		tolerations,
		nodeName: p.pod.spec?.nodeName || undefined,
		toleratesUnschedulable: tolerations.length > 0 && tolerated(tolerations, UNSCHEDULABLE_TAINT),
		nodeAffinity,
		spread: conflict ? null : spreadPreFilter(p, cache, nodes, nodeAffinity, listers),
		affinity: conflict ? null : affinityPreFilter(p, cache, nodes, ns),
		ns,
		nodeNames,
		preFilterMsg: conflict ? REASON.nodeAffinityConflict : undefined
	};
}

/** The same cycle with other cross-node counts (the preemption dry run's copies). */
export function withCounts(
	c: Cycle,
	spread: SpreadFilterState | null,
	affinity: AffinityFilterState | null
): Cycle {
	return {
		pod: c.pod,
		tolerations: c.tolerations,
		nodeName: c.nodeName,
		toleratesUnschedulable: c.toleratesUnschedulable,
		nodeAffinity: c.nodeAffinity,
		spread,
		affinity,
		ns: c.ns,
		nodeNames: c.nodeNames,
		preFilterMsg: c.preFilterMsg
	};
}

const unschedulable = status('NodeUnschedulable', UNRESOLVABLE, REASON.unschedulable);
const wrongName = status('NodeName', UNRESOLVABLE, REASON.nodeName);
const affinityMismatch = status('NodeAffinity', UNRESOLVABLE, REASON.nodeAffinity);
const portsTaken = status('NodePorts', UNSCHEDULABLE, REASON.nodePorts);
/**
 * TaintToleration Filter's refusal. Since Kubernetes 1.34.2/1.35 (kubernetes#134740, "Do not log
 * untolerated taint in pod status updates") the reason no longer names the taint: taint_toleration.go
 * logs it at V(4) and returns "node(s) had untolerated taint(s)".
 */
const taintRefused = status('TaintToleration', UNRESOLVABLE, 'node(s) had untolerated taint(s)');

/** TaintToleration Filter: whether a NoSchedule/NoExecute taint goes untolerated. */
function untolerated(ni: NodeInfo, tolerations: readonly Toleration[]): Status | null {
	for (const t of ni.hardTaints) if (!tolerated(tolerations, t)) return taintRefused;
	return null;
}

/** nodeports HostPortInfo.CheckConflict: 0.0.0.0 on either side conflicts with every IP. */
function portsFree(p: PodInfo, ni: NodeInfo): boolean {
	for (const want of p.ports)
		for (const used of ni.usedPorts)
			if (
				used.port === want.port &&
				used.protocol === want.protocol &&
				(want.ip === '0.0.0.0' || used.ip === '0.0.0.0' || used.ip === want.ip)
			)
				return false;
	return true;
}

/** noderesources/fit.go fitsRequest; too big for the node's allocatable is unresolvable. */
function fits(p: PodInfo, ni: NodeInfo): Status | null {
	const reasons: string[] = [];
	let unresolvable = false;
	if (ni.podCount + 1 > ni.allocPods) reasons.push(REASON.tooManyPods);
	const r = p.requests;
	if (r.milliCPU !== 0 || r.memory !== 0 || r.ephemeralStorage !== 0 || r.scalar) {
		if (short(reasons, 'cpu', r.milliCPU, ni.allocMilliCPU, ni.reqMilliCPU)) unresolvable = true;
		if (short(reasons, 'memory', r.memory, ni.allocMemory, ni.reqMemory)) unresolvable = true;
		const eph = r.ephemeralStorage;
		if (short(reasons, 'ephemeral-storage', eph, ni.allocEphemeral, ni.reqEphemeral))
			unresolvable = true;
		for (const [name, q] of Object.entries(r.scalar ?? {}))
			if (short(reasons, name, q, ni.allocScalar?.[name] ?? 0, ni.reqScalar?.[name] ?? 0))
				unresolvable = true;
	}
	if (reasons.length === 0) return null;
	return status('NodeResourcesFit', unresolvable ? UNRESOLVABLE : UNSCHEDULABLE, ...reasons);
}

/**
 * fits' check of one resource: adds `Insufficient <name>` to `reasons` when the pod wants more
 * than the node has left; returns whether it wants more than the node has at all. A function
 * of its own, not a closure made per call: the filter runs for every node a cycle examines.
 */
function short(
	reasons: string[],
	name: string,
	want: number,
	alloc: number,
	used: number
): boolean {
	if (!(want > 0 && want > alloc - used)) return false;
	reasons.push(`Insufficient ${name}`);
	return want > alloc;
}

/** RunFilterPlugins for one node: null when the node fits. */
export function runFilters(c: Cycle, ni: NodeInfo): Status | null {
	const p = c.pod;
	if (ni.unschedulable && !c.toleratesUnschedulable) return unschedulable;
	if (c.nodeName !== undefined && c.nodeName !== ni.name) return wrongName;
	if (ni.hardTaints !== NO_TAINTS) {
		const s = untolerated(ni, c.tolerations);
		if (s) return s;
	}
	if (c.nodeAffinity && ni.node && !c.nodeAffinity.match(ni.node)) return affinityMismatch;
	if (p.ports.length > 0 && ni.usedPorts.length > 0 && !portsFree(p, ni)) return portsTaken;
	// The fast path of fitsRequest: the node plainly has room for one more pod and every request.
	const r = p.requests;
	const fast =
		ni.podCount < ni.allocPods &&
		r.scalar === null &&
		r.milliCPU <= ni.allocMilliCPU - ni.reqMilliCPU &&
		r.memory <= ni.allocMemory - ni.reqMemory &&
		r.ephemeralStorage <= ni.allocEphemeral - ni.reqEphemeral;
	if (!fast) {
		const s = fits(p, ni);
		if (s) return s;
	}
	if (c.spread) {
		const s = spreadFilter(c.spread, p, ni);
		if (s) return s;
	}
	if (c.affinity) return affinityFilter(c.affinity, p, ni, c.ns);
	return null;
}
