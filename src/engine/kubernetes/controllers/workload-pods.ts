/**
 * What the DaemonSet, Job and StatefulSet controllers share: the owner reference they put on
 * their pods, the involved object of their events, and creating a pod from the workload's
 * template (controller.GetPodFromTemplate: the template's labels, annotations and spec, a
 * controller reference, and the API server's pod admission) with its SuccessfulCreate event —
 * or, when admission refuses it, the FailedCreate warning instead (RealPodControl.createPods:
 * `Error creating: <the API server's error>`).
 */
import type { Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer, KubeObject } from '../api/api-server';
import { objectRef, type Involved } from '../api/events';
import { PODS, SERVICEACCOUNTS } from '../api/collections';
import { admitPod, podRefusal, qosClass, serviceAccountOf } from '../../manifests/admission';
import { withPodDefaults } from '../../manifests/defaults';
import { applyPriorityClass, type PriorityClasses } from '../../manifests/priority-classes';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { clusterPriorityClasses, PRIORITYCLASSES } from '../api/priority-class-store';
import { requestPodDeletion } from '../pod-deletion';
import { LAB_EPOCH_MS } from '../../core/time';
import { limitRangerRefusal } from './limit-ranger-admission';
import { podQuotaRefusal } from './resource-quota-controller';

/** A workload kind and its API group version, as owner references and events name it. */
export interface WorkloadKind {
	kind: 'DaemonSet' | 'StatefulSet' | 'Job' | 'ReplicaSet';
	apiVersion: 'apps/v1' | 'batch/v1';
	/** The component that records the events (`daemonset-controller`, `job-controller` …). */
	source: string;
}

export function controllerRef(kind: WorkloadKind, owner: KubeObject): OwnerReference {
	return {
		apiVersion: kind.apiVersion,
		kind: kind.kind,
		name: owner.metadata!.name!,
		uid: owner.metadata!.uid!,
		controller: true,
		blockOwnerDeletion: true
	};
}

export function involved(kind: WorkloadKind, owner: KubeObject): Involved {
	return objectRef(kind.kind, kind.apiVersion, owner);
}

export interface NewPod {
	/** A fixed name (StatefulSet ordinals) or, when absent, `<owner>-<5 random characters>`. */
	name?: string;
	/** The prefix of a random name when it is not `<owner>-` (Indexed Jobs: `<job>-<index>-`). */
	generateName?: string;
	labels?: Record<string, string>;
	/** Annotations added to the template's (an Indexed Job's completion index). */
	annotations?: Record<string, string>;
	/** Finalizers (the Job controller's `batch.kubernetes.io/job-tracking`). */
	finalizers?: string[];
	/** The SuccessfulCreate message when it is not `Created pod: <name>` (StatefulSets). */
	event?: string;
	/** The FailedCreate message for the API server's error, when not `Error creating: <error>`. */
	failedEvent?: (error: string) => string;
	/** Changes to the template's spec (daemon tolerations and node affinity, PVC volumes …). */
	spec?: (spec: PodSpec) => PodSpec;
}

/** The pod a controller makes from its template, before the API server sees it. */
export function podFromTemplate(
	kind: WorkloadKind,
	owner: KubeObject,
	template: PodTemplateSpec,
	options: NewPod = {}
): Pod {
	const spec = withPodDefaults(copyOf(template.spec!));
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			...(options.name !== undefined
				? { name: options.name }
				: { generateName: options.generateName ?? `${owner.metadata!.name}-` }),
			namespace: owner.metadata!.namespace,
			labels: { ...template.metadata?.labels, ...options.labels },
			...(template.metadata?.annotations || options.annotations
				? { annotations: { ...template.metadata?.annotations, ...options.annotations } }
				: {}),
			ownerReferences: [controllerRef(kind, owner)],
			...(options.finalizers ? { finalizers: [...options.finalizers] } : {})
		},
		spec: options.spec ? options.spec(spec) : spec
	};
}

/**
 * Creates a pod from the template, owned by `owner`, and records SuccessfulCreate. When the API
 * server's admission refuses the pod, nothing is created: the refusal is recorded as a
 * FailedCreate warning and returned, for the controller to retry its sync later.
 */
export function createPodFromTemplate(
	api: ApiServer,
	kind: WorkloadKind,
	owner: KubeObject,
	template: PodTemplateSpec,
	options: NewPod = {}
): Pod | { refused: string } {
	const pod = podFromTemplate(kind, owner, template, options);
	// Pods made by controllers go through the same admission as any other (manifests/admission.ts).
	const refused = admissionRefusal(api, pod);
	if (refused !== undefined) {
		api.events.record(involved(kind, owner), {
			type: 'Warning',
			reason: 'FailedCreate',
			message: options.failedEvent?.(refused) ?? `Error creating: ${refused}`,
			source: kind.source
		});
		return { refused };
	}
	admitPod(pod, classesOf(api));
	const created = api.create<Pod>(PODS, pod);
	api.events.record(involved(kind, owner), {
		type: 'Normal',
		reason: 'SuccessfulCreate',
		message: options.event ?? `Created pod: ${created.metadata!.name}`,
		source: kind.source
	});
	return created;
}

/**
 * The API server's refusal of a pod a controller is about to create (ServiceAccount, then
 * Priority admission), or undefined: two map lookups, so a controller may ask for every pod.
 */
