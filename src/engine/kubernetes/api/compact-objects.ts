/**
 * The objects every pod version carries (the pod, its metadata, spec and status), built so
 * that V8 keeps all their fields inside the object.
 *
 * A spread at a site that sees objects of many shapes (the API server's write path sees every
 * kind) makes an object with four in-object fields and the rest in a separate PropertyArray,
 * about 40 bytes more per object; a spread that adds fields does the same. An object literal
 * gets exactly its fields in-object. So the common shapes (a ReplicaSet's pods, the status the
 * kubelet writes) are rebuilt here from literals: the same keys in the same order with the same
 * values, so nothing a reader sees changes. Any other shape takes the spread as before.
 */
import type { Pod, PodCondition, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import './api-v135';

/** Whether `o`'s own enumerable keys are exactly `keys`, in that order. */
export function hasKeys(o: object, keys: readonly string[]): boolean {
	let i = 0;
	for (const k in o) if (k !== keys[i++]) return false;
	return i === keys.length;
}

const POD_KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

/** A ReplicaSet's pod once the API server has named it (replicaset-controller createPod). */
const RS_POD_META_KEYS = [
	'generateName',
	'namespace',
	'labels',
	'ownerReferences',
	'name',
	'uid',
	'resourceVersion',
	'creationTimestamp',
	'generation'
] as const;

/** `{ ...object, metadata }`. */
export function withMetadata<T extends { metadata?: ObjectMeta }>(
	object: T,
	metadata: ObjectMeta
): T {
	if (!hasKeys(object, POD_KEYS)) return { ...object, metadata };
	const pod = object as Pod;
	const out: Pod = {
		apiVersion: pod.apiVersion,
		kind: pod.kind,
		metadata,
		spec: pod.spec,
		status: pod.status
	};
	return out as T;
}

/** `{ ...pod, spec, status }` (the scheduler's bind). */
export function withSpecAndStatus(pod: Pod, spec: PodSpec, status: PodStatus): Pod {
	if (!hasKeys(pod, POD_KEYS)) return { ...pod, spec, status };
	return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec, status };
}

/** `{ ...meta, resourceVersion }` (a write's new resourceVersion; no other field changes). */
export function withResourceVersion(meta: ObjectMeta, resourceVersion: string): ObjectMeta {
	if (!hasKeys(meta, RS_POD_META_KEYS)) return { ...meta, resourceVersion };
	return {
		generateName: meta.generateName,
		namespace: meta.namespace,
		labels: meta.labels,
		ownerReferences: meta.ownerReferences,
		name: meta.name,
		uid: meta.uid,
		resourceVersion,
		creationTimestamp: meta.creationTimestamp,
		generation: meta.generation
	};
}

/** What a new pod's metadata gets from the API server. */
export interface Named {
	name: string;
	namespace: string;
	uid: string;
	resourceVersion: string;
	creationTimestamp: string;
}

const RS_POD_TEMPLATE_META_KEYS = [
	'generateName',
	'namespace',
	'labels',
	'ownerReferences'
] as const;

/**
 * `{ ...meta, name, namespace, uid, resourceVersion, creationTimestamp }` for a namespaced
 * object without a generation, or undefined when `meta` is not a ReplicaSet pod's.
 */
export function namedPodMetadata(meta: ObjectMeta, n: Named): ObjectMeta | undefined {
	if (!hasKeys(meta, RS_POD_TEMPLATE_META_KEYS)) return undefined;
	return {
		generateName: meta.generateName,
		namespace: n.namespace,
		labels: meta.labels,
		ownerReferences: meta.ownerReferences,
		name: n.name,
		uid: n.uid,
		resourceVersion: n.resourceVersion,
		creationTimestamp: n.creationTimestamp,
		// registry/core/pod/strategy.go PrepareForCreate (PodObservedGenerationTracking, GA in 1.35).
		generation: 1
	};
}

/** The kubelet's status fields (container-state.ts podStatus), in the order it writes them. */
export interface KubeletStatus {
	phase: string;
	conditions: PodStatus['conditions'];
	containerStatuses: PodStatus['containerStatuses'];
	hostIP: string;
	hostIPs: PodStatus['hostIPs'];
	/** With podIPs; both absent until the pod has an address. */
	podIP?: string;
	podIPs?: PodStatus['podIPs'];
	qosClass: string;
	startTime: string;
	/** The metadata.generation the status was made from (KEP-5067, GA in v1.35). */
	observedGeneration: number;
}

/** What the ReplicaSet controller creates a pod with (workload-pods.ts). */
const CREATED_KEYS = ['phase', 'qosClass'] as const;
/** After the scheduler's write: what the ReplicaSet created, plus PodScheduled. */
const SCHEDULED_KEYS = [...CREATED_KEYS, 'conditions'] as const;

/** `{ ...status, conditions }`, the scheduler's write of PodScheduled. */
export function withConditions(
	status: PodStatus | undefined,
	conditions: PodCondition[]
): PodStatus {
	const base = status ?? {};
	if (!hasKeys(base, CREATED_KEYS) && !hasKeys(base, SCHEDULED_KEYS))
		return { ...base, conditions };
	return { phase: base.phase, qosClass: base.qosClass, conditions };
}
/** After the kubelet's first write, before the pod has an IP. */
const STARTED_KEYS = [
	...SCHEDULED_KEYS,
	'containerStatuses',
	'hostIP',
	'hostIPs',
	'startTime',
	'observedGeneration'
];
const ADDRESSED_KEYS = [...STARTED_KEYS, 'podIP', 'podIPs'];

