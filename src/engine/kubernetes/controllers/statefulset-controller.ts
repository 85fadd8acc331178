/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go
 * updateStatefulSet, v1.35): pods `<set>-0 … <set>-(n-1)` with stable names and hostnames
 * (`hostname` = pod name, `subdomain` = serviceName), each with its own claims
 * `<template>-<set>-<ordinal>` created first (../storage/claims).
 *
 * - OrderedReady: ordinal i+1 is created only once ordinal i is Running and Ready; scaling down
 *   removes the highest ordinal first, one at a time, and only while every other pod is
 *   Running and Ready.
 * - Parallel: every missing pod is created, every condemned pod deleted, without waiting.
 * - A failed pod is deleted and recreated with the same name.
 * - RollingUpdate (partition p): once all pods are Running and Ready, the highest ordinal ≥ p
 *   still at the old revision is deleted, and is recreated at the new one.
 *
 * Claims are kept when pods are deleted or the set scales down (whenScaled/whenDeleted Retain,
 * the defaults).
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, STATEFULSETS, key, splitKey } from '../api/collections';
import {
	CONTROLLER_REVISION_HASH_LABEL,
	STATEFULSET_POD_INDEX_LABEL,
	STATEFULSET_POD_NAME_LABEL
} from '../defaults';
import { isReady, isTerminating, podNamespace } from '../pods';
import { requestPodDeletion } from '../pod-deletion';
import { createMissingClaims, withClaimVolumes } from '../storage/claims';
import {
	CONTROLLER_REVISIONS,
	deleteOrphanRevisions,
	hashOf,
	syncRevision,
	templateOf,
	truncateHistory
} from './controller-revisions';
import { WorkQueue } from './work-queue';
import { RetryBackoff } from './retry-backoff';
import { CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS } from '../defaults';
import { createPodFromTemplate, involved, isAvailable, type WorkloadKind } from './workload-pods';

const KIND: WorkloadKind = {
	kind: 'StatefulSet',
	apiVersion: 'apps/v1',
	source: 'statefulset-controller'
};

