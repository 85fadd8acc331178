/** `docker service ls` (docker/cli cli/command/service/list.go, formatter.go; cli-formats §6.4). */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { listServices } from '../../swarm/control';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { SWARM_TASKS, stateValue, type SwarmService, type SwarmTask } from '../../swarm/objects';
import type { PortConfig } from '../../swarm/spec';
import type { Kernel } from '../../core/kernel';
import { unknownFlag } from './errors';
import { naturalCompare } from '../../swarm/natural';
import { listOutput } from './list-output';
import { labelsMatch, type Filters } from './filters';
import { familiarImage, truncateId } from './tasks-table';

const USAGE = 'docker service ls [OPTIONS]';
const HEADERS: Record<string, string> = {
	ID: 'ID',
	Name: 'NAME',
	Mode: 'MODE',
	Replicas: 'REPLICAS',
	Image: 'IMAGE',
	Ports: 'PORTS'
};

/**
 * Ingress ports as `*:8080->80/tcp`, consecutive ones grouped (`*:80-81->80-81/tcp`), sorted by
 * protocol then port, joined with ", "; host-mode ports are not shown (formatter.go).
 */
export function servicePorts(ports: readonly PortConfig[] | undefined): string {
	const ingress = (ports ?? [])
		.filter((p) => p.PublishMode !== 'host')
		.map((p) => ({ proto: p.Protocol ?? 'tcp', pub: p.PublishedPort ?? 0, target: p.TargetPort }))
		.sort((a, b) => (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : a.pub - b.pub));
	const groups: { proto: string; pub: number; target: number; n: number }[] = [];
	for (const p of ingress) {
		const last = groups[groups.length - 1];
		if (
			last &&
			last.proto === p.proto &&
			last.pub + last.n === p.pub &&
			last.target + last.n === p.target
		) {
			last.n++;
		} else groups.push({ ...p, n: 1 });
	}
	return groups
		.map((g) =>
			g.n === 1
				? `*:${g.pub}->${g.target}/${g.proto}`
				: `*:${g.pub}-${g.pub + g.n - 1}->${g.target}-${g.target + g.n - 1}/${g.proto}`
		)
		.join(', ');
}

/** REPLICAS: running tasks on nodes that are not down, over the desired count. */
export function replicasCell(kernel: Kernel, service: SwarmService): string {
	const down = new Set(
		kernel.store
			.list<SwarmNode>(SWARM_NODES)
			.filter((n) => n.Status.State === 'down')
			.map((n) => n.ID)
	);
	const tasks = kernel.store.list<SwarmTask>(SWARM_TASKS).filter((t) => t.ServiceID === service.ID);
	const running = tasks.filter((t) => t.Status.State === 'running' && !down.has(t.NodeID)).length;
	const mode = service.Spec.Mode;
	if ('ReplicatedJob' in mode || 'GlobalJob' in mode) return jobReplicas(tasks, service, running);
	if ('Replicated' in mode) {
		const max = service.Spec.TaskTemplate.Placement?.MaxReplicas ?? 0;
		const base = `${running}/${mode.Replicated.Replicas ?? 1}`;
		return max > 0 ? `${base} (max ${max} per node)` : base;
	}
	const desired = tasks.filter((t) => stateValue(t.DesiredState) <= stateValue('running')).length;
	return `${running}/${desired}`;
}

/**
 * A job's REPLICAS (service/formatter.go Replicas): `running/desired (completed/total
 * completed)`, where desired counts the tasks of the current run still to complete and a global
 * job's total is desired + completed.
 */
function jobReplicas(tasks: readonly SwarmTask[], service: SwarmService, running: number): string {
	const current = tasks.filter((t) => t.SpecVersion.Index === service.Version.Index);
	const completed = current.filter((t) => t.Status.State === 'complete').length;
	const desired = current.filter(
		(t) => t.DesiredState === 'complete' && t.Status.State !== 'complete'
	).length;
	const mode = service.Spec.Mode;
	const total =
		'ReplicatedJob' in mode ? (mode.ReplicatedJob.TotalCompletions ?? 1) : desired + completed;
	return `${running}/${desired} (${completed}/${total} completed)`;
}

export function serviceRow(kernel: Kernel, s: SwarmService): Record<string, unknown> {
	const mode = s.Spec.Mode;
	return {
		ID: truncateId(s.ID),
		Image: familiarImage(s.Spec.TaskTemplate.ContainerSpec.Image),
		Mode:
			'Global' in mode
				? 'global'
				: 'ReplicatedJob' in mode
					? 'replicated job'
					: 'GlobalJob' in mode
						? 'global job'
						: 'replicated',
		Name: s.Spec.Name,
		Ports: servicePorts(s.Endpoint.Ports),
		Replicas: replicasCell(kernel, s)
	};
}

/** The table (or format) for a list of services; `docker stack services` prints the same. */
export function renderServices(
	kernel: Kernel,
	services: readonly SwarmService[],
	format: string | undefined,
	quiet: boolean
): CommandResult {
	const sorted = [...services].sort((a, b) => naturalCompare(a.Spec.Name, b.Spec.Name));
	// Quiet is the format `{{.ID}}`, and serviceContext.ID() truncates (service/formatter.go).
	if (quiet) return ok(sorted.map((s) => `${s.ID.slice(0, 12)}\n`).join(''));
	const rows = sorted.map((s) => serviceRow(kernel, s));
	return listOutput(
		rows,
		format,
		'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}',
		HEADERS
	);
}

export function dockerServiceLs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service ls', USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${USAGE}\n\nList services\n`);
	if (parsed.args.length > 0) {
		return fail(
			`"docker service ls" accepts no arguments.\n\nUsage:  ${USAGE}\n\nRun 'docker service ls --help' for more information\n`
		);
	}
	let services = listServices(ctx);
	for (const f of parsed.flags.get('filter') ?? []) {
		const eq = f.indexOf('=');
		const key = eq < 0 ? f : f.slice(0, eq);
		const value = eq < 0 ? '' : f.slice(eq + 1);
		if (key === 'name') services = services.filter((s) => s.Spec.Name.startsWith(value));
		else if (key === 'id') services = services.filter((s) => s.ID.startsWith(value));
		else if (key === 'mode')
			services = services.filter((s) => (value === 'global') === 'Global' in s.Spec.Mode);
		else if (key === 'label') {
			const wanted: Filters = new Map([['label', [value]]]);
			services = services.filter((s) => labelsMatch(wanted, 'label', s.Spec.Labels));
		} else return fail(`Error response from daemon: invalid filter '${key}'\n`);
	}
	return renderServices(
		ctx.kernel,
		services,
		flag(parsed.flags, 'format'),
		boolFlag(parsed.flags, 'quiet')
	);
}
