/**
 * PodTopologySpread: plugins/podtopologyspread/{common,filtering,scoring}.go and the
 * system default constraints of plugin.go (built from helper/spread.go DefaultSelector).
 * NodeInclusionPolicy and MinDomains are GA, so both are always on here.
 */
import type {
	Pod,
	ReplicationController,
	Service,
	TopologySpreadConstraint
} from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import {
	heldPodInfo,
	type DomainCounts,
	type NodeInfo,
	type PodCounter,
	type PodInfo,
	type SchedulerCache
} from './cache';
import { LABEL_HOSTNAME, LABEL_ZONE, REASON, SYSTEM_DEFAULT_SPREAD } from './defaults';
import { and, labelSelector, selectorFromSet, tolerated, EVERYTHING, type Labels } from './labels';
import type { RequiredNodeAffinity, Selector } from './labels';
import { status, UNRESOLVABLE, UNSCHEDULABLE, type Status } from './status';
import { hasOwnKey, ownValue } from '../../core/own-keys';

/** What the plugin's informer listers would answer; every method is optional. */
export interface WorkloadLister {
	services?(namespace: string): readonly Service[];
	replicaSet?(namespace: string, name: string): ReplicaSet | undefined;
	statefulSet?(namespace: string, name: string): StatefulSet | undefined;
	replicationController?(namespace: string, name: string): ReplicationController | undefined;
	/** A namespace's labels, for namespaceSelector terms (default: its metadata.name label). */
	namespaceLabels?(namespace: string): Labels | undefined;
}

export interface SpreadConstraint {
	maxSkew: number;
	topologyKey: string;
	selector: Selector;
	minDomains: number;
	honorAffinity: boolean;
	honorTaints: boolean;
}

/** helper/spread.go DefaultSelector: Services selecting the pod, plus its controller's selector. */
export function defaultSelector(pod: Pod, listers: WorkloadLister | undefined): Selector {
	if (!listers) return EVERYTHING;
	const ns = pod.metadata?.namespace ?? 'default';
	const labels = pod.metadata?.labels ?? {};
	let set: Record<string, string> | null = null;
	const services = listers.services?.(ns);
	if (services)
		for (const svc of services) {
			const sel = svc.spec?.selector;
			if (sel && selectorFromSet(sel).matches(labels)) Object.assign((set ??= {}), sel);
		}
	let selector = set ? selectorFromSet(set) : EVERYTHING;
	let owner;
	const refs = pod.metadata?.ownerReferences;
	if (refs)
		for (let i = 0; i < refs.length && !owner; i++) if (refs[i]?.controller) owner = refs[i];
	if (!owner) return selector;
	if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
		const rc = listers.replicationController?.(ns, owner.name);
		if (rc) selector = selectorFromSet({ ...(set ?? {}), ...rc.spec?.selector });
	} else if (
		owner.apiVersion === 'apps/v1' &&
		(owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')
	) {
		const obj =
			owner.kind === 'ReplicaSet'
				? listers.replicaSet?.(ns, owner.name)
				: listers.statefulSet?.(ns, owner.name);
		if (obj?.spec?.selector) selector = and(selector, labelSelector(obj.spec.selector));
	}
	return selector;
}

/** filterTopologySpreadConstraints / buildDefaultConstraints for one whenUnsatisfiable action. */
export function spreadConstraints(
	pod: Pod,
	action: 'DoNotSchedule' | 'ScheduleAnyway',
	listers: WorkloadLister | undefined
): readonly SpreadConstraint[] {
	const own = pod.spec?.topologySpreadConstraints;
	if (own && own.length > 0)
		return own.filter((c) => c.whenUnsatisfiable === action).map((c) => constraint(pod, c));
	if (action !== 'ScheduleAnyway') return NO_CONSTRAINTS;
	const selector = defaultSelector(pod, listers);
	if (selector.empty) return NO_CONSTRAINTS;
	let cs = defaults.get(selector);
	if (!cs) {
		cs = SYSTEM_DEFAULT_SPREAD.map((d) => ({
			maxSkew: d.maxSkew,
			topologyKey: d.topologyKey,
			selector,
			minDomains: 1,
			honorAffinity: true,
			honorTaints: false
		}));
		defaults.set(selector, cs);
	}
	return cs;
}

const NO_CONSTRAINTS: readonly SpreadConstraint[] = Object.freeze([]);

/** The system default constraints per selector (selectors are shared: see labels.ts compile). */
const defaults = new WeakMap<Selector, SpreadConstraint[]>();

