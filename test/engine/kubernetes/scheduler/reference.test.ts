/**
 * The optimised scheduler against a straightforward reference. The reference below re-derives
 * every decision the way upstream describes it — label selectors matched requirement by
 * requirement, matching pods counted by walking each node's pods, each plugin's scores in
 * their own pass, normalized, weighted and summed, then selectHost's reservoir sampling —
 * without the cache's per-selector counters, compiled selectors, memoised shapes or fused
 * loops. Random small clusters, random Deployment-like and hand-made pods, and random churn
 * (pods deleted or terminating, nodes relabelled, removed and re-added) must give the same
 * node, the same per-plugin scores, the same filter counts and the same random draws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type {
	Node,
	Pod,
	Service,
	Taint,
	Toleration,
	TopologySpreadConstraint
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
	createSchedulerCache,
	type NodeInfo,
	type PodInfo,
	type SchedulerCache
} from '../../../../src/engine/kubernetes/scheduler/cache';
import {
	affinityFilter,
	affinityNormalize,
	affinityPreFilter,
	affinityPreScore,
	affinityScore,
	defaultNamespaceLabels
} from '../../../../src/engine/kubernetes/scheduler/inter-pod-affinity';
import { labelSelector, selectorFromSet } from '../../../../src/engine/kubernetes/scheduler/labels';
import { numFeasibleNodesToFind } from '../../../../src/engine/kubernetes/scheduler/percentage';
import { podInfo } from '../../../../src/engine/kubernetes/scheduler/pod-info';
import { podRequests } from '../../../../src/engine/kubernetes/scheduler/resources';
import {
	schedulePod,
	type SchedulerState
} from '../../../../src/engine/kubernetes/scheduler/schedule';
import {
	balancedScore,
	imageLocalityScore,
	leastAllocatedScore,
	normalizedImageName
} from '../../../../src/engine/kubernetes/scheduler/scores';
import type { WorkloadLister } from '../../../../src/engine/kubernetes/scheduler/topology-spread';
import { node as buildNode, pod as buildPod } from './helpers';

// ---------------------------------------------------------------------------------------------
// The reference
// ---------------------------------------------------------------------------------------------

type Labels = Readonly<Record<string, string>>;
const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const PLUGINS = [
	'TaintToleration',
	'NodeAffinity',
	'NodeResourcesFit',
	'PodTopologySpread',
	'InterPodAffinity',
	'NodeResourcesBalancedAllocation',
	'ImageLocality'
] as const;
type Plugin = (typeof PLUGINS)[number];
const WEIGHT: Record<Plugin, number> = {
	TaintToleration: 3,
	NodeAffinity: 2,
	NodeResourcesFit: 1,
	PodTopologySpread: 2,
	InterPodAffinity: 2,
	NodeResourcesBalancedAllocation: 1,
	ImageLocality: 1
};

/** A selector as a predicate plus labels.Selector.Empty(). */
interface RefSelector {
	empty: boolean;
	matches(labels: Labels): boolean;
}

function requirementHolds(key: string, op: string, values: readonly string[], l: Labels) {
	const has = Object.prototype.hasOwnProperty.call(l, key);
	if (op === 'In') return has && values.includes(l[key] as string);
	if (op === 'NotIn') return !has || !values.includes(l[key] as string);
	if (op === 'Exists') return has;
	if (op === 'DoesNotExist') return !has;
	return false;
}

/** metav1.LabelSelectorAsSelector, matched requirement by requirement. */
function refLabelSelector(sel: LabelSelector | undefined | null): RefSelector {
	if (!sel) return { empty: false, matches: () => false };
	const ml = Object.entries(sel.matchLabels ?? {});
	const ex = sel.matchExpressions ?? [];
	return {
		empty: ml.length === 0 && ex.length === 0,
		matches: (l) =>
			ml.every(([k, v]) => requirementHolds(k, 'In', [v], l)) &&
			ex.every((e) => requirementHolds(e.key, e.operator, e.values ?? [], l))
	};
}

function refSetSelector(set: Labels): RefSelector {
	return refLabelSelector({ matchLabels: { ...set } });
}

function refAnd(a: RefSelector, b: RefSelector): RefSelector {
	return { empty: a.empty && b.empty, matches: (l) => a.matches(l) && b.matches(l) };
}

/** helper/spread.go DefaultSelector. */
function refDefaultSelector(pod: Pod, listers: WorkloadLister | undefined): RefSelector {
	if (!listers) return refSetSelector({});
	const ns = pod.metadata?.namespace ?? 'default';
	const labels = pod.metadata?.labels ?? {};
	const set: Record<string, string> = {};
	for (const svc of listers.services?.(ns) ?? []) {
		const sel = svc.spec?.selector;
		if (sel && refSetSelector(sel).matches(labels)) Object.assign(set, sel);
	}
	let selector = refSetSelector(set);
	const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
	if (owner?.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
		const rs = listers.replicaSet?.(ns, owner.name);
		if (rs?.spec?.selector) selector = refAnd(selector, refLabelSelector(rs.spec.selector));
	}
	return selector;
}

