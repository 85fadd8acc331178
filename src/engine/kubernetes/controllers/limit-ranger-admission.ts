/**
 * The LimitRanger admission plugin against the cluster's LimitRanges (manifests/limit-ranger.ts
 * holds the plugin itself): it defaults a new pod's resources — so the QoS class the API
 * server's PrepareForCreate records afterwards is the defaulted pod's — and refuses a pod or
 * claim outside the ranges with `pods "x" is forbidden: …`.
 */
import type { LimitRange, Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/api-server';
import { LIMITRANGES } from '../api/collections';
import { LIMIT_RANGER_ANNOTATION, limitRanger } from '../../manifests/limit-ranger';
import { qosClass } from '../../manifests/admission';

const KINDS: Record<string, string> = {
	pods: 'Pod',
	persistentvolumeclaims: 'PersistentVolumeClaim'
};

/** Runs the plugin on a new object (mutating it); returns the Forbidden text, or undefined. */
export function limitRangerRefusal(
	api: ApiServer,
	resource: string,
	object: { kind?: string; metadata?: { name?: string; namespace?: string; generateName?: string } }
): string | undefined {
	// A controller's template check passes a pod without kind: the resource says what it is.
	const kind = KINDS[resource];
	if (kind === undefined || api.list(LIMITRANGES).length === 0) return undefined;
	const ranges = api.list<LimitRange>(LIMITRANGES, object.metadata?.namespace ?? 'default');
	const refused = limitRanger(kind, object, ranges);
	const pod = object as { spec?: Pod['spec']; status?: Pod['status'] };
	if (kind === 'Pod' && pod.spec !== undefined && pod.status !== undefined)
		pod.status = { ...pod.status, qosClass: qosClass(pod.spec) };
	if (refused === undefined) return undefined;
	const name = object.metadata?.name ?? object.metadata?.generateName ?? '';
	return `${resource} ${JSON.stringify(name)} is forbidden: ${refused}`;
}

interface Defaulted {
	spec: PodSpec;
	/** The `kubernetes.io/limit-ranger` annotation, when the plugin set anything. */
	annotation?: string;
}

/** Per template spec, per state of the namespace's ranges: pods of one template share a spec. */
const DEFAULTED = new WeakMap<PodSpec, Map<string, Defaulted>>();

/**
 * The LimitRanger's defaults for a controller's pods (the ReplicaSet controller's, whose pods
 * share their template's spec): the spec itself when the namespace has no LimitRange.
 */
export function withLimitRangeDefaults(
	api: ApiServer,
	namespace: string,
	spec: PodSpec
): Defaulted {
	if (api.count(LIMITRANGES) === 0) return { spec };
	const ranges = api.list<LimitRange>(LIMITRANGES, namespace);
	if (ranges.length === 0) return { spec };
	const key = ranges.map((r) => `${r.metadata?.name}@${r.metadata?.resourceVersion}`).join(',');
	let byRanges = DEFAULTED.get(spec);
	if (byRanges === undefined) DEFAULTED.set(spec, (byRanges = new Map()));
	let defaulted = byRanges.get(key);
	if (defaulted === undefined) {
		const pod: Pod = { kind: 'Pod', metadata: {}, spec };
		limitRanger('Pod', pod, ranges);
		const annotation = pod.metadata?.annotations?.[LIMIT_RANGER_ANNOTATION];
		defaulted = annotation === undefined ? { spec: pod.spec! } : { spec: pod.spec!, annotation };
		byRanges.set(key, defaulted);
	}
	return defaulted;
}
