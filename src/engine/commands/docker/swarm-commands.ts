/**
 * `docker swarm init|join|join-token|leave|unlock-key|update|unlock` (docker/cli cli/command/swarm; cli-formats §6.1).
 * The CLI checks its arguments and flags, the machine's daemon answers (swarm/lifecycle.ts);
 * `docker -H worker-1 swarm join …` runs the command on worker-1.
 */
import { swarmDocker } from '../../flavors/registry';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { parseDuration } from '../durations';
import { numError, parseGoInt, parseGoUint } from '../go-int';
import type { ClusterSettings } from '../../swarm/cluster-settings';
import { DAEMON_DOWN, notSimulated, unknownCommand, unknownFlag } from './errors';
import type { SwarmMembershipCommand } from './swarm-membership';

const USAGE: Record<string, string> = {
	init: 'docker swarm init [OPTIONS]',
	join: 'docker swarm join [OPTIONS] HOST:PORT',
	'join-token': 'docker swarm join-token [OPTIONS] (worker|manager)',
	leave: 'docker swarm leave [OPTIONS]',
	'unlock-key': 'docker swarm unlock-key [OPTIONS]',
	update: 'docker swarm update [OPTIONS]',
	unlock: 'docker swarm unlock'
};

const SHORT: Record<string, string> = {
	init: 'Initialize a swarm',
	join: 'Join a swarm as a node and/or manager',
	'join-token': 'Manage join tokens',
	leave: 'Leave the swarm',
	'unlock-key': 'Manage the unlock key',
	update: 'Update the swarm',
	unlock: 'Unlock swarm'
};

const HELP: FlagSpec = { long: 'help', bool: true };

/** docker/cli swarm/opts.go addSwarmFlags, which init and update share (with --autolock). */
const SWARM_SPEC_FLAGS: readonly FlagSpec[] = [
	{ long: 'autolock', bool: true },
	{ long: 'task-history-limit' },
	{ long: 'dispatcher-heartbeat' },
	{ long: 'cert-expiry' },
	{ long: 'external-ca', repeatable: true },
	{ long: 'max-snapshots' },
	{ long: 'snapshot-interval' }
];

/**
 * docker/cli init.go, join.go, join_token.go, leave.go, unlock_key.go, update.go, unlock.go
 * (flags the lab reads, and the rest).
 */
const FLAGS: Record<string, readonly FlagSpec[]> = {
	init: [
		{ long: 'advertise-addr' },
		{ long: 'listen-addr' },
		{ long: 'data-path-addr' },
		{ long: 'data-path-port' },
		{ long: 'force-new-cluster', bool: true },
		{ long: 'availability' },
		{ long: 'default-addr-pool', repeatable: true },
		{ long: 'default-addr-pool-mask-length' },
		...SWARM_SPEC_FLAGS,
		HELP
	],
	join: [
		{ long: 'token' },
		{ long: 'advertise-addr' },
		{ long: 'listen-addr' },
		{ long: 'data-path-addr' },
		{ long: 'availability' },
		HELP
	],
	'join-token': [{ long: 'rotate', bool: true }, { long: 'quiet', short: 'q', bool: true }, HELP],
	leave: [{ long: 'force', short: 'f', bool: true }, HELP],
	'unlock-key': [{ long: 'rotate', bool: true }, { long: 'quiet', short: 'q', bool: true }, HELP],
	update: [...SWARM_SPEC_FLAGS, HELP],
	unlock: [HELP]
};

/** Flags that change what swarmkit does in ways the lab does not model yet. */
const NOT_MODELLED = [
	'external-ca',
	'default-addr-pool',
	'default-addr-pool-mask-length',
	'data-path-port'
];

const OTHER_SWARM_COMMANDS = ['ca'];

/**
 * The cluster spec flags given (swarm/opts.go addSwarmFlags, mergeSwarmSpec: only those the
 * line sets change the spec), or pflag's refusal of a value: Int64 for the history limit,
 * durations for the heartbeat and the certificate expiry, Uint64 for the Raft snapshot ones.
 */
