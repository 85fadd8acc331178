/**
 * docker's cluster verbs, `docker service …` and `docker node …`: what only a swarm manager
 * answers. The Swarm flavour carries them (src/engine/flavors/swarm.ts), so a Kubernetes page
 * does not download them: on a lab without a swarm the front end (./index.ts) answers "This
 * node is not a swarm manager" before a verb would run, exactly as these verbs' own checks did.
 */
import type { SwarmCluster } from '../../swarm/cluster';
import type { CommandContext, CommandResult } from '../context';
import {
	dockerNodeDemote,
	dockerNodeInspect,
	dockerNodePromote,
	dockerNodePs,
	dockerNodeRm,
	dockerNodeUpdate
} from './node-commands';
import { dockerNodeLs } from './node-ls';
import {
	dockerServiceInspect,
	dockerServiceLogs,
	dockerServicePs,
	dockerServiceRm,
	dockerServiceRollback,
	dockerServiceScale,
	dockerServiceUpdate
} from './service-commands';
import { dockerServiceCreate } from './service-create';
import { dockerServiceLs } from './service-ls';

/** One verb, run once the front end has found a reachable manager with a leader. */
export type SwarmVerb = (
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
) => CommandResult;

/** `docker service <sub>`: the service commands read the swarm from the context themselves. */
export const SERVICE_VERBS: Readonly<Record<string, SwarmVerb>> = {
	create: (ctx, _swarm, words) => dockerServiceCreate(ctx, words),
	inspect: (ctx, _swarm, words) => dockerServiceInspect(ctx, words),
	logs: (ctx, _swarm, words) => dockerServiceLogs(ctx, words),
	ls: (ctx, _swarm, words) => dockerServiceLs(ctx, words),
	list: (ctx, _swarm, words) => dockerServiceLs(ctx, words),
	ps: (ctx, _swarm, words) => dockerServicePs(ctx, words),
	rm: (ctx, _swarm, words) => dockerServiceRm(ctx, words),
	remove: (ctx, _swarm, words) => dockerServiceRm(ctx, words),
	rollback: (ctx, _swarm, words) => dockerServiceRollback(ctx, words),
	scale: (ctx, _swarm, words) => dockerServiceScale(ctx, words),
	update: (ctx, _swarm, words) => dockerServiceUpdate(ctx, words)
};

/** `docker node <sub>`. */
export const NODE_VERBS: Readonly<Record<string, SwarmVerb>> = {
	demote: dockerNodeDemote,
	inspect: dockerNodeInspect,
	ls: dockerNodeLs,
	list: dockerNodeLs,
	promote: dockerNodePromote,
	ps: dockerNodePs,
	rm: dockerNodeRm,
	remove: dockerNodeRm,
	update: dockerNodeUpdate
};
