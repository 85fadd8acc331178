/**
 * A static pod's mirror (../system-addons/static-pods.ts) is only the API server's copy of a pod
 * the kubelet runs from a file. Deleting it stops nothing: the kubelet deletes the mirror at
 * once and posts a new one (pkg/kubelet/kubelet.go syncPod: a mirror pod being deleted is
 * deleted and recreated; pod/mirror_client.go), and the containers go on running.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/api-server';
import { PODS } from '../api/collections';
import { podName, podNamespace } from '../pods';

/** The new mirror of a static pod whose mirror is being deleted: the same pod, posted afresh. */
export function freshMirror(pod: Pod): Pod {
	const metadata = { ...pod.metadata };
	// What the API server gave the old mirror; the new one gets its own.
	for (const field of SERVER_SET) delete metadata[field];
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata,
		spec: pod.spec,
		status: { phase: 'Pending', qosClass: pod.status?.qosClass }
	};
}

const SERVER_SET = [
	'uid',
	'resourceVersion',
	'creationTimestamp',
	'deletionTimestamp',
	'deletionGracePeriodSeconds'
] as const;

/** Deletes the mirror for good and returns the one the kubelet posts in its place. */
export function replaceMirror(api: ApiServer, pod: Pod): Pod {
	api.remove(PODS, podNamespace(pod), podName(pod));
	return freshMirror(pod);
}
