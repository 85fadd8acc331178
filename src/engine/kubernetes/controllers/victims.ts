/**
 * Which pods a ReplicaSet deletes first when it scales down (controller_utils.go
 * ActivePodsWithRanks.Less, with LogarithmicScaleDown, GA in v1.31; facts.md §1.5):
 * unassigned before assigned; Pending < Unknown < Running; not ready before ready; lower
 * pod-deletion-cost; more replicas on the same node; ready for less time; more restarts;
 * newer first — times compared on a log2 scale, ties broken by UID.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { LAB_EPOCH_MS } from '../../core/time';
import { isReady } from '../pods';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySince(pod: Pod): number | undefined {
	const c = pod.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
	return c?.lastTransitionTime === undefined
		? undefined
		: Date.parse(c.lastTransitionTime) - LAB_EPOCH_MS;
}

function created(pod: Pod): number {
	return Date.parse(pod.metadata?.creationTimestamp ?? '') - LAB_EPOCH_MS;
}

function restarts(pod: Pod): number {
	return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
}

function deletionCost(pod: Pod): number {
	const v = Number(pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
	return Number.isFinite(v) ? v : 0;
}

/** log2 buckets of "how long ago", so pods of similar age compare equal (LogarithmicScaleDown). */
function logBucket(sinceMs: number): number {
	return sinceMs <= 0 ? 0 : Math.floor(Math.log2(sinceMs / 1000 + 1));
}

export function rankForScaleDown(pods: readonly Pod[], now: number): Pod[] {
	const perNode = new Map<string, number>();
	for (const p of pods) {
		const n = p.spec?.nodeName;
		if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
	}
	const rank = (p: Pod) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
	return [...pods].sort((a, b) => {
		const assignedA = a.spec?.nodeName ? 1 : 0;
		const assignedB = b.spec?.nodeName ? 1 : 0;
		if (assignedA !== assignedB) return assignedA - assignedB;
		const phase =
			(PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0) -
			(PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0);
		if (phase !== 0) return phase;
		const ready = Number(isReady(a)) - Number(isReady(b));
		if (ready !== 0) return ready;
		const cost = deletionCost(a) - deletionCost(b);
		if (cost !== 0) return cost;
		const co = rank(b) - rank(a);
		if (co !== 0) return co;
		const ra = readySince(a);
		const rb = readySince(b);
		if (ra !== undefined && rb !== undefined) {
			const r = logBucket(now - ra) - logBucket(now - rb);
			if (r !== 0) return r;
		}
		const rs = restarts(b) - restarts(a);
		if (rs !== 0) return rs;
		const age = logBucket(now - created(a)) - logBucket(now - created(b));
		if (age !== 0) return age;
		return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '') ? -1 : 1;
	});
}
