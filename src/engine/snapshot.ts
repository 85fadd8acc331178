/**
 * Snapshots: plain, read-only data for views, built from the store. What a cluster shows of
 * itself — nodes, units, tasks, workloads — comes from its flavour (flavors/kubernetes-views.ts,
 * flavors/swarm-views.ts), so that a page loads only the flavours it runs; the traffic and the
 * Raft group are every lab's.
 */
import type { Hosts } from './core/hosts';
import type { Kernel } from './core/kernel';
import { flavorModule } from './flavors/registry';
import type { KubernetesCluster } from './kubernetes/cluster';
import type { SwarmCluster } from './swarm/cluster';
import type { Flavor, LabSnapshot } from './types';
import { trafficOf } from './traffic/generator';
import { trafficViews } from './traffic/view';
import { raftView } from './raft/view';

export interface SnapshotSource {
	flavor: Flavor;
	seed: number;
	kernel: Kernel;
	hosts: Hosts;
	kubernetes?: KubernetesCluster;
	swarm?: SwarmCluster;
}

export function buildSnapshot(src: SnapshotSource): LabSnapshot {
	const { nodes, units, tasks, workloads } = flavorModule(src.flavor).views(src);
	const traffic = trafficOf(src.kernel);
	const raftGroup = src.swarm?.raft ?? src.kubernetes?.etcd.group;
	const streams =
		traffic !== undefined && traffic.list().length > 0 ? trafficViews(traffic) : undefined;
	return Object.freeze({
		schemaVersion: 1 as const,
		flavor: src.flavor,
		seed: src.seed,
		t: src.kernel.now,
		nodes: Object.freeze(nodes.map((n) => Object.freeze(n))),
		units: Object.freeze(units),
		...(streams !== undefined ? { traffic: streams } : {}),
		...(raftGroup !== undefined
			? { raft: raftView(raftGroup, src.kernel.now, src.kernel.network) }
			: {}),
		...(tasks !== undefined ? { tasks } : {}),
		...(workloads.length > 0 ? { workloads: Object.freeze(workloads) } : {})
	});
}
