/**
 * The constraint enforcer (moby/swarmkit manager/orchestrator/constraintenforcer/
 * constraint_enforcer.go, as Docker Engine 28 vendors it under github.com/moby/swarmkit/v2).
 * It runs on the leader beside the orchestrators: once over every node when it starts, then for
 * every node update (EventUpdateNode: labels, availability, role, status). On a node whose
 * availability is `active` it looks at the node's tasks whose desired state lies between
 * ASSIGNED and COMPLETE and rejects those that no longer fit it:
 *
 * - the placement constraints of the task's service as the service is now (the task's own spec
 *   only when the service is gone: swarmkit#2857), or
 * - the task's resource reservations, counted against the node's resources task by task.
 *
 * A rejected task gets observed state REJECTED with the enforcer's message and error; its
 * desired state stays for the orchestrator, which restarts it as any task that ended (restart
 * policy and delay; ./restart.ts): a replicated task's replacement goes to a node that fits or
 * waits PENDING; a global service's task is shut down and not replaced on that node
 * (global.go tickTasks). The agent then stops the container; its SHUTDOWN report is older than
 * REJECTED in the state order, so the dispatcher drops it ("task status invalid transition")
 * and `docker service ps` keeps showing `Rejected … ago`.
 *
 * A drained node is left alone (the orchestrators shut its tasks down) and so is a paused one
 * ("we shouldn't touch the tasks on this node"). MaxReplicas is not enforced here: swarmkit's
 * enforcer never looked at it, only the scheduler does.
 */
import type { Kernel } from '../core/kernel';
import { constraintsOrNone, nodeMatches } from './constraints';
import { CONSTRAINT_ENFORCER_ERROR, CONSTRAINT_ENFORCER_MESSAGE } from './defaults';
import { recordTaskFailure } from './failure-history';
import { SWARM_NODES, type SwarmNode } from './node-object';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	stateValue,
	type SwarmService,
	type SwarmTask
} from './objects';
import { apiTime, type SwarmRuntime } from './runtime';
import { taskName, updateTask } from './tasks';

/** The queue entry of one node's check; its argument is the node as the update wrote it. */
const ENFORCE = 'swarm.enforce';

const ASSIGNED = stateValue('assigned');
const COMPLETE = stateValue('complete');

/**
 * Engine 28 looks at every task whose desired state is ASSIGNED…COMPLETE, whatever its observed
 * state, so a replicated job's finished tasks still count (moby/moby#52652; swarmkit#3237 skips
 * tasks observed COMPLETE or later, after Engine 28).
 */
function considered(t: SwarmTask): boolean {
	const desired = stateValue(t.DesiredState);
	return desired >= ASSIGNED && desired <= COMPLETE;
}

/** The tasks on `node` that no longer fit it, in the store's order (deterministic). */
export function noncompliantTasks(
	node: SwarmNode,
	tasks: readonly SwarmTask[],
	serviceOf: (id: string) => SwarmService | undefined
): SwarmTask[] {
	if (node.Spec.Availability !== 'active') return [];
	let cpu = node.Description.Resources.NanoCPUs;
	let memory = node.Description.Resources.MemoryBytes;
	const out: SwarmTask[] = [];
	for (const t of tasks) {
		if (t.NodeID !== node.ID || !considered(t)) continue;
		const service = serviceOf(t.ServiceID);
		const placement =
			service !== undefined ? service.Spec.TaskTemplate.Placement : t.Spec.Placement;
		if (!nodeMatches(constraintsOrNone(placement?.Constraints ?? []), node)) {
			out.push(t);
			continue;
		}
		const r = t.Spec.Resources?.Reservations;
		if (r === undefined) continue;
		// A task that fits takes its share of the node from what the next ones see.
		if ((r.MemoryBytes ?? 0) > memory || (r.NanoCPUs ?? 0) > cpu) {
			out.push(t);
			continue;
		}
		memory -= r.MemoryBytes ?? 0;
		cpu -= r.NanoCPUs ?? 0;
	}
	return out;
}

/** rejectNoncompliantTasks: one node's check, written as one batch. */
export function rejectNoncompliantTasks(rt: SwarmRuntime, node: SwarmNode): void {
	const k = rt.kernel;
	const tasks = k.store.list<SwarmTask>(SWARM_TASKS);
	const found = noncompliantTasks(node, tasks, (id) =>
		k.store.get<SwarmService>(SWARM_SERVICES, id)
	);
	for (const t of found) {
		const latest = k.store.get<SwarmTask>(SWARM_TASKS, t.ID);
		if (latest === undefined || stateValue(latest.DesiredState) > COMPLETE) continue;
		const rejected = updateTask(rt, latest, (x) => ({
			...x,
			// Only these four fields change: the container's and ports' status stay as they were.
			Status: {
				...x.Status,
				State: 'rejected',
				Message: CONSTRAINT_ENFORCER_MESSAGE,
				Err: CONSTRAINT_ENFORCER_ERROR,
				Timestamp: apiTime(k.now)
			}
		}));
		// The scheduler sees a task turn REJECTED and counts it against the node
		// (scheduler.go updateTask → taskFailed), whoever wrote the state.
		recordTaskFailure(rt, rejected);
		const name = taskName(rt, rejected);
		k.emit(
			'swarm.task.rejected',
			`task/${name}`,
			`Task ${name} is rejected: node ${node.Description.Hostname} no longer meets its constraints.`
		);
	}
}

/**
 * Wires the enforcer to the kernel: every node update queues that node's check at the current
 * time (after the orchestrator pass the same update asked for), and a new leader checks every
 * node. Without a quorum nothing is written; the next leader's full pass catches up.
 */
export class ConstraintEnforcer {
	constructor(private readonly rt: SwarmRuntime) {
		const k: Kernel = rt.kernel;
		k.on(ENFORCE, (arg) => {
			if (!this.rt.quorum()) return;
			rejectNoncompliantTasks(this.rt, (arg as { node: SwarmNode }).node);
		});
		k.store.watch<SwarmNode>(SWARM_NODES, (e) => {
			if (e.type === 'MODIFIED') this.queue(e.object);
		});
	}

	private queue(node: SwarmNode): void {
		const k = this.rt.kernel;
		// No task, nothing to reject: an idle swarm's heartbeat changes queue nothing.
		if (k.store.size(SWARM_TASKS) === 0) return;
		k.after(0, ENFORCE, { node });
	}

	/** The enforcer starts on a new leader (Run): a check of every node, in the store's order. */
	checkAll(): void {
		for (const node of this.rt.kernel.store.list<SwarmNode>(SWARM_NODES)) this.queue(node);
	}
}
