/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that
 * match the selector, adopting matching orphans, creating from the template what is missing and
 * deleting the surplus in the real victim order; then writes the status counts.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import type { Involved } from '../api/events';
import { PODS, REPLICASETS, key, splitKey } from '../api/collections';
import { controllerOf, isActive, isReady, podNamespace, selectorMatches } from '../pods';
import { requestPodDeletion } from '../pod-deletion';
import { rankForScaleDown } from './victims';
import { WorkQueue } from './work-queue';
import { RetryBackoff } from './retry-backoff';
import { admissionRefusal, classesOf, qosClassOf, withClassPriority } from './workload-pods';
import { podQuotaRefusal } from './resource-quota-controller';
import { withLimitRangeDefaults } from './limit-ranger-admission';
import { LIMIT_RANGER_ANNOTATION } from '../../manifests/limit-ranger';
import { replicaSetConditions } from './replica-failure';
import { CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS } from '../defaults';
import { rfc3339 } from '../../core/time';

export class ReplicaSetController {
	private readonly queue: WorkQueue;
	/** The queue's rate limiter (workqueue.DefaultControllerRateLimiter). */
	private readonly retries: RetryBackoff;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'replicaset-controller', (k) => this.sync(k));
		this.retries = new RetryBackoff(
			kernel,
			'replicaset-controller',
			CONTROLLER_RETRY_BASE_MS,
			CONTROLLER_RETRY_MAX_MS
		);
		kernel.store.watch<ReplicaSet>(REPLICASETS, (e) => this.queue.add(e.key));
		kernel.store.watch<Pod>(PODS, (e) => this.podChanged(e.object));
	}

	private podChanged(pod: Pod): void {
		const refs = pod.metadata?.ownerReferences;
		const ns = podNamespace(pod);
		// A ReplicaSet's pods share one ownerReferences list (sharedParts): its key is made once.
		const known = refs === undefined ? undefined : OWNER_KEYS.get(refs);
		if (known !== undefined && known.namespace === ns) {
			this.queue.add(known.key);
			return;
		}
		const owner = refs?.find((r) => r.controller === true);
		if (owner?.kind === 'ReplicaSet') {
			const ownerKey = key(ns, owner.name);
			OWNER_KEYS.set(refs!, { namespace: ns, key: ownerKey });
			this.queue.add(ownerKey);
			return;
		}
		if (owner === undefined) {
			// An orphan: every ReplicaSet whose selector matches may adopt it.
			for (const rs of this.api.list<ReplicaSet>(REPLICASETS, ns)) {
				if (selectorMatches(rs.spec?.selector, pod.metadata?.labels)) {
					this.queue.add(key(ns, rs.metadata!.name!));
				}
			}
		}
	}

	private sync(rsKey: string): void {
		const { namespace, name } = splitKey(rsKey);
		const rs = this.api.get<ReplicaSet>(REPLICASETS, namespace, name);
		if (rs === undefined || rs.metadata?.deletionTimestamp !== undefined) {
			this.retries.forget(rsKey);
			return;
		}
		const uid = rs.metadata!.uid!;
		const owned = this.claimOwned(rs, this.api.pods.ownedBy(uid));
		const adopted = this.api.pods
			.orphans(namespace)
			.filter((p) => selectorMatches(rs.spec!.selector, p.metadata?.labels) && this.adopt(rs, p));
		const active = (adopted.length === 0 ? owned : [...owned, ...adopted]).filter(isActive);
		const want = rs.spec?.replicas ?? 1;
		let refused: string | undefined;
		if (active.length < want) {
			refused = this.createPods(rs, want - active.length);
		} else if (active.length > want) {
			for (const victim of rankForScaleDown(active, this.kernel.now).slice(
				0,
				active.length - want
			)) {
				requestPodDeletion(this.kernel, this.api, victim);
				this.api.events.record(rsRef(rs), {
					type: 'Normal',
					reason: 'SuccessfulDelete',
					message: `Deleted pod: ${victim.metadata!.name}`,
					source: 'replicaset-controller'
				});
			}
		}
		// With nothing adopted, created or deleted, the pods just read are still the pods: the
		// status needs no second read (a sync runs at every write to any of the set's pods).
		const unchanged = adopted.length === 0 && active.length === want;
		this.writeStatus(rs, unchanged ? active : undefined, refused);
		// processNextWorkItem: a failed sync is requeued with backoff (AddRateLimited); one that
		// succeeds forgets the key's failures (Forget).
		if (refused !== undefined) this.queue.add(rsKey, this.retries.when(rsKey));
		else this.retries.forget(rsKey);
	}

	/**
	 * manageReplicas: creates `count` pods in slowStartBatch batches of 1, 2, 4 … (controller.
	 * SlowStartInitialBatchSize = 1), stopping after a batch with a failure. Every pod of one
	 * template meets the same admission, so the template is checked once: a refusal fails the
	 * first batch of one pod (one FailedCreate event) and the sync. Returns the API server's error.
	 */
	private createPods(rs: ReplicaSet, count: number): string | undefined {
		const shared = sharedParts(rs);
		const template = {
			metadata: { generateName: shared.generateName, namespace: rs.metadata!.namespace },
			spec: rs.spec!.template!.spec
		};
		// What the pods share, worked out once for the batch (nothing they are made from
		// changes while it is created), when the first is admitted.
		let made: PodParts | undefined;
		for (let i = 0; i < count; i++) {
			// ResourceQuota admission counts each pod, so a quota may run out part-way.
			const refused =
				i === 0 ? admissionRefusal(this.api, template) : podQuotaRefusal(this.api, template);
			if (refused !== undefined) {
				this.api.events.record(rsRef(rs), {
					type: 'Warning',
					reason: 'FailedCreate',
					message: `Error creating: ${refused}`,
					source: 'replicaset-controller'
				});
				return refused;
			}
			this.createPod(rs, made ?? (made = this.podParts(rs)));
		}
		return undefined;
	}

	/**
	 * ClaimPods (controller_ref_manager.go ClaimObject): a pod this set owns whose labels no
	 * longer match its selector (relabelled by hand) is released — its controller reference
	 * removed — so it runs on as an orphan and the set makes a replacement.
	 */
	private claimOwned(rs: ReplicaSet, owned: Pod[]): Pod[] {
		const kept: Pod[] = [];
		// Pods made from one template share one labels object: match each object once.
		let matched: Record<string, string> | undefined;
		for (const pod of owned) {
			const labels = pod.metadata?.labels;
			if (labels !== undefined && labels === matched) kept.push(pod);
			else if (selectorMatches(rs.spec!.selector, labels)) {
				matched = labels;
				kept.push(pod);
			} else this.release(rs, pod);
		}
		return kept;
	}

	private release(rs: ReplicaSet, pod: Pod): void {
		const uid = rs.metadata!.uid!;
		const refs = (pod.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
		const metadata = { ...pod.metadata };
		if (refs.length > 0) metadata.ownerReferences = refs;
		else delete metadata.ownerReferences;
		this.api.update<Pod>(PODS, { ...pod, metadata });
	}

	/** Adopts an orphan whose labels match (ownerReferences with controller: true). */
	private adopt(rs: ReplicaSet, pod: Pod): boolean {
		if (controllerOf(pod) !== undefined || !isActive(pod)) return false;
		this.api.update<Pod>(PODS, {
			...pod,
			metadata: {
				...pod.metadata,
				ownerReferences: [...(pod.metadata?.ownerReferences ?? []), ownerRef(rs)]
			}
		});
		return true;
	}

	/** The admitted spec, annotations and QoS class of the pods `rs` creates now. */
	private podParts(rs: ReplicaSet): PodParts {
		const template = rs.spec!.template!;
		// LimitRanger's defaults, when the namespace has LimitRanges (limit-ranger-admission.ts).
		const { spec, annotation } = withLimitRangeDefaults(
			this.api,
			rs.metadata!.namespace!,
			withClassPriority(template.spec!, classesOf(this.api))
		);
		const annotations =
			annotation === undefined
				? template.metadata?.annotations
				: { ...template.metadata?.annotations, [LIMIT_RANGER_ANNOTATION]: annotation };
		return { spec, annotations, qosClass: qosClassOf(spec), involved: rsRef(rs) };
	}

	private createPod(rs: ReplicaSet, parts: PodParts): void {
		const shared = sharedParts(rs);
		const { spec, annotations } = parts;
		const namespace = rs.metadata!.namespace;
		const { generateName, labels, ownerReferences } = shared;
		// Two literals rather than a spread of optional annotations: the same fields in the same
		// order, in an object of one shape.
		const metadata: ObjectMeta = annotations
			? { generateName, namespace, labels, annotations: { ...annotations }, ownerReferences }
			: { generateName, namespace, labels, ownerReferences };
		const pod = this.api.create<Pod>(PODS, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata,
			spec,
			status: { phase: 'Pending', qosClass: parts.qosClass }
		});
		this.api.events.record(parts.involved, {
			type: 'Normal',
			reason: 'SuccessfulCreate',
			message: `Created pod: ${pod.metadata!.name}`,
			source: 'replicaset-controller'
		});
	}

	private writeStatus(rs: ReplicaSet, activePods?: Pod[], refused?: string): void {
		const current = this.api.get<ReplicaSet>(
			REPLICASETS,
			rs.metadata!.namespace!,
			rs.metadata!.name!
		);
		if (current === undefined) return;
		const uid = current.metadata!.uid!;
		const owned = activePods ?? this.api.pods.ownedBy(uid).filter(isActive);
		// Counted, not filtered: a sync runs at every write to any of the set's pods.
		let ready = 0;
		for (const pod of owned) if (isReady(pod)) ready++;
		const old: NonNullable<ReplicaSet['status']> = current.status ?? { replicas: 0 };
		// calculateStatus: ReplicaFailure while pods cannot be created (./replica-failure.ts).
		const conditions =
			refused === undefined && old.conditions === undefined
				? undefined
				: replicaSetConditions(
						old.conditions,
						refused,
						owned.length - (current.spec?.replicas ?? 1),
						rfc3339(this.kernel.now)
					);
		const status = {
			replicas: owned.length,
			fullyLabeledReplicas: owned.length,
			readyReplicas: ready,
			availableReplicas: ready,
			observedGeneration: current.metadata!.generation ?? 1,
			...(conditions !== undefined ? { conditions } : {})
		};
		if (
			old.replicas === status.replicas &&
			(old.readyReplicas ?? 0) === ready &&
			(old.availableReplicas ?? 0) === ready &&
			old.observedGeneration === status.observedGeneration &&
			old.conditions === conditions
		) {
			return;
		}
		this.api.update<ReplicaSet>(REPLICASETS, { ...current, status });
	}
}

