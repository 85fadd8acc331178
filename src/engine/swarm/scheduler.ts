/**
 * The Swarm scheduler (moby/swarmkit manager/scheduler; facts.md §2.7). A pending task goes
 * through the filters in swarmkit's order — Ready, Resources, Constraints, HostPort,
 * MaxReplicas (pipeline.go defaultFilters; the Plugin and Platform filters never fail in the
 * lab: every node has the plugins and platform every image needs) — and then to the node with
 * the fewest tasks of its service, ties going to the node with the fewest tasks in all
 * (design/scheduler.md). Placement preferences first divide the tasks evenly over the values of
 * a label (design/topology.md). A task no node passes stays PENDING with swarmkit's
 * `no suitable node (…)` explanation (pipeline.go Explain).
 */
import { naturalCompare } from './natural';
import { SCHEDULER_MAX_FAILURES } from './defaults';
import { constraintsOrNone, nodeMatches, type Constraint } from './constraints';
import { engineLabels } from './constraints';
import { ownValue } from '../core/own-keys';
import type { SwarmNode } from './node-object';
import { stateValue, wantsToRun, type SwarmTask } from './objects';

export interface NodeInfo {
	node: SwarmNode;
	/** Tasks on the node that have not ended (scheduler.go keeps state ≤ RUNNING). */
	tasks: SwarmTask[];
	/** Tasks with desired state ≤ RUNNING, per service (ActiveTasksCountByService). */
	activeByService: Map<string, number>;
	active: number;
	cpu: number;
	memory: number;
	hostPorts: Set<string>;
}

const RUNNING = stateValue('running');

/** Host-mode published ports the task asks for, as `proto/port` keys. */
export function hostModePorts(task: SwarmTask): string[] {
	return (task.Endpoint?.Ports ?? [])
		.filter((p) => p.PublishMode === 'host' && (p.PublishedPort ?? 0) !== 0)
		.map((p) => `${p.Protocol ?? 'tcp'}/${p.PublishedPort}`);
}

export function nodeInfos(nodes: readonly SwarmNode[], tasks: readonly SwarmTask[]): NodeInfo[] {
	const byId = new Map<string, NodeInfo>();
	for (const node of nodes) {
		byId.set(node.ID, {
			node,
			tasks: [],
			activeByService: new Map(),
			active: 0,
			cpu: node.Description.Resources.NanoCPUs,
			memory: node.Description.Resources.MemoryBytes,
			hostPorts: new Set()
		});
	}
	for (const t of tasks) addTask(byId.get(t.NodeID), t);
	return [...byId.values()];
}

/** Counts a task on its node (scheduler.go NodeInfo.addTask). */
export function addTask(info: NodeInfo | undefined, t: SwarmTask): void {
	if (info === undefined || stateValue(t.Status.State) > RUNNING) return;
	info.tasks.push(t);
	const r = t.Spec.Resources?.Reservations;
	info.cpu -= r?.NanoCPUs ?? 0;
	info.memory -= r?.MemoryBytes ?? 0;
	for (const p of hostModePorts(t)) info.hostPorts.add(p);
	if (wantsToRun(t)) {
		info.active++;
		info.activeByService.set(t.ServiceID, (info.activeByService.get(t.ServiceID) ?? 0) + 1);
	}
}

interface Filter {
	enabled(task: SwarmTask): boolean;
	check(task: SwarmTask, n: NodeInfo): boolean;
	explain(nodes: number): string;
}

const plural = (n: number, one: string, many: string) =>
	n === 1 ? one.replace('%d', '1') : many.replace('%d', String(n));

function constraintsOf(task: SwarmTask): Constraint[] {
	return constraintsOrNone(task.Spec.Placement?.Constraints ?? []);
}

/** filter.go, in pipeline.go's order. */
const FILTERS: Filter[] = [
	{
		enabled: () => true,
		check: (_t, n) => n.node.Status.State === 'ready' && n.node.Spec.Availability === 'active',
		explain: (n) =>
			plural(n, '1 node not available for new tasks', '%d nodes not available for new tasks')
	},
	{
		enabled: (t) => {
			const r = t.Spec.Resources?.Reservations;
			return (r?.NanoCPUs ?? 0) > 0 || (r?.MemoryBytes ?? 0) > 0;
		},
		check: (t, n) => {
			const r = t.Spec.Resources?.Reservations;
			return (r?.NanoCPUs ?? 0) <= n.cpu && (r?.MemoryBytes ?? 0) <= n.memory;
		},
		explain: (n) =>
			plural(n, 'insufficient resources on 1 node', 'insufficient resources on %d nodes')
	},
	{
		enabled: (t) => (t.Spec.Placement?.Constraints ?? []).length > 0,
		check: (t, n) => nodeMatches(constraintsOf(t), n.node),
		explain: (n) =>
			plural(
				n,
				'scheduling constraints not satisfied on 1 node',
				'scheduling constraints not satisfied on %d nodes'
			)
	},
	{
		enabled: (t) => hostModePorts(t).length > 0,
		check: (t, n) => hostModePorts(t).every((p) => !n.hostPorts.has(p)),
		explain: (n) =>
			plural(
				n,
				'host-mode port already in use on 1 node',
				'host-mode port already in use on %d nodes'
			)
	},
	{
		enabled: (t) => (t.Spec.Placement?.MaxReplicas ?? 0) > 0,
		check: (t, n) =>
			(n.activeByService.get(t.ServiceID) ?? 0) < (t.Spec.Placement?.MaxReplicas ?? 0),
		explain: () => 'max replicas per node limit exceed'
	}
];

