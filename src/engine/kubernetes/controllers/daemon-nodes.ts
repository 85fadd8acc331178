/**
 * Which nodes a DaemonSet runs on, and the pod spec it gives each daemon pod.
 *
 * - NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): the template's nodeName,
 *   its required node affinity and nodeSelector, and the node's NoSchedule/NoExecute taints
 *   against the pod's tolerations (the daemon tolerations included). A pod already running may
 *   stay while every untolerated taint is only NoSchedule.
 * - AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go).
 * - ReplaceDaemonSetPodNodeNameNodeAffinity (same file): since v1.12 (ScheduleDaemonSetPods,
 *   GA in v1.17) the controller does not bind pods itself; it pins each pod to its node with a
 *   required node affinity on the `metadata.name` field and the default scheduler binds it
 *   (docs: kubernetes/website content/en/docs/concepts/workloads/controllers/daemonset.md,
 *   "How Daemon Pods are scheduled").
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import {
	DAEMON_POD_HOST_NETWORK_TOLERATION,
	DAEMON_POD_NO_EXECUTE_TOLERATIONS,
	DAEMON_POD_NO_SCHEDULE_TOLERATIONS
} from '../defaults';
import { requiredNodeAffinity, tolerated } from '../scheduler/labels';

/**
 * The daemon tolerations made from a template's tolerations, for templates without and with
 * hostNetwork: the pods of a DaemonSet share one frozen array (a kube-proxy pod on each of
 * 5,000 nodes would otherwise hold its own copy). Stored objects are never changed in place.
 */
const DAEMON_TOLERATIONS = [
	new WeakMap<object, Toleration[]>(),
	new WeakMap<object, Toleration[]>()
];
/** The same for a template without tolerations. */
const FROM_NONE: (Toleration[] | undefined)[] = [undefined, undefined];

/** v1helper.AddOrUpdateTolerationInPodSpec for each daemon toleration. */
export function withDaemonTolerations(spec: PodSpec): PodSpec {
	const network = spec.hostNetwork === true ? 1 : 0;
	const from = spec.tolerations;
	let tolerations =
		from === undefined ? FROM_NONE[network] : DAEMON_TOLERATIONS[network]!.get(from);
	if (tolerations === undefined) {
		tolerations = daemonTolerations(spec);
		if (from === undefined) FROM_NONE[network] = tolerations;
		else DAEMON_TOLERATIONS[network]!.set(from, tolerations);
	}
	return { ...spec, tolerations };
}

function daemonTolerations(spec: PodSpec): Toleration[] {
	const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
	const add = (key: string, effect: 'NoExecute' | 'NoSchedule') => {
		const wanted: Toleration = { key, operator: 'Exists', effect };
		const i = tolerations.findIndex((t) => t.key === key && t.effect === effect);
		// An existing toleration for the same key and effect is replaced (AddOrUpdate).
		if (i >= 0) tolerations[i] = wanted;
		else tolerations.push(wanted);
	};
	for (const key of DAEMON_POD_NO_EXECUTE_TOLERATIONS) add(key, 'NoExecute');
	for (const key of DAEMON_POD_NO_SCHEDULE_TOLERATIONS) add(key, 'NoSchedule');
	if (spec.hostNetwork === true) add(DAEMON_POD_HOST_NETWORK_TOLERATION, 'NoSchedule');
	// Frozen: shared by every pod of the DaemonSet, a write in place would reach them all.
	return Object.freeze(tolerations) as Toleration[];
}

/** The pod's required node affinity becomes exactly `metadata.name In [node]`. */
export function pinnedToNode(spec: PodSpec, node: string): PodSpec {
	const required = {
		nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }]
	};
	// Literals when the template has no affinity (kube-proxy's): a spread copy reserves room for
	// four fields, 48 B more a pod for the two objects.
	if (spec.affinity === undefined)
		return {
			...spec,
			affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } }
		};
	return {
		...spec,
		affinity: {
			...spec.affinity,
			nodeAffinity: {
				...spec.affinity?.nodeAffinity,
				requiredDuringSchedulingIgnoredDuringExecution: required
			}
		}
	};
}

/** util.GetTargetNodeName: spec.nodeName, else the node the affinity pins the pod to. */
export function targetNode(pod: Pod): string | undefined {
	if (pod.spec?.nodeName) return pod.spec.nodeName;
	const terms =
		pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
			?.nodeSelectorTerms ?? [];
	for (const term of terms)
		for (const f of term.matchFields ?? [])
			if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1)
				return f.values[0];
	return undefined;
}

export interface NodeVerdict {
	/** A daemon pod should be created here if there is none. */
	shouldRun: boolean;
	/** A daemon pod already here may stay. */
	shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
	const name = node.metadata!.name!;
	const template = ds.spec!.template.spec!;
	const none = { shouldRun: false, shouldContinueRunning: false };
	if (template.nodeName && template.nodeName !== name) return none;
	// NewPod: the template with the daemon tolerations, pinned to this node.
	const spec = withDaemonTolerations(template);
	const affinity = requiredNodeAffinity({ spec: template });
	if (affinity !== null && !affinity.match(node)) return none;
	const taints = node.spec?.taints ?? [];
	const untolerated = (effects: readonly string[]) =>
		taints.some((t) => effects.includes(t.effect) && !tolerated(spec.tolerations ?? [], t));
	if (!untolerated(['NoSchedule', 'NoExecute']))
		return { shouldRun: true, shouldContinueRunning: true };
	return { shouldRun: false, shouldContinueRunning: !untolerated(['NoExecute']) };
}
