/**
 * Graceful pod deletion as the API server does it: a pod that never reached a node goes at
 * once; a bound pod gets a deletionTimestamp (`Terminating`) and stays until its kubelet has
 * stopped the containers and confirms — so a pod on a dead node stays Terminating.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../core/kernel';
import { rfc3339 } from '../core/time';
import type { ApiServer } from './api/api-server';
import { PODS } from './api/collections';
import { TERMINATION_GRACE_PERIOD_SECONDS } from './defaults';
import { isTerminating, podName, podNamespace } from './pods';

export function requestPodDeletion(
	kernel: Kernel,
	api: ApiServer,
	pod: Pod,
	reason = '',
	/** The delete request's gracePeriodSeconds (kubectl --grace-period); else the pod's own. */
	gracePeriodSeconds?: number
): void {
	const name = podName(pod);
	const ns = podNamespace(pod);
	// A grace period of 0 (kubectl delete --force --grace-period=0) removes the object at once,
	// even from a dead node; a live kubelet then stops the containers of a pod it no longer
	// finds (registry/core/pod/strategy.go CheckGracefulDelete; kubelet HandlePodRemoves).
	if (isTerminating(pod) && gracePeriodSeconds !== 0) return;
	if (!pod.spec?.nodeName || gracePeriodSeconds === 0) {
		api.remove(PODS, ns, name);
		kernel.emit('pod.deleted', `pod/${name}`, `Pod ${name} deleted${reason}.`);
		return;
	}
	const grace =
		gracePeriodSeconds ??
		pod.spec.terminationGracePeriodSeconds ??
		TERMINATION_GRACE_PERIOD_SECONDS;
	const generation = pod.metadata?.generation ?? 0;
	api.update<Pod>(PODS, {
		...pod,
		metadata: {
			...pod.metadata,
			// rest/delete.go BeforeDelete: the first graceful deletion bumps a set generation.
			...(generation > 0 ? { generation: generation + 1 } : {}),
			deletionTimestamp: rfc3339(kernel.now + grace * 1000),
			deletionGracePeriodSeconds: grace
		}
	});
	kernel.emit('pod.terminating', `pod/${name}`, `Pod ${name} is terminating${reason}.`);
}
