/**
 * A Job's podFailurePolicy (pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy;
 * kubernetes.io "Handling retriable and non-retriable pod failures with Pod failure policy"):
 * the rules are tried in order on a failed pod, and the first that matches decides —
 *
 * - FailJob: the Job fails at once (FailureTarget, reason PodFailurePolicy, with the message
 *   below);
 * - Ignore: the failure does not count towards backoffLimit;
 * - Count (and no rule matching): it counts as usual.
 *
 * onExitCodes looks at the containers (then the init containers) that terminated with a
 * non-zero code; onPodConditions at the pod's conditions. FailIndex needs backoffLimitPerIndex,
 * which the lab does not model: it counts.
 */
import type {
	Job,
	PodFailurePolicyOnExitCodesRequirement,
	PodFailurePolicyRule
} from 'kubernetes-types/batch/v1';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';

export interface PolicyVerdict {
	/** Whether the failure counts towards backoffLimit. */
	counts: boolean;
	/** Set when a FailJob rule matched: the FailureTarget condition's message. */
	failJob?: string;
}

export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyVerdict {
	const rules = job.spec?.podFailurePolicy?.rules ?? [];
	const where = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
	for (const [index, rule] of rules.entries()) {
		let failJob: string | undefined;
		if (rule.onExitCodes) {
			const container = matchOnExitCodes(pod, rule.onExitCodes);
			if (container === undefined) continue;
			failJob = `Container ${container.name} for pod ${where} failed with exit code ${container.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
		} else if (rule.onPodConditions) {
			const condition = matchOnPodConditions(pod, rule);
			if (condition === undefined) continue;
			failJob = `Pod ${where} has condition ${condition} matching ${rule.action} rule at index ${index}`;
		} else continue;
		if (rule.action === 'Ignore') return { counts: false };
		if (rule.action === 'FailJob') return { counts: true, failJob };
		return { counts: true };
	}
	return { counts: true };
}

function matchOnExitCodes(
	pod: Pod,
	requirement: PodFailurePolicyOnExitCodesRequirement
): ContainerStatus | undefined {
	const lists = [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []];
	for (const list of lists)
		for (const status of list) {
			const code = status.state?.terminated?.exitCode;
			if (code === undefined || code === 0) continue;
			if (requirement.containerName && requirement.containerName !== status.name) continue;
			const listed = requirement.values.includes(code);
			if (requirement.operator === 'In' ? listed : !listed) return status;
		}
	return undefined;
}

function matchOnPodConditions(pod: Pod, rule: PodFailurePolicyRule): string | undefined {
	for (const condition of pod.status?.conditions ?? [])
		for (const pattern of rule.onPodConditions ?? [])
			if (condition.type === pattern.type && condition.status === (pattern.status ?? 'True'))
				return condition.type;
	return undefined;
}
