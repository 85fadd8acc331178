/**
 * The scheduler's VolumeBinding plugin, PreFilter part
 * (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): a pod whose
 * PersistentVolumeClaim does not exist is rejected with `persistentvolumeclaim "<name>" not
 * found`, and a pod with an unbound claim with `pod has unbound immediate
 * PersistentVolumeClaims` (binder.go ErrUnboundImmediatePVC), both UnschedulableAndUnresolvable.
 * Every unbound claim is taken as one of immediate binding mode: the lab has StorageClasses
 * (./storage-classes.ts), but a WaitForFirstConsumer claim needs the plugin's PreBind (the
 * node chosen first, then `volume.kubernetes.io/selected-node` and a provisioner), which is not
 * modelled, so such a pod stays Pending where a real one would wait in PreBind.
 * A PreFilter rejection stops the cycle before any Filter; the PostFilter plugins then say why
 * preemption cannot help, so the FailedScheduling text reads as the lab's scheduler writes any
 * other (scheduler/fit-error.ts).
 *
 * Its Filter part for bound claims (FindPodVolumes → checkBoundClaims): a node outside a bound
 * PersistentVolume's spec.nodeAffinity (a local or hostPath volume pinned to a node) is rejected
 * with `node(s) had volume node affinity conflict`, UnschedulableAndUnresolvable.
 *
 * It wraps the lab's scheduling framework rather than living inside it, so that pods without
 * claims go through the framework unchanged. The node affinity of bound volumes reaches the
 * framework as a required node affinity on the pod's `kubernetes.io/hostname`, which the
 * framework's NodeAffinity filter applies; when the pod has no node affinity of its own, its
 * rejections are renamed to VolumeBinding's. (The real Filter runs after NodeResourcesFit, so a
 * node that fails both is counted there; here it counts as a volume conflict.)
 */
import type {
	Node,
	NodeSelectorTerm,
	PersistentVolume,
	PersistentVolumeClaim,
	Pod
} from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PVCS, PVS } from '../api/collections';
import { termMatches } from '../scheduler/labels';
import { NODES } from '../node-object';
import { withSchedule, type Decision, type Framework } from '../scheduler-loop';
import { REASON } from '../scheduler/defaults';
import { fitErrorMessage } from '../scheduler/fit-error';
import { status, UNRESOLVABLE } from '../scheduler/status';
import { isBound } from './claims';

export const UNBOUND_IMMEDIATE_CLAIMS = 'pod has unbound immediate PersistentVolumeClaims';
/** volumebinding ErrReasonNodeConflict. */
export const VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
const NODE_AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector";
const HOSTNAME = 'kubernetes.io/hostname';

/** The required node selector terms of each bound volume the pod mounts that has some. */
function boundVolumeTerms(api: ApiServer, pod: Pod): NodeSelectorTerm[][] {
	const ns = pod.metadata?.namespace ?? 'default';
	const out: NodeSelectorTerm[][] = [];
	for (const volume of pod.spec?.volumes ?? []) {
		const name = volume.persistentVolumeClaim?.claimName;
		if (name === undefined) continue;
		const claim = api.get<PersistentVolumeClaim>(PVCS, ns, name);
		if (!isBound(claim)) continue;
		const pv = api.get<PersistentVolume>(PVS, '', claim!.spec!.volumeName!);
		const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
		if (terms !== undefined) out.push(terms);
	}
	return out;
}

/** The pod, required to land on one of `hosts` (ANDed into each of its own required terms). */
function pinnedTo(pod: Pod, hosts: string[]): Pod {
	const pin = { key: HOSTNAME, operator: 'In', values: hosts };
	const nodeAffinity = pod.spec?.affinity?.nodeAffinity;
	const own = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
	const terms = (own?.length ? own : [{}]).map((t) => ({
		...t,
		matchExpressions: [...(t.matchExpressions ?? []), pin]
	}));
	return {
		...pod,
		spec: {
			...pod.spec!,
			affinity: {
				...pod.spec?.affinity,
				nodeAffinity: {
					...nodeAffinity,
					requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms }
				}
			}
		}
	};
}

/** `0/3 nodes are available: 2 node(s) didn't match …` → VolumeBinding's reason, parts re-sorted. */
function asVolumeConflict(message: string): string {
	const lead = ' nodes are available: ';
	const start = message.indexOf(lead) + lead.length;
	// The reasons end at the first `. ` (before `preemption: …`) or at the final `.`; a taint's
	// key has dots but never a dot and a space.
	const stop = message.indexOf('. ', start);
	const end = stop >= 0 ? stop : message.length - 1;
	if (start < lead.length || end <= start) return message;
	const parts = message
		.slice(start, end)
		.split(', ')
		.map((p) => p.replace(NODE_AFFINITY_MISMATCH, VOLUME_NODE_CONFLICT))
		.sort();
	return message.slice(0, start) + parts.join(', ') + message.slice(end);
}

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
		if (reason !== undefined)
			return { message: preFilterFailure(pod, kernel.store.list<Node>(NODES).length, reason) };
		const volumeTerms = boundVolumeTerms(api, pod);
		if (volumeTerms.length === 0) return framework.schedule(pod);
		const hosts = kernel.store
			.list<Node>(NODES)
			.filter((node) => volumeTerms.every((terms) => terms.some((t) => termMatches(t, node))))
			.map((node) => node.metadata!.name!);
		const decision = framework.schedule(pinnedTo(pod, hosts));
		const ownAffinity =
			pod.spec?.nodeSelector !== undefined ||
			pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !==
				undefined;
		if (decision.message === undefined || ownAffinity) return decision;
		return { ...decision, message: asVolumeConflict(decision.message) };
	});
}
