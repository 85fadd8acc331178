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
import type { NodeInfo, PodInfo } from './cache';
import { LABEL_HOSTNAME, MAX_NODE_SCORE, REASON, SYSTEM_DEFAULT_SPREAD } from './defaults';
import { and, labelSelector, selectorFromSet, tolerated, EVERYTHING, type Labels } from './labels';
import type { RequiredNodeAffinity, Selector } from './labels';
import { status, UNRESOLVABLE, UNSCHEDULABLE, type Status } from './status';

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
	const set: Record<string, string> = {};
	for (const svc of listers.services?.(ns) ?? []) {
		const sel = svc.spec?.selector;
		if (sel && selectorFromSet(sel).matches(labels)) Object.assign(set, sel);
	}
	let selector = selectorFromSet(set);
	const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
	if (!owner) return selector;
	if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
		const rc = listers.replicationController?.(ns, owner.name);
		if (rc) selector = selectorFromSet({ ...set, ...rc.spec?.selector });
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
): SpreadConstraint[] {
	const own = pod.spec?.topologySpreadConstraints ?? [];
	if (own.length > 0)
		return own.filter((c) => c.whenUnsatisfiable === action).map((c) => constraint(pod, c));
	if (action !== 'ScheduleAnyway') return [];
	const selector = defaultSelector(pod, listers);
	if (selector.empty) return [];
	return SYSTEM_DEFAULT_SPREAD.map((d) => ({
		maxSkew: d.maxSkew,
		topologyKey: d.topologyKey,
		selector,
		minDomains: 1,
		honorAffinity: true,
		honorTaints: false
	}));
}

function constraint(pod: Pod, c: TopologySpreadConstraint): SpreadConstraint {
	let selector = labelSelector(c.labelSelector);
	// matchLabelKeys: the pod's values for those keys are ANDed into the selector.
	const labels = pod.metadata?.labels ?? {};
	const keys = (c.matchLabelKeys ?? []).filter((k) => k in labels);
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
	for (const c of cs) if (!(c.topologyKey in labels)) return false;
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
export function countMatching(pods: readonly PodInfo[], sel: Selector, ns: string): number {
	if (sel.empty) return 0;
	let n = 0;
	for (const p of pods) if (!p.terminating && p.namespace === ns && sel.matches(p.labels)) n++;
	return n;
}

/** The PreFilter state: matching pods per domain for each DoNotSchedule constraint. */
export interface SpreadFilterState {
	constraints: SpreadConstraint[];
	counts: Map<string, number>[];
}

export function spreadPreFilter(
	p: PodInfo,
	nodes: readonly NodeInfo[],
	req: RequiredNodeAffinity | null,
	listers: WorkloadLister | undefined
): SpreadFilterState | null {
	const constraints = spreadConstraints(p.pod, 'DoNotSchedule', listers);
	if (constraints.length === 0) return null; // PreFilter Skip
	const counts = constraints.map(() => new Map<string, number>());
	for (const ni of nodes) {
		if (!hasAllKeys(ni.labels, constraints)) continue;
		constraints.forEach((c, i) => {
			if (!included(c, p, ni, req)) return;
			const v = ni.labels[c.topologyKey] as string;
			const m = counts[i] as Map<string, number>;
			m.set(v, (m.get(v) ?? 0) + countMatching(ni.pods, c.selector, p.namespace));
		});
	}
	return { constraints, counts };
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
		const v = ni.labels[c.topologyKey] as string;
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
		const v = ni.labels[c.topologyKey];
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

/** PreScore state for ScheduleAnyway constraints (scoring.go initPreScoreState / PreScore). */
export interface SpreadScoreState {
	constraints: SpreadConstraint[];
	ignored: Set<NodeInfo>;
	counts: Map<string, number>[];
	weights: number[];
}

export function spreadPreScore(
	p: PodInfo,
	feasible: readonly NodeInfo[],
	n: number,
	all: readonly NodeInfo[],
	req: RequiredNodeAffinity | null,
	listers: WorkloadLister | undefined
): SpreadScoreState | null {
	const constraints = spreadConstraints(p.pod, 'ScheduleAnyway', listers);
	if (constraints.length === 0 || all.length === 0) return null; // PreScore Skip
	// System defaults do not require every key, so zone-less nodes still spread by hostname.
	const requireAll = (p.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
	const ignored = new Set<NodeInfo>();
	const counts = constraints.map(() => new Map<string, number>());
	// Only domains some scored node reads (it has the label) are worth counting.
	const read = constraints.map(() => new Set<string>());
	for (let k = 0; k < n; k++) {
		const ni = feasible[k] as NodeInfo;
		if (requireAll && !hasAllKeys(ni.labels, constraints)) {
			ignored.add(ni);
			continue;
		}
		constraints.forEach((c, i) => {
			if (c.topologyKey === LABEL_HOSTNAME) return;
			const v = ni.labels[c.topologyKey];
			(counts[i] as Map<string, number>).set(v ?? '', 0);
			if (v !== undefined) (read[i] as Set<string>).add(v);
		});
	}
	const weights = constraints.map((c, i) =>
		Math.log(
			(c.topologyKey === LABEL_HOSTNAME
				? n - ignored.size
				: (counts[i] as Map<string, number>).size) + 2
		)
	);
	const active = constraints.map(
		(c, i) => c.topologyKey !== LABEL_HOSTNAME && (read[i] as Set<string>).size > 0
	);
	if (active.some(Boolean)) {
		for (const ni of all) {
			if (requireAll && !hasAllKeys(ni.labels, constraints)) continue;
			constraints.forEach((c, i) => {
				const v = ni.labels[c.topologyKey] ?? '';
				if (!active[i] || !(read[i] as Set<string>).has(v) || !included(c, p, ni, req)) return;
				const m = counts[i] as Map<string, number>;
				m.set(v, (m.get(v) ?? 0) + countMatching(ni.pods, c.selector, p.namespace));
			});
		}
	}
	return { constraints, ignored, counts, weights };
}

/** Score: Σ (matching pods in the node's domain × topology weight + maxSkew − 1), rounded. */
export function spreadScore(s: SpreadScoreState, p: PodInfo, ni: NodeInfo): number {
	if (s.ignored.has(ni)) return 0;
	let score = 0;
	for (let i = 0; i < s.constraints.length; i++) {
		const c = s.constraints[i] as SpreadConstraint;
		const v = ni.labels[c.topologyKey];
		if (v === undefined) continue;
		const cnt =
			c.topologyKey === LABEL_HOSTNAME
				? countMatching(ni.pods, c.selector, p.namespace)
				: ((s.counts[i] as Map<string, number>).get(v) ?? 0);
		score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
	}
	return Math.round(score);
}

/** NormalizeScore: fewer matches score higher; ignored nodes get 0. */
export function spreadNormalize(
	s: SpreadScoreState,
	nodes: readonly NodeInfo[],
	n: number,
	scores: Float64Array
): void {
	let min = Infinity;
	let max = 0;
	for (let i = 0; i < n; i++) {
		if (s.ignored.has(nodes[i] as NodeInfo)) continue;
		const v = scores[i] as number;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	for (let i = 0; i < n; i++) {
		if (s.ignored.has(nodes[i] as NodeInfo)) scores[i] = 0;
		else if (max === 0) scores[i] = MAX_NODE_SCORE;
		else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - (scores[i] as number))) / max);
	}
}
