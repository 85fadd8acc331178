/**
 * What a snapshot shows of a swarm (../snapshot.ts adds what every lab shows): its nodes, its
 * tasks, and the replicated services the widget's −/+ controls scale (a global service runs one
 * task per node and has no replica count to change). The Swarm flavour brings this module
 * (./swarm.ts).
 */
import type { Kernel } from '../core/kernel';
import type { SnapshotSource } from '../snapshot';
import { SWARM_NODES, type SwarmNode } from '../swarm/node-object';
import { SWARM_SERVICES, SWARM_TASKS, type SwarmService, type SwarmTask } from '../swarm/objects';
import type { NodeView, TaskView, UnitView, WorkloadView } from '../types';
import type { ClusterViews } from './registry';

export function swarmViews(src: SnapshotSource): ClusterViews {
	const tasks =
		src.kernel.store.size(SWARM_TASKS) > 0 ? Object.freeze(swarmTasks(src.kernel)) : undefined;
	return {
		nodes: swarmNodes(src),
		units: swarmUnits(tasks ?? []),
		tasks,
		workloads: swarmWorkloads(src.kernel)
	};
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

function swarmWorkloads(kernel: Kernel): WorkloadView[] {
	const running = new Map<string, number>();
	for (const task of kernel.store.list<SwarmTask>(SWARM_TASKS)) {
		if (task.Status.State === 'running' && task.DesiredState === 'running') {
			running.set(task.ServiceID, (running.get(task.ServiceID) ?? 0) + 1);
		}
	}
	return kernel.store.list<SwarmService>(SWARM_SERVICES).flatMap((service) => {
		const mode = service.Spec.Mode;
		if (!('Replicated' in mode)) return [];
		return [
			Object.freeze({
				kind: 'Service' as const,
				namespace: '',
				name: service.Spec.Name,
				// docker service create defaults a replicated service to 1 replica.
				desired: mode.Replicated.Replicas ?? 1,
				ready: running.get(service.ID) ?? 0
			})
		];
	});
}
