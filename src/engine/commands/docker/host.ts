/**
 * `docker -H HOST …` / `--host`: which machine's daemon a command talks to. The lab's docker
 * CLI sits on manager-1 by default; when that machine is off, a learner does what an operator
 * does and points the CLI at another manager (`docker -H manager-2 node ls`, or
 * `ssh://manager-2`, `tcp://manager-2:2375`).
 */
import type { SwarmCluster } from '../../swarm/cluster';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import type { CommandContext } from '../context';
import { DAEMON_DOWN, NOT_A_SWARM_MANAGER, SWARM_LOCKED } from './errors';

/** moby daemon/cluster/helpers.go errNoManager, for a worker's daemon. */
export const WORKER_NOT_MANAGER =
	"Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n";

export type HostChoice =
	{ ok: true; words: readonly string[]; ctx: CommandContext } | { ok: false; error: string };

/** Strips docker's global `-H`/`--host` flags and returns the context of that machine. */
export function chooseHost(ctx: CommandContext, words: readonly string[]): HostChoice {
	let host: string | undefined;
	let i = 0;
	while (i < words.length) {
		const w = words[i]!;
		if ((w === '-H' || w === '--host') && i + 1 < words.length) {
			host = words[i + 1]!;
			i += 2;
		} else if (/^(-H|--host)=/.test(w)) {
			host = w.slice(w.indexOf('=') + 1);
			i += 1;
		} else break;
	}
	const rest = words.slice(i);
	if (host === undefined || ctx.swarm === undefined) return { ok: true, words: rest, ctx };
	const name = /^(?:(?:ssh|tcp):\/\/)?(?:[^@/]+@)?([^:/]+)(?::\d+)?\/?$/.exec(host)?.[1];
	if (name === undefined || !/^(ssh|tcp):\/\/|^[^:/]+$/.test(host)) {
		return { ok: false, error: `unable to parse docker host \`${host}\`\n` };
	}
	if (!ctx.swarm.hosts.has(name)) {
		return {
			ok: false,
			error: `error during connect: Get "http://${name}:2375/_ping": dial tcp: lookup ${name}: no such host\n`
		};
	}
	const swarm: SwarmCluster = { ...ctx.swarm, self: name };
	return { ok: true, words: rest, ctx: { ...ctx, swarm } };
}

/**
 * What a command needs before it reaches the cluster: the machine on, and a manager (a
 * worker's daemon refuses cluster commands). undefined when both hold.
 */
export function daemonError(ctx: CommandContext, swarm: SwarmCluster): string | undefined {
	if (!swarm.hosts.isRunning(swarm.self)) return DAEMON_DOWN;
	// A machine that left (or never joined) runs a plain daemon; one still holding an erased
	// swarm is a worker of it (swarm/membership.ts).
	const membership = swarm.membership.status(swarm.self);
	if (membership === 'none') return NOT_A_SWARM_MANAGER;
	if (membership === 'stale') return WORKER_NOT_MANAGER;
	if (swarm.membership.isLocked(swarm.self)) return SWARM_LOCKED;
	const node = ctx.kernel.store.get<SwarmNode>(SWARM_NODES, swarm.self);
	if (node !== undefined && node.Spec.Role !== 'manager') return WORKER_NOT_MANAGER;
	return undefined;
}