interface RefConstraint {
	maxSkew: number;
	key: string;
	selector: RefSelector;
	minDomains: number;
	honorAffinity: boolean;
	honorTaints: boolean;
}

function refConstraints(
	pod: Pod,
	action: 'DoNotSchedule' | 'ScheduleAnyway',
	listers: WorkloadLister | undefined
): RefConstraint[] {
	const own = pod.spec?.topologySpreadConstraints ?? [];
	const labels = pod.metadata?.labels ?? {};
	if (own.length > 0)
		return own
			.filter((c) => c.whenUnsatisfiable === action)
			.map((c) => {
				const keys = (c.matchLabelKeys ?? []).filter((k) => k in labels);
				const extra = Object.fromEntries(keys.map((k) => [k, labels[k] ?? '']));
				return {
					maxSkew: c.maxSkew,
					key: c.topologyKey,
					selector: refAnd(refSetSelector(extra), refLabelSelector(c.labelSelector)),
					minDomains: c.minDomains ?? 1,
					honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
					honorTaints: c.nodeTaintsPolicy === 'Honor'
				};
			});
	if (action !== 'ScheduleAnyway') return [];
	const selector = refDefaultSelector(pod, listers);
	if (selector.empty) return [];
	return [
		{ maxSkew: 3, key: HOSTNAME, selector, minDomains: 1, honorAffinity: true, honorTaints: false },
		{ maxSkew: 5, key: ZONE, selector, minDomains: 1, honorAffinity: true, honorTaints: false }
	];
}

function tolerates(t: Toleration, taint: Taint): boolean {
	if (t.effect && t.effect !== taint.effect) return false;
	if (t.key && t.key !== taint.key) return false;
	const op = t.operator ?? '';
	if (op === '' || op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
	return op === 'Exists';
}

const taintsOf = (ni: NodeInfo) => ni.node?.spec?.taints ?? [];
const hard = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const labelsOf = (ni: NodeInfo): Labels => ni.node?.metadata?.labels ?? {};

function selectorOk(pod: Pod, ni: NodeInfo): boolean {
	const l = labelsOf(ni);
	return Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => l[k] === v);
}

function included(c: RefConstraint, pod: Pod, ni: NodeInfo): boolean {
	if (c.honorAffinity && pod.spec?.nodeSelector && !selectorOk(pod, ni)) return false;
	const tol = pod.spec?.tolerations ?? [];
	if (c.honorTaints && taintsOf(ni).some((t) => hard(t) && !tol.some((x) => tolerates(x, t))))
		return false;
	return true;
}

/** countPodsMatchSelector, walking the node's pods. */
function countOn(ni: NodeInfo, sel: RefSelector, ns: string): number {
	if (sel.empty) return 0;
	return ni.pods.filter(
		(p) =>
			!p.metadata?.deletionTimestamp &&
			(p.metadata?.namespace ?? 'default') === ns &&
			sel.matches(p.metadata?.labels ?? {})
	).length;
}

const hasKeys = (l: Labels, cs: RefConstraint[]) => cs.every((c) => c.key in l);

/** The whole filter chain, as a yes or no per node. */
function refFilter(
	pod: Pod,
	cache: SchedulerCache,
	all: readonly NodeInfo[],
	listers: WorkloadLister | undefined
): (ni: NodeInfo) => boolean {
	const ns = pod.metadata?.namespace ?? 'default';
	const tol = pod.spec?.tolerations ?? [];
	const req = podRequests(pod);
	const ports = (pod.spec?.containers ?? []).flatMap((c) =>
		(c.ports ?? []).filter((p) => (p.hostPort ?? 0) > 0).map((p) => p.hostPort)
	);
	const unschedulable: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
	// PodTopologySpread PreFilter: matching pods per domain of every DoNotSchedule constraint.
	const hardSpread = refConstraints(pod, 'DoNotSchedule', listers);
	const domainCounts = hardSpread.map(() => new Map<string, number>());
	for (const ni of all) {
		if (!hasKeys(labelsOf(ni), hardSpread)) continue;
		hardSpread.forEach((c, i) => {
			if (!included(c, pod, ni)) return;
			const v = labelsOf(ni)[c.key] as string;
			const m = domainCounts[i] as Map<string, number>;
			m.set(v, (m.get(v) ?? 0) + countOn(ni, c.selector, ns));
		});
	}
	const p = podInfo(pod);
	const affinity = affinityPreFilter(p, cache, all, defaultNamespaceLabels);
	return (ni) => {
		const l = labelsOf(ni);
		if (ni.node?.spec?.unschedulable && !tol.some((t) => tolerates(t, unschedulable))) return false;
		if (taintsOf(ni).some((t) => hard(t) && !tol.some((x) => tolerates(x, t)))) return false;
		if (!selectorOk(pod, ni)) return false;
		const used = ni.pods.flatMap((o) =>
			(o.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => x.hostPort))
		);
		if (ports.some((port) => used.includes(port))) return false;
		if (ni.pods.length + 1 > ni.allocPods) return false;
		if (req.milliCPU > 0 && req.milliCPU > ni.allocMilliCPU - ni.reqMilliCPU) return false;
		if (req.memory > 0 && req.memory > ni.allocMemory - ni.reqMemory) return false;
		for (let i = 0; i < hardSpread.length; i++) {
			const c = hardSpread[i] as RefConstraint;
			const v = l[c.key];
			if (v === undefined) return false;
			const m = domainCounts[i] as Map<string, number>;
			let min = m.size === 0 ? 0x7fffffff : Math.min(...m.values());
			if (m.size < c.minDomains) min = 0;
			const self = c.selector.matches(pod.metadata?.labels ?? {}) ? 1 : 0;
			if ((m.get(v) ?? 0) + self - min > c.maxSkew) return false;
		}
		if (affinity && affinityFilter(affinity, p, ni, defaultNamespaceLabels)) return false;
		return true;
	};
}