export type Placement = { ok: true; node: NodeInfo } | { ok: false; error: string };

/** The nodes that pass every filter, or swarmkit's explanation of why none does. */
export function feasibleNodes(
	task: SwarmTask,
	infos: readonly NodeInfo[]
): { ok: true; nodes: NodeInfo[] } | { ok: false; error: string } {
	const enabled = FILTERS.filter((f) => f.enabled(task));
	const failures = new Map<Filter, number>();
	const nodes: NodeInfo[] = [];
	for (const info of infos) {
		const failed = enabled.find((f) => !f.check(task, info));
		if (failed === undefined) nodes.push(info);
		else failures.set(failed, (failures.get(failed) ?? 0) + 1);
	}
	if (nodes.length > 0) return { ok: true, nodes };
	if (infos.length === 0) return { ok: false, error: 'no suitable node' };
	// pipeline.go Explain: the filters sorted by failure count, most first, joined with "; ".
	const parts = [...failures.entries()]
		.sort((a, b) => b[1] - a[1] || FILTERS.indexOf(a[0]) - FILTERS.indexOf(b[0]))
		.map(([f, count]) => f.explain(count));
	return { ok: false, error: `no suitable node (${parts.join('; ')})` };
}

/** How many times the task's service version failed on a node lately (./failure-history.ts). */
export type FailureCount = (nodeId: string) => number;

/**
 * The spread strategy (scheduler.go scheduleTaskGroup nodeLess): when either node saw at least
 * maxFailures recent failures of the service, the one with fewer goes first; then fewest tasks
 * of the service, then fewest tasks, then hostname.
 */
function spread(serviceId: string, nodes: readonly NodeInfo[], failures: FailureCount): NodeInfo {
	return [...nodes].sort((a, b) => {
		const fa = failures(a.node.ID);
		const fb = failures(b.node.ID);
		if ((fa >= SCHEDULER_MAX_FAILURES || fb >= SCHEDULER_MAX_FAILURES) && fa !== fb) return fa - fb;
		return (
			(a.activeByService.get(serviceId) ?? 0) - (b.activeByService.get(serviceId) ?? 0) ||
			a.active - b.active ||
			naturalCompare(a.node.Description.Hostname, b.node.Description.Hostname)
		);
	})[0]!;
}

function labelValue(node: SwarmNode, descriptor: string): string | undefined {
	if (descriptor.startsWith('node.labels.'))
		return ownValue(node.Spec.Labels, descriptor.slice('node.labels.'.length));
	if (descriptor.startsWith('engine.labels.'))
		return ownValue(engineLabels(node), descriptor.slice('engine.labels.'.length));
	return undefined;
}

/**
 * Placement preferences (design/topology.md): at each level, the branch (label value; nodes
 * without the label form one more branch) holding the fewest tasks of the service among those
 * with a feasible node; then the spread strategy inside the chosen branch.
 */
function choose(
	serviceId: string,
	prefs: readonly string[],
	feasible: readonly NodeInfo[],
	all: readonly NodeInfo[],
	failures: FailureCount
): NodeInfo {
	if (prefs.length === 0) return spread(serviceId, feasible, failures);
	const [descriptor, ...rest] = prefs;
	const count = (nodes: readonly NodeInfo[]) =>
		nodes.reduce((s, n) => s + (n.activeByService.get(serviceId) ?? 0), 0);
	const key = (n: NodeInfo) => labelValue(n.node, descriptor!) ?? '\u0000';
	const branches = [...new Set(feasible.map(key))].sort();
	const best = branches
		.map((b) => ({ b, tasks: count(all.filter((n) => key(n) === b)) }))
		.sort((x, y) => x.tasks - y.tasks || (x.b < y.b ? -1 : 1))[0]!.b;
	return choose(
		serviceId,
		rest,
		feasible.filter((n) => key(n) === best),
		all.filter((n) => key(n) === best),
		failures
	);
}

/** Picks a node for one task, or explains why none fits (the task's Status.Err). */
export function placeTask(
	task: SwarmTask,
	infos: readonly NodeInfo[],
	failures: FailureCount = () => 0
): Placement {
	// A global service's task comes with its node already chosen: only that node is checked.
	const candidates = task.NodeID !== '' ? infos.filter((n) => n.node.ID === task.NodeID) : infos;
	const result = feasibleNodes(task, candidates);
	if (!result.ok) return result;
	const prefs = (task.Spec.Placement?.Preferences ?? []).map((p) => p.Spread.SpreadDescriptor);
	return { ok: true, node: choose(task.ServiceID, prefs, result.nodes, candidates, failures) };
}