function constraint(pod: Pod, c: TopologySpreadConstraint): SpreadConstraint {
	let selector = labelSelector(c.labelSelector);
	// matchLabelKeys: the pod's values for those keys are ANDed into the selector.
	const labels = pod.metadata?.labels ?? {};
	const keys = (c.matchLabelKeys ?? []).filter((k) => hasOwnKey(labels, k));
	if (keys.length > 0)
		selector = and(
			selectorFromSet(Object.fromEntries(keys.map((k) => [k, labels[k] ?? '']))),
			selector
		);
	return {
		maxSkew: c.maxSkew,
		topologyKey: c.topologyKey,
		selector,
		minDomains: c.minDomains ?? 1,
		honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
		honorTaints: c.nodeTaintsPolicy === 'Honor'
	};
}

export function hasAllKeys(labels: Labels, cs: readonly SpreadConstraint[]): boolean {
	for (const c of cs) if (!hasOwnKey(labels, c.topologyKey)) return false;
	return true;
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default), nodeTaintsPolicy Ignore. */
function included(
	c: SpreadConstraint,
	p: PodInfo,
	ni: NodeInfo,
	req: RequiredNodeAffinity | null
): boolean {
	if (c.honorAffinity && req && ni.node && !req.match(ni.node)) return false;
	if (c.honorTaints)
		for (const t of ni.hardTaints) if (!tolerated(p.pod.spec?.tolerations ?? [], t)) return false;
	return true;
}

/** countPodsMatchSelector: an empty selector counts nothing; terminating pods are skipped. */
export function countMatching(pods: readonly Pod[], sel: Selector, ns: string): number {
	if (sel.empty) return 0;
	let n = 0;
	for (const pod of pods) {
		const p = heldPodInfo(pod);
		if (!p.terminating && p.namespace === ns && sel.matches(p.labels)) n++;
	}
	return n;
}

/** The PreFilter state: matching pods per domain for each DoNotSchedule constraint. */
export interface SpreadFilterState {
	constraints: readonly SpreadConstraint[];
	counts: Map<string, number>[];
}

export function spreadPreFilter(
	p: PodInfo,
	cache: SchedulerCache,
	nodes: readonly NodeInfo[],
	req: RequiredNodeAffinity | null,
	listers: WorkloadLister | undefined
): SpreadFilterState | null {
	const constraints = spreadConstraints(p.pod, 'DoNotSchedule', listers);
	if (constraints.length === 0) return null; // PreFilter Skip
	const counts = constraints.map(() => new Map<string, number>());
	const counters = constraints.map((c) => cache.podCounter(p.namespace, c.selector));
	for (const ni of nodes) {
		if (!hasAllKeys(ni.labels, constraints)) continue;
		for (let i = 0; i < constraints.length; i++) {
			const c = constraints[i] as SpreadConstraint;
			if (!included(c, p, ni, req)) continue;
			const v = ownValue(ni.labels, c.topologyKey) as string;
			const m = counts[i] as Map<string, number>;
			m.set(v, (m.get(v) ?? 0) + matchingOn(counters[i] as PodCounter, ni, c, p.namespace));
		}
	}
	return { constraints, counts };
}

/** countMatching on a node, read from the cache's counter when the node is the cache's. */
function matchingOn(counter: PodCounter, ni: NodeInfo, c: SpreadConstraint, ns: string): number {
	return ni.slot >= 0
		? (counter.counts[ni.slot] as number)
		: countMatching(ni.pods, c.selector, ns);
}

/** PreFilterExtensions AddPod/RemovePod, used by the preemption dry run. */
export function spreadUpdate(
	s: SpreadFilterState,
	p: PodInfo,
	req: RequiredNodeAffinity | null,
	other: PodInfo,
	ni: NodeInfo,
	delta: number
): void {
	if (other.namespace !== p.namespace || !hasAllKeys(ni.labels, s.constraints)) return;
	s.constraints.forEach((c, i) => {
		if (!c.selector.matches(other.labels) || !included(c, p, ni, req)) return;
		const v = ownValue(ni.labels, c.topologyKey) as string;
		const m = s.counts[i] as Map<string, number>;
		m.set(v, (m.get(v) ?? 0) + delta);
	});
}

export function cloneSpread(s: SpreadFilterState): SpreadFilterState {
	return { constraints: s.constraints, counts: s.counts.map((m) => new Map(m)) };
}

const labelMissing = status('PodTopologySpread', UNRESOLVABLE, REASON.spreadLabel);
const skewed = status('PodTopologySpread', UNSCHEDULABLE, REASON.spread);

/** Filter: existing matches + self match − global minimum must not exceed maxSkew. */
export function spreadFilter(s: SpreadFilterState, p: PodInfo, ni: NodeInfo): Status | null {
	for (let i = 0; i < s.constraints.length; i++) {
		const c = s.constraints[i] as SpreadConstraint;
		const v = ownValue(ni.labels, c.topologyKey);
		if (v === undefined) return labelMissing;
		const m = s.counts[i] as Map<string, number>;
		let min = m.size === 0 ? 0x7fffffff : Infinity;
		for (const n of m.values()) if (n < min) min = n;
		if (m.size < c.minDomains) min = 0;
		const self = c.selector.matches(p.labels) ? 1 : 0;
		if ((m.get(v) ?? 0) + self - min > c.maxSkew) return skewed;
	}
	return null;
}

