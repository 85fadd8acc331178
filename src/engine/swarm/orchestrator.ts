/**
 * The orchestrators (moby/swarmkit manager/orchestrator; design/orchestrators.md; facts §2.5):
 * one level-triggered pass that keeps every service's tasks as its spec and the nodes say.
 *
 * - Replicated: slots 1…replicas. Slots are filled or emptied only when the service changes
 *   (create, scale, update) — a slot whose task ended and must not restart stays empty. Scaling
 *   down removes tasks from the nodes with the most tasks of the service first, tasks that do
 *   not run before running ones. Nothing is rebalanced when nodes come back.
 * - Global: one task per node that is not DOWN or drained and matches the constraints; a paused
 *   node keeps its task but gets no new one. A task that ended on a paused node, or on one that
 *   no longer meets the constraints, is shut down rather than restarted there.
 * - Tasks on a node that stopped fitting them are rejected by the constraint enforcer
 *   (./constraint-enforcer.ts) and then restarted like any task that ended.
 * - A task that ended while it should run, or whose node went DOWN or was drained, goes to the
 *   restart supervisor (./restart.ts).
 * - The allocator moves new tasks to PENDING; the reaper deletes removed tasks once stopped and
 *   keeps at most five tasks of history per slot (facts §2.4).
 */
import { constraintsOrNone, nodeMatches, type Constraint } from './constraints';
import { NODE_DOWN_PERIOD_MS } from './defaults';
import { INGRESS, networkByName, nextAddress } from './allocator';
import { SWARM_NODES, type SwarmNode } from './node-object';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	stateValue,
	type SwarmService,
	type SwarmTask,
	wantsToRun
} from './objects';
import { restartTask, startDue } from './restart';
import { apiTimeMs, type SwarmRuntime } from './runtime';
import { reconcileJob } from './jobs';
import { isGlobal, isJob, replicasOf } from './service-spec';
import { newTask, setDesired, updateTask } from './tasks';
import { advanceUpdate } from './updater';

const RUNNING = stateValue('running');

const runnable = wantsToRun;

export function reconcile(rt: SwarmRuntime): void {
	const k = rt.kernel;
	if (!rt.quorum()) return;
	const services = k.store.list<SwarmService>(SWARM_SERVICES);
	if (services.length === 0 && k.store.size(SWARM_TASKS) === 0) return;
	startDue(rt);
	const nodes = k.store.list<SwarmNode>(SWARM_NODES);
	for (const service of services) {
		if (isJob(service.Spec)) {
			restartEnded(rt, service, new Map(nodes.map((n) => [n.ID, n])));
			reconcileJob(rt, service, nodes);
			continue;
		}
		if (isGlobal(service.Spec)) reconcileGlobal(rt, service, nodes);
		else reconcileReplicated(rt, service, nodes);
		const latest = k.store.get<SwarmService>(SWARM_SERVICES, service.ID);
		if (latest !== undefined) advanceUpdate(rt, latest);
	}
	startDue(rt);
	orphan(rt, nodes);
	reap(rt, nodes);
	allocate(rt);
}

/**
 * dispatcher.go moveTasksToOrphaned: a node DOWN for 24 h has its tasks still ASSIGNED…RUNNING
 * marked ORPHANED (facts §2.3), so they stop counting. The node's UpdatedAt is when it went
 * down (the dispatcher writes it with the state).
 */
function orphan(rt: SwarmRuntime, nodes: SwarmNode[]): void {
	const k = rt.kernel;
	const lost = new Set(
		nodes
			.filter(
				(n) => n.Status.State === 'down' && k.now - apiTimeMs(n.UpdatedAt) >= NODE_DOWN_PERIOD_MS
			)
			.map((n) => n.ID)
	);
	if (lost.size === 0) return;
	for (const t of k.store.list<SwarmTask>(SWARM_TASKS)) {
		const observed = stateValue(t.Status.State);
		if (!lost.has(t.NodeID) || observed < stateValue('assigned') || observed > RUNNING) continue;
		// Only the state changes (moveTasksToOrphaned sets Status.State alone).
		updateTask(rt, t, (x) => ({ ...x, Status: { ...x.Status, State: 'orphaned' } }));
	}
}

function tasksOf(rt: SwarmRuntime, serviceId: string): SwarmTask[] {
	return rt.kernel.store.list<SwarmTask>(SWARM_TASKS).filter((t) => t.ServiceID === serviceId);
}

/** orchestrator.InvalidNode: the node is gone, DOWN, or drained. */
export function invalidNode(node: SwarmNode | undefined): boolean {
	return node === undefined || node.Status.State === 'down' || node.Spec.Availability === 'drain';
}

