/**
 * `sim crash task NAME` and `sim unhealthy task NAME`: the swarm side of the pod faults
 * (design.md §2 `sim crash pod NAME`). NAME is the task's name as `docker service ps` shows it
 * (`web.1`), its ID or an ID prefix; the task that should be running now is the one hit.
 */
import { fail, ok, type CommandContext, type CommandResult } from './context';
import { SWARM_SERVICES, SWARM_TASKS, type SwarmService, type SwarmTask } from '../swarm/objects';
import { SWARM_NODES, type SwarmNode } from '../swarm/node-object';

/**
 * The task's name as `docker service ps` prints it (task/print.go): SERVICE.SLOT, or
 * SERVICE.NODEID for a global task (or slot 0). Kept here so a Kubernetes page, which loads
 * `sim`, does not load the swarm's table code.
 */
function nameOf(services: ReadonlyMap<string, SwarmService>, t: SwarmTask): string {
	const service = services.get(t.ServiceID)?.Spec.Name ?? t.ServiceID;
	return t.Slot !== undefined && t.Slot !== 0 ? `${service}.${t.Slot}` : `${service}.${t.NodeID}`;
}

export function swarmTaskFault(
	ctx: CommandContext,
	name: string,
	fault: 'crash' | 'unhealthy'
): CommandResult {
	const swarm = ctx.swarm;
	if (swarm === undefined)
		return fail(`sim: ${fault} task needs a swarm lab (kubernetes pods: sim ${fault} pod NAME)`);
	const k = ctx.kernel;
	const services = new Map(k.store.list<SwarmService>(SWARM_SERVICES).map((x) => [x.ID, x]));
	const live = k.store.list<SwarmTask>(SWARM_TASKS).filter((t) => t.DesiredState === 'running');
	const task = live.find(
		(t) => nameOf(services, t) === name || (name.length > 0 && t.ID.startsWith(name))
	);
	if (task === undefined) return fail(`Error: No such task: ${name}`);
	const row = { task, name: nameOf(services, task) };
	const node = k.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === row.task.NodeID);
	const host = node?.Description.Hostname;
	const agents = swarm.manager.agents;
	const done =
		host !== undefined &&
		(fault === 'crash' ? agents.crash(host, row.task.ID) : agents.makeUnhealthy(host, row.task.ID));
	if (done === 'no healthcheck') return fail(`Error: task ${name} has no healthcheck to fail`);
	if (!done) return fail(`Error: task ${name} has no running container`);
	const what =
		fault === 'crash' ? 'its container exited with status 1' : 'its healthchecks fail from now on';
	k.emit(`task.${fault}`, `task/${row.name}`, `Task ${row.name}: ${what}.`);
	return ok(`${row.name}: ${what}\n`, true);
}
