/**
 * `docker swarm init|join|join-token|leave` (docker/cli cli/command/swarm; cli-formats §6.1).
 * The CLI checks its arguments and flags, the machine's daemon answers (swarm/lifecycle.ts);
 * `docker -H worker-1 swarm join …` runs the command on worker-1.
 */
import type { SwarmCluster } from '../../swarm/cluster';
import type { Role } from '../../swarm/membership';
import { NO_LEADER_ERROR } from '../../swarm/services';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import {
	DAEMON_DOWN,
	NO_LEADER,
	NOT_A_SWARM_MANAGER,
	notSimulated,
	unknownCommand,
	unknownFlag
} from './errors';
import { WORKER_NOT_MANAGER } from './host';

const USAGE: Record<string, string> = {
	init: 'docker swarm init [OPTIONS]',
	join: 'docker swarm join [OPTIONS] HOST:PORT',
	'join-token': 'docker swarm join-token [OPTIONS] (worker|manager)',
	leave: 'docker swarm leave [OPTIONS]'
};

const SHORT: Record<string, string> = {
	init: 'Initialize a swarm',
	join: 'Join a swarm as a node and/or manager',
	'join-token': 'Manage join tokens',
	leave: 'Leave the swarm'
};

const HELP: FlagSpec = { long: 'help', bool: true };

/** docker/cli init.go, join.go, join_token.go, leave.go (flags the lab reads, and the rest). */
const FLAGS: Record<string, readonly FlagSpec[]> = {
	init: [
		{ long: 'advertise-addr' },
		{ long: 'listen-addr' },
		{ long: 'data-path-addr' },
		{ long: 'data-path-port' },
		{ long: 'force-new-cluster', bool: true },
		{ long: 'autolock', bool: true },
		{ long: 'availability' },
		{ long: 'default-addr-pool', repeatable: true },
		{ long: 'default-addr-pool-mask-length' },
		{ long: 'task-history-limit' },
		{ long: 'dispatcher-heartbeat' },
		{ long: 'cert-expiry' },
		{ long: 'external-ca', repeatable: true },
		{ long: 'max-snapshots' },
		{ long: 'snapshot-interval' },
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
	leave: [{ long: 'force', short: 'f', bool: true }, HELP]
};

/** Flags that change what swarmkit does in ways the lab does not model yet. */
const NOT_MODELLED = [
	'autolock',
	'task-history-limit',
	'dispatcher-heartbeat',
	'cert-expiry',
	'external-ca',
	'max-snapshots',
	'snapshot-interval',
	'default-addr-pool',
	'default-addr-pool-mask-length',
	'data-path-port'
];

const OTHER_SWARM_COMMANDS = ['ca', 'unlock', 'unlock-key', 'update'];

export function dockerSwarm(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult {
	if (sub === undefined || sub === '--help') return ok(SWARM_HELP);
	if (OTHER_SWARM_COMMANDS.includes(sub)) return fail(notSimulated(`swarm ${sub}`));
	const usage = USAGE[sub];
	if (usage === undefined)
		return fail(unknownCommand(`docker swarm ${sub}`, 'docker swarm COMMAND'));
	const path = `docker swarm ${sub}`;
	const parsed = parseFlags(rest, FLAGS[sub]!);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, path, usage));
	if (boolFlag(parsed.flags, 'help')) {
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
	const f = parsed.flags;
	switch (sub) {
		case 'init':
			return init(swarm, {
				forceNewCluster: boolFlag(f, 'force-new-cluster'),
				advertiseAddr: flag(f, 'advertise-addr'),
				availability: availability?.toLowerCase()
			});
		case 'join': {
			const r = swarm.lifecycle.join(
				swarm.self,
				flag(f, 'token') ?? '',
				arg,
				availability?.toLowerCase()
			);
			if (!r.ok) return fail(r.error);
			return ok(`This node joined a swarm as a ${r.role}.\n`, true);
		}
		case 'join-token':
			return joinToken(swarm, arg as Role, boolFlag(f, 'rotate'), boolFlag(f, 'quiet'));
		default: {
			const r = swarm.lifecycle.leave(swarm.self, boolFlag(f, 'force'));
			if (!r.ok) return fail(r.error);
			return ok('Node left the swarm.\n', true);
		}
	}
}

function init(
	swarm: SwarmCluster,
	options: { forceNewCluster: boolean; advertiseAddr?: string; availability?: string }
): CommandResult {
	const r = swarm.lifecycle.init(swarm.self, options);
	if (!r.ok) return fail(r.error);
	// init.go: the manager sentence, the worker block (printJoinCommand), the manager hint.
	return ok(
		`Swarm initialized: current node (${r.nodeId}) is now a manager.\n\n` +
			joinBlock(swarm, 'worker') +
			"To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n",
		true
	);
}

/** join_token.go printJoinCommand: the address is the manager's advertised `<ip>:2377`. */
function joinBlock(swarm: SwarmCluster, role: Role): string {
	const token = swarm.membership.token(role) ?? '';
	const addr = swarm.lifecycle.advertisedAddr(swarm.self);
	return `To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${addr}\n\n`;
}

function joinToken(
	swarm: SwarmCluster,
	role: Role,
	rotate: boolean,
	quiet: boolean
): CommandResult {
	const status = swarm.membership.status(swarm.self);
	if (status === 'none') return fail(NOT_A_SWARM_MANAGER);
	if (!swarm.lifecycle.isManagerHost(swarm.self)) return fail(WORKER_NOT_MANAGER);
	if (swarm.locate.leader() === undefined) return fail(NO_LEADER);
	let out = '';
	if (rotate) {
		// SwarmUpdate is a Raft write.
		if (!swarm.hasQuorum()) return fail(`Error response from daemon: ${NO_LEADER_ERROR}\n`);
		swarm.lifecycle.rotate(role);
		if (!quiet) out += `Successfully rotated ${role} join token.\n\n`;
	}
	out += quiet ? `${swarm.membership.token(role) ?? ''}\n` : joinBlock(swarm, role);
	return ok(out, rotate);
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