function restartEnded(rt: SwarmRuntime, service: SwarmService, byId: Map<string, SwarmNode>): void {
	const global = isGlobal(service.Spec);
	const constraints = global ? constraintsOf(service) : [];
	for (const t of tasksOf(rt, service.ID)) {
		if (!runnable(t)) continue;
		// A job's task that completed is done, not ended early.
		if (t.Status.State === 'complete' && t.DesiredState === 'complete') continue;
		const ended = stateValue(t.Status.State) > RUNNING;
		const node = byId.get(t.NodeID);
		const lost = t.NodeID !== '' && invalidNode(node);
		if (ended && global && node !== undefined) {
			// global.go tickTasks: a drained or DOWN node's task is left to the shutdown below
			// (reconcileGlobal); on a paused node or one that no longer meets the constraints (a
			// task the constraint enforcer rejected) the task is shut down, not restarted there.
			if (lost) continue;
			if (node.Spec.Availability === 'pause' || !nodeMatches(constraints, node)) {
				setDesired(rt, t, 'shutdown');
				continue;
			}
		}
		if (ended || (lost && !global)) restartTask(rt, service, t);
	}
}

/** The service's placement constraints (a global service's nodes are checked against them). */
function constraintsOf(service: SwarmService): Constraint[] {
	return constraintsOrNone(service.Spec.TaskTemplate.Placement?.Constraints ?? []);
}

function reconcileReplicated(rt: SwarmRuntime, service: SwarmService, nodes: SwarmNode[]): void {
	const byId = new Map(nodes.map((n) => [n.ID, n]));
	restartEnded(rt, service, byId);
	if (rt.state.filled[service.ID] === service.Version.Index) return;
	rt.state.filled[service.ID] = service.Version.Index;
	const want = replicasOf(service.Spec);
	const tasks = tasksOf(rt, service.ID);
	const slots = new Map<number, SwarmTask[]>();
	for (const t of tasks.filter(runnable)) {
		const list = slots.get(t.Slot ?? 0) ?? [];
		list.push(t);
		slots.set(t.Slot ?? 0, list);
	}
	if (slots.size < want) {
		let missing = want - slots.size;
		for (let slot = 1; missing > 0; slot++) {
			if (slots.has(slot)) continue;
			newTask(rt, service, slot, '', 'running');
			missing--;
		}
	} else if (slots.size > want) {
		for (const slot of victims(slots, slots.size - want)) {
			for (const t of slots.get(slot) ?? []) setDesired(rt, t, 'remove');
		}
	}
}

/**
 * Scale-down victims (design/orchestrators.md): repeatedly the slot on the node with the most
 * tasks of the service, a slot that is not running before one that is, the highest slot last.
 */
function victims(slots: Map<number, SwarmTask[]>, count: number): number[] {
	const perNode = new Map<string, number>();
	for (const list of slots.values()) {
		const node = list[0]?.NodeID ?? '';
		perNode.set(node, (perNode.get(node) ?? 0) + 1);
	}
	const left = new Map(slots);
	const out: number[] = [];
	for (let i = 0; i < count; i++) {
		const ranked = [...left.entries()].sort(([sa, a], [sb, b]) => {
			const na = perNode.get(a[0]?.NodeID ?? '') ?? 0;
			const nb = perNode.get(b[0]?.NodeID ?? '') ?? 0;
			const ra = a.some((t) => t.Status.State === 'running') ? 1 : 0;
			const rb = b.some((t) => t.Status.State === 'running') ? 1 : 0;
			return nb - na || ra - rb || sb - sa;
		});
		const [slot, list] = ranked[0]!;
		out.push(slot);
		left.delete(slot);
		const node = list[0]?.NodeID ?? '';
		perNode.set(node, (perNode.get(node) ?? 1) - 1);
	}
	return out;
}

function reconcileGlobal(rt: SwarmRuntime, service: SwarmService, nodes: SwarmNode[]): void {
	const byId = new Map(nodes.map((n) => [n.ID, n]));
	restartEnded(rt, service, byId);
	const seen = (rt.state.globalSeen[service.ID] ??= {});
	const changed = rt.state.filled[service.ID] !== service.Version.Index;
	rt.state.filled[service.ID] = service.Version.Index;
	const constraints = constraintsOf(service);
	const tasks = tasksOf(rt, service.ID).filter(runnable);
	for (const node of nodes) {
		const here = tasks.filter((t) => t.NodeID === node.ID);
		const invalid = invalidNode(node);
		const matches = nodeMatches(constraints, node);
		const canAdd = !invalid && matches && node.Spec.Availability === 'active';
		// A drained or DOWN node loses its tasks at once (reconcileOneNode). One that stopped
		// meeting the constraints loses them here only when the service changed
		// (reconcileServices); after a node update the constraint enforcer rejects them, and a
		// paused node keeps them (global.go).
		if (invalid || (!matches && changed)) {
			for (const t of here) setDesired(rt, t, 'shutdown');
		} else if (here.length === 0 && canAdd && (changed || seen[node.ID] !== true)) {
			newTask(rt, service, undefined, node.ID, 'running');
		}
		seen[node.ID] = canAdd;
	}
}