/** PodTopologySpread PreScore + Score + NormalizeScore, or null when the plugin skips. */
function refSpreadScores(
	pod: Pod,
	nodes: NodeInfo[],
	all: readonly NodeInfo[],
	listers: WorkloadLister | undefined
): number[] | null {
	const cs = refConstraints(pod, 'ScheduleAnyway', listers);
	if (cs.length === 0) return null;
	const ns = pod.metadata?.namespace ?? 'default';
	const requireAll = (pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
	const ignored = nodes.map((ni) => requireAll && !hasKeys(labelsOf(ni), cs));
	// TopologyPairToPodCounts: the pairs of the scored nodes (a missing label reads "").
	const pairs = cs.map(() => new Map<string, number>());
	nodes.forEach((ni, k) => {
		if (ignored[k]) return;
		cs.forEach((c, i) => {
			if (c.key !== HOSTNAME) (pairs[i] as Map<string, number>).set(labelsOf(ni)[c.key] ?? '', 0);
		});
	});
	const scoredCount = ignored.filter((x) => !x).length;
	const weights = cs.map((c, i) =>
		Math.log((c.key === HOSTNAME ? scoredCount : (pairs[i] as Map<string, number>).size) + 2)
	);
	// Count every node's matching pods into the pairs some scored node carries as a label.
	const read = cs.map(
		(c) =>
			new Set(
				nodes
					.filter((ni, k) => !ignored[k] && labelsOf(ni)[c.key] !== undefined)
					.map((ni) => labelsOf(ni)[c.key] as string)
			)
	);
	for (const ni of all) {
		if (requireAll && !hasKeys(labelsOf(ni), cs)) continue;
		cs.forEach((c, i) => {
			const v = labelsOf(ni)[c.key] ?? '';
			if (c.key === HOSTNAME || !(read[i] as Set<string>).has(v) || !included(c, pod, ni)) return;
			const m = pairs[i] as Map<string, number>;
			m.set(v, (m.get(v) ?? 0) + countOn(ni, c.selector, ns));
		});
	}
	const raw = nodes.map((ni, k) => {
		if (ignored[k]) return 0;
		let score = 0;
		cs.forEach((c, i) => {
			const v = labelsOf(ni)[c.key];
			if (v === undefined) return;
			const cnt =
				c.key === HOSTNAME
					? countOn(ni, c.selector, ns)
					: ((pairs[i] as Map<string, number>).get(v) ?? 0);
			score += cnt * (weights[i] as number) + (c.maxSkew - 1);
		});
		return Math.round(score);
	});
	const kept = raw.filter((_, k) => !ignored[k]);
	const min = Math.min(...kept);
	const max = Math.max(0, ...kept);
	return raw.map((s, k) =>
		ignored[k] ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - s)) / max)
	);
}

function normalize(raw: number[], reverse: boolean): number[] {
	const max = Math.max(0, ...raw);
	return raw.map((s) => {
		const v = max === 0 ? 0 : Math.trunc((100 * s) / max);
		return reverse ? 100 - v : v;
	});
}

interface RefOutcome {
	node?: string;
	feasible: number;
	evaluated: number;
	nextStartNodeIndex: number;
	/** Weighted scores per node and plugin (undefined: the plugin skipped); none if unscored. */
	scores: Map<string, Partial<Record<Plugin, number>>>;
}

