/**
 * The flavours a lab can be built on, registered at run time rather than imported by the lab.
 *
 * Why: a page whose lab runs Kubernetes should not download the Swarm cluster nor docker's
 * service and node verbs, and a Swarm page should not download kubectl's verbs (together about a
 * third of the engine). The lab
 * (../lab.ts) and the command front ends only look flavours up here; each flavour module
 * (./kubernetes.ts, ./swarm.ts) registers itself when it is imported. Node callers import both
 * statically through ../index.ts (./all.ts), so `createLab` stays synchronous for them; the
 * browser awaits `loadFlavors` (./load.ts) first, which imports only the flavours it is asked for.
 */
import type { CommandContext, CommandResult } from '../commands/context';
import type { SwarmVerb } from '../commands/docker/swarm-verbs';
import type { Hosts } from '../core/hosts';
import type { Kernel } from '../core/kernel';
import type { KubernetesCluster } from '../kubernetes/cluster';
import type { SwarmCluster } from '../swarm/cluster';
import type { Flavor } from '../types';

/** One kubectl verb (`get`, `apply`, …) given the words after it. */
export type Verb = (ctx: CommandContext, words: readonly string[]) => CommandResult;

/** The lab's shape as a flavour's cluster factory needs it. */
export interface ClusterShape {
	managers: number;
	workers: number;
	/** Swarm only: whether `docker swarm init` has already run. */
	swarmInitialized: boolean;
}

/** What a flavour's factory hands the lab: the machines, and the one cluster it built. */
export interface BuiltCluster {
	hosts: Hosts;
	kubernetes?: KubernetesCluster;
	swarm?: SwarmCluster;
	/** Called once everything due at time 0 has run: the cluster has booted. */
	booted?: () => void;
}

export interface FlavorModule {
	readonly name: Flavor;
	build(kernel: Kernel, shape: ClusterShape): BuiltCluster;
	/**
	 * kubectl's verbs. Only a Kubernetes lab runs them: on a Swarm lab kubectl stops at
	 * "connection refused" before a verb runs, so the Swarm flavour does without them.
	 */
	readonly kubectlVerbs?: Readonly<Record<string, Verb>>;
	/**
	 * docker's cluster verbs (`docker service …`, `docker node …`). Only a swarm manager runs
	 * them: on a lab without a swarm docker stops at "not a swarm manager" before a verb runs,
	 * so the Kubernetes flavour does without them.
	 */
	readonly dockerVerbs?: {
		readonly service: Readonly<Record<string, SwarmVerb>>;
		readonly node: Readonly<Record<string, SwarmVerb>>;
	};
}

const registered = new Map<Flavor, FlavorModule>();

export function registerFlavor(module: FlavorModule): void {
	registered.set(module.name, module);
}

export function isFlavorLoaded(name: Flavor): boolean {
	return registered.has(name);
}

/** The registered module of `name`; a programming error (not a learner's) when it is missing. */
export function flavorModule(name: Flavor): FlavorModule {
	const module = registered.get(name);
	if (module === undefined) {
		throw new Error(
			`the ${name} flavour is not loaded: import the engine through its index, or await loadFlavors(['${name}']) before createLab`
		);
	}
	return module;
}

/** kubectl's verbs, from the Kubernetes flavour (loaded whenever a Kubernetes lab exists). */
export function kubectlVerbs(): Readonly<Record<string, Verb>> {
	return flavorModule('kubernetes').kubectlVerbs ?? {};
}

/**
 * docker's `service`/`node` verb `sub`, from the Swarm flavour (loaded whenever a lab has a
 * swarm, the only time the front end asks); undefined for a subcommand it does not have.
 */
export function dockerSwarmVerb(command: 'service' | 'node', sub: string): SwarmVerb | undefined {
	const verbs = flavorModule('swarm').dockerVerbs?.[command] ?? {};
	return Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
}
