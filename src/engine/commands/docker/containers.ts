/**
 * `docker ps` / `docker container ls` on the machine the console talks to: the containers of
 * the swarm tasks assigned to it (docker/cli cli/command/container/list.go,
 * cli/command/formatter/container.go; moby daemon/list.go, container/state.go `State.String`).
 * A task's container is named `<service>.<slot>.<task id>` (`<service>.<node id>.<task id>` for
 * a global service), as the swarm executor names it.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { dockerHumanDuration } from '../durations';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmService,
	type SwarmTask
} from '../../swarm/objects';
import { apiTimeMs } from '../../swarm/runtime';
import { DAEMON_DOWN, unknownFlag } from './errors';
import { familiarString, parseNormalizedNamed } from '../../registry/reference';
import { findImage } from './image-daemon';
import { listOutput } from './list-output';
import {
	containerFilter,
	PS_FILTER_KEYS,
	SIMULATED_PS_FILTERS,
	type FilteredContainer
} from './container-filters';
import { parseFilters } from './filters';

/**
 * The ENTRYPOINT and CMD of the official images the lab's examples use, from their Dockerfiles
 * (docker-library/nginx `ENTRYPOINT ["/docker-entrypoint.sh"]` `CMD ["nginx", "-g", "daemon off;"]`;
 * docker-library/redis `ENTRYPOINT ["docker-entrypoint.sh"]` `CMD ["redis-server"]`;
 * docker-library/httpd `CMD ["httpd-foreground"]`; alpine and busybox `CMD ["/bin/sh"]`, `["sh"]`).
 */
const OFFICIAL_COMMANDS: Record<string, { entrypoint?: string[]; cmd?: string[] }> = {
	nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] },
	redis: { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'] },
	httpd: { cmd: ['httpd-foreground'] },
	alpine: { cmd: ['/bin/sh'] },
	busybox: { cmd: ['sh'] }
};

const USAGE = 'docker ps [OPTIONS]';

const HEADERS: Record<string, string> = {
	ID: 'CONTAINER ID',
	Image: 'IMAGE',
	Command: 'COMMAND',
	CreatedAt: 'CREATED AT',
	RunningFor: 'CREATED',
	Status: 'STATUS',
	State: 'STATE',
	Ports: 'PORTS',
	Names: 'NAMES',
	Labels: 'LABELS'
};