/** `{ ...status, ...fields }`, the kubelet's status write. */
export function kubeletStatus(status: PodStatus | undefined, f: KubeletStatus): PodStatus {
	const base = status ?? {};
	const addressed = f.podIP !== undefined;
	if (
		addressed
			? hasKeys(base, STARTED_KEYS) || hasKeys(base, ADDRESSED_KEYS)
			: hasKeys(base, SCHEDULED_KEYS) || hasKeys(base, STARTED_KEYS)
	) {
		if (!addressed)
			return {
				phase: f.phase,
				qosClass: f.qosClass,
				conditions: f.conditions,
				containerStatuses: f.containerStatuses,
				hostIP: f.hostIP,
				hostIPs: f.hostIPs,
				startTime: f.startTime,
				observedGeneration: f.observedGeneration
			};
		return {
			phase: f.phase,
			qosClass: f.qosClass,
			conditions: f.conditions,
			containerStatuses: f.containerStatuses,
			hostIP: f.hostIP,
			hostIPs: f.hostIPs,
			startTime: f.startTime,
			observedGeneration: f.observedGeneration,
			podIP: f.podIP,
			podIPs: f.podIPs
		};
	}
	// A pod the kubelet adopts running (the cluster's add-ons, kubelet/settled-pods.ts) goes
	// straight from its created status to an addressed one. A literal in the spread's order: a
	// spread here gives each such status a hidden class of its own (5,000 kube-proxy pods).
	if (addressed && hasKeys(base, CREATED_KEYS))
		return {
			phase: f.phase,
			qosClass: f.qosClass,
			conditions: f.conditions,
			containerStatuses: f.containerStatuses,
			hostIP: f.hostIP,
			hostIPs: f.hostIPs,
			podIP: f.podIP,
			podIPs: f.podIPs,
			startTime: f.startTime,
			observedGeneration: f.observedGeneration
		};
	return {
		...base,
		phase: f.phase,
		conditions: f.conditions,
		containerStatuses: f.containerStatuses,
		hostIP: f.hostIP,
		hostIPs: f.hostIPs,
		...(addressed ? { podIP: f.podIP, podIPs: f.podIPs } : {}),
		qosClass: f.qosClass,
		startTime: f.startTime,
		observedGeneration: f.observedGeneration
	};
}

/**
 * Constructors whose objects are plain (their prototype is Object.prototype, as a literal's)
 * with exactly `n` in-object fields. V8 gives a constructor's first objects room for as many
 * fields as its body assigns to `this` (counted by the parser, reached or not), then shrinks
 * that to what the first few used (slack tracking): so the body names MAX_FIELDS fields it never
 * sets, and each constructor is run a few times with `n` fields when this module loads. With an
 * empty body the room stops at about ten, and a pod's spec spilled into a property array.
 */
const MAX_FIELDS = 24;
/** Never true: it only keeps the parser's count of the fields below. */
let neverSet = false;
const SIZED: (new () => Record<string, unknown>)[] = [];
for (let n = 0; n <= MAX_FIELDS; n++) {
	const Sized = function (this: Record<string, unknown>) {
		if (neverSet) {
			this.f0 = this.f1 = this.f2 = this.f3 = this.f4 = this.f5 = this.f6 = this.f7 = 0;
			this.f8 = this.f9 = this.f10 = this.f11 = this.f12 = this.f13 = this.f14 = this.f15 = 0;
			this.f16 = this.f17 = this.f18 = this.f19 = this.f20 = this.f21 = this.f22 = this.f23 = 0;
		}
	} as unknown as new () => Record<string, unknown>;
	Sized.prototype = Object.prototype;
	for (let w = 0; w < 12; w++) {
		const o = new Sized();
		for (let k = 0; k < n; k++) o[`f${k}`] = 0;
	}
	SIZED.push(Sized);
}
neverSet = false;

/** Field lists of the specs pods were bound with, by the spec they were copied from. */
const SPEC_KEYS = new WeakMap<PodSpec, string[]>();

/**
 * `{ ...spec, nodeName }`, the spec of a bound pod: one per pod (its node is its own), so kept
 * in a compact object of the spec's size. Specs come from templates of any shape, hence a
 * sized plain object filled field by field rather than a literal.
 */
export function boundSpec(spec: PodSpec, nodeName: string): PodSpec {
	let keys = SPEC_KEYS.get(spec);
	if (keys === undefined) {
		keys = Object.keys(spec);
		if (!keys.includes('nodeName')) keys.push('nodeName');
		SPEC_KEYS.set(spec, keys);
	}
	// `__proto__` would set the prototype rather than a field: such a spec takes the spread.
	if (keys.length > MAX_FIELDS || keys.includes('__proto__'))
		return Object.assign({}, spec, { nodeName });
	const out = new SIZED[keys.length]!();
	const from = spec as unknown as Record<string, unknown>;
	for (const k of keys) out[k] = k === 'nodeName' ? nodeName : from[k];
	return out as unknown as PodSpec;
}
