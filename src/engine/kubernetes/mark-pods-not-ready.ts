/**
 * controllerutil.MarkPodsNotReady: when the node lifecycle controller finds a node NotReady,
 * it sets each of the node's pods Ready=False, so endpoints drop them before any eviction.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../core/kernel';
import { rfc3339 } from '../core/time';
import type { ApiServer } from './api/api-server';
import { PODS } from './api/collections';
import { isReady, podName } from './pods';
import { podRef } from './api/events';

export function markPodsNotReady(kernel: Kernel, api: ApiServer, node: string): void {
	api.events.record(
		{ kind: 'Node', name: node, namespace: 'default', apiVersion: 'v1' },
		{
			type: 'Normal',
			reason: 'NodeNotReady',
			message: `Node ${node} status is now: NodeNotReady`,
			source: 'node-controller'
		}
	);
	for (const pod of api.pods.onNode(node)) {
		if (!isReady(pod)) continue;
		const at = rfc3339(kernel.now);
		const conditions = (pod.status?.conditions ?? []).map((c) =>
			c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: at } : c
		);
		api.update<Pod>(PODS, { ...pod, status: { ...pod.status, conditions } });
		api.events.record(podRef(pod), {
			type: 'Warning',
			reason: 'NodeNotReady',
			message: 'Node is not ready',
			source: 'node-controller'
		});
		kernel.emit(
			'pod.notready',
			`pod/${podName(pod)}`,
			`Pod ${podName(pod)} marked not ready: its node ${node} is not ready.`
		);
	}
}
