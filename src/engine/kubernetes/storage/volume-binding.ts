/**
 * The scheduler's VolumeBinding plugin, PreFilter part
 * (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): a pod whose
 * PersistentVolumeClaim does not exist is rejected with `persistentvolumeclaim "<name>" not
 * found`, and a pod with an unbound claim of immediate binding mode (every claim here: the lab
 * has no StorageClass, let alone a WaitForFirstConsumer one) with `pod has unbound immediate
 * PersistentVolumeClaims` (binder.go ErrUnboundImmediatePVC), both UnschedulableAndUnresolvable.
 * A PreFilter rejection stops the cycle before any Filter; the PostFilter plugins then say why
 * preemption cannot help, so the FailedScheduling text reads as the lab's scheduler writes any
 * other (scheduler/fit-error.ts).
 *
 * It wraps the lab's scheduling framework rather than living inside it, so that pods without
 * claims go through the framework unchanged.
 */
import type { Node, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PVCS } from '../api/collections';
import { NODES } from '../node-object';
import { withSchedule, type Decision, type Framework } from '../scheduler-loop';
import { REASON } from '../scheduler/defaults';
import { fitErrorMessage } from '../scheduler/fit-error';
import { status, UNRESOLVABLE } from '../scheduler/status';
import { isBound } from './claims';

export const UNBOUND_IMMEDIATE_CLAIMS = 'pod has unbound immediate PersistentVolumeClaims';

/** Why VolumeBinding's PreFilter rejects the pod, or undefined when it lets it through. */
export function volumeBindingPreFilter(api: ApiServer, pod: Pod): string | undefined {
	const ns = pod.metadata?.namespace ?? 'default';
	let unbound = false;
	for (const volume of pod.spec?.volumes ?? []) {
		const name = volume.persistentVolumeClaim?.claimName;
		if (name === undefined) continue;
		const claim = api.get<PersistentVolumeClaim>(PVCS, ns, name);
		if (claim === undefined) return `persistentvolumeclaim ${JSON.stringify(name)} not found`;
		if (!isBound(claim)) unbound = true;
	}
	return unbound ? UNBOUND_IMMEDIATE_CLAIMS : undefined;
}

/**
 * The FailedScheduling text after a PreFilter rejection: every node counts as rejected
 * (UnschedulableAndUnresolvable), so DefaultPreemption finds no candidate; the DynamicResources
 * PostFilter speaks first, as in scheduler/schedule.ts.
 */
export function preFilterFailure(pod: Pod, numNodes: number, reason: string): string {
	const notHelpful = status('DefaultPreemption', UNRESOLVABLE, REASON.preemptionNotHelpful);
	const preemption =
		pod.spec?.preemptionPolicy === 'Never'
			? `preemption: ${REASON.preemptNever}`
			: `preemption: ${fitErrorMessage(numNodes, { statuses: [], absent: notHelpful })}`;
	return fitErrorMessage(numNodes, {
		statuses: [],
		preFilterMsg: reason,
		postFilterMsg: [REASON.noClaims, preemption].join(', ')
	});
}

export function withVolumeBinding(kernel: Kernel, api: ApiServer, framework: Framework): Framework {
	return withSchedule(framework, (pod: Pod): Decision => {
		const reason = volumeBindingPreFilter(api, pod);
		if (reason === undefined) return framework.schedule(pod);
		return { message: preFilterFailure(pod, kernel.store.list<Node>(NODES).length, reason) };
	});
}
