/**
 * The Priority admission plugin for pods (plugin/pkg/admission/priority/admission.go admitPod,
 * establishPriority, getDefaultPriority), resolving a pod's class against the cluster's
 * PriorityClasses: the two system classes every cluster has (values in kubernetes/defaults.ts,
 * with their source) and the ones users created (./priority-class-kind.ts). Without a lookup of
 * the stored classes (a manifest read on its own), only the system classes are known.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import {
	SYSTEM_CLUSTER_CRITICAL_PRIORITY,
	SYSTEM_NODE_CRITICAL_PRIORITY
} from '../kubernetes/defaults';
import { ownValue } from '../core/own-keys';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
	'system-node-critical': SYSTEM_NODE_CRITICAL_PRIORITY,
	'system-cluster-critical': SYSTEM_CLUSTER_CRITICAL_PRIORITY
};

/** What admission needs of one class. */
export interface PriorityClassInfo {
	name: string;
	value: number;
	preemptionPolicy: string;
}

/** The cluster's classes, as the plugin's informer lister sees them. */
export interface PriorityClasses {
	get(name: string): PriorityClassInfo | undefined;
	/** getDefaultPriorityClass: the globalDefault class, the lowest value when several are. */
	globalDefault(): PriorityClassInfo | undefined;
}

const PREEMPT_LOWER = 'PreemptLowerPriority';

function systemClass(name: string): PriorityClassInfo | undefined {
	const value = ownValue(SYSTEM_PRIORITY_CLASSES, name);
	return value === undefined ? undefined : { name, value, preemptionPolicy: PREEMPT_LOWER };
}

/** Only the system classes: what a manifest read without the cluster's store can resolve. */
export const SYSTEM_ONLY: PriorityClasses = { get: systemClass, globalDefault: () => undefined };

/** The system classes plus the stored ones (a stored class never shadows a system name). */
export function priorityClassLookup(stored: readonly PriorityClass[]): PriorityClasses {
	const info = (pc: PriorityClass): PriorityClassInfo => ({
		name: pc.metadata?.name ?? '',
		value: pc.value,
		preemptionPolicy: pc.preemptionPolicy ?? PREEMPT_LOWER
	});
	return {
		get(name) {
			const found = systemClass(name) ?? stored.find((pc) => pc.metadata?.name === name);
			return found === undefined || 'name' in found ? found : info(found);
		},
		globalDefault() {
			let best: PriorityClass | undefined;
			for (const pc of stored)
				if (pc.globalDefault === true && (best === undefined || pc.value < best.value)) best = pc;
			return best === undefined ? undefined : info(best);
		}
	};
}

/**
 * establishPriority: the class a pod ends up with — the one it names, else the global default,
 * else none (priority 0, DefaultPriorityWhenNoDefaultClassExists, and PreemptLowerPriority).
 * Undefined when the named class does not exist.
 */
function establish(spec: PodSpec, classes: PriorityClasses): PriorityClassInfo | undefined {
	if (spec.priorityClassName) return classes.get(spec.priorityClassName);
	return classes.globalDefault() ?? { name: '', value: 0, preemptionPolicy: PREEMPT_LOWER };
}

/**
 * Admit: spec.priorityClassName, spec.priority and spec.preemptionPolicy from the class. A value
 * the pod already carries is kept, so that priorityAdmission can refuse it when it differs.
 */
export function applyPriorityClass(spec: PodSpec, classes: PriorityClasses = SYSTEM_ONLY): void {
	const pc = establish(spec, classes);
	if (pc === undefined) return;
	if (pc.name) spec.priorityClassName = pc.name;
	spec.priority ??= pc.value;
	spec.preemptionPolicy ??= pc.preemptionPolicy;
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
export function priorityAdmission(
	pod: Pod,
	classes: PriorityClasses = SYSTEM_ONLY
): string | undefined {
	const spec = pod.spec;
	if (spec === undefined) return undefined;
	const pc = establish(spec, classes);
	if (pc === undefined)
		return forbiddenPod(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
	if (spec.priority !== undefined && spec.priority !== pc.value)
		return forbiddenPod(
			pod,
			`the integer value of priority (${spec.priority}) must not be provided in pod spec; ` +
				`priority admission controller computed ${pc.value} from the given PriorityClass name`
		);
	if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== pc.preemptionPolicy)
		return forbiddenPod(
			pod,
			`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in ` +
				`pod spec; priority admission controller computed ${pc.preemptionPolicy} from the given PriorityClass name`
		);
	return undefined;
}
