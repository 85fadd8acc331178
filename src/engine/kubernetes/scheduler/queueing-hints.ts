/**
 * Whether a bound pod that was added or relabelled may let an unschedulable pod in: the
 * scheduling queue's pre-filter (backend/queue/scheduling_queue.go AssignedPodAdded,
 * AssignedPodUpdated → getUnschedulablePodsWithCrossTopologyTerm) and then the queueing hints
 * of the plugins that rejected the pod (isPodWorthRequeuing asks only those): InterPodAffinity
 * and PodTopologySpread isSchedulableAfterPodChange (plugins/interpodaffinity/plugin.go,
 * plugins/podtopologyspread/plugin.go). The other default plugins register no hint for a bound
 * pod's add or label change, so a pod only they rejected stays where it is.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { allMatch, termMatches, type NamespaceLabels } from './inter-pod-affinity';
import { podInfoOnce } from './pod-info';
import { spreadConstraints } from './topology-spread';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';

/**
 * The hint functions match the terms without namespace labels (`t.Matches(pod, nil)` in
 * podMatchesAllAffinityTerms: GetAffinityTerms left namespaceSelector unmerged), unlike the
 * queue's pre-filter, which reads the namespace's labels.
 */
const NO_NAMESPACE_LABELS: NamespaceLabels = () => ({});

/**
 * `pending` was rejected by `rejectedBy` (its UnschedulablePlugins); `bound` is the assigned
 * pod now, `previous` its earlier bound version (undefined: it was just added, i.e. created
 * bound or bound by the scheduler). `nsLabels`: the namespaces' labels (the queue's nsLister).
 */
export function assignedPodMayLetIn(
	pending: Pod,
	rejectedBy: ReadonlySet<string>,
	bound: Pod,
	previous: Pod | undefined,
	nsLabels: NamespaceLabels
): boolean {
	const spreadRejected = rejectedBy.has(POD_TOPOLOGY_SPREAD);
	const affinityRejected = rejectedBy.has(INTER_POD_AFFINITY);
	if (!spreadRejected && !affinityRejected) return false;
	const ns = pending.metadata?.namespace ?? 'default';
	const sameNamespace = (bound.metadata?.namespace ?? 'default') === ns;
	const p = podInfoOnce(pending);
	const now = podInfoOnce(bound);
	// The pre-filter: rejected by PodTopologySpread and in the same namespace, or one of the
	// pod's required affinity terms matches the bound pod.
	if (
		!(spreadRejected && sameNamespace) &&
		!p.requiredAffinity.some((t) => termMatches(t, now, nsLabels))
	)
		return false;
	if (affinityRejected) {
		const was = previous === undefined ? undefined : podInfoOnce(previous);
		const ns0 = NO_NAMESPACE_LABELS;
		if (was === undefined) {
			if (allMatch(p.requiredAffinity, now, ns0)) return true;
		} else {
			if (!allMatch(p.requiredAffinity, was, ns0) && allMatch(p.requiredAffinity, now, ns0))
				return true;
			if (allMatch(p.requiredAntiAffinity, was, ns0) && !allMatch(p.requiredAntiAffinity, now, ns0))
				return true;
		}
	}
	// involvedInTopologySpreading: a bound pod of the same namespace. The hard constraints only
	// (getConstraints asks for DoNotSchedule; the system defaults are ScheduleAnyway).
	if (spreadRejected && sameNamespace) {
		const constraints = spreadConstraints(pending, 'DoNotSchedule', undefined);
		const labels = bound.metadata?.labels ?? {};
		if (previous === undefined) return constraints.some((c) => c.selector.matches(labels));
		const before = previous.metadata?.labels ?? {};
		return constraints.some((c) => c.selector.matches(before) !== c.selector.matches(labels));
	}
	return false;
}

/**
 * Whether an unschedulable pod's own label change may let it in (scheduling_queue.go Update:
 * an update of a pod in the unschedulable pool asks the hints of its rejectors). Only
 * PodTopologySpread's hint looks at the pod's own labels (involvedInTopologySpreading: the same
 * pod): one of its hard constraints selects the pod now and did not before, or the reverse.
 * InterPodAffinity's skips unscheduled pods.
 */
export function ownLabelsMayLetIn(
	pod: Pod,
	previous: Pod,
	rejectedBy: ReadonlySet<string>
): boolean {
	if (!rejectedBy.has(POD_TOPOLOGY_SPREAD)) return false;
	const before = previous.metadata?.labels ?? {};
	const now = pod.metadata?.labels ?? {};
	return spreadConstraints(pod, 'DoNotSchedule', undefined).some(
		(c) => c.selector.matches(before) !== c.selector.matches(now)
	);
}