function referenceSchedule(
	pod: Pod,
	cache: SchedulerCache,
	start: number,
	percentage: number,
	next: () => number,
	listers: WorkloadLister | undefined
): RefOutcome {
	const all = cache.nodes();
	const fitsOn = refFilter(pod, cache, all, listers);
	const want = numFeasibleNodesToFind(percentage, all.length);
	const feasible: NodeInfo[] = [];
	let evaluated = 0;
	for (let i = 0; i < all.length && feasible.length < want; i++) {
		const ni = all[(start + i) % all.length] as NodeInfo;
		evaluated++;
		if (fitsOn(ni)) feasible.push(ni);
	}
	const nextStart = all.length === 0 ? 0 : (start + evaluated) % all.length;
	const out = { feasible: feasible.length, evaluated, nextStartNodeIndex: nextStart };
	const scores = new Map<string, Partial<Record<Plugin, number>>>();
	if (feasible.length === 0) return { ...out, scores };
	if (feasible.length === 1) return { ...out, node: feasible[0]?.name, scores };
	const n = feasible.length;
	const tol = pod.spec?.tolerations ?? [];
	const prefer = tol.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
	const requests = podRequests(pod);
	const nonZero = podRequests(pod, true);
	const asInfo = {
		requests,
		nonZeroMilliCPU: nonZero.milliCPU,
		nonZeroMemory: nonZero.memory
	} as PodInfo;
	const spec = pod.spec;
	const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) =>
		normalizedImageName(c.image ?? '')
	);
	const byPlugin: Partial<Record<Plugin, number[]>> = {
		TaintToleration: normalize(
			feasible.map(
				(ni) =>
					taintsOf(ni).filter(
						(t) => t.effect === 'PreferNoSchedule' && !prefer.some((x) => tolerates(x, t))
					).length
			),
			true
		),
		NodeResourcesFit: feasible.map((ni) => leastAllocatedScore(ni, asInfo)),
		ImageLocality: feasible.map((ni) => imageLocalityScore(ni, images, all.length))
	};
	if (requests.milliCPU !== 0 || requests.memory !== 0)
		byPlugin.NodeResourcesBalancedAllocation = feasible.map((ni) => balancedScore(ni, asInfo));
	const preferred =
		spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
	if (preferred.length > 0)
		byPlugin.NodeAffinity = normalize(
			feasible.map((ni) =>
				preferred
					.filter((t) =>
						(t.preference.matchExpressions ?? []).every((e) =>
							requirementHolds(e.key, e.operator, e.values ?? [], labelsOf(ni))
						)
					)
					.reduce((sum, t) => sum + t.weight, 0)
			),
			false
		);
	const spread = refSpreadScores(pod, feasible, all, listers);
	if (spread) byPlugin.PodTopologySpread = spread;
	const topo = affinityPreScore(podInfo(pod), cache, all, defaultNamespaceLabels);
	if (topo) {
		const raw = new Float64Array(feasible.map((ni) => affinityScore(topo, ni)));
		affinityNormalize(raw, n);
		byPlugin.InterPodAffinity = [...raw];
	}
	const totals = feasible.map((ni, k) => {
		const s: Partial<Record<Plugin, number>> = {};
		let total = 0;
		for (const name of PLUGINS) {
			const v = byPlugin[name]?.[k];
			if (v === undefined) continue;
			s[name] = v * WEIGHT[name];
			total += v * WEIGHT[name];
		}
		scores.set(ni.name, s);
		return total;
	});
	const max = Math.max(...totals);
	let chosen = -1;
	let count = 0;
	totals.forEach((t, k) => {
		if (t !== max) return;
		count++;
		if (count === 1 || Math.floor(next() * count) === 0) chosen = k;
	});
	return { ...out, node: feasible[chosen]?.name, scores };
}

// ---------------------------------------------------------------------------------------------
// Random clusters, workloads and churn
// ---------------------------------------------------------------------------------------------

const REPLICA_SETS: Record<string, LabelSelector | undefined> = {
	web: { matchLabels: { app: 'web' } },
	'web-fe': { matchLabels: { tier: 'fe', app: 'web' } },
	data: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] },
	tiered: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
	'cache-not-be': {
		matchLabels: { app: 'cache' },
		matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['be'] }]
	},
	everything: {},
	'no-selector': undefined
};

const SERVICES: Record<string, Service[]> = {
	default: [{ spec: { selector: { app: 'web' } } }, { spec: { selector: {} } }],
	other: [{ spec: { selector: { tier: 'be' } } }]
};

function listersFor(withServices: boolean): WorkloadLister {
	return {
		replicaSet: (_ns, name) =>
			name === 'gone'
				? undefined
				: ({ spec: { selector: REPLICA_SETS[name] } } as unknown as ReplicaSet),
		...(withServices ? { services: (ns: string) => SERVICES[ns] ?? [] } : {})
	};
}

const SELECTORS: LabelSelector[] = [
	{ matchLabels: { app: 'web' } },
	{ matchLabels: { app: 'db' } },
	{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'cache'] }] },
	{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
	{}
];

const taintArb = fc.constantFrom<Taint>(
	{ key: 'dedicated', value: 'a', effect: 'NoSchedule' },
	{ key: 'dedicated', value: 'b', effect: 'NoExecute' },
	{ key: 'soft', effect: 'PreferNoSchedule' },
	{ key: 'other', effect: 'PreferNoSchedule' }
);

const zoneArb = fc.constantFrom<string | undefined>('a', 'b', 'c', '', undefined);

/** Many zones: more domains than the scheduler's short list of distinct values holds. */
const manyZonesArb = fc.oneof(
	zoneArb,
	fc.integer({ min: 0, max: 29 }).map((i) => `z${i}`)
);

