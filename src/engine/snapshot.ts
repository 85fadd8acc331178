/** Snapshots: plain, read-only data for views, built from the store. */
import type { Node } from 'kubernetes-types/core/v1';
import type { Hosts } from './core/hosts';
import type { Kernel } from './core/kernel';
import type { KubernetesCluster } from './kubernetes/cluster';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { LEASES, NODES, nodeStatusWord } from './kubernetes/node-object';
import type { SwarmCluster } from './swarm/cluster';
import { SWARM_NODES, type SwarmNode } from './swarm/node-object';
import { LAB_EPOCH_MS } from './core/time';
import type { Flavor, LabSnapshot, NodeView } from './types';

export interface SnapshotSource {
	flavor: Flavor;
	seed: number;
	kernel: Kernel;
	hosts: Hosts;
	kubernetes?: KubernetesCluster;
	swarm?: SwarmCluster;
}

function kubernetesNodes(src: SnapshotSource, cluster: KubernetesCluster): NodeView[] {
	return src.kernel.store.list<Node>(NODES).map((node) => {
		const name = node.metadata!.name!;
		// The Lease renewal is the kubelet's heartbeat (status is posted only on change or every 5m).
		const heartbeat = src.kernel.store.get<Lease>(LEASES, name)?.spec?.renewTime;
		return {
			name,
			role: cluster.controlPlanes.includes(name) ? 'control-plane' : 'worker',
			running: src.hosts.isRunning(name),
			status: nodeStatusWord(node),
			lastHeartbeat: heartbeat === undefined ? 0 : Date.parse(heartbeat) - LAB_EPOCH_MS
		};
	});
}

function swarmNodes(src: SnapshotSource): NodeView[] {
	return src.kernel.store.list<SwarmNode>(SWARM_NODES).map((node) => {
		const status = node.Status.State;
		return {
			name: node.Description.Hostname,
			role: node.Spec.Role,
			running: src.hosts.isRunning(node.Description.Hostname),
			status: status[0]!.toUpperCase() + status.slice(1),
			lastHeartbeat: src.swarm?.lastHeartbeat(node.Description.Hostname) ?? 0
		};
	});
}

export function buildSnapshot(src: SnapshotSource): LabSnapshot {
	const nodes =
		src.kubernetes !== undefined ? kubernetesNodes(src, src.kubernetes) : swarmNodes(src);
	return Object.freeze({
		schemaVersion: 1 as const,
		flavor: src.flavor,
		seed: src.seed,
		t: src.kernel.now,
		nodes: Object.freeze(nodes.map((n) => Object.freeze(n)))
	});
}