/** moby daemon/list.go: the path, then the arguments, each quoted when it holds a space. */
function commandOf(ctx: CommandContext, host: string, task: SwarmTask): string {
	const spec = task.Spec.ContainerSpec;
	const found = findImage(ctx, host, spec.Image);
	const config = found.ok ? found.image.config : undefined;
	const official = OFFICIAL_COMMANDS[config?.base ?? ''];
	const entrypoint = config?.entrypoint ?? official?.entrypoint ?? [];
	const cmd = config?.cmd ?? official?.cmd ?? [];
	const argv =
		spec.Command !== undefined
			? [...spec.Command, ...(spec.Args ?? [])]
			: [...entrypoint, ...(spec.Args ?? cmd)];
	if (argv.length === 0) return '';
	const [path, ...args] = argv as [string, ...string[]];
	if (args.length === 0) return path;
	return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** formatter.Ellipsis(s, 20): 19 characters and `…`. */
function ellipsis(s: string, width: number): string {
	const chars = [...s];
	return chars.length <= width ? s : chars.slice(0, width - 1).join('') + '…';
}

/** container/state.go State.String, for the states a task's container passes through. */
function statusOf(now: number, task: SwarmTask): { status: string; state: string } | undefined {
	const since = dockerHumanDuration(now - apiTimeMs(task.Status.Timestamp));
	switch (task.Status.State) {
		case 'starting':
			return { status: 'Created', state: 'created' };
		case 'running':
			return { status: `Up ${since}`, state: 'running' };
		case 'complete':
		case 'failed':
		case 'shutdown': {
			const code = task.Status.ContainerStatus?.ExitCode ?? 0;
			return { status: `Exited (${code}) ${since} ago`, state: 'exited' };
		}
		default:
			return undefined;
	}
}

/** api/types/container DisplayablePorts: host-mode published ports, both address families. */
function portsOf(task: SwarmTask): string {
	return (task.Status.PortStatus?.Ports ?? [])
		.flatMap((p) => {
			const proto = p.Protocol ?? 'tcp';
			return [
				`0.0.0.0:${p.PublishedPort}->${p.TargetPort}/${proto}`,
				`[::]:${p.PublishedPort}->${p.TargetPort}/${proto}`
			];
		})
		.join(', ');
}

interface ContainerRow {
	created: number;
	/** What `--filter` reads. */
	seen: FilteredContainer;
	fields: Record<string, unknown>;
}

/** The containers of the tasks on the console's machine; `all` keeps the stopped ones. */
function containerRows(ctx: CommandContext, all: boolean, noTrunc: boolean): ContainerRow[] {
	const swarm = ctx.swarm;
	if (swarm === undefined) return [];
	const nodeId = swarm.membership.nodeIdOf(swarm.self);
	if (nodeId === undefined) return [];
	const now = ctx.kernel.now;
	const rows: ContainerRow[] = [];
	for (const task of ctx.kernel.store.list<SwarmTask>(SWARM_TASKS)) {
		if (task.NodeID !== nodeId || task.Status.ContainerStatus === undefined) continue;
		const status = statusOf(now, task);
		if (status === undefined || (!all && status.state !== 'running')) continue;
		const service = ctx.kernel.store.get<SwarmService>(SWARM_SERVICES, task.ServiceID);
		const serviceName = service?.Spec.Name ?? task.ServiceID;
		const name = `${serviceName}.${task.Slot ?? task.NodeID}.${task.ID}`;
		const id = task.Status.ContainerStatus.ContainerID;
		const command = commandOf(ctx, swarm.self, task);
		const created = apiTimeMs(task.CreatedAt);
		rows.push({
			created,
			seen: { name, id, labels: task.Labels, state: status.state },
			fields: {
				ID: noTrunc ? id : id.slice(0, 12),
				Image: noTrunc
					? task.Spec.ContainerSpec.Image
					: containerImage(task.Spec.ContainerSpec.Image),
				Command: JSON.stringify(noTrunc ? command : ellipsis(command, 20)),
				CreatedAt: task.CreatedAt,
				RunningFor: `${dockerHumanDuration(now - created)} ago`,
				Status: status.status,
				State: status.state,
				Ports: portsOf(task),
				Names: name,
				Labels: Object.entries(task.Labels)
					.map(([k, v]) => `${k}=${v}`)
					.join(',')
			}
		});
	}
	// The daemon lists the newest container first.
	return rows.sort((a, b) => b.created - a.created);
}

export function dockerPs(
	ctx: CommandContext,
	command: string,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'all', short: 'a', bool: true },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'no-trunc', bool: true },
		{ long: 'format' },
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'last', short: 'n' },
		{ long: 'latest', short: 'l', bool: true },
		{ long: 'size', short: 's', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, command, USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${USAGE}\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n`
		);
	}
	if (parsed.args.length > 0) {
		return fail(
			`"${command}" accepts no arguments.\n\nUsage:  ${USAGE}\n\nRun '${command} --help' for more information\n`
		);
	}
	for (const unsupported of ['last', 'latest', 'size']) {
		if (parsed.flags.has(unsupported)) {
			return fail(`"${command} --${unsupported}" is not simulated in this lab yet\n`);
		}
	}
	const filtered = parseFilters(parsed.flags.get('filter') ?? [], PS_FILTER_KEYS, command);
	if (!filtered.ok) return fail(filtered.error);
	const unsimulated = [...filtered.filters.keys()].find((k) => !SIMULATED_PS_FILTERS.includes(k));
	if (unsimulated !== undefined) {
		return fail(`"${command} --filter ${unsimulated}=…" is not simulated in this lab yet\n`);
	}
	if (ctx.swarm !== undefined && !ctx.swarm.hosts.isRunning(ctx.swarm.self))
		return fail(DAEMON_DOWN);
	const filter = containerFilter(filtered.filters);
	if (!filter.ok) return fail(filter.error);
	const rows = containerRows(
		ctx,
		boolFlag(parsed.flags, 'all') || filtered.filters.has('status'),
		boolFlag(parsed.flags, 'no-trunc')
	).filter((r) => filter.keep(r.seen));
	if (boolFlag(parsed.flags, 'quiet')) {
		return ok(rows.map((r) => `${r.fields.ID as string}\n`).join(''));
	}
	const format = flag(parsed.flags, 'format');
	return listOutput(
		rows.map((r) => r.fields),
		format,
		'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}',
		HEADERS
	);
}

/** The counts `docker info` prints: every container of the machine, by state. */
export function containerCounts(ctx: CommandContext): { running: number; stopped: number } {
	const rows = containerRows(ctx, true, false);
	const running = rows.filter((r) => r.fields.State === 'running').length;
	return { running, stopped: rows.length - running };
}

/**
 * formatter.ContainerContext.Image (cli/command/formatter/container.go): without --no-trunc the
 * digest goes, a tagged image keeps its tag and a digest-only one shows its name alone.
 */
function containerImage(image: string): string {
	const parsed = parseNormalizedNamed(image);
	if (!parsed.ok) return image;
	const { domain, path, tag } = parsed.ref;
	return familiarString({ domain, path, ...(tag !== undefined ? { tag } : {}) });
}
