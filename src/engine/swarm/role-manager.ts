/**
 * The role manager (moby/swarmkit manager/role_manager.go): `docker node promote|demote|update
 * --role` only change a node's desired role (controlapi/node.go UpdateNode); this loop then
 * brings the Raft member list in line, one membership change at a time (Raft thesis §4.1). A
 * change the group cannot take yet stays pending. swarmkit's Raft calls block until the previous
 * change is applied (raft.go `configure` under `membershipLock`), so a pending change is tried
 * again as soon as the leader commits; other refusals (no leader) wait roleReconcileInterval.
 * So `docker node promote a b` succeeds for both, and both join Raft in turn.
 */
import type { Component, Kernel } from '../core/kernel';
import type { RaftGroup } from '../raft/group';
import { ROLE_RECONCILE_INTERVAL_MS } from './defaults';
import { SWARM_NODES, type SwarmNode } from './node-object';

const RETRY = 'swarm.role.reconcile';
const COMMITTED = 'swarm.role.committed';

interface RoleManagerState {
	/** Machines whose desired role the Raft member list does not match yet, oldest first. */
	pending: string[];
	/** Whether a retry is queued. */
	armed: boolean;
	/** Whether a retry after the leader's last commit is queued. */
	soon: boolean;
}

export class RoleManager implements Component {
	readonly name = 'swarm-role-manager';
	private state: RoleManagerState = { pending: [], armed: false, soon: false };

	constructor(
		private readonly kernel: Kernel,
		private readonly raft: RaftGroup
	) {
		kernel.on(RETRY, () => {
			this.state.armed = false;
			this.reconcile();
		});
		kernel.on(COMMITTED, () => {
			this.state.soon = false;
			this.reconcile();
		});
		kernel.register(this);
	}

	/** The Raft leader committed entries: a change that waited for the last one can go now. */
	committed(): void {
		if (this.state.pending.length === 0 || this.state.soon) return;
		// Not from inside Raft's commit step: the change is proposed as a queue entry of its own.
		this.state.soon = true;
		this.kernel.after(0, COMMITTED);
	}

	/** The machine's desired role changed: reconcile now, and later if Raft refuses for now. */
	request(host: string): void {
		if (!this.state.pending.includes(host)) this.state.pending.push(host);
		this.reconcile();
	}

	/** Whether the machine still waits for its Raft membership to follow its role. */
	isPending(host: string): boolean {
		return this.state.pending.includes(host);
	}

	private reconcile(): void {
		this.state.pending = this.state.pending.filter((host) => !this.apply(host));
		if (this.state.pending.length > 0 && !this.state.armed) {
			this.state.armed = true;
			this.kernel.after(ROLE_RECONCILE_INTERVAL_MS, RETRY);
		}
	}

	/** One reconcileRole pass for the machine; true once nothing is left to do. */
	private apply(host: string): boolean {
		const node = this.kernel.store.get<SwarmNode>(SWARM_NODES, host);
		if (node === undefined) return true;
		const raft = this.raft;
		const member = raft.voters().includes(host) && !raft.isRemoved(host);
		const manager = node.Spec.Role === 'manager';
		if (manager === member) return true;
		// A promoted machine joins Raft empty: a demoted manager dropped its Raft state.
		const stale = manager && raft.has(host);
		const change = manager ? raft.addMember(host) : raft.removeMember(host);
		if (!change.ok) return false;
		if (stale) raft.resetMember(host);
		return true;
	}

	save(): RoleManagerState {
		return { ...this.state, pending: [...this.state.pending] };
	}

	load(state: unknown): void {
		const s = state as RoleManagerState;
		this.state = { ...s, pending: [...s.pending] };
	}
}
