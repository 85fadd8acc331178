/**
 * The Priority admission plugin for pods (plugin/pkg/admission/priority/admission.go) with the
 * two PriorityClasses every cluster has (values in kubernetes/defaults.ts, with their source).
 * The lab does not accept PriorityClass objects yet, so these two are the only classes a pod
 * can name; any other is refused as the plugin refuses a class that does not exist.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import {
	SYSTEM_CLUSTER_CRITICAL_PRIORITY,
	SYSTEM_NODE_CRITICAL_PRIORITY
} from '../kubernetes/defaults';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
	'system-node-critical': SYSTEM_NODE_CRITICAL_PRIORITY,
	'system-cluster-critical': SYSTEM_CLUSTER_CRITICAL_PRIORITY
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

/**
 * admission.NewForbidden: `pods "<name>" is forbidden: <why>`, where a pod still to be named
 * (a controller's, with only a generateName) is called by its generateName — "name generation
 * has not occurred yet" (apiserver/pkg/admission/errors.go).
 */
export function forbiddenPod(pod: Pod, why: string): string {
	const name = pod.metadata?.name || pod.metadata?.generateName || 'Unknown';
	return `pods ${JSON.stringify(name)} is forbidden: ${why}`;
}

/** The plugin's refusals of a pod, or undefined when it is admitted. */
export function priorityAdmission(pod: Pod): string | undefined {
	const spec = pod.spec;
	const name = spec?.priorityClassName;
	if (!name) return undefined;
	const value = SYSTEM_PRIORITY_CLASSES[name];
	if (value === undefined) return forbiddenPod(pod, `no PriorityClass with name ${name} was found`);
	if (spec?.priority !== undefined && spec.priority !== value)
		return forbiddenPod(
			pod,
			`the integer value of priority (${spec.priority}) must not be provided in pod spec; ` +
				`priority admission controller computed ${value} from the given PriorityClass name`
		);
	return undefined;
}
