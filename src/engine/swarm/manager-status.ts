/**
 * A node's MANAGER STATUS as `docker node ls` shows it. swarmkit fills a node's ManagerStatus
 * from the Raft member list, not from the node's role (manager/controlapi/node.go ListNodes,
 * GetNode): a manager that left with `--force` is still a member and shows `Unreachable`; the
 * managers a `--force-new-cluster` cut off are members no more and show nothing, although their
 * role is still manager.
 */
import type { Kernel } from '../core/kernel';
import type { SwarmCluster } from './cluster';
import { SWARM_NODES, type SwarmNode } from './node-object';

export type ManagerStatusCell = '' | 'Leader' | 'Reachable' | 'Unreachable';

/**
 * Whether the node is in the Raft member list. The lab names Raft members by machine, so the
 * member belongs to the machine's newest node (the one stored under the machine's name).
 */
export function isRaftMember(kernel: Kernel, swarm: SwarmCluster, node: SwarmNode): boolean {
	const host = node.Description.Hostname;
	if (kernel.store.get<SwarmNode>(SWARM_NODES, host)?.ID !== node.ID) return false;
	return swarm.raft.voters().includes(host) && !swarm.raft.isRemoved(host);
}

export function managerStatusOf(
	kernel: Kernel,
	swarm: SwarmCluster,
	node: SwarmNode
): ManagerStatusCell {
	if (!isRaftMember(kernel, swarm, node)) return '';
	const host = node.Description.Hostname;
	const leader = swarm.locate.leader();
	if (host === leader) return 'Leader';
	return leaderReaches(kernel, swarm, host, leader) ? 'Reachable' : 'Unreachable';
}

/** Whether the leader's Raft transport reaches the member now (transport.Active). */
function leaderReaches(
	kernel: Kernel,
	swarm: SwarmCluster,
	host: string,
	leader: string | undefined
): boolean {
	return (
		leader !== undefined &&
		swarm.hosts.isRunning(host) &&
		swarm.raft.member(host)?.role !== 'stopped' &&
		kernel.network.connected(host, leader)
	);
}

/**
 * The quorum safeguard before a manager leaves Raft (moby/swarmkit manager/state/raft/raft.go
 * CanRemoveMember): the members left after the removal that the leader reaches (itself
 * included) must still be a majority of the current member list, (n-1)/2+1.
 */
export function canRemoveMember(kernel: Kernel, swarm: SwarmCluster, host: string): boolean {
	const leader = swarm.locate.leader();
	const members = swarm.raft.voters().filter((m) => !swarm.raft.isRemoved(m));
	let reachable = 0;
	for (const m of members) {
		if (m === host) continue;
		if (m === leader || leaderReaches(kernel, swarm, m, leader)) reachable++;
	}
	return reachable >= Math.floor((members.length - 1) / 2) + 1;
}

/** The node stored under the machine's name: the machine's newest identity. */
export function nodeOfHost(kernel: Kernel, host: string): SwarmNode | undefined {
	return kernel.store.get<SwarmNode>(SWARM_NODES, host);
}

/**
 * The store key of a node: the machine's name for its newest identity, the node ID for an
 * older one (a machine that left and joined again keeps its old, Down row under its ID).
 */
export function nodeKey(kernel: Kernel, node: SwarmNode): string {
	const host = node.Description.Hostname;
	return nodeOfHost(kernel, host)?.ID === node.ID ? host : node.ID;
}

/**
 * The node as `docker node inspect` reads it: controlapi GetNode fills ManagerStatus from the
 * Raft member list at the time of asking (leader, reachability), as `docker node ls` shows it;
 * a node that is no member has none.
 */
export function withLiveManagerStatus(
	kernel: Kernel,
	swarm: SwarmCluster,
	node: SwarmNode
): SwarmNode {
	const cell = managerStatusOf(kernel, swarm, node);
	const { ManagerStatus: stored, ...rest } = node;
	if (cell === '') return rest;
	return {
		...rest,
		ManagerStatus: {
			...(cell === 'Leader' ? { Leader: true } : {}),
			Reachability: cell === 'Unreachable' ? 'unreachable' : 'reachable',
			Addr: stored?.Addr ?? `${node.Status.Addr}:2377`
		}
	};
}