function specFlags(flags: FlagValues): Partial<ClusterSettings> | string {
	const out: Partial<ClusterSettings> = {};
	const bad = (name: string, v: string, why: string) =>
		`invalid argument "${v}" for "--${name}" flag: ${why}`;
	const limit = flag(flags, 'task-history-limit');
	if (limit !== undefined) {
		const n = parseGoInt(limit, 64);
		if (typeof n === 'string')
			return bad('task-history-limit', limit, numError('ParseInt', limit, n));
		out.taskHistoryLimit = n;
	}
	for (const [name, field] of [
		['dispatcher-heartbeat', 'heartbeatPeriodMs'],
		['cert-expiry', 'certExpiryMs']
	] as const) {
		const text = flag(flags, name);
		if (text === undefined) continue;
		const d = parseDuration(text);
		if (!d.ok) return bad(name, text, d.error);
		out[field] = d.ms;
	}
	for (const [name, field] of [
		['snapshot-interval', 'snapshotInterval'],
		['max-snapshots', 'keepOldSnapshots']
	] as const) {
		const text = flag(flags, name);
		if (text === undefined) continue;
		const n = parseGoUint(text, 64);
		if (typeof n === 'string') return bad(name, text, numError('ParseUint', text, n));
		out[field] = n;
	}
	return out;
}

export function dockerSwarm(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult {
	if (sub === undefined || sub === '--help') return ok(SWARM_HELP);
	if (OTHER_SWARM_COMMANDS.includes(sub)) return fail(notSimulated(`swarm ${sub}`));
	// Own names only: `docker swarm constructor` is an unknown command, not Object's.
	const usage = Object.hasOwn(USAGE, sub) ? USAGE[sub] : undefined;
	if (usage === undefined)
		return fail(unknownCommand(`docker swarm ${sub}`, 'docker swarm COMMAND'));
	const path = `docker swarm ${sub}`;
	const parsed = parseFlags(rest, FLAGS[sub]!);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, path, usage));
	// update.go PreRunE: no flag at all is pflag.ErrHelp, which prints the help.
	if (boolFlag(parsed.flags, 'help') || (sub === 'update' && parsed.flags.size === 0)) {
		return ok(`\nUsage:  ${usage}\n\n${SHORT[sub]}\n`);
	}
	// cli/required.go: NoArgs for init and leave, ExactArgs(1) for join and join-token.
	const wants = sub === 'join' || sub === 'join-token' ? 1 : 0;
	if (parsed.args.length !== wants) {
		return fail(
			wants === 0
				? `docker: '${path}' accepts no arguments\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information\n`
				: `docker: '${path}' requires 1 argument\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information\n`
		);
	}
	const settings = specFlags(parsed.flags);
	if (typeof settings === 'string') return fail(unknownFlag(settings, path, usage));
	const swarm = ctx.swarm;
	if (swarm === undefined) return fail(notSimulated(`swarm ${sub}`));
	for (const name of NOT_MODELLED) {
		if (parsed.flags.has(name)) return fail(notSimulated(`swarm ${sub} --${name}`));
	}
	const availability = flag(parsed.flags, 'availability');
	if (
		availability !== undefined &&
		!['active', 'pause', 'drain'].includes(availability.toLowerCase())
	) {
		return fail(
			`invalid availability "${availability}", only active, pause and drain are supported\n`
		);
	}
	const arg = parsed.args[0] ?? '';
	if (sub === 'join-token' && arg !== 'worker' && arg !== 'manager') {
		return fail(`unknown role ${arg}\n`);
	}
	if (!swarm.hosts.isRunning(swarm.self)) return fail(DAEMON_DOWN);
	// The daemon's side (./swarm-membership.ts) comes with the Swarm flavour, loaded with the swarm.
	return swarmDocker().swarm(swarm, {
		sub: sub as SwarmMembershipCommand,
		flags: parsed.flags,
		arg,
		availability: availability?.toLowerCase(),
		settings,
		...(sub === 'unlock' ? { stdin: ctx.readFile('-') ?? '' } : {})
	});
}

const SWARM_HELP = `
Usage:  docker swarm COMMAND

Manage Swarm

Commands:
  ca          Display and rotate the root CA
  init        Initialize a swarm
  join        Join a swarm as a node and/or manager
  join-token  Manage join tokens
  leave       Leave the swarm
  unlock      Unlock swarm
  unlock-key  Manage the unlock key
  update      Update the swarm

Run 'docker swarm COMMAND --help' for more information on a command.
`;