/** The task reaper: removed tasks go once stopped; history is capped per slot. */
function reap(rt: SwarmRuntime, nodes: SwarmNode[]): void {
	const k = rt.kernel;
	const byId = new Map(nodes.map((n) => [n.ID, n]));
	const groups = new Map<string, SwarmTask[]>();
	for (const t of k.store.list<SwarmTask>(SWARM_TASKS)) {
		const observed = stateValue(t.Status.State);
		const unassigned = t.NodeID === '' || observed < stateValue('assigned');
		// A task never sent to a node that should stop just stops (nobody else will report it).
		if (!runnable(t) && unassigned && observed <= RUNNING && t.DesiredState !== 'remove') {
			updateTask(rt, t, (x) => ({
				...x,
				Status: { ...x.Status, State: 'shutdown', Message: 'shutdown' }
			}));
			continue;
		}
		if (t.DesiredState === 'remove') {
			const nodeDown = byId.get(t.NodeID)?.Status.State === 'down';
			if (unassigned || observed > RUNNING || nodeDown) {
				k.store.delete(SWARM_TASKS, t.ID);
				delete rt.state.restarts[t.ID];
			}
			continue;
		}
		const key = t.Slot !== undefined ? `${t.ServiceID}/${t.Slot}` : `${t.ServiceID}/${t.NodeID}`;
		const list = groups.get(key) ?? [];
		list.push(t);
		groups.set(key, list);
	}
	const retention = rt.taskHistoryLimit();
	for (const list of groups.values()) {
		// taskreaper.go: a restart policy with MaxAttempts keeps one more than that (the restart
		// history is rebuilt from them); a negative limit keeps every task.
		const service = k.store.get<SwarmService>(SWARM_SERVICES, list[0]!.ServiceID);
		const attempts = service?.Spec.TaskTemplate.RestartPolicy?.MaxAttempts ?? 0;
		const limit = attempts > 0 ? attempts + 1 : retention;
		if (limit < 0 || list.length <= limit) continue;
		const history = list
			.filter((t) => !runnable(t) && stateValue(t.Status.State) > RUNNING)
			// Oldest first: by creation time, then by ID (the store's order) for a stable choice.
			.sort((a, b) => (a.CreatedAt < b.CreatedAt ? -1 : a.CreatedAt > b.CreatedAt ? 1 : 0));
		let extra = list.length - limit;
		for (const t of history) {
			if (extra-- <= 0) break;
			k.store.delete(SWARM_TASKS, t.ID);
		}
	}
}

/** The allocator: NEW → PENDING, with the task's addresses on its networks. */
function allocate(rt: SwarmRuntime): void {
	const k = rt.kernel;
	let pending = false;
	for (const t of k.store.list<SwarmTask>(SWARM_TASKS)) {
		if (t.Status.State === 'pending' && t.NodeID === '') pending = true;
		if (t.Status.State === 'pending' && runnable(t)) pending = true;
		if (t.Status.State !== 'new') continue;
		const service = k.store.get<SwarmService>(SWARM_SERVICES, t.ServiceID);
		const attachments: NonNullable<SwarmTask['NetworksAttachments']> = [];
		const names = [
			...((service?.Endpoint.Ports ?? []).some((p) => p.PublishMode === 'ingress')
				? [INGRESS]
				: []),
			...(t.Spec.Networks ?? []).map((n) => n.Target)
		];
		for (const name of names) {
			const net = networkByName(rt, name);
			if (net === undefined || attachments.some((a) => a.Network.ID === net.ID)) continue;
			attachments.push({
				Network: { ID: net.ID, Spec: { Name: net.Spec.Name } },
				Addresses: [nextAddress(rt, net)]
			});
		}
		updateTask(rt, t, (x) => ({
			...x,
			Status: { ...x.Status, State: 'pending', Message: 'pending task scheduling' },
			...(attachments.length > 0 ? { NetworksAttachments: attachments } : {})
		}));
		pending = true;
	}
	if (pending) rt.requestSchedule();
}