const nodeArbWith = (zone: fc.Arbitrary<string | undefined>) =>
	fc.record({
		cpu: fc.constantFrom('1', '2', '4'),
		memory: fc.constantFrom('1Gi', '2Gi', '4Gi'),
		pods: fc.integer({ min: 2, max: 8 }).map(String),
		zone,
		hostname: fc.integer({ min: 0, max: 9 }).map((n) => n > 0 || undefined), // some lack it
		rack: fc.constantFrom('r1', 'r2', undefined),
		taints: fc.array(taintArb, { maxLength: 2 }),
		unschedulable: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
		image: fc.boolean()
	});

const nodeArb = nodeArbWith(zoneArb);

type NodeSpec = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;

const RACKS: NodeSpec['rack'][] = ['r1', 'r2', undefined];

function makeNode(name: string, s: NodeSpec, zone = s.zone): Node {
	const n = buildNode(name, {
		cpu: s.cpu,
		memory: s.memory,
		pods: s.pods,
		taints: s.taints.length > 0 ? s.taints : undefined,
		unschedulable: s.unschedulable,
		labels: {
			...(zone !== undefined ? { [ZONE]: zone } : {}),
			...(s.rack ? { rack: s.rack } : {})
		},
		images: s.image ? [{ names: ['nginx:1.27'], sizeBytes: 300 * 2 ** 20 }] : undefined
	});
	if (!s.hostname) delete n.metadata?.labels?.[HOSTNAME];
	return n;
}

const constraintArb = fc.record({
	maxSkew: fc.integer({ min: 1, max: 3 }),
	topologyKey: fc.constantFrom(HOSTNAME, ZONE, 'rack'),
	whenUnsatisfiable: fc.constantFrom<'DoNotSchedule' | 'ScheduleAnyway'>(
		'DoNotSchedule',
		'ScheduleAnyway'
	),
	labelSelector: fc.constantFrom(...SELECTORS),
	matchLabelKeys: fc.constantFrom<string[] | undefined>(undefined, ['tier']),
	nodeAffinityPolicy: fc.constantFrom<'Honor' | 'Ignore' | undefined>('Honor', 'Ignore', undefined),
	nodeTaintsPolicy: fc.constantFrom<'Honor' | 'Ignore' | undefined>('Honor', 'Ignore', undefined),
	minDomains: fc.constantFrom<number | undefined>(undefined, 2)
});

type ConstraintSpec = typeof constraintArb extends fc.Arbitrary<infer T> ? T : never;

const podArb = fc.record({
	ns: fc.constantFrom('default', 'default', 'other'),
	app: fc.constantFrom('web', 'db', 'cache'),
	tier: fc.constantFrom<string | undefined>(undefined, 'fe', 'be'),
	owner: fc.constantFrom<string | undefined>(
		undefined,
		'web',
		'web',
		'web-fe',
		'data',
		'tiered',
		'cache-not-be',
		'everything',
		'no-selector',
		'gone'
	),
	cpu: fc.constantFrom<string | undefined>(undefined, '100m', '500m'),
	memory: fc.constantFrom<string | undefined>(undefined, '128Mi', '512Mi'),
	tolerate: fc.constantFrom<Toleration[] | undefined>(
		undefined,
		[{ key: 'dedicated', operator: 'Exists' }],
		[{ key: 'soft', operator: 'Exists', effect: 'PreferNoSchedule' }],
		[{ operator: 'Exists' }]
	),
	zoneSelector: fc.constantFrom<string | undefined>(undefined, undefined, 'a'),
	hostPort: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
	spread: fc.oneof(
		{ weight: 3, arbitrary: fc.constant<ConstraintSpec[]>([]) },
		{ weight: 1, arbitrary: fc.array(constraintArb, { minLength: 1, maxLength: 2 }) }
	),
	preferZone: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
	antiAffinity: fc.constantFrom<'none' | 'preferred' | 'required'>(
		'none',
		'none',
		'none',
		'preferred',
		'required'
	)
});

type PodSpecArb = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function makePod(name: string, s: PodSpecArb): Pod {
	const requests: Record<string, string> = {};
	if (s.cpu) requests.cpu = s.cpu;
	if (s.memory) requests.memory = s.memory;
	const term = {
		labelSelector: { matchLabels: { app: s.app } },
		topologyKey: HOSTNAME
	};
	return buildPod(name, {
		ns: s.ns,
		labels: { app: s.app, ...(s.tier ? { tier: s.tier } : {}) },
		requests: Object.keys(requests).length > 0 ? requests : undefined,
		owner: s.owner ? { kind: 'ReplicaSet', name: s.owner } : undefined,
		container: s.hostPort ? { ports: [{ containerPort: 80, hostPort: 8080 }] } : {},
		spec: {
			...(s.tolerate ? { tolerations: s.tolerate } : {}),
			...(s.zoneSelector ? { nodeSelector: { [ZONE]: s.zoneSelector } } : {}),
			...(s.spread.length > 0
				? {
						topologySpreadConstraints: s.spread.map((c): TopologySpreadConstraint => ({
							maxSkew: c.maxSkew,
							topologyKey: c.topologyKey,
							whenUnsatisfiable: c.whenUnsatisfiable,
							labelSelector: c.labelSelector,
							...(c.matchLabelKeys ? { matchLabelKeys: c.matchLabelKeys } : {}),
							...(c.nodeAffinityPolicy ? { nodeAffinityPolicy: c.nodeAffinityPolicy } : {}),
							...(c.nodeTaintsPolicy ? { nodeTaintsPolicy: c.nodeTaintsPolicy } : {}),
							...(c.minDomains && c.whenUnsatisfiable === 'DoNotSchedule'
								? { minDomains: c.minDomains }
								: {})
						}))
					}
				: {}),
			affinity: {
				...(s.preferZone
					? {
							nodeAffinity: {
								preferredDuringSchedulingIgnoredDuringExecution: [
									{
										weight: 10,
										preference: {
											matchExpressions: [{ key: ZONE, operator: 'In', values: ['b'] }]
										}
									}
								]
							}
						}
					: {}),
				...(s.antiAffinity === 'preferred'
					? {
							podAntiAffinity: {
								preferredDuringSchedulingIgnoredDuringExecution: [
									{ weight: 5, podAffinityTerm: term }
								]
							}
						}
					: s.antiAffinity === 'required'
						? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
						: {})
			}
		}
	});
}