/**
 * The work-queue key of the ReplicaSet controlling pods with this ownerReferences list (stored
 * lists are never changed in place), for pods in `namespace`.
 */
const OWNER_KEYS = new WeakMap<readonly OwnerReference[], { namespace: string; key: string }>();

/** What the pods one sync creates share (`podParts`). */
interface PodParts {
	spec: PodSpec;
	annotations: Record<string, string> | undefined;
	qosClass: string;
	/** The involved object of the SuccessfulCreate events. */
	involved: Involved;
}

/** What every pod of one ReplicaSet carries alike. */
interface SharedParts {
	name: string;
	uid: string;
	generateName: string;
	labels: Record<string, string>;
	ownerReferences: ReturnType<typeof ownerRef>[];
}

/**
 * The parts a ReplicaSet's pods share, made once per template: stored objects are never changed
 * in place, so a thousand replicas can hold one labels object and one ownerReferences list.
 */
const SHARED = new WeakMap<object, SharedParts>();

function sharedParts(rs: ReplicaSet): SharedParts {
	const template = rs.spec!.template!;
	const name = rs.metadata!.name!;
	const uid = rs.metadata!.uid!;
	let parts = SHARED.get(template);
	if (parts === undefined || parts.name !== name || parts.uid !== uid) {
		parts = {
			name,
			uid,
			generateName: `${name}-`,
			labels: { ...template.metadata?.labels },
			ownerReferences: [ownerRef(rs)]
		};
		SHARED.set(template, parts);
	}
	return parts;
}

export function ownerRef(rs: ReplicaSet) {
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		name: rs.metadata!.name!,
		uid: rs.metadata!.uid!,
		controller: true,
		blockOwnerDeletion: true
	};
}

function rsRef(rs: ReplicaSet): Involved {
	return {
		kind: 'ReplicaSet',
		name: rs.metadata!.name!,
		namespace: rs.metadata!.namespace,
		uid: rs.metadata!.uid,
		apiVersion: 'apps/v1'
	};
}
