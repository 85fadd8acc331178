/**
 * The last step of kube-controller-manager's namespace controller (pkg/controller/namespace/
 * deletion/namespaced_resources_deleter.go Delete): a Terminating namespace goes once nothing
 * is left in it. It runs in the background, whoever waits for it: `kubectl delete namespace`
 * waits by default, `--wait=false` returns with the namespace still Terminating.
 *
 * The deletion of the namespace's content happens when the namespace turns Terminating
 * (commands/kubectl/delete-selected.ts): owners, configuration and claims are deleted at that
 * instant; what can outlive it is pods (graceful termination) and claims (their protection
 * finalizer waits for the pods using them). So the controller looks again whenever a pod or a
 * claim leaves a Terminating namespace. Its check is a queue entry, not work inside the store's
 * watch callback, so the namespace is removed at the same instant, after the write that
 * emptied it. A namespace has at most one check pending: a thousand pods that end together cost
 * one listing, not a thousand.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { NAMESPACES, PODS, PVCS, splitKey } from '../api/collections';

const SYNC = 'namespace-controller.sync';

/** The content that can outlive the instant its namespace turns Terminating. */
const LINGERING = [PODS, PVCS];

export class NamespaceController implements Component {
	readonly name = 'namespace-controller';
	/** Namespaces with a check queued (the queue entries' own arguments, for a checkpoint). */
	private pending = new Set<string>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		kernel.register(this);
		kernel.on(SYNC, (name) => {
			this.pending.delete(name as string);
			this.sync(name as string);
		});
		kernel.store.watch<Namespace>(NAMESPACES, (e) => {
			if (e.type !== 'DELETED' && isTerminating(e.object)) this.queue(e.object.metadata!.name!);
		});
		for (const collection of LINGERING) {
			kernel.store.watch(collection, (e) => {
				if (e.type !== 'DELETED') return;
				const namespace = splitKey(e.key).namespace;
				const ns = kernel.store.get<Namespace>(NAMESPACES, namespace);
				if (ns !== undefined && isTerminating(ns)) this.queue(namespace);
			});
		}
	}

	private queue(namespace: string): void {
		if (this.pending.has(namespace)) return;
		this.pending.add(namespace);
		this.kernel.after(0, SYNC, namespace);
	}

	save(): string[] {
		return [...this.pending];
	}

	load(state: unknown): void {
		this.pending = new Set(state as string[]);
	}

	/** Removes a Terminating namespace with nothing left in it. */
	private sync(name: string): void {
		const ns = this.kernel.store.get<Namespace>(NAMESPACES, name);
		if (ns === undefined || !isTerminating(ns)) return;
		if (LINGERING.some((collection) => this.api.list(collection, name).length > 0)) return;
		this.kernel.store.delete(NAMESPACES, name);
	}
}

function isTerminating(ns: Namespace): boolean {
	return ns.status?.phase === 'Terminating';
}
