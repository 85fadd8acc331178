/**
 * Deletion with the garbage collector's default background propagation: the owner goes at
 * once, then its dependents (found by ownerReferences) are deleted — ReplicaSets outright,
 * pods gracefully, so they show Terminating until their kubelet has stopped them.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer, KubeObject } from '../api/api-server';
import { REPLICASETS } from '../api/collections';
import { requestPodDeletion } from '../pod-deletion';
import { controllerOf } from '../pods';

export class GarbageCollector {
	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {}

	delete(collection: string, namespace: string, name: string): void {
		const owner = this.api.get<KubeObject>(collection, namespace, name);
		if (owner === undefined) return;
		this.api.remove(collection, namespace, name);
		this.kernel.emit(
			'object.deleted',
			`${owner.kind?.toLowerCase()}/${name}`,
			`${owner.kind} ${name} deleted.`
		);
		this.deleteDependents(owner.metadata!.uid!, namespace);
	}

	private deleteDependents(uid: string, namespace: string): void {
		for (const rs of this.api.list<ReplicaSet>(REPLICASETS, namespace)) {
			if (controllerOf(rs) === uid) this.delete(REPLICASETS, namespace, rs.metadata!.name!);
		}
		for (const pod of this.api.pods.ownedBy(uid)) requestPodDeletion(this.kernel, this.api, pod);
	}
}