/** The node's own value for a label key, from the NodeInfo's fields for the default spreading's two keys. */
function topologyValue(ni: NodeInfo, key: string): string | undefined {
	return key === LABEL_HOSTNAME
		? ni.hostnameLabel
		: key === LABEL_ZONE
			? ni.zoneLabel
			: ownValue(ni.labels, key);
}

/**
 * PreScore state for ScheduleAnyway constraints (scoring.go initPreScoreState / PreScore).
 * spreadPreScore fills one reused object: it is valid until the next call.
 */
export interface SpreadScoreState {
	constraints: readonly SpreadConstraint[];
	/** The pods matching each constraint, per node (hostname constraints read these). */
	counters: PodCounter[];
	/**
	 * Matching pods per domain for the other constraints (TopologyPairToPodCounts): a map of
	 * the domains scored nodes read, or the cache's per-domain sums when every node of the
	 * snapshot counts (plus the label-less nodes under "" when `addMissing`); null for hostname.
	 */
	domains: (ReadonlyMap<string, number> | DomainCounts | null)[];
	addMissing: boolean;
	weights: number[];
	/**
	 * The index of the one constraint that scores, when it is a hostname constraint and every
	 * other one has no domain on the scored nodes (the system defaults on zone-less nodes); -1.
	 */
	hostOnly: number;
	/** Per scored node: 1 when it lacks a required topology key (IgnoredNodes); null if none. */
	ignored: Uint8Array | null;
}

// Scratch reused across cycles (PreScore runs once per cycle, never re-entrantly).
let ignoredBuf = new Uint8Array(0);
const NO_DOMAINS: ReadonlyMap<string, number> = new Map();
const scoreState: SpreadScoreState = {
	constraints: [],
	counters: [],
	domains: [],
	addMissing: true,
	weights: [],
	hostOnly: -1,
	ignored: null
};
/** Distinct domain values: a short list searched linearly, then a Set when there are many. */
const distinct: string[] = [];
const distinctSet = new Set<string>();
const FEW_DOMAINS = 16;
/** Whether the last countDomains saw a node with the label (not only nodes without it). */
let labelledDomains = false;

/** topoSize: the distinct values of `key` on the scored nodes, a missing label counting as "". */
function countDomains(
	feasible: readonly NodeInfo[],
	n: number,
	ignored: Uint8Array | null,
	key: string
): number {
	let size = 0;
	let many = false;
	let labelled = false;
	let last: string | undefined | null = null;
	for (let k = 0; k < n; k++) {
		if (ignored !== null && ignored[k] === 1) continue;
		const v = topologyValue(feasible[k] as NodeInfo, key);
		if (v === last) continue; // runs of one value (no zones, or sorted ones) cost nothing
		last = v;
		if (v !== undefined) labelled = true;
		const d = v ?? '';
		if (many) {
			distinctSet.add(d);
			continue;
		}
		let j = 0;
		while (j < size && distinct[j] !== d) j++;
		if (j < size) continue;
		distinct[size++] = d;
		if (size > FEW_DOMAINS) {
			many = true;
			distinctSet.clear();
			for (let i = 0; i < size; i++) distinctSet.add(distinct[i] as string);
		}
	}
	labelledDomains = labelled;
	return many ? distinctSet.size : size;
}

/**
 * `constraints`: the pod's ScheduleAnyway constraints, when the caller has them already.
 * `feasibleNodes` gives the n scored nodes, asked only if a constraint reads their labels.
 */
