/**
 * `kubectl logs TYPE/NAME`: the pod a workload's logs come from (polymorphichelpers
 * AttachablePodForObject → GetFirstPod, sorted by podutils.ByLogging), and the note kubectl
 * prints when there was a choice.
 */
import { goCompare } from '../../manifests/json';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import {
	DAEMONSETS,
	DEPLOYMENTS,
	JOBS,
	PODS,
	REPLICASETS,
	STATEFULSETS,
	key
} from '../../kubernetes/api/collections';
import { labelSelector } from '../../kubernetes/scheduler/labels';
import type { CommandContext } from '../context';
import { notFound, notSimulated } from './errors';
import { qualifiedPlural, resolveType } from './resources';

/** The workload kinds whose selector picks pods, and their collections (shared with exec). */
export const WORKLOADS: Record<string, string> = {
	Deployment: DEPLOYMENTS,
	ReplicaSet: REPLICASETS,
	StatefulSet: STATEFULSETS,
	DaemonSet: DAEMONSETS,
	Job: JOBS
};

export type LogsTarget = { ok: true; pod: string; note: string } | { ok: false; error: string };

export function logsTarget(
	ctx: CommandContext,
	typeWord: string,
	name: string,
	namespace: string
): LogsTarget {
	const type = resolveType(typeWord);
	if (type?.kind === 'Pod') return { ok: true, pod: name, note: '' };
	const collection = type === undefined ? undefined : WORKLOADS[type.kind];
	if (type === undefined || collection === undefined)
		return { ok: false, error: notSimulated(`logs ${typeWord}/NAME`) };
	const owner = ctx.kernel.store.get<{ spec?: { selector?: LabelSelector } }>(
		collection,
		key(namespace, name)
	);
	if (owner === undefined) return { ok: false, error: notFound(qualifiedPlural(type), name) };
	const selector = labelSelector(owner.spec?.selector);
	const pods = ctx.kernel.store
		.list<Pod>(PODS)
		.filter(
			(p) => p.metadata?.namespace === namespace && selector.matches(p.metadata?.labels ?? {})
		)
		.sort(byLogging);
	const first = pods[0];
	// GetFirstPod waits --pod-running-timeout (20s) for a pod, then gives up with this.
	if (first === undefined)
		return { ok: false, error: 'error: timed out waiting for the condition\n' };
	const pod = first.metadata!.name!;
	const note = pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod}\n` : '';
	return { ok: true, pod, note };
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

const ready = (p: Pod) =>
	p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const restarts = (p: Pod) =>
	(p.status?.containerStatuses ?? []).reduce((n, s) => n + s.restartCount, 0);

/** podutils.ByLogging: assigned, running, ready, more restarts, then older pods first. */
function byLogging(a: Pod, b: Pod): number {
	const assigned = Number(!a.spec?.nodeName) - Number(!b.spec?.nodeName);
	if (assigned !== 0) return assigned;
	const phase = (PHASE_RANK[a.status?.phase ?? ''] ?? 3) - (PHASE_RANK[b.status?.phase ?? ''] ?? 3);
	if (phase !== 0) return phase;
	const isReady = Number(ready(b)) - Number(ready(a));
	if (isReady !== 0) return isReady;
	const restarted = restarts(b) - restarts(a);
	if (restarted !== 0) return restarted;
	const created = goCompare(
		a.metadata?.creationTimestamp ?? '',
		b.metadata?.creationTimestamp ?? ''
	);
	return created !== 0 ? created : goCompare(a.metadata?.name ?? '', b.metadata?.name ?? '');
}
