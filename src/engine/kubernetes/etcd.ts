/**
 * The control plane's etcd, stacked as kubeadm does it: one member on every control-plane node
 * (facts.md §1.7, ha-topology.md), running Raft on etcd's preset. The API server asks it before
 * every write; without a quorum the write fails as etcd fails it.
 */
import type { Kernel } from '../core/kernel';
import { ETCD } from '../raft/defaults';
import { RaftGroup } from '../raft/group';

/**
 * etcd's client-visible error when a proposal cannot commit: `ErrTimeout =
 * errors.New("etcdserver: request timed out")` (etcd-io/etcd etcdserver/errors.go; since v3.6
 * server/etcdserver/errors/errors.go). kubectl prints it as `Error from server: etcdserver:
 * request timed out` when a stacked-etcd control plane loses members (kubernetes/kubeadm issue
 * #3095).
 */
export const ETCD_TIMEOUT = 'etcdserver: request timed out';

export class Etcd {
	readonly group: RaftGroup;

	constructor(kernel: Kernel, controlPlanes: readonly string[]) {
		// The first control plane ran `kubeadm init`; its member leads the cluster's first term.
		this.group = new RaftGroup(kernel, {
			name: 'etcd',
			members: controlPlanes,
			preset: ETCD,
			bootstrapLeader: controlPlanes[0]!
		});
	}

	/**
	 * The one write gate: undefined when a write can commit, else etcd's error. Consistent reads
	 * (kubectl's GET/LIST without a resourceVersion) need a quorum read too (KEP-2340: "Consistent
	 * reads are served from etcd using a quorum read"), so a read path may ask the same.
	 */
	storageError(): string | undefined {
		return this.group.hasQuorum() ? undefined : ETCD_TIMEOUT;
	}

	boot(host: string): void {
		this.group.restart(host);
	}

	halt(host: string): void {
		this.group.crash(host);
	}
}
