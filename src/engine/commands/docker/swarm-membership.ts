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
import { NO_LEADER, NOT_A_SWARM_MANAGER, SWARM_LOCKED } from './errors';
import { WORKER_NOT_MANAGER } from './host';
import { clusterSettingsError, type ClusterSettings } from '../../swarm/cluster-settings';

export type SwarmMembershipCommand =
	'init' | 'join' | 'join-token' | 'leave' | 'unlock-key' | 'update' | 'unlock';

/** A checked `docker swarm …` line: its flags, its one argument (join, join-token) or "". */
export interface SwarmMembershipRequest {
	sub: SwarmMembershipCommand;
	flags: FlagValues;
	arg: string;
	/** `--availability`, lower case. */
	availability?: string;
	/** What was piped in (`echo KEY | docker swarm unlock`), if anything. */
	stdin?: string;
	/** The cluster spec fields `init` / `update` flags set (already parsed). */
	settings?: Partial<ClusterSettings>;
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
				availability,
				autolock: boolFlag(f, 'autolock'),
				settings: request.settings ?? {}
			});
		case 'unlock-key':
			return unlockKey(swarm, boolFlag(f, 'rotate'), boolFlag(f, 'quiet'));
		case 'update':
			return update(
				swarm,
				f.has('autolock') ? boolFlag(f, 'autolock') : undefined,
				request.settings ?? {}
			);
		case 'unlock':
			return unlock(swarm, request.stdin ?? '');
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
	options: {
		forceNewCluster: boolean;
		advertiseAddr?: string;
		availability?: string;
		autolock: boolean;
		settings: Partial<ClusterSettings>;
	}
): CommandResult {
	// swarmkit checks the spec when the daemon sets it (initClusterSpec → UpdateCluster); the
	// lab checks first, so that a refused spec leaves no swarm behind.
	const invalid = clusterSettingsError(options.settings);
	if (invalid !== undefined) return fail(`Error response from daemon: ${invalid}\n`);
	const r = swarm.lifecycle.init(swarm.self, options);
	if (!r.ok) return fail(r.error);
	swarm.membership.updateSettings(options.settings);
	if (options.autolock) swarm.membership.setAutolock(true);
	// init.go: the manager sentence, the worker block (printJoinCommand), the manager hint, and
	// with --autolock the unlock key (printUnlockCommand).
	return ok(
		`Swarm initialized: current node (${r.nodeId}) is now a manager.\n\n` +
			joinBlock(swarm, 'worker') +
			"To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n" +
			(options.autolock ? unlockBlock(swarm.membership.unlockKey ?? '') : ''),
		true
	);
}

/** docker/cli swarm/unlock_key.go printUnlockCommand (docker 28's wording). */
function unlockBlock(key: string): string {
	return (
		'To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n' +
		`command and provide the following key:\n\n    ${key}\n\n` +
		'Remember to store this key in a password manager, since without it you\n' +
		'will not be able to restart the manager.\n'
	);
}

/** A manager with a leader answers cluster reads and writes; else docker's error line. */
function managerError(swarm: SwarmCluster, write: boolean): string | undefined {
	if (swarm.membership.status(swarm.self) === 'none') return NOT_A_SWARM_MANAGER;
	if (swarm.membership.isLocked(swarm.self)) return SWARM_LOCKED;
	if (!swarm.lifecycle.isManagerHost(swarm.self)) return WORKER_NOT_MANAGER;
	if (swarm.locate.leader() === undefined) return NO_LEADER;
	if (write && !swarm.hasQuorum()) return `Error response from daemon: ${NO_LEADER_ERROR}\n`;
	return undefined;
}

/**
 * unlock_key.go runUnlockKey: --rotate needs autolock on ("cannot rotate because autolock is
 * not turned on"); with autolock off the key is empty: "no unlock key is set".
 */
function unlockKey(swarm: SwarmCluster, rotate: boolean, quiet: boolean): CommandResult {
	const refused = managerError(swarm, rotate);
	if (refused !== undefined) return fail(refused);
	let out = '';
	if (rotate) {
		if (swarm.membership.unlockKey === undefined) {
			return fail('cannot rotate because autolock is not turned on\n');
		}
		swarm.membership.rotateUnlockKey();
		if (!quiet) out += 'Successfully rotated manager unlock key.\n';
	}
	const key = swarm.membership.unlockKey;
	if (key === undefined) return fail('no unlock key is set\n');
	return ok(out + (quiet ? `${key}\n` : unlockBlock(key)), rotate);
}

/**
 * update.go runUpdate: "Swarm updated.", then the unlock key when autolock was just turned on.
 * The spec flags replace their fields (controlapi UpdateCluster checks them first).
 */
function update(
	swarm: SwarmCluster,
	autolock: boolean | undefined,
	settings: Partial<ClusterSettings>
): CommandResult {
	const refused = managerError(swarm, true);
	if (refused !== undefined) return fail(refused);
	const invalid = clusterSettingsError(settings);
	if (invalid !== undefined) return fail(`Error response from daemon: ${invalid}\n`);
	swarm.membership.updateSettings(settings);
	const before = swarm.membership.unlockKey !== undefined;
	if (autolock !== undefined) swarm.membership.setAutolock(autolock);
	const now = swarm.membership.unlockKey;
	return ok('Swarm updated.\n' + (now !== undefined && !before ? unlockBlock(now) : ''), true);
}

/**
 * unlock.go runUnlock: the CLI asks the key only of a locked node, reading it from stdin when
 * that is not a terminal (readKey: the first line, trimmed); success prints nothing.
 */
function unlock(swarm: SwarmCluster, stdin: string): CommandResult {
	if (swarm.membership.status(swarm.self) === 'none') {
		return fail('Error: This node is not part of a swarm\n');
	}
	if (!swarm.membership.isLocked(swarm.self)) return fail('Error: swarm is not locked\n');
	const r = swarm.lifecycle.unlock(swarm.self, (stdin.split('\n')[0] ?? '').trim());
	return r.ok ? ok('', true) : fail(r.error + '\n');
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
	const refused = managerError(swarm, false);
	if (refused !== undefined) return fail(refused);
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