export function spreadPreScore(
	p: PodInfo,
	cache: SchedulerCache,
	feasibleNodes: () => readonly NodeInfo[],
	n: number,
	all: readonly NodeInfo[],
	req: RequiredNodeAffinity | null,
	listers: WorkloadLister | undefined,
	constraints = spreadConstraints(p.pod, 'ScheduleAnyway', listers)
): SpreadScoreState | null {
	if (constraints.length === 0 || all.length === 0) return null; // PreScore Skip
	// System defaults do not require every key, so zone-less nodes still spread by hostname.
	const requireAll = (p.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
	let feasible: readonly NodeInfo[] | null = null;
	const nodes = (): readonly NodeInfo[] => (feasible ??= feasibleNodes());
	let ignored: Uint8Array | null = null;
	let numIgnored = 0;
	if (requireAll)
		for (let k = 0, ns = nodes(); k < n; k++) {
			if (hasAllKeys((ns[k] as NodeInfo).labels, constraints)) continue;
			if (!ignored) {
				if (ignoredBuf.length < n) ignoredBuf = new Uint8Array(Math.max(n, 64));
				ignored = ignoredBuf.fill(0, 0, n);
			}
			ignored[k] = 1;
			numIgnored++;
		}
	// The state's arrays are written by index, never shrunk: `length = 0` would free them.
	const s = scoreState;
	const { counters, weights, domains } = s;
	for (let i = 0; i < constraints.length; i++)
		counters[i] = cache.podCounter(p.namespace, (constraints[i] as SpreadConstraint).selector);
	// The cache's per-domain sums serve when every node of the snapshot counts for every
	// constraint: no node affinity or taints to honour, no node skipped for another key.
	let everyNode = !requireAll || constraints.length === 1;
	for (const c of constraints) if ((c.honorAffinity && req) || c.honorTaints) everyNode = false;
	let read: Set<string>[] | null = null;
	for (let i = 0; i < constraints.length; i++) {
		const c = constraints[i] as SpreadConstraint;
		if (c.topologyKey === LABEL_HOSTNAME) {
			weights[i] = Math.log(n - numIgnored + 2);
			domains[i] = null;
			continue;
		}
		let size: number;
		if (c.topologyKey === LABEL_ZONE && ignored === null && !cache.anyZoneLabel()) {
			// No node has a zone: every scored node is in the one domain "", and none reads it.
			size = n > 0 ? 1 : 0;
			labelledDomains = false;
		} else size = countDomains(nodes(), n, ignored, c.topologyKey);
		weights[i] = Math.log(size + 2);
		// Only domains some scored node reads (it has the label) are worth counting.
		if (!labelledDomains) domains[i] = NO_DOMAINS;
		else if (everyNode) domains[i] = cache.domainCounts(counters[i] as PodCounter, c.topologyKey);
		else {
			const r = new Set<string>();
			const ns = nodes();
			for (let k = 0; k < n; k++) {
				const v = topologyValue(ns[k] as NodeInfo, c.topologyKey);
				if (!ignored?.[k] && v !== undefined) r.add(v);
			}
			(read ??= [])[i] = r;
			domains[i] = new Map();
		}
	}
	if (read) {
		for (const ni of all) {
			if (requireAll && !hasAllKeys(ni.labels, constraints)) continue;
			for (let i = 0; i < constraints.length; i++) {
				const c = constraints[i] as SpreadConstraint;
				const r = read[i];
				const v = topologyValue(ni, c.topologyKey) ?? '';
				if (!r || !r.has(v) || !included(c, p, ni, req)) continue;
				const m = domains[i] as Map<string, number>;
				m.set(v, (m.get(v) ?? 0) + matchingOn(counters[i] as PodCounter, ni, c, p.namespace));
			}
		}
	}
	s.constraints = constraints;
	s.addMissing = !requireAll;
	s.ignored = ignored;
	s.hostOnly = -1;
	for (let i = 0; i < constraints.length; i++) {
		if (domains[i] === NO_DOMAINS) continue;
		if (domains[i] !== null || s.hostOnly >= 0) {
			s.hostOnly = -1;
			break;
		}
		s.hostOnly = i;
	}
	return s;
}

/** Matching pods in the domain `v` of constraint i (a scored node's label value). */
function domainCount(s: SpreadScoreState, i: number, v: string): number {
	const d = s.domains[i];
	if (!d) return 0;
	if (!('byValue' in d)) return d.get(v) ?? 0;
	const n = d.byValue.get(v) ?? 0;
	return v === '' && s.addMissing ? n + d.missing : n;
}

/**
 * Score of the k-th scored node: Σ (matching pods in the node's domain × topology weight +
 * maxSkew − 1), rounded.
 */
export function spreadScore(s: SpreadScoreState, ni: NodeInfo, k: number): number {
	if (s.ignored !== null && s.ignored[k] === 1) return 0;
	const h = s.hostOnly;
	if (h >= 0) {
		// One term: 0 + x is x, so this is the loop below to the last bit.
		if (ni.hostnameLabel === undefined) return 0;
		const cnt = (s.counters[h] as PodCounter).counts[ni.slot] as number;
		const c = s.constraints[h] as SpreadConstraint;
		return Math.round(cnt * (s.weights[h] as number) + (c.maxSkew - 1));
	}
	let score = 0;
	const cs = s.constraints;
	for (let i = 0; i < cs.length; i++) {
		const c = cs[i] as SpreadConstraint;
		const key = c.topologyKey;
		let cnt: number;
		if (key === LABEL_HOSTNAME) {
			if (ni.hostnameLabel === undefined) continue;
			cnt = (s.counters[i] as PodCounter).counts[ni.slot] as number;
		} else {
			const v = key === LABEL_ZONE ? ni.zoneLabel : ownValue(ni.labels, key);
			if (v === undefined) continue;
			cnt = domainCount(s, i, v);
		}
		score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
	}
	return Math.round(score);
}
