/**
 * What only a swarm manager answers of docker's CLI: `docker service …`, `docker node …`, the
 * manager's side of `docker stack …`, `docker swarm init|join|join-token|leave`, `docker
 * secret|config ls|inspect|rm`, and the Swarm API (swarm/control.ts) that `docker network` and
 * the `create` commands write through. The Swarm flavour carries them
 * (src/engine/flavors/swarm.ts), so a Kubernetes page does not download them: on a lab without a
 * swarm the CLI's side (./index.ts and the modules it calls) answers help, unknown subcommands,
 * bad flags and "This node is not a swarm manager" before any of these would run, exactly as
 * their own checks did.
 */
import type { SwarmCluster } from '../../swarm/cluster';
import type * as SwarmControl from '../../swarm/control';
import {
	createConfig,
	createNetwork,
	createSecret,
	listNetworks,
	removeNetwork
} from '../../swarm/control';
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
	dockerServicePs,
	dockerServiceRm,
	dockerServiceRollback,
	dockerServiceScale,
	dockerServiceUpdate
} from './service-commands';
import { dockerServiceCreate } from './service-create';
import { dockerServiceLs } from './service-ls';
import { dockerServiceLogs } from './service-logs';
import { SECRET_CONFIG_VERBS, type SecretConfigVerbs } from './secret-config-verbs';
import { STACK_VERBS, deployLoaded } from './stack';
import { swarmMembership } from './swarm-membership';

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

/** Everything above, as the Swarm flavour registers it (src/engine/flavors/registry.ts). */
export interface DockerSwarmVerbs {
	readonly service: Readonly<Record<string, SwarmVerb>>;
	readonly node: Readonly<Record<string, SwarmVerb>>;
	/** `docker stack ls|ps|services|rm` and their aliases. */
	readonly stack: Readonly<Record<string, SwarmVerb>>;
	/** `docker stack deploy`, its compose files loaded and a manager with a leader found. */
	readonly stackDeploy: typeof deployLoaded;
	/** `docker swarm init|join|join-token|leave`, its words checked, on a running machine. */
	readonly swarm: typeof swarmMembership;
	readonly secretConfig: SecretConfigVerbs;
	/** The Swarm API calls `docker network …` and the `create` commands make. */
	readonly control: Pick<
		typeof SwarmControl,
		'createConfig' | 'createNetwork' | 'createSecret' | 'listNetworks' | 'removeNetwork'
	>;
}

export const DOCKER_SWARM_VERBS: DockerSwarmVerbs = {
	service: SERVICE_VERBS,
	node: NODE_VERBS,
	stack: STACK_VERBS,
	stackDeploy: deployLoaded,
	swarm: swarmMembership,
	secretConfig: SECRET_CONFIG_VERBS,
	control: { createConfig, createNetwork, createSecret, listNetworks, removeNetwork }
};
