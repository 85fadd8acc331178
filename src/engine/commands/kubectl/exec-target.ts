/**
 * `kubectl exec TYPE/NAME`: the pod a workload or Service stands for (polymorphichelpers
 * attachablePodForObject → SelectorsForObject, then GetFirstPod sorted by
 * sort.Reverse(podutils.ActivePods)): the most active pod first. Unlike `kubectl logs`, exec
 * prints no "Found N pods" note.
 */
import { goCompare } from '../../manifests/json';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { PODS, SERVICES, key } from '../../kubernetes/api/collections';
import { labelSelector } from '../../kubernetes/scheduler/labels';
import type { CommandContext } from '../context';
import { notFound } from './errors';
import { WORKLOADS as LOGS_WORKLOADS } from './logs-target';
import { qualifiedPlural, resolveType } from './resources';

/** SelectorsForObject's kinds: the workloads, and a Service by its selector. */
const WORKLOADS: Record<string, string> = { ...LOGS_WORKLOADS, Service: SERVICES };

export type ExecTarget = { ok: true; pod: string } | { ok: false; error: string };

export function execTarget(ctx: CommandContext, word: string, namespace: string): ExecTarget {
	const slash = word.indexOf('/');
	if (slash < 0) return { ok: true, pod: word };
	const typeWord = word.slice(0, slash);
	const name = word.slice(slash + 1);
	const type = resolveType(typeWord);
	if (type === undefined)
		return {
			ok: false,
			error: `error: the server doesn't have a resource type "${typeWord}"\n`
		};
	if (type.kind === 'Pod') return { ok: true, pod: name };
	const collection = WORKLOADS[type.kind];
	if (collection === undefined)
		return {
			ok: false,
			// SelectorsForObject's refusal for kinds that select no pods.
			error: `error: cannot attach to *v1.${type.kind}: selector for *v1.${type.kind} not implemented\n`
		};
	const owner = ctx.kernel.store.get<{
		spec?: { selector?: LabelSelector | Record<string, string> };
	}>(collection, key(namespace, name));
	if (owner === undefined) return { ok: false, error: notFound(qualifiedPlural(type), name) };
	let selector;
	if (type.kind === 'Service') {
		const labels = (owner as Service).spec?.selector ?? {};
		if (Object.keys(labels).length === 0)
			return {
				ok: false,
				error: `error: cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector\n`
			};
		selector = labelSelector({ matchLabels: labels });
	} else selector = labelSelector(owner.spec?.selector as LabelSelector | undefined);
	const pods = ctx.kernel.store
		.list<Pod>(PODS)
		.filter(
			(p) => p.metadata?.namespace === namespace && selector.matches(p.metadata?.labels ?? {})
		)
		.sort(mostActiveFirst);
	const first = pods[0];
	// GetFirstPod waits --pod-running-timeout for a pod to appear, then gives up with this.
	if (first === undefined)
		return { ok: false, error: 'error: timed out waiting for the condition\n' };
	return { ok: true, pod: first.metadata!.name! };
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySince(p: Pod): string | undefined {
	const c = p.status?.conditions?.find((x) => x.type === 'Ready');
	return c?.status === 'True' ? (c.lastTransitionTime ?? '') : undefined;
}

const maxRestarts = (p: Pod) =>
	Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount));

/** sort.Reverse(podutils.ActivePods): assigned, Running, ready, ready longest, fewest restarts, oldest. */
function mostActiveFirst(a: Pod, b: Pod): number {
	const assigned = Number(!a.spec?.nodeName) - Number(!b.spec?.nodeName);
	if (assigned !== 0) return assigned;
	const phase = (PHASE_RANK[b.status?.phase ?? ''] ?? 0) - (PHASE_RANK[a.status?.phase ?? ''] ?? 0);
	if (phase !== 0) return phase;
	const ra = readySince(a);
	const rb = readySince(b);
	if ((ra === undefined) !== (rb === undefined)) return ra === undefined ? 1 : -1;
	if (ra !== undefined && rb !== undefined && ra !== rb) return goCompare(ra, rb);
	const restarts = maxRestarts(a) - maxRestarts(b);
	if (restarts !== 0) return restarts;
	const created = goCompare(
		a.metadata?.creationTimestamp ?? '',
		b.metadata?.creationTimestamp ?? ''
	);
	return created !== 0 ? created : goCompare(a.metadata?.name ?? '', b.metadata?.name ?? '');
}
