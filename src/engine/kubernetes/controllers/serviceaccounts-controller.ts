/**
 * kube-controller-manager's serviceaccounts controller (pkg/controller/serviceaccount/
 * serviceaccounts_controller.go): every active namespace holds a `default` ServiceAccount. It is
 * made when the namespace is (namespaceAdded), and made again when somebody deletes it
 * (serviceAccountDeleted queues the namespace; syncNamespace creates what is missing) — a new
 * object, with a new uid and AGE 0s. A namespace that is not Active gets nothing
 * ("If namespace is not active, we shouldn't try to create anything"), so deleting a namespace
 * takes its account with it for good.
 *
 * The real controller works through a queue a few milliseconds behind the API server; the lab
 * runs a command line at one instant without running the queue, so the controller acts inside
 * the write that woke it: `kubectl delete sa default` and `kubectl get sa` typed one after the
 * other show the new account, as they do on a real cluster.
 */
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { RandomStream } from '../../core/rng';
import { uuid } from '../../core/ids';
import { rfc3339 } from '../../core/time';
import { BUILTIN_NAMESPACES, NAMESPACES, SERVICEACCOUNTS, key } from '../api/collections';
import { DEFAULT_SERVICE_ACCOUNT } from '../defaults';
import { ServiceAccountStore } from './service-account-store';

export class ServiceAccountsController {
	private readonly uids: RandomStream;

	constructor(private readonly kernel: Kernel) {
		// A stream of its own: the accounts' uids shift no other object's.
		this.uids = kernel.rng.stream('kubernetes/serviceaccounts');
		const accounts = new ServiceAccountStore();
		kernel.store.mount(SERVICEACCOUNTS, accounts);
		kernel.register(accounts);
		// The namespaces the API server makes at start-up (rv 1–4, kubectl's namespaces.ts) have
		// their accounts from the first instant, made with them.
		BUILTIN_NAMESPACES.forEach((namespace, i) =>
			accounts.seed(
				key(namespace, DEFAULT_SERVICE_ACCOUNT),
				this.account(namespace, 0, String(i + 1)),
				i + 1
			)
		);
		kernel.store.watch<Namespace>(NAMESPACES, (e) => {
			if (e.type !== 'DELETED') this.syncNamespace(e.object.metadata!.name!);
		});
		kernel.store.watch<ServiceAccount>(SERVICEACCOUNTS, (e) => {
			if (e.type === 'DELETED') this.syncNamespace(e.object.metadata!.namespace!);
		});
	}

	/** syncNamespace: an Active namespace gets the accounts it is missing. */
	private syncNamespace(namespace: string): void {
		if (!this.isActive(namespace)) return;
		const k = key(namespace, DEFAULT_SERVICE_ACCOUNT);
		if (this.kernel.store.get(SERVICEACCOUNTS, k) !== undefined) return;
		this.kernel.store.put(SERVICEACCOUNTS, k, (rv) =>
			this.account(namespace, this.kernel.now, String(rv))
		);
	}

	private isActive(namespace: string): boolean {
		const stored = this.kernel.store.get<Namespace>(NAMESPACES, namespace);
		if (stored === undefined) return BUILTIN_NAMESPACES.includes(namespace);
		return (
			stored.metadata?.deletionTimestamp === undefined && stored.status?.phase !== 'Terminating'
		);
	}

	private account(namespace: string, t: number, resourceVersion: string): ServiceAccount {
		return {
			apiVersion: 'v1',
			kind: 'ServiceAccount',
			metadata: {
				creationTimestamp: rfc3339(t),
				name: DEFAULT_SERVICE_ACCOUNT,
				namespace,
				resourceVersion,
				uid: uuid(this.uids)
			}
		};
	}
}
