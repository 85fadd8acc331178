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
import { SwarmManager } from './manager';
import type { SwarmRuntime } from './runtime';
import { SWARM_NODES, buildSwarmNode } from './node-object';

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
}

export function createSwarmCluster(
	kernel: Kernel,
	managers: number,
	workers: number
): SwarmCluster {
	const managerNames = Array.from({ length: Math.max(1, managers) }, (_, i) => `manager-${i + 1}`);
	const workerNames = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);
	const all = [...managerNames, ...workerNames];
	const ids = kernel.rng.stream('swarm/ids');
	all.forEach((host, index) => {
		const role = index < managerNames.length ? 'manager' : 'worker';
		const id = base36Id(ids, NODE_ID_LENGTH);
		kernel.store.put(SWARM_NODES, host, (rv) =>
			buildSwarmNode(id, host, role, index, index === 0, rv)
		);
	});

	const leaderName = managerNames[0]!;
	// manager-1 initialised the swarm, so it leads term 1; a newly elected leader's dispatcher
	// takes over (dispatcher.go markNodesUnknown).
	const raft = new RaftGroup(kernel, {
		name: 'swarm',
		members: managerNames,
		preset: SWARMKIT,
		bootstrapLeader: leaderName,
		campaignWhenAlone: true,
		onElected: (leader) => dispatcher.takeOver(leader, all)
	});
	const locate: LeaderLocator = { leader: () => raft.leader() };
	const dispatcher = new Dispatcher(kernel, locate);
	// The services' control plane is made below, once the hosts exist; the hooks only run after.
	const control: { manager?: SwarmManager } = {};
	const hosts = new Hosts(kernel, all, {
		boot: (host) => {
			raft.restart(host);
			dispatcher.boot(host);
			control.manager?.boot(host);
		},
		halt: (host) => {
			raft.crash(host);
			dispatcher.halt(host);
			control.manager?.halt(host);
		}
	});
	dispatcher.armAll(all);
	for (const host of all) dispatcher.boot(host);
	const hasQuorum = () => raft.hasQuorum();
	const manager = new SwarmManager(
		kernel,
		{
			leader: () => locate.leader(),
			quorum: () => hasQuorum(),
			isRunning: (h) => hosts.isRunning(h)
		},
		all
	);
	control.manager = manager;
	return {
		hosts,
		managers: managerNames,
		workers: workerNames,
		locate,
		self: leaderName,
		lastHeartbeat: (host) => dispatcher.lastHeartbeat(host),
		hasQuorum,
		raft,
		manager,
		runtime: manager.runtime
	};
}
