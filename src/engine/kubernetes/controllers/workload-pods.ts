/**
 * What the DaemonSet, Job and StatefulSet controllers share: the owner reference they put on
 * their pods, the involved object of their events, and creating a pod from the workload's
 * template (controller.GetPodFromTemplate: the template's labels, annotations and spec, a
 * controller reference, and the API server's pod admission) with its SuccessfulCreate event.
 */
import type { Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer, KubeObject } from '../api/api-server';
import type { Involved } from '../api/events';
import { PODS } from '../api/collections';
import { admitPod } from '../../manifests/admission';
import { requestPodDeletion } from '../pod-deletion';
import { LAB_EPOCH_MS } from '../../core/time';

/** A workload kind and its API group version, as owner references and events name it. */
export interface WorkloadKind {
	kind: 'DaemonSet' | 'StatefulSet' | 'Job';
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
	return {
		kind: kind.kind,
		name: owner.metadata!.name!,
		namespace: owner.metadata!.namespace,
		uid: owner.metadata!.uid,
		apiVersion: kind.apiVersion
	};
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
	/** Changes to the template's spec (daemon tolerations and node affinity, PVC volumes …). */
	spec?: (spec: PodSpec) => PodSpec;
}

/** Creates a pod from the template, owned by `owner`, and records SuccessfulCreate. */
export function createPodFromTemplate(
	api: ApiServer,
	kind: WorkloadKind,
	owner: KubeObject,
	template: PodTemplateSpec,
	options: NewPod = {}
): Pod {
	const spec = copyOf(template.spec!);
	const pod: Pod = {
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
	// Pods made by controllers go through the same admission as any other (manifests/admission.ts).
	admitPod(pod);
	const created = api.create<Pod>(PODS, pod);
	api.events.record(involved(kind, owner), {
		type: 'Normal',
		reason: 'SuccessfulCreate',
		message: options.event ?? `Created pod: ${created.metadata!.name}`,
		source: kind.source
	});
	return created;
}

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