const opArb = fc.oneof(
	{ weight: 12, arbitrary: fc.record({ op: fc.constant('schedule' as const), pod: podArb }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('terminate' as const), pick: fc.nat() }) },
	{
		weight: 1,
		arbitrary: fc.record({ op: fc.constant('relabel' as const), pick: fc.nat(), zone: zoneArb })
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('bounce' as const), pick: fc.nat() }) }
);

/** A seeded float stream whose state can be copied. */
class Stream {
	constructor(public s: number) {}
	next = (): number => {
		this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0;
		return this.s / 2 ** 32;
	};
}

interface Run {
	nodes: NodeSpec[];
	ops: (typeof opArb extends fc.Arbitrary<infer T> ? T : never)[];
	seed: number;
	services: boolean;
	percentage: number;
	maxCounters: number;
}

/** Plays the ops on one cache, checking every cycle against the reference. */
function play(run: Run): void {
	const cache = createSchedulerCache(run.maxCounters);
	const nodes = run.nodes.map((s, i) => makeNode(`n${i}`, s));
	for (const n of nodes) cache.addNode(n);
	const bound: Pod[] = [];
	const listers = listersFor(run.services);
	const rng = new Stream(run.seed);
	const state: SchedulerState = {
		next: rng.next,
		nextStartNodeIndex: 0,
		percentageOfNodesToScore: run.percentage,
		listers
	};
	run.ops.forEach((op, step) => {
		if (op.op === 'schedule') {
			const p = makePod(`p${step}`, op.pod);
			const explain = step % 2 === 0;
			const copy = new Stream(rng.s);
			const start = state.nextStartNodeIndex;
			const want = referenceSchedule(p, cache, start, run.percentage, copy.next, listers);
			state.explain = explain;
			const got = schedulePod(p, cache, state);
			expect(got.node).toBe(want.node);
			expect(got.feasible).toBe(want.feasible);
			expect(got.evaluated).toBe(want.evaluated);
			expect(state.nextStartNodeIndex).toBe(want.nextStartNodeIndex);
			if (got.node === undefined) return; // preemption may have drawn: rng goes on from there
			expect(rng.s).toBe(copy.s); // the same random draws, no more, no fewer
			if (explain) {
				const scores = Object.fromEntries(
					[...got.scores].map(([name, s]) => [
						name,
						Object.fromEntries(PLUGINS.map((k) => [k, s.byPlugin[k]]))
					])
				);
				const expected = Object.fromEntries(
					[...want.scores].map(([name, s]) => [
						name,
						Object.fromEntries(PLUGINS.map((k) => [k, s[k]]))
					])
				);
				expect(scores).toEqual(expected);
			}
			const b = {
				...p,
				spec: { ...p.spec, containers: p.spec?.containers ?? [], nodeName: got.node }
			};
			cache.addPod(b);
			bound.push(b);
		} else if (op.op === 'delete' && bound.length > 0) {
			const [gone] = bound.splice(op.pick % bound.length, 1);
			if (gone) cache.removePod(gone);
		} else if (op.op === 'terminate' && bound.length > 0) {
			const i = op.pick % bound.length;
			const old = bound[i] as Pod;
			const dying = { ...old, metadata: { ...old.metadata, deletionTimestamp: 'now' } };
			cache.removePod(old);
			cache.addPod(dying);
			bound[i] = dying;
		} else if (op.op === 'relabel') {
			const i = op.pick % nodes.length;
			const rack = RACKS[Math.trunc(op.pick / nodes.length) % RACKS.length];
			nodes[i] = makeNode(`n${i}`, { ...(run.nodes[i] as NodeSpec), rack }, op.zone);
			cache.updateNode(nodes[i] as Node);
		} else if (op.op === 'bounce') {
			// The node goes away (its pods stay, as in cache.go) and comes back.
			const i = op.pick % nodes.length;
			cache.removeNode(`n${i}`);
			if (op.pick % 3 !== 0) cache.addNode(nodes[i] as Node);
		}
	});
}

