/** `kubectl get nodes` columns and cells (printers.go nodeColumnDefinitions, printNode). */
import type { Node } from 'kubernetes-types/core/v1';
import { kubectlAge } from '../durations';
import { nodeStatusWord } from '../../kubernetes/node-object';
import { LAB_EPOCH_MS } from '../../core/time';

export const NODE_COLUMNS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
export const NODE_WIDE_COLUMNS = [
	'INTERNAL-IP',
	'EXTERNAL-IP',
	'OS-IMAGE',
	'KERNEL-VERSION',
	'CONTAINER-RUNTIME'
];

/** Simulated ms since the object's creationTimestamp. */
export function ageOf(creationTimestamp: string | undefined, now: number): string {
	if (creationTimestamp === undefined) return '<unknown>';
	return kubectlAge(now - (Date.parse(creationTimestamp) - LAB_EPOCH_MS));
}

/** ROLES: `node-role.kubernetes.io/<role>` labels plus `kubernetes.io/role`, sorted. */
export function nodeRoles(node: Node): string {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
		if (key.startsWith('node-role.kubernetes.io/')) {
			const role = key.slice('node-role.kubernetes.io/'.length);
			if (role !== '') roles.add(role);
		} else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
	}
	return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function address(node: Node, type: string): string {
	return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const NODE_PRINTER = {
	columns: NODE_COLUMNS,
	wide: NODE_WIDE_COLUMNS,
	row: (node: Node, now: number, wide: boolean) => nodeRow(node, now, wide)
};

export function nodeRow(node: Node, now: number, wide: boolean): string[] {
	const row = [
		node.metadata?.name ?? '',
		nodeStatusWord(node),
		nodeRoles(node),
		ageOf(node.metadata?.creationTimestamp, now),
		node.status?.nodeInfo?.kubeletVersion ?? ''
	];
	if (wide) {
		const info = node.status?.nodeInfo;
		row.push(
			address(node, 'InternalIP'),
			address(node, 'ExternalIP'),
			info?.osImage || '<unknown>',
			info?.kernelVersion || '<unknown>',
			info?.containerRuntimeVersion || '<unknown>'
		);
	}
	return row;
}
