/** Snapshots: plain, read-only data for views, built from the store. */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Hosts } from './core/hosts';
import type { Kernel } from './core/kernel';
import type { KubernetesCluster } from './kubernetes/cluster';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { LEASES, NODES, nodeStatusWord } from './kubernetes/node-object';
import type { SwarmCluster } from './swarm/cluster';
import { SWARM_NODES, type SwarmNode } from './swarm/node-object';
import { SWARM_SERVICES, SWARM_TASKS, type SwarmService, type SwarmTask } from './swarm/objects';
import { LAB_EPOCH_MS } from './core/time';
import { PODS } from './kubernetes/api/collections';
import { isReady } from './kubernetes/pods';
import { podStatus } from './commands/kubectl/workload-printers';
import type { Flavor, LabSnapshot, NodeView, TaskView, UnitView } from './types';
import { trafficOf } from './traffic/generator';
import { trafficViews } from './traffic/view';
import { raftView } from './raft/view';
import { kubernetesWorkloads, swarmWorkloads } from './workload-views';
import { isClusterAddon } from './kubernetes/system-addons/addon-objects';

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
	const store = src.kernel.store;
	// One view per machine: a machine that left and joined again keeps its old row (under the
	// old node ID) for `docker node ls`, but the view draws its newest node.
	const newest = (n: SwarmNode) =>
		store.get<SwarmNode>(SWARM_NODES, n.Description.Hostname)?.ID === n.ID;
	const rows = store.list<SwarmNode>(SWARM_NODES).filter(newest);
	return rows.map((node) => {
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

// Store objects are immutable and replaced on every write, so a pod's view is built once per
// version: a snapshot of a big cluster only re-reads the pods that changed since the last one.
const unitCache = new WeakMap<Pod, UnitView>();

/**
 * The units the views show: every pod but the cluster's own add-ons (kube-proxy, CoreDNS, static
 * pods). One pass and one array: a big lab's snapshot is built every frame.
 */
function learnerUnits(pods: readonly Pod[]): UnitView[] {
	const units: UnitView[] = [];
	for (const pod of pods) if (!isClusterAddon(pod)) units.push(podUnit(pod));
	return units;
}

function podUnit(pod: Pod): UnitView {
	let unit = unitCache.get(pod);
	if (unit === undefined) {
		const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
		let restarts = 0;
		for (const c of pod.status?.containerStatuses ?? []) restarts += c.restartCount;
		const view: UnitView = {
			name: pod.metadata!.name!,
			namespace: pod.metadata!.namespace ?? 'default',
			status: podStatus(pod),
			ready: isReady(pod),
			restarts
		};
		if (pod.spec?.nodeName) view.node = pod.spec.nodeName;
		if (owner !== undefined) view.owner = `${owner.kind}/${owner.name}`;
		unit = Object.freeze(view);
		unitCache.set(pod, unit);
	}
	return unit;
}

function swarmTasks(kernel: Kernel): TaskView[] {
	const services = new Map(
		kernel.store.list<SwarmService>(SWARM_SERVICES).map((s) => [s.ID, s.Spec.Name])
	);
	const hosts = new Map(
		kernel.store.list<SwarmNode>(SWARM_NODES).map((n) => [n.ID, n.Description.Hostname])
	);
	return kernel.store.list<SwarmTask>(SWARM_TASKS).map((t) => {
		const service = services.get(t.ServiceID) ?? t.ServiceID;
		return Object.freeze({
			id: t.ID,
			name: t.Slot !== undefined ? `${service}.${t.Slot}` : `${service}.${t.NodeID}`,
			service,
			node: hosts.get(t.NodeID) ?? '',
			state: t.Status.State,
			desiredState: t.DesiredState
		});
	});
}

/** swarmkit's states that end a task: nothing more happens to it. */
const TERMINAL = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);
/** Desired states that mean "this is the slot's current task". */
const WANTED = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'running']);

/**
 * The tasks a cluster view draws: each slot's current task, and any old task still running
 * (on a node that went down, it runs on while its replacement starts elsewhere). Restarts are
 * the earlier tasks of the same slot.
 */
function swarmUnits(tasks: readonly TaskView[]): UnitView[] {
	const perSlot = new Map<string, number>();
	for (const t of tasks) perSlot.set(t.name, (perSlot.get(t.name) ?? 0) + 1);
	return tasks
		.filter((t) => WANTED.has(t.desiredState) || !TERMINAL.has(t.state))
		.map((t) => {
			const view: UnitView = {
				name: t.name,
				namespace: '',
				id: t.id,
				status: t.state[0]!.toUpperCase() + t.state.slice(1),
				ready: t.state === 'running',
				restarts: (perSlot.get(t.name) ?? 1) - 1,
				owner: `Service/${t.service}`
			};
			if (t.node !== '') view.node = t.node;
			return Object.freeze(view);
		});
}

export function buildSnapshot(src: SnapshotSource): LabSnapshot {
	const nodes =
		src.kubernetes !== undefined ? kubernetesNodes(src, src.kubernetes) : swarmNodes(src);
	const traffic = trafficOf(src.kernel);
	const raftGroup = src.swarm?.raft ?? src.kubernetes?.etcd.group;
	const streams =
		traffic !== undefined && traffic.list().length > 0 ? trafficViews(traffic) : undefined;
	const tasks =
		src.swarm !== undefined && src.kernel.store.size(SWARM_TASKS) > 0
			? Object.freeze(swarmTasks(src.kernel))
			: undefined;
	const workloads =
		src.kubernetes !== undefined ? kubernetesWorkloads(src.kernel) : swarmWorkloads(src.kernel);
	return Object.freeze({
		schemaVersion: 1 as const,
		flavor: src.flavor,
		seed: src.seed,
		t: src.kernel.now,
		nodes: Object.freeze(nodes.map((n) => Object.freeze(n))),
		units: Object.freeze(
			src.kubernetes !== undefined
				? learnerUnits(src.kernel.store.list<Pod>(PODS))
				: swarmUnits(tasks ?? [])
		),
		...(streams !== undefined ? { traffic: streams } : {}),
		...(raftGroup !== undefined
			? { raft: raftView(raftGroup, src.kernel.now, src.kernel.network) }
			: {}),
		...(tasks !== undefined ? { tasks } : {}),
		...(workloads.length > 0 ? { workloads: Object.freeze(workloads) } : {})
	});
}
