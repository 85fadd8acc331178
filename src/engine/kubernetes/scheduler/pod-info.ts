/**
 * framework.PodInfo: what the plugins read of a pod, computed once per pod object
 * (pkg/scheduler/framework/types.go NewPodInfo, GetAffinityTerms).
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { NOTHING, labelSelector, type Labels, type Selector } from './labels';
import { podRequests, type Requests } from './resources';

export interface HostPort {
	ip: string;
	protocol: string;
	port: number;
}

/** framework.AffinityTerm: namespaces, namespaceSelector, label selector, topology key. */
export interface AffinityTerm {
	namespaces: ReadonlySet<string>;
	namespaceSelector: Selector;
	selector: Selector;
	topologyKey: string;
	weight: number;
}

export interface PodInfo {
	readonly pod: Pod;
	readonly key: string;
	readonly namespace: string;
	readonly labels: Labels;
	readonly requests: Requests;
	readonly nonZeroMilliCPU: number;
	readonly nonZeroMemory: number;
	/** Pods with equal shapes get equal resource scores on a node (see NodeInfo.memoShape). */
	readonly shape: number;
	readonly ports: readonly HostPort[];
	readonly requiredAffinity: readonly AffinityTerm[];
	readonly requiredAntiAffinity: readonly AffinityTerm[];
	readonly preferredAffinity: readonly AffinityTerm[];
	readonly preferredAntiAffinity: readonly AffinityTerm[];
	/** NodeInfo.PodsWithAffinity membership: any pod (anti-)affinity at all. */
	readonly hasAffinity: boolean;
	readonly priority: number;
	readonly terminating: boolean;
}

const NO_TERMS: readonly AffinityTerm[] = Object.freeze([]);

function termsOf(
	pod: Pod,
	terms: readonly PodAffinityTerm[] | undefined,
	w?: readonly number[]
): readonly AffinityTerm[] {
	if (!terms?.length) return NO_TERMS;
	const ns = pod.metadata?.namespace ?? 'default';
	return (terms ?? []).map((t, i): AffinityTerm => {
		// getNamespacesFromPodAffinityTerm: no namespaces and no selector means the pod's own.
		const own = !t.namespaces?.length && !t.namespaceSelector;
		return {
			namespaces: new Set(own ? [ns] : (t.namespaces ?? [])),
			namespaceSelector: t.namespaceSelector ? labelSelector(t.namespaceSelector) : NOTHING,
			selector: labelSelector(t.labelSelector),
			topologyKey: t.topologyKey,
			weight: w?.[i] ?? 0
		};
	});
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined) {
	if (!terms?.length) return NO_TERMS;
	const list = terms;
	return termsOf(
		pod,
		list.map((t) => t.podAffinityTerm),
		list.map((t) => t.weight)
	);
}

const podInfos = new WeakMap<Pod, PodInfo>();
const shapes = new Map<string, number>();

/** A small integer per distinct (requests, non-zero requests) combination. */
function shapeOf(r: Requests, nonZero: Requests): number {
	const scalar = r.scalar ? JSON.stringify(r.scalar) : '';
	const key = `${r.milliCPU},${r.memory},${r.ephemeralStorage},${nonZero.milliCPU},${nonZero.memory},${scalar}`;
	let id = shapes.get(key);
	if (id === undefined) {
		if (shapes.size > 100_000) shapes.clear(); // ids stay unique: clearing only forgets keys
		shapes.set(key, (id = nextShape++));
	}
	return id;
}
let nextShape = 0;

/** framework.NewPodInfo, memoised per pod object. */
export function podInfo(pod: Pod): PodInfo {
	let info = podInfos.get(pod);
	if (info) return info;
	const a = pod.spec?.affinity;
	const nonZero = podRequests(pod, true);
	const requests = podRequests(pod, false);
	const ports: HostPort[] = [];
	for (const c of pod.spec?.containers ?? [])
		for (const p of c.ports ?? [])
			if ((p.hostPort ?? 0) > 0)
				ports.push({
					ip: p.hostIP || '0.0.0.0',
					protocol: p.protocol || 'TCP',
					port: p.hostPort ?? 0
				});
	info = {
		pod,
		key: podKey(pod),
		namespace: pod.metadata?.namespace ?? 'default',
		labels: pod.metadata?.labels ?? {},
		requests,
		nonZeroMilliCPU: nonZero.milliCPU,
		nonZeroMemory: nonZero.memory,
		shape: shapeOf(requests, nonZero),
		ports,
		requiredAffinity: termsOf(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
		requiredAntiAffinity: termsOf(
			pod,
			a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution
		),
		preferredAffinity: weighted(
			pod,
			a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution
		),
		preferredAntiAffinity: weighted(
			pod,
			a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution
		),
		hasAffinity: !!(a?.podAffinity || a?.podAntiAffinity),
		priority: pod.spec?.priority ?? 0,
		terminating: !!pod.metadata?.deletionTimestamp
	};
	podInfos.set(pod, info);
	return info;
}

/** The cache key: the UID when there is one (GetPodKey), else namespace/name. */
export function podKey(pod: Pod): string {
	return pod.metadata?.uid || `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}
