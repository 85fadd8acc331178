/**
 * InterPodAffinity: plugins/interpodaffinity/filtering.go (PreFilter, Filter, AddPod/RemovePod)
 * and scoring.go (PreScore, Score, NormalizeScore), with HardPodAffinityWeight 1 and
 * IgnorePreferredTermsOfExistingPods false (the v1 defaults).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
	heldPodInfo,
	type AffinityTerm,
	type NodeInfo,
	type PodInfo,
	type SchedulerCache
} from './cache';
import { podHasAffinity } from './pod-info';
import { HARD_POD_AFFINITY_WEIGHT, MAX_NODE_SCORE, NAMESPACE_NAME_LABEL, REASON } from './defaults';
import { NOTHING, type Labels } from './labels';
import { status, UNRESOLVABLE, UNSCHEDULABLE, type Status } from './status';
import { ownValue } from '../../core/own-keys';

export type NamespaceLabels = (namespace: string) => Labels;

/** The API server labels every namespace with its own name; that is all we assume by default. */
export const defaultNamespaceLabels: NamespaceLabels = (ns) => ({ [NAMESPACE_NAME_LABEL]: ns });

/** AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels match. */
export function termMatches(t: AffinityTerm, p: PodInfo, nsLabels: NamespaceLabels): boolean {
	const inNs =
		t.namespaces.has(p.namespace) ||
		(t.namespaceSelector !== NOTHING && t.namespaceSelector.matches(nsLabels(p.namespace)));
	return inNs && t.selector.matches(p.labels);
}

/** podMatchesAllAffinityTerms: false for no terms. */
export function allMatch(terms: readonly AffinityTerm[], p: PodInfo, ns: NamespaceLabels): boolean {
	if (terms.length === 0) return false;
	for (const t of terms) if (!termMatches(t, p, ns)) return false;
	return true;
}

const pair = (k: string, v: string) => `${k}\0${v}`;

function bump(m: Map<string, number>, ni: NodeInfo, key: string, by: number): void {
	const v = ownValue(ni.labels, key);
	if (v === undefined) return;
	const k = pair(key, v);
	const n = (m.get(k) ?? 0) + by;
	if (n === 0) m.delete(k);
	else m.set(k, n);
}

export interface AffinityFilterState {
	/** Existing pods whose required anti-affinity matches the incoming pod, per topology pair. */
	existingAnti: Map<string, number>;
	/** Existing pods matching all the incoming pod's required affinity terms. */
	affinity: Map<string, number>;
	/** Existing pods matching one of the incoming pod's required anti-affinity terms. */
	anti: Map<string, number>;
}

/** updateWithPod: counts one existing pod `other` on `ni` in or out (delta ±1). */
export function affinityUpdate(
	s: AffinityFilterState,
	p: PodInfo,
	other: PodInfo,
	ni: NodeInfo,
	delta: number,
	ns: NamespaceLabels
): void {
	for (const t of other.requiredAntiAffinity)
		if (termMatches(t, p, ns)) bump(s.existingAnti, ni, t.topologyKey, delta);
	if (allMatch(p.requiredAffinity, other, ns))
		for (const t of p.requiredAffinity) bump(s.affinity, ni, t.topologyKey, delta);
	for (const t of p.requiredAntiAffinity)
		if (termMatches(t, other, ns)) bump(s.anti, ni, t.topologyKey, delta);
}

/** PreFilter; null means Skip (nothing required by the pod or against it). */
export function affinityPreFilter(
	p: PodInfo,
	cache: SchedulerCache,
	nodes: readonly NodeInfo[],
	ns: NamespaceLabels
): AffinityFilterState | null {
	const own = p.requiredAffinity.length + p.requiredAntiAffinity.length > 0;
	if (!own && cache.podsWithRequiredAntiAffinity === 0) return null;
	const s: AffinityFilterState = { existingAnti: new Map(), affinity: new Map(), anti: new Map() };
	for (const ni of nodes) {
		if (!own && ni.podsWithRequiredAntiAffinity === 0) continue;
		for (const pod of ni.pods) {
			const other = heldPodInfo(pod);
			if (own) affinityUpdate(s, p, other, ni, 1, ns);
			else
				for (const t of other.requiredAntiAffinity)
					if (termMatches(t, p, ns)) bump(s.existingAnti, ni, t.topologyKey, 1);
		}
	}
	return !own && s.existingAnti.size === 0 ? null : s;
}

export function cloneAffinity(s: AffinityFilterState): AffinityFilterState {
	return {
		existingAnti: new Map(s.existingAnti),
		affinity: new Map(s.affinity),
		anti: new Map(s.anti)
	};
}

const affinityFail = status('InterPodAffinity', UNRESOLVABLE, REASON.affinity);
const antiFail = status('InterPodAffinity', UNSCHEDULABLE, REASON.antiAffinity);
const existingFail = status('InterPodAffinity', UNSCHEDULABLE, REASON.existingAntiAffinity);

