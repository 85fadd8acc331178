/**
 * `docker stack services --filter` and `docker stack ps --filter` (moby
 * daemon/cluster/services.go GetServices, filters.go newListTasksFilters, tasks.go GetTasks;
 * swarmkit manager/controlapi/service.go ListServices, task.go ListTasks). Services: `name`
 * and `id` by prefix, `label`, `mode` exactly. Tasks: `name` by prefix of the task's name
 * (`svc.1`), `id` by prefix, `label` on the service, `node` and `service` by name or ID, and
 * `desired-state`.
 */
import type { Kernel } from '../../core/kernel';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import {
	SWARM_SERVICES,
	TASK_STATES,
	type SwarmService,
	type SwarmTask
} from '../../swarm/objects';
import { anyOf, labelsMatch, parseFilters } from './filters';

export type Keep<T> = { ok: true; keep: (item: T) => boolean } | { ok: false; error: string };

function modeOf(s: SwarmService): string {
	const m = s.Spec.Mode;
	if ('Global' in m) return 'global';
	if ('ReplicatedJob' in m) return 'replicated-job';
	if ('GlobalJob' in m) return 'global-job';
	return 'replicated';
}

export function serviceFilter(values: readonly string[], command: string): Keep<SwarmService> {
	const parsed = parseFilters(values, ['name', 'id', 'label', 'mode', 'runtime'], command);
	if (!parsed.ok) return parsed;
	const f = parsed.filters;
	return {
		ok: true,
		keep: (s) =>
			anyOf(f, 'name', (v) => s.Spec.Name.startsWith(v)) &&
			anyOf(f, 'id', (v) => s.ID.startsWith(v)) &&
			anyOf(f, 'mode', (v) => modeOf(s) === v) &&
			// Every lab service runs containers (swarm.RuntimeContainer).
			anyOf(f, 'runtime', (v) => v === 'container') &&
			labelsMatch(f, 'label', s.Spec.Labels)
	};
}

/** GetTasks' transform: a node given by name or ID prefix becomes its ID. */
function resolveNode(kernel: Kernel, ref: string): string | undefined {
	const nodes = kernel.store.list<SwarmNode>(SWARM_NODES);
	const exact =
		nodes.find((n) => n.ID === ref) ?? nodes.find((n) => n.Description.Hostname === ref);
	if (exact !== undefined) return exact.ID;
	const prefixed = nodes.filter((n) => n.ID.startsWith(ref));
	return prefixed.length === 1 ? prefixed[0]!.ID : undefined;
}

function resolveService(kernel: Kernel, ref: string): string | undefined {
	const services = kernel.store.list<SwarmService>(SWARM_SERVICES);
	const exact = services.find((s) => s.ID === ref) ?? services.find((s) => s.Spec.Name === ref);
	if (exact !== undefined) return exact.ID;
	const prefixed = services.filter((s) => s.ID.startsWith(ref));
	return prefixed.length === 1 ? prefixed[0]!.ID : undefined;
}

export function taskFilter(
	kernel: Kernel,
	values: readonly string[],
	command: string
): Keep<SwarmTask> {
	const parsed = parseFilters(
		values,
		['name', 'id', 'label', 'service', 'node', 'desired-state', 'runtime'],
		command
	);
	if (!parsed.ok) return parsed;
	const f = parsed.filters;
	for (const s of f.get('desired-state') ?? []) {
		if (s !== '' && !(TASK_STATES as readonly string[]).includes(s.toLowerCase())) {
			return {
				ok: false,
				error: `Error response from daemon: Invalid desired-state filter: '${s}'\n`
			};
		}
	}
	const nodeIds: string[] = [];
	for (const n of f.get('node') ?? []) {
		const id = resolveNode(kernel, n);
		if (id === undefined)
			return { ok: false, error: `Error response from daemon: node ${n} not found\n` };
		nodeIds.push(id);
	}
	const serviceIds: string[] = [];
	for (const s of f.get('service') ?? []) {
		const id = resolveService(kernel, s);
		if (id === undefined)
			return { ok: false, error: `Error response from daemon: service ${s} not found\n` };
		serviceIds.push(id);
	}
	const states = (f.get('desired-state') ?? []).filter((s) => s !== '').map((s) => s.toLowerCase());
	return {
		ok: true,
		keep: (t) => {
			const service = kernel.store.get<SwarmService>(SWARM_SERVICES, t.ServiceID);
			const name = `${service?.Spec.Name ?? t.ServiceID}.${t.Slot ?? t.NodeID}`;
			return (
				anyOf(f, 'name', (v) => name.startsWith(v)) &&
				anyOf(f, 'id', (v) => t.ID.startsWith(v)) &&
				(nodeIds.length === 0 || nodeIds.includes(t.NodeID)) &&
				(serviceIds.length === 0 || serviceIds.includes(t.ServiceID)) &&
				(states.length === 0 || states.includes(t.DesiredState)) &&
				anyOf(f, 'runtime', (v) => v === 'container') &&
				labelsMatch(f, 'label', service?.Spec.Labels)
			);
		}
	};
}
