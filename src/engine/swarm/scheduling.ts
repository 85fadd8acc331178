/**
 * One scheduler pass (swarmkit manager/scheduler/scheduler.go): every pending task, oldest
 * service first and by slot, is placed by ./scheduler.ts; a task no node fits keeps PENDING
 * with the explanation in Status.Err and is tried again when anything changes.
 */
import { SWARM_NODES, type SwarmNode } from './node-object';
import { SWARM_TASKS, wantsToRun, type SwarmTask } from './objects';
import { apiTime, type SwarmRuntime } from './runtime';
import { addTask, nodeInfos, placeTask } from './scheduler';
import { taskName, updateTask } from './tasks';
import { recentFailures } from './failure-history';

export function schedulePending(rt: SwarmRuntime): void {
	if (!rt.quorum()) return;
	const k = rt.kernel;
	const tasks = k.store.list<SwarmTask>(SWARM_TASKS);
	const pending = tasks
		.filter((t) => t.Status.State === 'pending' && wantsToRun(t))
		.sort(
			(a, b) =>
				(a.ServiceID < b.ServiceID ? -1 : a.ServiceID > b.ServiceID ? 1 : 0) ||
				(a.Slot ?? 0) - (b.Slot ?? 0) ||
				(a.CreatedAt < b.CreatedAt ? -1 : a.CreatedAt > b.CreatedAt ? 1 : 0)
		);
	if (pending.length === 0) return;
	const infos = nodeInfos(
		k.store.list<SwarmNode>(SWARM_NODES),
		tasks.filter((t) => t.NodeID !== '' && t.Status.State !== 'pending')
	);
	for (const task of pending) {
		const placed = placeTask(task, infos, (nodeId) => recentFailures(rt, nodeId, task));
		if (!placed.ok) {
			if (task.Status.Err !== placed.error) {
				updateTask(rt, task, (t) => ({ ...t, Status: { ...t.Status, Err: placed.error } }));
			}
			continue;
		}
		const node = placed.node;
		const assigned = updateTask(rt, task, (t) => {
			const status = {
				...t.Status,
				State: 'assigned' as const,
				Message: 'scheduler assigned task to node'
			};
			delete status.Err;
			status.Timestamp = apiTime(rt.kernel.now);
			return { ...t, NodeID: node.node.ID, Status: status };
		});
		addTask(node, assigned);
		const name = taskName(rt, assigned);
		k.emit(
			'swarm.task.assigned',
			`task/${name}`,
			`Task ${name} assigned to ${node.node.Description.Hostname}.`
		);
	}
}
