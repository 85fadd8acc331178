/**
 * `docker volume create|ls|inspect|rm` on the machine the console talks to (docker/cli
 * cli/command/volume; moby volume/service). Volumes are local to a machine: a stack's named
 * volume exists on each node that ran one of its containers (swarm/local-volumes.ts). The
 * daemon is the one the image commands talk to (./image-daemon.ts).
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { rfc3339 } from '../../core/time';
import { naturalCompare } from '../../swarm/natural';
import { localVolumes, type LocalVolume } from '../../swarm/local-volumes';
import { SWARM_TASKS, type SwarmTask } from '../../swarm/objects';
import { notSimulated, unknownCommand, unknownFlag } from './errors';
import { imageDaemon } from './image-daemon';
import { anyOf, labelsMatch, parseFilters } from './filters';
import { listOutput } from './list-output';
import { keyValues } from './key-values';
import { removeEach, type RemoveOutcome } from './remove-each';
import { runInspect } from './inspect-output';
import { ownValue } from '../../core/own-keys';

/** moby volume/local: a local volume's name (at least two characters). */
const LOCAL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

const HEADERS: Readonly<Record<string, string>> = {
	Driver: 'DRIVER',
	Name: 'VOLUME NAME',
	Scope: 'SCOPE',
	Mountpoint: 'MOUNTPOINT',
	Labels: 'LABELS',
	Links: 'LINKS',
	Size: 'SIZE',
	CreatedAt: 'CREATED AT'
};

/** The full IDs of this machine's containers that mount the volume (moby's "in use" list). */
function usersOf(ctx: CommandContext, host: string, name: string): string[] {
	const nodeId = ctx.swarm?.membership.nodeIdOf(host);
	if (nodeId === undefined) return [];
	return ctx.kernel.store
		.list<SwarmTask>(SWARM_TASKS)
		.filter(
			(t) =>
				t.NodeID === nodeId &&
				t.Status.ContainerStatus !== undefined &&
				(t.Spec.ContainerSpec.Mounts ?? []).some((m) => m.Type === 'volume' && m.Source === name)
		)
		.map((t) => t.Status.ContainerStatus!.ContainerID);
}

/** The Engine API's Volume, in its JSON field order. */
function apiVolume(v: LocalVolume): Record<string, unknown> {
	return {
		CreatedAt: rfc3339Seconds(v.createdAt),
		Driver: v.Driver,
		Labels: v.Labels,
		Mountpoint: `/var/lib/docker/volumes/${v.Name}/_data`,
		Name: v.Name,
		Options: v.Options,
		Scope: 'local'
	};
}

/** Volumes carry their creation time to the second (moby: `CreatedAt.Format(time.RFC3339)`). */
function rfc3339Seconds(ms: number): string {
	return rfc3339(Math.floor(ms / 1000) * 1000).replace(/\.\d+Z$/, 'Z');
}

const CREATE_USAGE = 'docker volume create [OPTIONS] [VOLUME]';

function volumeCreate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'driver', short: 'd' },
		{ long: 'label', repeatable: true },
		{ long: 'opt', short: 'o', repeatable: true },
		{ long: 'name' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker volume create', CREATE_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${CREATE_USAGE}\n\nCreate a volume\n`);
	if (parsed.args.length > 1) {
		return fail(
			`"docker volume create" requires at most 1 argument.\nSee 'docker volume create --help'.\n\nUsage:  ${CREATE_USAGE}\n\nCreate a volume\n`
		);
	}
	const byFlag = flag(parsed.flags, 'name');
	const byArg = parsed.args[0];
	if (byFlag !== undefined && byArg !== undefined && byFlag !== byArg) {
		return fail(
			`conflicting options: cannot specify a volume-name through both --name and as a positional arg\n`
		);
	}
	const m = imageDaemon(ctx);
	if (!m.ok) return fail(m.error);
	// The daemon names an unnamed volume with 32 random bytes in hex.
	const stream = ctx.kernel.rng.stream('docker/volume-names');
	const name =
		byArg ?? byFlag ?? Array.from({ length: 64 }, () => stream.int(0, 15).toString(16)).join('');
	const driver = flag(parsed.flags, 'driver') ?? 'local';
	if (driver !== 'local') {
		return fail(
			`Error response from daemon: create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found\n`
		);
	}
	if (!LOCAL_NAME.test(name)) {
		return fail(
			`Error response from daemon: create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path\n`
		);
	}
	const volumes = localVolumes(ctx.kernel);
	const existed = volumes.get(m.host, name) !== undefined;
	// The CLI sends (maybe empty) maps, so a volume made here has `{}`, not null.
	volumes.ensure(m.host, {
		Name: name,
		Driver: driver,
		Labels: keyValues(parsed.flags.get('label') ?? []),
		Options: keyValues(parsed.flags.get('opt') ?? []),
		createdAt: ctx.kernel.now
	});
	return ok(`${name}\n`, !existed);
}

const LS_USAGE = 'docker volume ls [OPTIONS]';

