/**
 * A Docker Swarm: managers `manager-1..M` and workers `worker-1..N`, every node running an
 * agent that heartbeats to the dispatcher on the leader. Until the Raft issue lands, the leader
 * is manager-1 while it runs; when it is down there is no leader (and no dispatcher).
 */
import { Hosts } from '../core/hosts';
import { base36Id } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { NODE_ID_LENGTH } from './defaults';
import { Dispatcher, type LeaderLocator } from './dispatcher';
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
	const locate: LeaderLocator = {
		leader: () => (hosts.isRunning(leaderName) ? leaderName : undefined)
	};
	const dispatcher = new Dispatcher(kernel, locate);
	const hosts = new Hosts(kernel, all, {
		boot: (host) => {
			if (host === leaderName) dispatcher.takeOver(host, all);
			dispatcher.boot(host);
		},
		halt: (host) => dispatcher.halt(host)
	});
	dispatcher.armAll(all);
	for (const host of all) dispatcher.boot(host);
	return {
		hosts,
		managers: managerNames,
		workers: workerNames,
		locate,
		self: leaderName,
		lastHeartbeat: (host) => dispatcher.lastHeartbeat(host),
		// Until the Raft group lands, the fixed leader is its own quorum.
		hasQuorum: () => locate.leader() !== undefined
	};
}
