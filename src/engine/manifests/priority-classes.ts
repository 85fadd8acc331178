/**
 * The Priority admission plugin for pods (plugin/pkg/admission/priority/admission.go) with the
 * two PriorityClasses every cluster has (pkg/apis/scheduling/v1/helpers.go
 * systemPriorityClasses: system-node-critical = SystemCriticalPriority + 1000 = 2000001000,
 * system-cluster-critical = SystemCriticalPriority = 2000000000, both PreemptLowerPriority).
 * The lab does not accept PriorityClass objects yet, so these two are the only classes a pod
 * can name; any other is refused as the plugin refuses a class that does not exist.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
	'system-node-critical': 2000001000,
	'system-cluster-critical': 2000000000
};

/** Admit: a known class sets spec.priority and spec.preemptionPolicy from the class. */
export function applyPriorityClass(spec: PodSpec): void {
	const value = spec.priorityClassName
		? SYSTEM_PRIORITY_CLASSES[spec.priorityClassName]
		: undefined;
	if (value === undefined) return;
	spec.priority ??= value;
	spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** The plugin's refusals of a pod, or undefined when it is admitted. */
export function priorityAdmission(pod: Pod): string | undefined {
	const spec = pod.spec;
	const name = spec?.priorityClassName;
	if (!name) return undefined;
	const forbidden = (why: string) =>
		`pods ${JSON.stringify(pod.metadata?.name ?? '')} is forbidden: ${why}`;
	const value = SYSTEM_PRIORITY_CLASSES[name];
	if (value === undefined) return forbidden(`no PriorityClass with name ${name} was found`);
	if (spec?.priority !== undefined && spec.priority !== value)
		return forbidden(
			`the integer value of priority (${spec.priority}) must not be provided in pod spec; ` +
				`priority admission controller computed ${value} from the given PriorityClass name`
		);
	return undefined;
}
