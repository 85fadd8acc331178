/**
 * The Eviction API (pkg/registry/core/pod/storage/eviction.go, policy/v1 Eviction): a pod is
 * deleted unless its PodDisruptionBudget forbids it.
 *
 * - A pod that is Pending, Succeeded, Failed or already being deleted ignores budgets (canIgnorePDB).
 * - A pod matched by more than one budget cannot be evicted (500).
 * - A not-Ready pod may go while the budget is met (unhealthyPodEvictionPolicy IfHealthyBudget,
 *   the default) without using up a disruption.
 * - Otherwise checkAndDecrement: a budget not yet observed at its generation, or with no
 *   disruptions allowed, answers 429 TooManyRequests; else disruptionsAllowed drops by one and
 *   the pod is recorded in disruptedPods before it is deleted.
 *
 * An evicted pod gets the DisruptionTarget condition (PodDisruptionConditions, GA in v1.31).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { PDBS, PODS } from '../api/collections';
import { requestPodDeletion } from '../pod-deletion';
import { isReady, isTerminating, podName, selectorMatches } from '../pods';
import { disruptionAllowedCondition } from './disruption-controller';

/** eviction.go: the 429 text kubectl drain prints after "error when evicting pods/…". */
export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

export type EvictionResult = { ok: true } | { ok: false; code: 404 | 429 | 500; message: string };

export function evictPod(
	kernel: Kernel,
	api: ApiServer,
	namespace: string,
	name: string
): EvictionResult {
	const pod = api.get<Pod>(PODS, namespace, name);
	if (pod === undefined) return { ok: false, code: 404, message: `pods "${name}" not found` };
	const phase = pod.status?.phase;
	if (phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || isTerminating(pod)) {
		remove(kernel, api, pod);
		return { ok: true };
	}
	const pdbs = api
		.list<PodDisruptionBudget>(PDBS, namespace)
		.filter((b) => selectorMatches(b.spec?.selector, pod.metadata?.labels));
	if (pdbs.length > 1)
		return {
			ok: false,
			code: 500,
			message:
				'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'
		};
	const pdb = pdbs[0];
	if (pdb === undefined) {
		remove(kernel, api, pod);
		return { ok: true };
	}
	const status = pdb.status;
	if (
		!isReady(pod) &&
		pdb.spec?.unhealthyPodEvictionPolicy !== undefined &&
		pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow'
	) {
		remove(kernel, api, pod);
		return { ok: true };
	}
	if (
		!isReady(pod) &&
		(status?.currentHealthy ?? 0) >= (status?.desiredHealthy ?? 0) &&
		(status?.desiredHealthy ?? 0) > 0
	) {
		remove(kernel, api, pod);
		return { ok: true };
	}
	const generation = pdb.metadata?.generation ?? 1;
	if ((status?.observedGeneration ?? 0) < generation || (status?.disruptionsAllowed ?? 0) <= 0)
		return { ok: false, code: 429, message: PDB_VIOLATION };
	const allowed = status!.disruptionsAllowed - 1;
	api.update<PodDisruptionBudget>(PDBS, {
		...pdb,
		status: {
			...status!,
			disruptionsAllowed: allowed,
			disruptedPods: { ...status!.disruptedPods, [podName(pod)]: rfc3339(kernel.now) },
			conditions: [disruptionAllowedCondition(status, allowed, generation, kernel.now)]
		}
	});
	remove(kernel, api, pod);
	return { ok: true };
}

function remove(kernel: Kernel, api: ApiServer, pod: Pod): void {
	if (isTerminating(pod)) return;
	const at = rfc3339(kernel.now);
	const marked = api.update<Pod>(PODS, {
		...pod,
		status: {
			...pod.status,
			conditions: [
				...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
				{
					type: 'DisruptionTarget',
					status: 'True',
					reason: 'EvictionByEvictionAPI',
					message: 'Eviction API: evicting',
					lastTransitionTime: at,
					// PodObservedGenerationTracking (GA in v1.35) stamps the condition.
					observedGeneration: pod.metadata?.generation ?? 1
				}
			]
		}
	});
	requestPodDeletion(kernel, api, marked, ' (evicted)');
}
