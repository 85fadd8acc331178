/**
 * The disruption controller (pkg/controller/disruption/disruption.go trySync): for each
 * PodDisruptionBudget, the matching pods, how many there should be (expectedPods), how many
 * must stay healthy (desiredHealthy), how many are (currentHealthy: Ready, not being deleted,
 * not just evicted), and so how many may be evicted now (disruptionsAllowed).
 *
 * getExpectedPodCount: with maxUnavailable, or a percentage minAvailable, the expected count is
 * the sum of the scales of the pods' controllers (a Deployment through its ReplicaSet, a
 * ReplicaSet, a StatefulSet); with an integer minAvailable it is the number of matching pods.
 */
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { Condition } from 'kubernetes-types/meta/v1';
import type { Kernel } from '../../core/kernel';
import { LAB_EPOCH_MS, rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import {
	DEPLOYMENTS,
	PDBS,
	PODS,
	REPLICASETS,
	STATEFULSETS,
	key,
	splitKey
} from '../api/collections';
import { isReady, isTerminating, podNamespace, selectorMatches } from '../pods';
import { resolveIntOrPercent } from './int-or-percent';
import { WorkQueue } from './work-queue';

const SOURCE = 'controllermanager';

/** disruption.go DeletionTimeout: an evicted pod not deleted within 2 min counts again. */
const DELETION_TIMEOUT_MS = 2 * 60_000;

export class DisruptionController {
	private readonly queue: WorkQueue;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'disruption-controller', (k) => this.sync(k));
		kernel.store.watch<PodDisruptionBudget>(PDBS, (e) => {
			if (e.type !== 'DELETED') this.queue.add(e.key);
		});
		kernel.store.watch<Pod>(PODS, (e) => this.requeueMatching(podNamespace(e.object), e.object));
		// A scale change moves expectedPods.
		for (const collection of [DEPLOYMENTS, REPLICASETS, STATEFULSETS])
			kernel.store.watch<{ metadata?: { namespace?: string } }>(collection, (e) =>
				this.requeueMatching(e.object.metadata?.namespace ?? 'default')
			);
	}

	private requeueMatching(namespace: string, pod?: Pod): void {
		// Most labs have no PodDisruptionBudget: every pod write would list (and copy) none.
		if (this.kernel.store.size(PDBS) === 0) return;
		for (const pdb of this.api.list<PodDisruptionBudget>(PDBS, namespace)) {
			if (pod === undefined || selectorMatches(pdb.spec?.selector, pod.metadata?.labels))
				this.queue.add(key(namespace, pdb.metadata!.name!));
		}
	}

	private sync(pdbKey: string): void {
		const { namespace, name } = splitKey(pdbKey);
		const pdb = this.api.get<PodDisruptionBudget>(PDBS, namespace, name);
		if (pdb === undefined || pdb.metadata?.deletionTimestamp !== undefined) return;
		const pods = matchingPods(this.api, pdb);
		if (pods.length === 0)
			this.api.events.record(
				{
					kind: 'PodDisruptionBudget',
					name,
					namespace,
					uid: pdb.metadata?.uid,
					apiVersion: 'policy/v1'
				},
				{ type: 'Normal', reason: 'NoPods', message: 'No matching pods found', source: SOURCE }
			);
		const { expected, desired } = this.expectedPodCount(pdb, pods);
		const disrupted = this.disruptedPods(pdb, pods);
		const healthy = pods.filter(
			(p) => !isTerminating(p) && isReady(p) && disrupted[p.metadata!.name!] === undefined
		).length;
		const allowed = expected <= 0 || healthy - desired <= 0 ? 0 : healthy - desired;
		const old = pdb.status;
		const status: PodDisruptionBudgetStatus = {
			...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
			disruptionsAllowed: allowed,
			currentHealthy: healthy,
			desiredHealthy: desired,
			expectedPods: expected,
			observedGeneration: pdb.metadata!.generation ?? 1,
			conditions: [
				disruptionAllowedCondition(old, allowed, pdb.metadata!.generation ?? 1, this.kernel.now)
			]
		};
		if (JSON.stringify(old ?? {}) !== JSON.stringify(status))
			this.api.update<PodDisruptionBudget>(PDBS, { ...pdb, status });
	}

	/** buildDisruptedPodMap: evictions not yet followed by a deletion, for at most 2 min. */
	private disruptedPods(pdb: PodDisruptionBudget, pods: Pod[]): Record<string, string> {
		const out: Record<string, string> = {};
		const byName = new Map(pods.map((p) => [p.metadata!.name!, p]));
		let recheck: number | undefined;
		for (const [podName, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
			const pod = byName.get(podName);
			if (pod === undefined || isTerminating(pod)) continue;
			const expires = Date.parse(at) - LAB_EPOCH_MS + DELETION_TIMEOUT_MS;
			if (expires <= this.kernel.now) continue;
			out[podName] = at;
			recheck = Math.min(recheck ?? expires, expires);
		}
		if (recheck !== undefined)
			this.queue.add(key(pdb.metadata!.namespace!, pdb.metadata!.name!), recheck - this.kernel.now);
		return out;
	}

	private expectedPodCount(
		pdb: PodDisruptionBudget,
		pods: Pod[]
	): { expected: number; desired: number } {
		const spec = pdb.spec ?? {};
		if (spec.maxUnavailable !== undefined) {
			const expected = this.expectedScale(pods);
			const maxUnavailable = resolveIntOrPercent(spec.maxUnavailable, expected, true);
			return { expected, desired: Math.max(0, expected - maxUnavailable) };
		}
		if (spec.minAvailable !== undefined) {
			if (typeof spec.minAvailable === 'number')
				return { expected: pods.length, desired: spec.minAvailable };
			const expected = this.expectedScale(pods);
			return { expected, desired: resolveIntOrPercent(spec.minAvailable, expected, true) };
		}
		return { expected: 0, desired: 0 };
	}

	/** getExpectedScale: each controller counted once; pods without one are left out. */
	private expectedScale(pods: Pod[]): number {
		const seen = new Set<string>();
		let total = 0;
		for (const pod of pods) {
			const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
			if (ref === undefined) continue;
			const ns = podNamespace(pod);
			let scale: { uid: string; replicas: number } | undefined;
			if (ref.kind === 'ReplicaSet') {
				const rs = this.api.get<ReplicaSet>(REPLICASETS, ns, ref.name);
				const dRef = rs?.metadata?.ownerReferences?.find((r) => r.controller === true);
				const d =
					dRef?.kind === 'Deployment'
						? this.api.get<Deployment>(DEPLOYMENTS, ns, dRef.name)
						: undefined;
				if (d !== undefined) scale = { uid: d.metadata!.uid!, replicas: d.spec?.replicas ?? 1 };
				else if (rs !== undefined)
					scale = { uid: rs.metadata!.uid!, replicas: rs.spec?.replicas ?? 1 };
			} else if (ref.kind === 'StatefulSet') {
				const sts = this.api.get<StatefulSet>(STATEFULSETS, ns, ref.name);
				if (sts !== undefined)
					scale = { uid: sts.metadata!.uid!, replicas: sts.spec?.replicas ?? 1 };
			}
			if (scale === undefined || seen.has(scale.uid)) continue;
			seen.add(scale.uid);
			total += scale.replicas;
		}
		return total;
	}
}

/** getPodsForPdb: the namespace's pods the budget's selector matches. */
export function matchingPods(api: ApiServer, pdb: PodDisruptionBudget): Pod[] {
	return api
		.list<Pod>(PODS, pdb.metadata!.namespace ?? 'default')
		.filter((p) => selectorMatches(pdb.spec?.selector, p.metadata?.labels));
}

/** pdbhelper.UpdateDisruptionAllowedCondition: SufficientPods or InsufficientPods. */
export function disruptionAllowedCondition(
	old: PodDisruptionBudgetStatus | undefined,
	allowed: number,
	generation: number,
	now: number
): Condition {
	const status = allowed > 0 ? 'True' : 'False';
	const previous = old?.conditions?.find((c) => c.type === 'DisruptionAllowed');
	return {
		type: 'DisruptionAllowed',
		status,
		reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
		message: '',
		observedGeneration: generation,
		lastTransitionTime:
			previous !== undefined && previous.status === status
				? previous.lastTransitionTime
				: rfc3339(now)
	};
}
