/**
 * A Docker Swarm: managers `manager-1..M` and workers `worker-1..N`, every node running an
 * agent that heartbeats to the dispatcher on the leader. The managers form a Raft group (swarmkit
 * preset): manager-1 leads at first, and the dispatcher moves to whichever manager Raft elects.
 */
import { Hosts } from '../core/hosts';
import { base36Id } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { SWARMKIT } from '../raft/defaults';
import { RaftGroup } from '../raft/group';
import { NODE_ID_LENGTH } from './defaults';
import { Dispatcher, type LeaderLocator } from './dispatcher';
import { SwarmLifecycle } from './lifecycle';
import { SwarmManager } from './manager';
import { forgetFailures } from './failure-history';
import { managerStatusOf } from './manager-status';
import { SwarmMembership } from './membership';
import { RoleManager } from './role-manager';
import { SWARM_NETWORKS } from './objects';
import type { SwarmRuntime } from './runtime';
import { SWARM_NODES, buildSwarmNode } from './node-object';
import { swarmTlsInfo } from './root-ca';

export interface SwarmCluster {
	readonly hosts: Hosts;
	readonly managers: readonly string[];
	readonly workers: readonly string[];
	readonly locate: LeaderLocator;
	/** The node the docker CLI talks to (`*` in `docker node ls`). */
	readonly self: string;
	/** When the dispatcher last heard the host's heartbeat. */
	lastHeartbeat(host: string): number;
	/**
	 * Whether the managers can commit a write now (a leader backed by a quorum). Every change to
	 * the cluster's state (services, tasks, nodes) asks first; without quorum docker refuses it.
	 */
	hasQuorum(): boolean;
	/** The managers' Raft group (`sim raft`). */
	readonly raft: RaftGroup;
	/** Services, tasks and their agents (./manager.ts); ./control.ts is the API over it. */
	readonly manager: SwarmManager;
	readonly runtime: SwarmRuntime;
	/** Which machines are in the swarm, with which node ID, and the join tokens. */
	readonly membership: SwarmMembership;
	/** `docker swarm init|join|leave` (./lifecycle.ts). */
	readonly lifecycle: SwarmLifecycle;
	/** Brings the Raft member list in line with the nodes' roles (./role-manager.ts). */
	readonly roles: RoleManager;
}

export interface SwarmClusterOptions {
	/**
	 * False: Docker runs on every machine but no swarm exists yet (no nodes, no Raft state);
	 * `docker swarm init` and `join` build it. Default true: the swarm is formed.
	 */
	readonly initialized?: boolean;
}

export function createSwarmCluster(
	kernel: Kernel,
	managers: number,
	workers: number,
	options: SwarmClusterOptions = {}
): SwarmCluster {
	const initialized = options.initialized ?? true;
	const managerNames = Array.from({ length: Math.max(1, managers) }, (_, i) => `manager-${i + 1}`);
	const workerNames = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);
	const all = [...managerNames, ...workerNames];
	const membership = new SwarmMembership(kernel);
	if (initialized) {
		const ids = kernel.rng.stream('swarm/ids');
		const nodeIds: Record<string, string> = {};
		for (const host of all) nodeIds[host] = base36Id(ids, NODE_ID_LENGTH);
		// The swarm (and its root CA, which every node's TLSInfo names) exists before its nodes.
		membership.bootstrap(nodeIds);
		const tls = swarmTlsInfo(membership.digest);
		all.forEach((host, index) => {
			const role = index < managerNames.length ? 'manager' : 'worker';
			kernel.store.put(SWARM_NODES, host, (rv) =>
				buildSwarmNode(nodeIds[host]!, host, role, index, index === 0, rv, tls)
			);
		});
	}

	const leaderName = managerNames[0]!;
	// manager-1 initialised the swarm, so it leads term 1; a newly elected leader's dispatcher
	// takes over (dispatcher.go markNodesUnknown). Uninitialised, the group holds the machines
	// that will be managers, stopped: none has Raft state until `docker swarm init`.
	const raft = new RaftGroup(kernel, {
		name: 'swarm',
		members: managerNames,
		preset: SWARMKIT,
		bootstrapLeader: initialized ? leaderName : null,
		campaignWhenAlone: true,
		onElected: (leader) => {
			dispatcher.takeOver(leader, all);
			// The new leader's scheduler starts with no failure history (./failure-history.ts).
			if (control.manager !== undefined) forgetFailures(control.manager.runtime);
			// Its constraint enforcer starts with a check of every node (constraint_enforcer.go Run).
			control.manager?.enforcer.checkAll();
		},
		onCommitted: () => roles.committed()
	});
	const roles = new RoleManager(kernel, raft);
	const locate: LeaderLocator = { leader: () => raft.leader() };
	const dispatcher = new Dispatcher(kernel, locate, () => membership.dispatcherPeriodMs);
	// The services' control plane is made below, once the hosts exist; the hooks only run after.
	const control: { manager?: SwarmManager } = {};
	const hosts = new Hosts(kernel, all, {
		boot: (host) => {
			// A machine outside the swarm boots a plain Docker daemon; a manager's Raft state
			// comes back only while it still votes (a demoted or departed one dropped it).
			if (membership.inSwarm(host)) {
				const voter = raft.voters().includes(host);
				// Autolock: a manager's Raft data is sealed with the unlock key, so its swarm
				// node waits for `docker swarm unlock` (./lifecycle.ts unlock) before it starts.
				if (voter && membership.unlockKey !== undefined) {
					membership.lock(host);
					return;
				}
				if (voter) raft.restart(host);
				dispatcher.boot(host);
			}
			control.manager?.boot(host);
		},
		halt: (host) => {
			raft.crash(host);
			dispatcher.halt(host);
			control.manager?.halt(host);
		}
	});
	if (initialized) {
		dispatcher.armAll(all);
		for (const host of all) dispatcher.boot(host);
	} else {
		for (const host of managerNames) raft.crash(host);
	}
	const hasQuorum = () => raft.hasQuorum();
	const manager = new SwarmManager(
		kernel,
		{
			leader: () => locate.leader(),
			quorum: () => hasQuorum(),
			isRunning: (h) => hosts.isRunning(h),
			nodeIdOf: (h) => membership.nodeIdOf(h),
			taskHistoryLimit: () => membership.settings.taskHistoryLimit
		},
		all
	);
	control.manager = manager;
	// No swarm, no `ingress` network: `docker swarm init` makes it (manager.startNewSwarm).
	if (!initialized) {
		for (const net of kernel.store.list<{ ID: string }>(SWARM_NETWORKS)) {
			kernel.store.delete(SWARM_NETWORKS, net.ID);
		}
	}
	const cluster: SwarmCluster = {
		hosts,
		managers: managerNames,
		workers: workerNames,
		locate,
		self: leaderName,
		lastHeartbeat: (host) => dispatcher.lastHeartbeat(host),
		hasQuorum,
		raft,
		manager,
		runtime: manager.runtime,
		membership,
		roles,
		lifecycle: new SwarmLifecycle({
			kernel,
			hosts,
			raft,
			dispatcher,
			manager,
			membership,
			managerStatus: (node) => managerStatusOf(kernel, cluster, node)
		})
	};
	return cluster;
}