function volumeLs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'cluster', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker volume ls', LS_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${LS_USAGE}\n\nList volumes\n\nAliases:\n  docker volume ls, docker volume list\n`
		);
	}
	if (parsed.args.length > 0) {
		return fail(
			`"docker volume ls" accepts no arguments.\nSee 'docker volume ls --help'.\n\nUsage:  ${LS_USAGE}\n\nList volumes\n`
		);
	}
	const filtered = parseFilters(
		parsed.flags.get('filter') ?? [],
		['dangling', 'driver', 'label', 'name'],
		'docker volume ls'
	);
	if (!filtered.ok) return fail(filtered.error);
	const f = filtered.filters;
	for (const v of f.get('dangling') ?? []) {
		if (!['true', 'false', '1', '0'].includes(v.toLowerCase())) {
			return fail(`Error response from daemon: invalid filter 'dangling=${v}'\n`);
		}
	}
	const m = imageDaemon(ctx);
	if (!m.ok) return fail(m.error);
	const volumes = localVolumes(ctx.kernel)
		.list(m.host)
		.filter(
			(v) =>
				anyOf(f, 'name', (n) => v.Name.includes(n)) &&
				anyOf(f, 'driver', (d) => v.Driver === d) &&
				anyOf(
					f,
					'dangling',
					(d) =>
						['true', '1'].includes(d.toLowerCase()) === (usersOf(ctx, m.host, v.Name).length === 0)
				) &&
				labelsMatch(f, 'label', v.Labels ?? {})
		)
		// list.go sorts by name in natural order.
		.sort((a, b) => naturalCompare(a.Name, b.Name));
	if (boolFlag(parsed.flags, 'quiet')) return ok(volumes.map((v) => `${v.Name}\n`).join(''));
	const rows = volumes.map((v) => ({
		Driver: v.Driver,
		Name: v.Name,
		Scope: 'local',
		Mountpoint: `/var/lib/docker/volumes/${v.Name}/_data`,
		Labels: Object.entries(v.Labels ?? {})
			.map(([k, val]) => `${k}=${val}`)
			.join(','),
		Links: 'N/A',
		Size: 'N/A',
		CreatedAt: rfc3339Seconds(v.createdAt)
	}));
	return listOutput(rows, flag(parsed.flags, 'format'), 'table {{.Driver}}\t{{.Name}}', HEADERS);
}

const INSPECT_USAGE = 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]';

function requiresAtLeastOne(command: string, usage: string): string {
	return `docker: '${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

function volumeInspect(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker volume inspect', INSPECT_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${INSPECT_USAGE}\n\nDisplay detailed information on one or more volumes\n`
		);
	}
	if (parsed.args.length === 0)
		return fail(requiresAtLeastOne('docker volume inspect', INSPECT_USAGE));
	const m = imageDaemon(ctx);
	if (!m.ok) return fail(m.error);
	const volumes = localVolumes(ctx.kernel);
	return runInspect({
		refs: parsed.args,
		find: (ref) => {
			const v = volumes.get(m.host, ref);
			return v === undefined ? undefined : apiVolume(v);
		},
		missing: (ref) => `Error response from daemon: get ${ref}: no such volume`,
		format: flag(parsed.flags, 'format')
	});
}

const RM_USAGE = 'docker volume rm [OPTIONS] VOLUME [VOLUME...]';

function volumeRm(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'force', short: 'f', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker volume rm', RM_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${RM_USAGE}\n\nRemove one or more volumes. You cannot remove a volume that is in use by a container.\n\nAliases:\n  docker volume rm, docker volume remove\n`
		);
	}
	if (parsed.args.length === 0) return fail(requiresAtLeastOne('docker volume rm', RM_USAGE));
	const m = imageDaemon(ctx);
	if (!m.ok) return fail(m.error);
	const force = boolFlag(parsed.flags, 'force');
	const volumes = localVolumes(ctx.kernel);
	return removeEach(parsed.args, (name): RemoveOutcome => {
		if (volumes.get(m.host, name) === undefined) {
			return force
				? 'skipped'
				: { error: `Error response from daemon: get ${name}: no such volume` };
		}
		const users = usersOf(ctx, m.host, name);
		if (users.length > 0) {
			return {
				error: `Error response from daemon: remove ${name}: volume is in use - [${users.join(', ')}]`
			};
		}
		volumes.remove(m.host, name);
		return 'removed';
	});
}

const VOLUME_COMMANDS: Record<
	string,
	(ctx: CommandContext, words: readonly string[]) => CommandResult
> = {
	create: volumeCreate,
	ls: volumeLs,
	list: volumeLs,
	inspect: volumeInspect,
	rm: volumeRm,
	remove: volumeRm
};

/** `docker volume create|ls|inspect|rm`; `prune` and `update` say they are not simulated. */
export function dockerVolume(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	if (sub === undefined) return undefined;
	const run = ownValue(VOLUME_COMMANDS, sub);
	if (run !== undefined) return run(ctx, rest);
	if (sub === 'prune' || sub === 'update') return fail(notSimulated(`volume ${sub}`));
	return fail(unknownCommand(`docker volume ${sub}`, 'docker volume COMMAND'));
}