export function admissionRefusal(api: ApiServer, pod: Pod): string | undefined {
	const namespace = pod.metadata?.namespace ?? 'default';
	// LimitRanger defaults (mutating, so the pod may change) and bounds the pod's resources;
	// ResourceQuota, last of the validating plugins, counts them (AllOrderedPlugins).
	return (
		podRefusal(
			pod,
			namespace,
			(ns, name) => api.get(SERVICEACCOUNTS, ns, name) !== undefined,
			classesOf(api)
		) ??
		limitRangerRefusal(api, 'pods', pod) ??
		podQuotaRefusal(api, pod)
	);
}

/** The cluster's PriorityClasses, for the Priority admission of a controller's pods. */
export function classesOf(api: ApiServer): PriorityClasses {
	// One per API server: it reads the store at each question, so it never goes stale, and the
	// ReplicaSet controller asks for every pod it creates.
	let classes = CLASSES.get(api);
	if (classes === undefined) {
		classes = clusterPriorityClasses(() => api.list<PriorityClass>(PRIORITYCLASSES));
		CLASSES.set(api, classes);
	}
	return classes;
}

const CLASSES = new WeakMap<ApiServer, PriorityClasses>();

/**
 * The template's spec with the priority of its PriorityClass (Priority admission), for the
 * ReplicaSet controller, whose pods share their template's spec rather than each holding a copy:
 * one admitted spec per template spec and class. A spec that names no class, in a cluster without
 * a global default class, gets priority 0 and PreemptLowerPriority, as every other pod does.
 */
export function withClassPriority(template: PodSpec, classes?: PriorityClasses): PodSpec {
	const spec = withServiceAccount(template);
	return withPriority(spec, classes);
}

function withPriority(spec: PodSpec, classes?: PriorityClasses): PodSpec {
	if (spec.priority !== undefined) return spec;
	// '' stands for no class: priority 0 and PreemptLowerPriority (DefaultPriorityWhenNoDefaultClassExists).
	const name = spec.priorityClassName || classes?.globalDefault()?.name || '';
	let byClass = CLASS_PRIORITY_SPECS.get(spec);
	if (byClass === undefined) CLASS_PRIORITY_SPECS.set(spec, (byClass = new Map()));
	let admitted = byClass.get(name);
	if (admitted === undefined) {
		admitted = { ...spec };
		applyPriorityClass(admitted, classes);
		byClass.set(name, admitted);
	}
	return admitted;
}

/**
 * Admitted specs by the template spec they came from (stored objects never change in place) and
 * the class they were admitted under (a class made default later gives later pods its priority).
 */
const CLASS_PRIORITY_SPECS = new WeakMap<PodSpec, Map<string, PodSpec>>();

/**
 * ServiceAccount admission for the ReplicaSet controller's shared specs, as admitPod does for
 * every other pod: the account (`default` when none is named) in serviceAccountName and in its
 * deprecated alias serviceAccount. One admitted spec per template spec.
 */
function withServiceAccount(template: PodSpec): PodSpec {
	// SetDefaults_Pod runs on every pod created: requests from limits, enableServiceLinks.
	const spec = podDefaulted(template);
	const account = serviceAccountOf(spec);
	if (spec.serviceAccountName === account && spec.serviceAccount === account) return spec;
	let admitted = SERVICE_ACCOUNT_SPECS.get(spec);
	if (admitted === undefined) {
		admitted = { ...spec, serviceAccountName: account, serviceAccount: account };
		SERVICE_ACCOUNT_SPECS.set(spec, admitted);
	}
	return admitted;
}

const SERVICE_ACCOUNT_SPECS = new WeakMap<PodSpec, PodSpec>();

/** withPodDefaults, one result per template spec. */
function podDefaulted(template: PodSpec): PodSpec {
	let spec = POD_DEFAULTED_SPECS.get(template);
	if (spec === undefined) POD_DEFAULTED_SPECS.set(template, (spec = withPodDefaults(template)));
	return spec;
}

const POD_DEFAULTED_SPECS = new WeakMap<PodSpec, PodSpec>();

/** The QoS class the API server gives a pod of this admitted spec (PrepareForCreate), memoised. */
export function qosClassOf(spec: PodSpec): string {
	let qos = QOS_CLASSES.get(spec);
	if (qos === undefined) QOS_CLASSES.set(spec, (qos = qosClass(spec)));
	return qos;
}

const QOS_CLASSES = new WeakMap<PodSpec, string>();

/** Deletes a pod gracefully and records SuccessfulDelete (controller_utils.go DeletePod). */
export function deleteControlledPod(
	kernel: Kernel,
	api: ApiServer,
	kind: WorkloadKind,
	owner: KubeObject,
	pod: Pod
): void {
	requestPodDeletion(kernel, api, pod);
	api.events.record(involved(kind, owner), {
		type: 'Normal',
		reason: 'SuccessfulDelete',
		message: `Deleted pod: ${pod.metadata!.name}`,
		source: kind.source
	});
}

/** podutil.IsPodAvailable: Ready for at least minReadySeconds. */
export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
	const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
	if (ready === undefined) return false;
	if (minReadySeconds <= 0) return true;
	const since = ready.lastTransitionTime
		? Date.parse(ready.lastTransitionTime) - LAB_EPOCH_MS
		: now;
	return now - since >= minReadySeconds * 1000;
}

/** A deep copy of a plain API object (what a controller edits before it writes back). */
export function copyOf<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
