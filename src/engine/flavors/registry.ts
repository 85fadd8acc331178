/**
 * The flavours a lab can be built on, registered at run time rather than imported by the lab.
 *
 * Why: a page whose lab runs Kubernetes should not download the Swarm cluster nor what only a
 * swarm manager answers of docker's CLI, and a Swarm page should not download kubectl's verbs
 * nor the pod printers its snapshots would use (together about a third of the engine). The lab
 * (../lab.ts), its snapshots (../snapshot.ts) and the command front ends only look flavours up
 * here; each flavour module (./kubernetes.ts, ./swarm.ts) registers itself when it is imported.
 * Node callers import both statically through ../index.ts (./all.ts), so `createLab` stays
 * synchronous for them; the browser awaits `loadFlavors` (./load.ts) first, which imports only
 * the flavours it is asked for.
 */
import type { CommandContext, CommandResult } from '../commands/context';
import type { DockerSwarmVerbs, SwarmVerb } from '../commands/docker/swarm-verbs';
import type { Hosts } from '../core/hosts';
import type { Kernel } from '../core/kernel';
import type { KubernetesCluster } from '../kubernetes/cluster';
import type { SnapshotSource } from '../snapshot';
import type { SwarmCluster } from '../swarm/cluster';
import type { Flavor, NodeView, TaskView, UnitView, WorkloadView } from '../types';

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

/** What a snapshot shows of a flavour's cluster (../snapshot.ts adds what every lab shows). */
export interface ClusterViews {
	nodes: NodeView[];
	units: UnitView[];
	/** Swarm only, and only once there are tasks. */
	tasks?: readonly TaskView[];
	workloads: WorkloadView[];
}

export interface FlavorModule {
	readonly name: Flavor;
	build(kernel: Kernel, shape: ClusterShape): BuiltCluster;
	/** The cluster's part of a snapshot: its nodes, units, tasks and scalable workloads. */
	views(src: SnapshotSource): ClusterViews;
	/**
	 * kubectl's verbs. Only a Kubernetes lab runs them: on a Swarm lab kubectl stops at
	 * "connection refused" before a verb runs, so the Swarm flavour does without them.
	 */
	readonly kubectlVerbs?: Readonly<Record<string, Verb>>;
	/**
	 * What only a swarm manager answers of docker's CLI (`docker service …`, `docker node …`,
	 * the manager's side of `stack`, `swarm`, `secret`, `config`, and the Swarm API). On a lab
	 * without a swarm docker stops at "not a swarm manager" (or its own usage errors) before
	 * any of it runs, so the Kubernetes flavour does without them.
	 */
	readonly dockerVerbs?: DockerSwarmVerbs;
	/** `sim addon NAME …` installers (Kubernetes only), given the words after the name. */
	readonly addons?: Readonly<Record<string, Verb>>;
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
 * docker's swarm side, from the Swarm flavour: loaded whenever a lab has a swarm, the only time
 * the CLI asks (a programming error otherwise, as for `flavorModule`).
 */
export function swarmDocker(): DockerSwarmVerbs {
	const verbs = flavorModule('swarm').dockerVerbs;
	if (verbs === undefined) throw new Error('the swarm flavour registered no docker verbs');
	return verbs;
}

/**
 * docker's `service`/`node`/`stack` verb `sub`, from the Swarm flavour (loaded whenever a lab
 * has a swarm, the only time the front end asks); undefined for a subcommand it does not have.
 */
export function dockerSwarmVerb(
	command: 'service' | 'node' | 'stack',
	sub: string
): SwarmVerb | undefined {
	const verbs = swarmDocker()[command];
	return Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
}

/** The Kubernetes flavour's `sim addon NAME` installer, or undefined for an unknown name. */
export function kubernetesAddon(name: string): Verb | undefined {
	const addons = flavorModule('kubernetes').addons ?? {};
	return Object.hasOwn(addons, name) ? addons[name] : undefined;
}