/** satisfyPodAffinity: every term's topology has a matching pod, or the first-pod exception. */
function satisfiesAffinity(
	s: AffinityFilterState,
	p: PodInfo,
	ni: NodeInfo,
	ns: NamespaceLabels
): boolean {
	let podsExist = true;
	for (const t of p.requiredAffinity) {
		const v = ownValue(ni.labels, t.topologyKey);
		if (v === undefined) return false;
		if ((s.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
	}
	// A pod with affinity to its own kind may go first when no pod matches anywhere yet.
	return podsExist || (s.affinity.size === 0 && allMatch(p.requiredAffinity, p, ns));
}

export function affinityFilter(
	s: AffinityFilterState,
	p: PodInfo,
	ni: NodeInfo,
	ns: NamespaceLabels
): Status | null {
	if (!satisfiesAffinity(s, p, ni, ns)) return affinityFail;
	if (s.anti.size > 0)
		for (const t of p.requiredAntiAffinity) {
			const v = ownValue(ni.labels, t.topologyKey);
			if (v !== undefined && (s.anti.get(pair(t.topologyKey, v)) ?? 0) > 0) return antiFail;
		}
	if (s.existingAnti.size > 0)
		for (const [k, v] of Object.entries(ni.labels))
			if ((s.existingAnti.get(pair(k, v)) ?? 0) > 0) return existingFail;
	return null;
}

/** PreScore's topologyScore: weight sums per topology key and value. */
export type TopologyScore = Map<string, Map<string, number>>;

/**
 * Adds w to the term's topology domain on ni when the term matches `target`; returns the map,
 * made at the first match (null until then: most cycles match nothing and need none).
 */
function add(
	m: TopologyScore | null,
	t: AffinityTerm,
	w: number,
	target: PodInfo,
	ni: NodeInfo,
	ns: NamespaceLabels
): TopologyScore | null {
	if (!termMatches(t, target, ns)) return m;
	const v = ownValue(ni.labels, t.topologyKey);
	if (v === undefined) return m;
	m ??= new Map();
	let inner = m.get(t.topologyKey);
	if (!inner) m.set(t.topologyKey, (inner = new Map()));
	inner.set(v, (inner.get(v) ?? 0) + w);
	return m;
}

/** Whether the object has an own enumerable key (Object.keys(o).length > 0, no array made). */
function anyKey(o: object): boolean {
	for (const k in o) if (Object.hasOwn(o, k)) return true;
	return false;
}

/** PreScore; null means Skip (no preferred terms anywhere matched anything). */
export function affinityPreScore(
	p: PodInfo,
	cache: SchedulerCache,
	nodes: readonly NodeInfo[],
	ns: NamespaceLabels
): TopologyScore | null {
	const own = p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
	if (!own && cache.podsWithAffinity === 0) return null;
	let m: TopologyScore | null = null;
	// scoring.go PreScore: all nodes when the pod has terms of its own, else only those
	// holding a pod with terms (the cache keeps that list; `nodes` may be a sandbox's copies).
	const walk = own || nodes !== cache.nodes() ? nodes : cache.nodesWithAffinityPods();
	// Indexed loops: this runs every cycle once any pod has terms (CoreDNS has), and for-of
	// iterators here were a tenth of a big cluster's allocation.
	for (let i = 0; i < walk.length; i++) {
		const ni = walk[i] as NodeInfo;
		if ((!own && ni.podsWithAffinity === 0) || !anyKey(ni.labels)) continue;
		const pods = ni.pods;
		for (let j = 0; j < pods.length; j++) {
			const pod = pods[j] as Pod;
			if (!own && !podHasAffinity(pod)) continue;
			const e = heldPodInfo(pod);
			m = addTerms(m, p.preferredAffinity, 1, e, ni, ns);
			m = addTerms(m, p.preferredAntiAffinity, -1, e, ni, ns);
			m = addTerms(m, e.requiredAffinity, 0, p, ni, ns);
			m = addTerms(m, e.preferredAffinity, 1, p, ni, ns);
			m = addTerms(m, e.preferredAntiAffinity, -1, p, ni, ns);
		}
	}
	return m;
}

/**
 * add() for each of `terms`, weighted by the term's weight times `sign` (1 or -1), or, for
 * sign 0 (required terms), by HARD_POD_AFFINITY_WEIGHT.
 */
function addTerms(
	m: TopologyScore | null,
	terms: readonly AffinityTerm[],
	sign: number,
	target: PodInfo,
	ni: NodeInfo,
	ns: NamespaceLabels
): TopologyScore | null {
	for (let i = 0; i < terms.length; i++) {
		const t = terms[i] as AffinityTerm;
		m = add(m, t, sign === 0 ? HARD_POD_AFFINITY_WEIGHT : sign * t.weight, target, ni, ns);
	}
	return m;
}

export function affinityScore(m: TopologyScore, ni: NodeInfo): number {
	let score = 0;
	for (const [key, values] of m) {
		const v = ownValue(ni.labels, key);
		if (v !== undefined) score += values.get(v) ?? 0;
	}
	return score;
}

/** NormalizeScore: min-max scaling to 0..100, truncated like int64(float64). */
export function affinityNormalize(scores: Float64Array, n: number): void {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		const v = scores[i] as number;
		if (v > max) max = v;
		if (v < min) min = v;
	}
	const diff = max - min;
	for (let i = 0; i < n; i++)
		scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] as number) - min) / diff)) : 0;
}
