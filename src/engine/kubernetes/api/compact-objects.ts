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
 *
 * Four fields of those are worked out when read (./shared-fields.ts): status.hostIPs and
 * status.podIPs from hostIP and podIP, metadata.resourceVersion from the revision the object
 * keeps as a number, status.podIP from the address's code (./pod-ip-code) kept the same way
 * (168 bytes a pod of a 150,000-pod lab).
 */
import type { Pod, PodCondition, PodIP, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import './api-v135';
import { type PodIpCode, podIpText } from './pod-ip-code';
import { MAX_FIELDS, Packed, Revision, accessor, sizedObject } from './shared-fields';

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

/** `{ ...object, metadata }`; with `spec`, `{ ...{ ...object, spec }, metadata }`. */
export function withMetadata<T extends { metadata?: ObjectMeta }>(
	object: T,
	metadata: ObjectMeta,
	spec?: PodSpec
): T {
	if (!hasKeys(object, POD_KEYS))
		return spec === undefined ? { ...object, metadata } : { ...object, spec, metadata };
	const pod = object as Pod;
	const out: Pod = {
		apiVersion: pod.apiVersion,
		kind: pod.kind,
		metadata,
		spec: spec ?? pod.spec,
		status: pod.status
	};
	return out as T;
}

/** `{ ...pod, spec, status }` (the scheduler's bind). */
export function withSpecAndStatus(pod: Pod, spec: PodSpec, status: PodStatus): Pod {
	if (!hasKeys(pod, POD_KEYS)) return { ...pod, spec, status };
	return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec, status };
}

/**
 * metadata.resourceVersion of a ReplicaSet pod's metadata, the decimal text of the revision the
 * object keeps as a number (Revision): a small integer costs nothing, a string per pod version
 * 24 bytes.
 */
const RESOURCE_VERSION = accessor(function () {
	return String(Revision.of(this));
});

/**
 * A ReplicaSet pod's metadata (RS_POD_META_KEYS, in that order), `meta`'s fields with the
 * write's revision, its resourceVersion read from that.
 */
function rsPodMetadata(
	meta: ObjectMeta,
	namespace: string | undefined,
	name: string | undefined,
	uid: string | undefined,
	revision: number,
	creationTimestamp: string | undefined,
	generation: number | undefined
): ObjectMeta {
	// Eight fields and the revision, all in the object.
	const o = sizedObject(9);
	o.generateName = meta.generateName;
	o.namespace = namespace;
	o.labels = meta.labels;
	o.ownerReferences = meta.ownerReferences;
	o.name = name;
	o.uid = uid;
	Object.defineProperty(o, 'resourceVersion', RESOURCE_VERSION);
	o.creationTimestamp = creationTimestamp;
	o.generation = generation;
	Revision.stamp(o, revision);
	return o as ObjectMeta;
}

/** `{ ...meta, resourceVersion }` (a write's new resourceVersion; no other field changes). */
export function withResourceVersion(meta: ObjectMeta, revision: number): ObjectMeta {
	if (!hasKeys(meta, RS_POD_META_KEYS)) return { ...meta, resourceVersion: String(revision) };
	return rsPodMetadata(
		meta,
		meta.namespace,
		meta.name,
		meta.uid,
		revision,
		meta.creationTimestamp,
		meta.generation
	);
}

/** What a new pod's metadata gets from the API server. */
export interface Named {
	name: string;
	namespace: string;
	uid: string;
	/** The write's revision (metadata.resourceVersion in decimal). */
	revision: number;
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
	// registry/core/pod/strategy.go PrepareForCreate (PodObservedGenerationTracking, GA in 1.35).
	const generation = 1;
	const { name, namespace, uid, revision, creationTimestamp } = n;
	return rsPodMetadata(meta, namespace, name, uid, revision, creationTimestamp, generation);
}

