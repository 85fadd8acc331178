/**
 * `docker swarm init|join|join-token|leave` on a swarm lab's machine: the daemon's answer
 * (swarm/lifecycle.ts), once the CLI (./swarm-commands.ts) has checked the words. The Swarm
 * flavour brings this module (./swarm-verbs.ts): only a swarm lab gets this far.
 */
import type { SwarmCluster } from '../../swarm/cluster';
import type { Role } from '../../swarm/membership';
import { NO_LEADER_ERROR } from '../../swarm/services';
import { fail, ok, type CommandResult } from '../context';
import { boolFlag, flag, type FlagValues } from '../flags';
import { NO_LEADER, NOT_A_SWARM_MANAGER } from './errors';
import { WORKER_NOT_MANAGER } from './host';

export type SwarmMembershipCommand = 'init' | 'join' | 'join-token' | 'leave';

/** A checked `docker swarm …` line: its flags, its one argument (join, join-token) or "". */
export interface SwarmMembershipRequest {
	sub: SwarmMembershipCommand;
	flags: FlagValues;
	arg: string;
	/** `--availability`, lower case. */
	availability?: string;
}

export function swarmMembership(
	swarm: SwarmCluster,
	request: SwarmMembershipRequest
): CommandResult {
	const { sub, flags: f, arg, availability } = request;
	switch (sub) {
		case 'init':
			return init(swarm, {
				forceNewCluster: boolFlag(f, 'force-new-cluster'),
				advertiseAddr: flag(f, 'advertise-addr'),
				availability
			});
		case 'join': {
			const r = swarm.lifecycle.join(swarm.self, flag(f, 'token') ?? '', arg, availability);
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