export class StatefulSetController {
	private readonly queue: WorkQueue;
	/**
	 * Pods this sync deleted. updateStatefulSet computes the status before it deletes, so they
	 * still count as they were (kubectl's rollout status sees "1 out of 3 new pods" between
	 * two replacements); the next sync sees them terminating.
	 */
	private readonly deletedNow = new Set<string>();
	/** The queue's rate limiter (workqueue.DefaultControllerRateLimiter). */
	private readonly retries: RetryBackoff;
	/** The API server's refusal of a pod this sync tried to create. */
	private refused: string | undefined;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'statefulset-controller', (k) => this.sync(k));
		this.retries = new RetryBackoff(
			kernel,
			'statefulset-controller',
			CONTROLLER_RETRY_BASE_MS,
			CONTROLLER_RETRY_MAX_MS
		);
		kernel.store.watch<StatefulSet>(STATEFULSETS, (e) => this.queue.add(e.key));
		kernel.store.watch<Pod>(PODS, (e) => {
			const owner = e.object.metadata?.ownerReferences?.find((r) => r.controller === true);
			if (owner?.kind === 'StatefulSet') this.queue.add(key(podNamespace(e.object), owner.name));
		});
	}

	private sync(setKey: string): void {
		const { namespace, name } = splitKey(setKey);
		const set = this.api.get<StatefulSet>(STATEFULSETS, namespace, name);
		if (set === undefined) {
			this.retries.forget(setKey);
			deleteOrphanRevisions(this.api, KIND, namespace, name);
			return;
		}
		if (set.metadata?.deletionTimestamp !== undefined) return;
		this.deletedNow.clear();
		this.refused = undefined;
		// getStatefulSetRevisions: the update revision is the current template's; the current
		// revision is the one status names (the one every pod ran before this update).
		const update = syncRevision(this.api, KIND, set);
		const revisions: Revisions = {
			update,
			current:
				this.api.get<ControllerRevision>(
					CONTROLLER_REVISIONS,
					namespace,
					set.status?.currentRevision ?? ''
				) ?? update
		};
		this.reconcile(set, revisions);
		this.writeStatus(set, revisions);
		this.truncateHistory(set, revisions);
		// A pod the API server refused fails the sync: requeued with backoff (AddRateLimited).
		if (this.refused !== undefined) this.queue.add(setKey, this.retries.when(setKey));
		else this.retries.forget(setKey);
	}

	/** truncateHistory: keep the revisions pods run, and the current and update ones. */
	private truncateHistory(set: StatefulSet, revisions: Revisions): void {
		const prefix = `${set.metadata!.name}-`;
		const live = new Set([hashOf(revisions.current), hashOf(revisions.update)]);
		for (const pod of this.api.pods.ownedBy(set.metadata!.uid!)) {
			const name = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
			if (name?.startsWith(prefix)) live.add(name.slice(prefix.length));
		}
		truncateHistory(this.api, set, live);
	}

	/** The set's pods by ordinal (pods whose name is not `<set>-<n>` are not its replicas). */
	private podsByOrdinal(set: StatefulSet): Map<number, Pod> {
		const prefix = `${set.metadata!.name}-`;
		const out = new Map<number, Pod>();
		for (const pod of this.api.pods.ownedBy(set.metadata!.uid!)) {
			const name = pod.metadata!.name!;
			const ordinal = Number(name.slice(prefix.length));
			if (name.startsWith(prefix) && Number.isInteger(ordinal) && ordinal >= 0)
				out.set(ordinal, pod);
		}
		return out;
	}

	private reconcile(set: StatefulSet, revisions: Revisions): void {
		const revision = revisions.update.metadata!.name!;
		const replicas = set.spec?.replicas ?? 1;
		const start = set.spec?.ordinals?.start ?? 0;
		const ordered = (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
		const pods = this.podsByOrdinal(set);
		const runningAndReady = (p: Pod | undefined) =>
			p !== undefined && !isTerminating(p) && p.status?.phase === 'Running' && isReady(p);
		// Replicas, in ordinal order.
		for (let ordinal = start; ordinal < start + replicas; ordinal++) {
			const pod = pods.get(ordinal);
			if (
				pod !== undefined &&
				(pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')
			) {
				// A pod that ended is replaced under the same name once it is gone.
				if (!isTerminating(pod)) this.deletePod(set, pod);
				if (ordered) return;
				continue;
			}
			if (pod === undefined) {
				// A refused pod ends the sync, whatever the policy (runForAll's slow start).
				if (!this.createPod(set, ordinal, revisions) || ordered) return;
				continue;
			}
			if (ordered && !runningAndReady(pod)) return;
		}
		// Condemned pods: ordinals outside [start, start + replicas), highest first.
		const condemned = [...pods.keys()]
			.filter((o) => o < start || o >= start + replicas)
			.sort((a, b) => b - a);
		for (const ordinal of condemned) {
			const pod = pods.get(ordinal)!;
			if (isTerminating(pod)) {
				if (ordered) return;
				continue;
			}
			if (ordered && [...pods.values()].some((p) => p !== pod && !runningAndReady(p))) return;
			this.deletePod(set, pod);
			if (ordered) return;
		}
		this.rollingUpdate(set, revision, pods, start, replicas);
	}

	/** updateStatefulSet's rolling update: one old pod at a time, from the highest ordinal. */
	private rollingUpdate(
		set: StatefulSet,
		revision: string,
		pods: Map<number, Pod>,
		start: number,
		replicas: number
	): void {
		const strategy = set.spec?.updateStrategy;
		if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
		const partition = strategy?.rollingUpdate?.partition ?? 0;
		const live = [...pods.entries()].filter(([o]) => o >= start && o < start + replicas);
		if (live.length < replicas) return;
		const healthy = (p: Pod) => !isTerminating(p) && p.status?.phase === 'Running' && isReady(p);
		if (!live.every(([, p]) => healthy(p))) return;
		const old = live
			.filter(
				([o, p]) =>
					o >= partition && p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== revision
			)
			.sort(([a], [b]) => b - a);
		if (old.length > 0) this.deletePod(set, old[0]![1]);
	}

	/**
	 * newVersionedStatefulSetPod: under RollingUpdate, an ordinal below the partition (or, with
	 * no rollingUpdate, below status.currentReplicas) is recreated at the current revision;
	 * every other one (and every one under OnDelete) at the update revision.
	 */
	private createPod(set: StatefulSet, ordinal: number, revisions: Revisions): boolean {
		const strategy = set.spec?.updateStrategy;
		const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
		const partition = strategy?.rollingUpdate?.partition;
		const atCurrent =
			rolling &&
			(partition === undefined
				? ordinal < (set.status?.currentReplicas ?? 0)
				: ordinal < partition);
		const chosen = atCurrent ? revisions.current : revisions.update;
		const template: PodTemplateSpec =
			chosen === revisions.update ? set.spec!.template : templateOf(chosen);
		const revision = chosen.metadata!.name!;
		const name = `${set.metadata!.name}-${ordinal}`;
		for (const claim of createMissingClaims(this.api, set, ordinal))
			this.record(
				set,
				'SuccessfulCreate',
				`create Claim ${claim} Pod ${name} in StatefulSet ${set.metadata!.name} success`
			);
		const pod = createPodFromTemplate(this.api, KIND, set, template, {
			name,
			labels: {
				[CONTROLLER_REVISION_HASH_LABEL]: revision,
				[STATEFULSET_POD_NAME_LABEL]: name,
				[STATEFULSET_POD_INDEX_LABEL]: String(ordinal)
			},
			spec: (spec) => ({
				...withClaimVolumes(spec, set, ordinal),
				hostname: name,
				...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {})
			}),
			event: `create Pod ${name} in StatefulSet ${set.metadata!.name} successful`,
			// stateful_pod_control.go recordPodEvent for an error.
			failedEvent: (error) =>
				`create Pod ${name} in StatefulSet ${set.metadata!.name} failed error: ${error}`
		});
		if ('refused' in pod) {
			this.refused = pod.refused;
			return false;
		}
		this.kernel.emit(
			'pod.created',
			`pod/${pod.metadata!.name}`,
			`StatefulSet ${set.metadata!.name} created pod ${name}.`
		);
		return true;
	}

	private deletePod(set: StatefulSet, pod: Pod): void {
		this.deletedNow.add(pod.metadata!.name!);
		requestPodDeletion(this.kernel, this.api, pod);
		this.record(
			set,
			'SuccessfulDelete',
			`delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`
		);
	}

	private record(set: StatefulSet, reason: string, message: string): void {
		this.api.events.record(involved(KIND, set), {
			type: 'Normal',
			reason,
			message,
			source: KIND.source
		});
	}

	private writeStatus(set: StatefulSet, revisions: Revisions): void {
		const revision = revisions.update.metadata!.name!;
		const current = this.api.get<StatefulSet>(
			STATEFULSETS,
			set.metadata!.namespace!,
			set.metadata!.name!
		);
		if (current === undefined) return;
		const pods = [...this.podsByOrdinal(current).values()].filter(
			(p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'
		);
		const minReady = current.spec?.minReadySeconds ?? 0;
		const ready = pods.filter(
			(p) => (!isTerminating(p) || this.deletedNow.has(p.metadata!.name!)) && isReady(p)
		);
		const updated = pods.filter(
			(p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === revision
		);
		const replicas = current.spec?.replicas ?? 1;
		// The update is complete once every replica runs the update revision
		// (stateful_set_control.go completeRollingUpdate).
		const allUpdated = updated.length === replicas && pods.length === replicas;
		const currentName = allUpdated ? revision : revisions.current.metadata!.name!;
		const status = {
			observedGeneration: current.metadata!.generation ?? 1,
			replicas: pods.length,
			readyReplicas: ready.length,
			currentReplicas: pods.filter(
				(p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === currentName
			).length,
			updatedReplicas: updated.length,
			currentRevision: currentName,
			updateRevision: revision,
			collisionCount: 0,
			availableReplicas: ready.filter((p) => isAvailable(p, minReady, this.kernel.now)).length
		};
		if (JSON.stringify(current.status ?? {}) === JSON.stringify(status)) return;
		this.api.update<StatefulSet>(STATEFULSETS, { ...current, status });
	}
}

/** The revisions a sync works with: the pods' current one and the one being rolled out. */
interface Revisions {
	current: ControllerRevision;
	update: ControllerRevision;
}