/** The kubelet's status fields (container-state.ts podStatus), in the order it writes them. */
export interface KubeletStatus {
	phase: string;
	conditions: PodStatus['conditions'];
	containerStatuses: PodStatus['containerStatuses'];
	/** hostIPs is `[{ ip: hostIP }]`. */
	hostIP: string;
	/**
	 * Absent until the pod has an address (./pod-ip-code: a code or the text); podIPs is then
	 * `[{ ip: podIP }]`.
	 */
	podIP?: PodIpCode;
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

/** `[{ ip }]` per host address: every pod of a node reports the same hostIPs, never changed in place. */
const HOST_IP_LISTS = new Map<string, PodIP[]>();

function hostIPList(ip: string): PodIP[] {
	let list = HOST_IP_LISTS.get(ip);
	if (list === undefined) HOST_IP_LISTS.set(ip, (list = [{ ip }]));
	return list;
}

/**
 * status.hostIPs and status.podIPs made from hostIP and podIP when read: a pod's own podIPs
 * list (a list, its backing store and an object) is 88 bytes of a pod the status already says,
 * and the field holding the node's shared hostIPs list 8 more.
 */
const HOST_IPS = accessor(function () {
	return hostIPList(this.hostIP as string);
});
const POD_IPS = accessor(function (): PodIP[] {
	return [{ ip: this.podIP as string }];
});
/** status.podIP, the text of the code the status keeps (Packed): 32 bytes a pod otherwise. */
const POD_IP = accessor(function () {
	return podIpText(Packed.of(this));
});

/** Defines status.podIP and podIPs on `o`, from `code`. */
function addressed(o: Record<string, unknown>, code: PodIpCode): void {
	Object.defineProperty(o, 'podIP', POD_IP);
	Object.defineProperty(o, 'podIPs', POD_IPS);
	Packed.stamp(o, code);
}

/**
 * The kubelet's status with its fields in the order the spread gives them: `adopted` a pod
 * that went straight from its created status to an addressed one (podIP before startTime).
 */
function statusObject(f: KubeletStatus, adopted: boolean): PodStatus {
	const code = f.podIP;
	// Seven fields, and the IP's code once there is one, all in the object.
	const o = sizedObject(code !== undefined ? 8 : 7);
	o.phase = f.phase;
	o.qosClass = f.qosClass;
	o.conditions = f.conditions;
	o.containerStatuses = f.containerStatuses;
	o.hostIP = f.hostIP;
	Object.defineProperty(o, 'hostIPs', HOST_IPS);
	if (adopted) addressed(o, code!);
	o.startTime = f.startTime;
	o.observedGeneration = f.observedGeneration;
	if (code !== undefined && !adopted) addressed(o, code);
	return o as PodStatus;
}

/** `{ ...status, ...fields }`, the kubelet's status write. */
export function kubeletStatus(status: PodStatus | undefined, f: KubeletStatus): PodStatus {
	const base = status ?? {};
	const addressed = f.podIP !== undefined;
	if (
		addressed
			? hasKeys(base, STARTED_KEYS) || hasKeys(base, ADDRESSED_KEYS)
			: hasKeys(base, SCHEDULED_KEYS) || hasKeys(base, STARTED_KEYS)
	)
		return statusObject(f, false);
	// A pod the kubelet adopts running (the cluster's add-ons, kubelet/settled-pods.ts) goes
	// straight from its created status to an addressed one: the spread's order, in one shape.
	if (addressed && hasKeys(base, CREATED_KEYS)) return statusObject(f, true);
	const ip = addressed ? podIpText(f.podIP!) : undefined;
	return {
		...base,
		phase: f.phase,
		conditions: f.conditions,
		containerStatuses: f.containerStatuses,
		hostIP: f.hostIP,
		hostIPs: hostIPList(f.hostIP),
		...(ip !== undefined ? { podIP: ip, podIPs: [{ ip }] } : {}),
		qosClass: f.qosClass,
		startTime: f.startTime,
		observedGeneration: f.observedGeneration
	};
}

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
	// (Object.assign would copy a symbol-keyed field too: a spec never has one.)
	if (keys.length > MAX_FIELDS || keys.includes('__proto__'))
		return Object.assign({}, spec, { nodeName });
	// The spec's fields in their order, then nodeName in its place or last: one assign copies
	// them into the sized object (the same fields, in-object) faster than a store per field.
	const out = Object.assign(sizedObject(keys.length), spec);
	out.nodeName = nodeName;
	return out as unknown as PodSpec;
}