describe('the optimised scheduler decides as the reference does', () => {
	it('on random small clusters with churn (same node, scores, counts and draws)', () => {
		fc.assert(
			fc.property(
				fc.array(nodeArb, { minLength: 1, maxLength: 7 }),
				fc.array(opArb, { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 0, max: 2 ** 31 }),
				fc.boolean(),
				fc.constantFrom(1, 2, 1024),
				(nodes, ops, seed, services, maxCounters) =>
					play({ nodes, ops, seed, services, percentage: 0, maxCounters })
			),
			{ numRuns: 250 }
		);
	});

	it('on clusters of 100–160 nodes, where only some nodes are searched each cycle', () => {
		fc.assert(
			fc.property(
				fc.array(nodeArbWith(manyZonesArb), { minLength: 100, maxLength: 160 }),
				fc.array(opArb, { minLength: 20, maxLength: 60 }),
				fc.integer({ min: 0, max: 2 ** 31 }),
				fc.constantFrom(0, 10, 60),
				(nodes, ops, seed, percentage) =>
					play({ nodes, ops, seed, services: false, percentage, maxCounters: 1024 })
			),
			{ numRuns: 12 }
		);
	});

	it('on zone-less clusters, where hostname spreading alone scores (some nodes lack the label)', () => {
		// No zone: the default zone constraint has no domain, so the filter loop's per-node
		// counts carry PodTopologySpread's Score on their own.
		fc.assert(
			fc.property(
				fc.array(nodeArbWith(fc.constant(undefined)), { minLength: 2, maxLength: 12 }),
				fc.array(opArb, { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 0, max: 2 ** 31 }),
				fc.boolean(),
				(nodes, ops, seed, services) =>
					play({ nodes, ops, seed, services, percentage: 0, maxCounters: 1024 })
			),
			{ numRuns: 150 }
		);
	});

	it('spreads a Deployment of 60 identical replicas exactly as the reference', () => {
		// The bench's workload in small: ReplicaSet pods with the default spreading only.
		const nodes = Array.from({ length: 12 }, (_, i): NodeSpec => ({
			cpu: '4',
			memory: '4Gi',
			pods: '110',
			zone: (['a', 'b', 'c'] as const)[i % 3],
			hostname: true,
			rack: undefined,
			taints: [],
			unschedulable: false,
			image: false
		}));
		const pod: PodSpecArb = {
			ns: 'default',
			app: 'web',
			tier: undefined,
			owner: 'web',
			cpu: undefined,
			memory: undefined,
			tolerate: undefined,
			zoneSelector: undefined,
			hostPort: false,
			spread: [],
			preferZone: false,
			antiAffinity: 'none'
		};
		const ops = Array.from({ length: 60 }, () => ({ op: 'schedule' as const, pod }));
		play({ nodes, ops, seed: 7, services: false, percentage: 0, maxCounters: 1024 });
	});
});

describe('pods sharing a template', () => {
	it('share requests only when their init containers and overhead are the same too', () => {
		const containers = [{ name: 'c', resources: { requests: { cpu: '100m', memory: '64Mi' } } }];
		const init = [{ name: 'i', resources: { requests: { cpu: '2', memory: '1Gi' } } }];
		const plain = podInfo({ spec: { containers } });
		const withInit = podInfo({ spec: { containers, initContainers: init } });
		const withOverhead = podInfo({ spec: { containers, overhead: { cpu: '1' } } });
		expect([plain.requests.milliCPU, withInit.requests.milliCPU]).toEqual([100, 2000]);
		expect(withOverhead.requests.milliCPU).toBe(1100);
		expect(podInfo({ spec: { containers } }).requests.milliCPU).toBe(100);
		expect(new Set([plain.shape, withInit.shape, withOverhead.shape]).size).toBe(3);
	});
});

