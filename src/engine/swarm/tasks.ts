/** Creating tasks and writing their changes to the store (swarmkit orchestrator.NewTask). */
import { base36Id } from '../core/ids';
import { OBJECT_ID_LENGTH } from './defaults';
import { SWARM_NODES, type SwarmNode } from './node-object';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmService,
	type SwarmTask,
	type TaskState
} from './objects';
import { apiTime, type SwarmRuntime } from './runtime';

/** Status messages swarmkit writes with each state (orchestrator, allocator, agent). */
export const STATE_MESSAGES: Partial<Record<TaskState, string>> = {
	new: 'created',
	pending: 'pending task scheduling',
	assigned: 'scheduler assigned task to node',
	accepted: 'accepted',
	preparing: 'preparing',
	ready: 'prepared',
	starting: 'starting',
	running: 'started',
	complete: 'finished',
	shutdown: 'shutdown'
};

export function newObjectId(rt: SwarmRuntime): string {
	return base36Id(rt.kernel.rng.stream('swarm/object-ids'), OBJECT_ID_LENGTH);
}

export function newTask(
	rt: SwarmRuntime,
	service: SwarmService,
	slot: number | undefined,
	nodeId: string,
	desired: TaskState
): SwarmTask {
	const k = rt.kernel;
	const id = newObjectId(rt);
	const now = apiTime(k.now);
	const task = k.store.put<SwarmTask>(SWARM_TASKS, id, (rv) => ({
		ID: id,
		Version: { Index: rv },
		CreatedAt: now,
		UpdatedAt: now,
		Labels: {},
		Spec: service.Spec.TaskTemplate,
		SpecVersion: { Index: service.Version.Index },
		ServiceID: service.ID,
		...(slot !== undefined ? { Slot: slot } : {}),
		NodeID: nodeId,
		Status: { Timestamp: now, State: 'new', Message: 'created' },
		DesiredState: desired,
		...(service.Endpoint.Ports !== undefined ? { Endpoint: { Ports: service.Endpoint.Ports } } : {})
	}));
	k.emit('swarm.task.created', `task/${taskName(rt, task)}`, `Task ${taskName(rt, task)} created.`);
	return task;
}

/** Replaces a task with `change` applied; the store stamps the new version. */
export function updateTask(
	rt: SwarmRuntime,
	task: SwarmTask,
	change: (t: SwarmTask) => SwarmTask
): SwarmTask {
	const k = rt.kernel;
	return k.store.put<SwarmTask>(SWARM_TASKS, task.ID, (rv) => ({
		...change(task),
		Version: { Index: rv },
		UpdatedAt: apiTime(k.now)
	}));
}

export function setDesired(rt: SwarmRuntime, task: SwarmTask, desired: TaskState): SwarmTask {
	if (task.DesiredState === desired) return task;
	return updateTask(rt, task, (t) => ({ ...t, DesiredState: desired }));
}

export function nodeById(rt: SwarmRuntime, id: string): SwarmNode | undefined {
	return rt.kernel.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === id);
}

/** `web.1` for a replicated task, `web.<nodeID>` for a global one (task/formatter.go). */
export function taskName(rt: SwarmRuntime, task: SwarmTask): string {
	const service = rt.kernel.store.get<SwarmService>(SWARM_SERVICES, task.ServiceID);
	const name = service?.Spec.Name ?? task.ServiceID;
	// task/print.go: a task in slot 0 (a replicated job's first) is named by its node.
	return task.Slot !== undefined && task.Slot !== 0
		? `${name}.${task.Slot}`
		: `${name}.${task.NodeID}`;
}

export function tasksOf(rt: SwarmRuntime, serviceId: string): SwarmTask[] {
	return rt.kernel.store.list<SwarmTask>(SWARM_TASKS).filter((t) => t.ServiceID === serviceId);
}