describe('compiled label selectors match as requirement-by-requirement matching does', () => {
	const keys = fc.constantFrom('app', 'tier', 'zone', 'constructor');
	const values = fc.constantFrom('web', 'db', 'fe', '', 'a');
	const labelsArb = fc.dictionary(keys, values, { maxKeys: 4 });
	const selectorArb = fc.option(
		fc.record(
			{
				matchLabels: fc.dictionary(keys, values, { maxKeys: 3 }),
				matchExpressions: fc.array(
					fc.record({
						key: keys,
						operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus'),
						values: fc.array(values, { maxLength: 3 })
					}),
					{ maxLength: 3 }
				)
			},
			{ requiredKeys: [] }
		),
		{ nil: undefined }
	);

	it('labelSelector and selectorFromSet agree with the reference on random labels', () => {
		fc.assert(
			fc.property(selectorArb, selectorArb, fc.array(labelsArb, { maxLength: 6 }), (a, b, ls) => {
				const [sa, ra] = [labelSelector(a), refLabelSelector(a)];
				const [sb, rb] = [labelSelector(b), refLabelSelector(b)];
				expect(sa.empty).toBe(ra.empty);
				for (const l of ls) {
					// Own keys only, like Go maps ('constructor' in {} is not a label).
					const plain = Object.assign(Object.create(null) as object, l) as Labels;
					expect(sa.matches(plain)).toBe(ra.matches(plain));
					expect(sb.matches(plain)).toBe(rb.matches(plain));
					if (sa.key === sb.key) expect(sa.matches(plain)).toBe(sb.matches(plain));
					const set = a?.matchLabels ?? {};
					expect(selectorFromSet(set).matches(plain)).toBe(refSetSelector(set).matches(plain));
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('the cache keeps its per-selector pod counts exact', () => {
	it('counts and per-domain sums equal a walk over the pods, through churn and evictions', () => {
		const selectors = [...SELECTORS, { matchLabels: { tier: 'fe' } }];
		fc.assert(
			fc.property(
				fc.array(nodeArb, { minLength: 1, maxLength: 5 }),
				fc.array(
					fc.record({
						op: fc.constantFrom('add', 'add', 'add', 'delete', 'terminate', 'relabel', 'bounce'),
						pod: podArb,
						pick: fc.nat(),
						zone: zoneArb,
						sel: fc.nat(),
						ns: fc.constantFrom('default', 'other')
					}),
					{ maxLength: 40 }
				),
				fc.constantFrom(1, 2, 100),
				(specs, ops, maxCounters) => {
					const cache = createSchedulerCache(maxCounters);
					const nodes = specs.map((s, i) => makeNode(`n${i}`, s));
					for (const n of nodes) cache.addNode(n);
					const bound: Pod[] = [];
					ops.forEach((o, step) => {
						if (o.op === 'add') {
							const p = makePod(`p${step}`, o.pod);
							const b = {
								...p,
								spec: { ...p.spec, containers: [], nodeName: `n${o.pick % nodes.length}` }
							};
							cache.addPod(b);
							bound.push(b);
						} else if (o.op === 'delete' && bound.length > 0) {
							cache.removePod(bound.splice(o.pick % bound.length, 1)[0] as Pod);
						} else if (o.op === 'terminate' && bound.length > 0) {
							const i = o.pick % bound.length;
							const old = bound[i] as Pod;
							const dying = { ...old, metadata: { ...old.metadata, deletionTimestamp: 'x' } };
							cache.addPod(dying); // the same key: replaces the live one
							bound[i] = dying;
						} else if (o.op === 'relabel') {
							const i = o.pick % nodes.length;
							const rack = RACKS[Math.trunc(o.pick / nodes.length) % RACKS.length];
							nodes[i] = makeNode(`n${i}`, { ...(specs[i] as NodeSpec), rack }, o.zone);
							cache.updateNode(nodes[i] as Node);
						} else if (o.op === 'bounce') {
							const i = o.pick % nodes.length;
							cache.removeNode(`n${i}`);
							if (o.pick % 2 === 0) cache.addNode(nodes[i] as Node);
						}
						// Ask for counters (which may evict others) in an order of the run's
						// choosing, and check each against a walk over the pods.
						for (let k = 0; k < selectors.length * 2; k++) {
							const j = (o.sel + k) % (selectors.length * 2);
							const raw = selectors[j % selectors.length];
							const ns = j < selectors.length ? o.ns : o.ns === 'other' ? 'default' : 'other';
							const c = cache.podCounter(ns, labelSelector(raw));
							const ref = refLabelSelector(raw);
							const walk = (ni: NodeInfo) => countOn(ni, ref, ns);
							for (const ni of cache.nodes()) expect(c.counts[ni.slot]).toBe(walk(ni));
							for (const key of [ZONE, 'rack']) {
								const d = cache.domainCounts(c, key);
								const sums = new Map<string, number>();
								let missing = 0;
								for (const ni of cache.nodes()) {
									const v = labelsOf(ni)[key];
									if (v === undefined) missing += walk(ni);
									else sums.set(v, (sums.get(v) ?? 0) + walk(ni));
								}
								expect(d.missing).toBe(missing);
								for (const [v, n] of sums) expect(d.byValue.get(v) ?? 0).toBe(n);
								for (const [v, n] of d.byValue) expect(n).toBe(sums.get(v) ?? 0);
							}
						}
					});
				}
			),
			{ numRuns: 200 }
		);
	});

	it('recounts per-domain sums when a node changes a label other than its zone', () => {
		const cache = createSchedulerCache();
		cache.addNode(buildNode('n0', { labels: { rack: 'r1' } }));
		cache.addPod(buildPod('a', { labels: { app: 'web' }, nodeName: 'n0' }));
		const c = cache.podCounter('default', labelSelector({ matchLabels: { app: 'web' } }));
		expect(cache.domainCounts(c, 'rack').byValue.get('r1')).toBe(1);
		cache.updateNode(buildNode('n0', { labels: { rack: 'r2' } }));
		const d = cache.domainCounts(c, 'rack');
		expect([d.byValue.get('r1') ?? 0, d.byValue.get('r2')]).toEqual([0, 1]);
	});
});
