/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node that should run one
 * (./daemon-nodes), created pinned to its node for the default scheduler to bind; a new node
 * gets its pod, a node that no longer fits loses it, a failed daemon pod is replaced; a changed
 * template rolls out node by node within maxUnavailable (update.go rollingUpdate, maxSurge 0);
 * then the status counts (updateDaemonSetStatus).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { DAEMONSETS, PODS, key, splitKey } from '../api/collections';
import { CONTROLLER_REVISION_HASH_LABEL, DAEMONSET_TEMPLATE_GENERATION_LABEL } from '../defaults';
import { NODES } from '../node-object';
import { isReady, isTerminating, podNamespace } from '../pods';
import {
	nodeShouldRunDaemonPod,
	pinnedToNode,
	targetNode,
	withDaemonTolerations
} from './daemon-nodes';
import {
	deleteOrphanRevisions,
	hashOf,
	syncRevision,
	truncateHistory
} from './controller-revisions';
import { resolveIntOrPercent } from './int-or-percent';
import { WorkQueue } from './work-queue';
import { RetryBackoff } from './retry-backoff';
import { CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS } from '../defaults';
import {
	createPodFromTemplate,
	deleteControlledPod,
	involved,
	isAvailable,
	type NewPod,
	type WorkloadKind
} from './workload-pods';

/** What the controller adds to its template for the pod of one node (the revision, the node). */
export function daemonPod(ds: DaemonSet, node: string, hash: string): NewPod {
	return {
		labels: {
			[CONTROLLER_REVISION_HASH_LABEL]: hash,
			[DAEMONSET_TEMPLATE_GENERATION_LABEL]: String(ds.metadata!.generation ?? 1)
		},
		spec: (spec) => pinnedToNode(withDaemonTolerations(spec), node)
	};
}

export const DAEMONSET_KIND: WorkloadKind = {
	kind: 'DaemonSet',
	apiVersion: 'apps/v1',
	source: 'daemonset-controller'
};

export class DaemonSetController {
	private readonly queue: WorkQueue;
	/** The queue's rate limiter (workqueue.DefaultControllerRateLimiter). */
	private readonly retries: RetryBackoff;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'daemonset-controller', (k) => this.sync(k));
		this.retries = new RetryBackoff(
			kernel,
			'daemonset-controller',
			CONTROLLER_RETRY_BASE_MS,
			CONTROLLER_RETRY_MAX_MS
		);
		kernel.store.watch<DaemonSet>(DAEMONSETS, (e) => this.queue.add(e.key));
		kernel.store.watch<Pod>(PODS, (e) => {
			const owner = e.object.metadata?.ownerReferences?.find((r) => r.controller === true);
			if (owner?.kind === 'DaemonSet') this.queue.add(key(podNamespace(e.object), owner.name));
		});
		// A node added, relabelled, tainted or cordoned may gain or lose its daemon pods.
		kernel.store.watch<Node>(NODES, () => {
			for (const ds of this.api.list<DaemonSet>(DAEMONSETS))
				this.queue.add(key(ds.metadata!.namespace!, ds.metadata!.name!));
		});
	}

	private sync(dsKey: string): void {
		const { namespace, name } = splitKey(dsKey);
		const ds = this.api.get<DaemonSet>(DAEMONSETS, namespace, name);
		if (ds === undefined) {
			this.retries.forget(dsKey);
			deleteOrphanRevisions(this.api, DAEMONSET_KIND, namespace, name);
			return;
		}
		if (ds.metadata?.deletionTimestamp !== undefined) return;
		// constructHistory: the revision of the current template, before any pod is made from it.
		const hash = hashOf(syncRevision(this.api, DAEMONSET_KIND, ds));
		const nodes = this.kernel.store
			.list<Node>(NODES)
			.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
		const byNode = this.podsByNode(ds);
		const refused = this.manage(ds, nodes, byNode, hash);
		// updateDaemonSet stops at a failed manage (no rolling update, no history cleanup); the
		// status is written all the same, and the sync is requeued with backoff (AddRateLimited).
		if (refused === undefined) {
			if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate')
				this.rollingUpdate(ds, hash);
		}
		this.writeStatus(ds, nodes, hash);
		if (refused !== undefined) {
			this.queue.add(dsKey, this.retries.when(dsKey));
			return;
		}
		this.retries.forget(dsKey);
		this.cleanupHistory(ds, hash);
	}

	/** cleanupHistory: old revisions beyond the limit go, unless a pod still runs them. */
	private cleanupHistory(ds: DaemonSet, hash: string): void {
		const live = new Set([hash]);
		for (const pod of this.api.pods.ownedBy(ds.metadata!.uid!)) {
			const podHash = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
			if (podHash !== undefined) live.add(podHash);
		}
		truncateHistory(this.api, ds, live);
	}

	/** getNodesToDaemonPods: the DaemonSet's pods by target node, terminating ones left out. */
	private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
		const byNode = new Map<string, Pod[]>();
		for (const pod of this.api.pods.ownedBy(ds.metadata!.uid!)) {
			if (isTerminating(pod)) continue;
			const node = targetNode(pod);
			if (node === undefined) continue;
			const list = byNode.get(node) ?? [];
			list.push(pod);
			byNode.set(node, list);
		}
		for (const list of byNode.values()) list.sort(byAgeThenPhase);
		return byNode;
	}

	/**
	 * manage + podsShouldBeOnNode: what to create and delete on each node. syncNodes creates in
	 * slow-start batches (1, 2, 4 …) and stops after a batch with a failure: once the API server
	 * refuses a pod, the other nodes' pods wait for the next sync. Returns that refusal.
	 */
	private manage(
		ds: DaemonSet,
		nodes: Node[],
		byNode: Map<string, Pod[]>,
		hash: string
	): string | undefined {
		let refused: string | undefined;
		for (const node of nodes) {
			const nodeName = node.metadata!.name!;
			const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
			const pods = byNode.get(nodeName) ?? [];
			if (shouldRun && pods.length === 0) {
				refused ??= this.createPod(ds, nodeName, hash);
				continue;
			}
			if (!shouldContinueRunning) {
				for (const pod of pods) deleteControlledPod(this.kernel, this.api, DAEMONSET_KIND, ds, pod);
				continue;
			}
			const alive: Pod[] = [];
			for (const pod of pods) {
				if (pod.status?.phase === 'Failed') {
					// A failed daemon pod is killed so that a new one is created.
					this.api.events.record(involved(DAEMONSET_KIND, ds), {
						type: 'Warning',
						reason: 'FailedDaemonPod',
						message: `Found failed daemon pod ${podNamespace(pod)}/${pod.metadata!.name} on node ${nodeName}, will try to kill it`,
						source: DAEMONSET_KIND.source
					});
					deleteControlledPod(this.kernel, this.api, DAEMONSET_KIND, ds, pod);
				} else alive.push(pod);
			}
			// More than one pod on a node: keep the oldest (no surge in this lab).
			for (const extra of alive.slice(1))
				deleteControlledPod(this.kernel, this.api, DAEMONSET_KIND, ds, extra);
		}
		return refused;
	}

	/** Returns the API server's refusal, if it refused the pod. */
	private createPod(ds: DaemonSet, node: string, hash: string): string | undefined {
		const pod = createPodFromTemplate(
			this.api,
			DAEMONSET_KIND,
			ds,
			ds.spec!.template,
			daemonPod(ds, node, hash)
		);
		return 'refused' in pod ? pod.refused : undefined;
	}

	/**
	 * update.go rollingUpdate with maxSurge 0: old pods that are not available are replaced at
	 * once; available ones are deleted while fewer than maxUnavailable nodes are unavailable.
	 * Runs on fresh pods, after manage, as the controller's next pass would.
	 */
	private rollingUpdate(ds: DaemonSet, hash: string): void {
		const byNode = this.podsByNode(ds);
		const desired = this.desired(ds);
		const maxUnavailable = resolveIntOrPercent(
			ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
			desired,
			true
		);
		const minReady = ds.spec?.minReadySeconds ?? 0;
		const available = (p: Pod) => isAvailable(p, minReady, this.kernel.now);
		let unavailable = 0;
		const replaceNow: Pod[] = [];
		const candidates: Pod[] = [];
		for (const node of [...byNode.keys()].sort()) {
			const pods = byNode.get(node)!;
			const fresh = pods.filter(
				(p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash
			);
			const old = pods.filter((p) => !fresh.includes(p));
			if (pods.length > 1 || (fresh.length === 0 && old.length === 0)) {
				unavailable++; // the manage loop will sort this node out
			} else if (fresh.length === 1) {
				if (!available(fresh[0]!)) unavailable++;
			} else if (!available(old[0]!)) replaceNow.push(old[0]!);
			else if (unavailable < maxUnavailable) candidates.push(old[0]!);
		}
		const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
		for (const pod of [...replaceNow, ...candidates.slice(0, room)])
			deleteControlledPod(this.kernel, this.api, DAEMONSET_KIND, ds, pod);
	}

	private desired(ds: DaemonSet): number {
		return this.kernel.store
			.list<Node>(NODES)
			.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
	}

	/** updateDaemonSetStatus: counts per node that should run a daemon pod. */
	private writeStatus(ds: DaemonSet, nodes: Node[], hash: string): void {
		const current = this.api.get<DaemonSet>(
			DAEMONSETS,
			ds.metadata!.namespace!,
			ds.metadata!.name!
		);
		if (current === undefined) return;
		const byNode = this.podsByNode(current);
		const minReady = current.spec?.minReadySeconds ?? 0;
		let desired = 0;
		let scheduled = 0;
		let misscheduled = 0;
		let ready = 0;
		let available = 0;
		let updated = 0;
		for (const node of nodes) {
			const pods = byNode.get(node.metadata!.name!) ?? [];
			if (!nodeShouldRunDaemonPod(node, current).shouldRun) {
				if (pods.length > 0) misscheduled++;
				continue;
			}
			desired++;
			const pod = pods[0];
			if (pod === undefined) continue;
			scheduled++;
			if (isReady(pod)) {
				ready++;
				if (isAvailable(pod, minReady, this.kernel.now)) available++;
			}
			if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
		}
		const status = {
			currentNumberScheduled: scheduled,
			numberMisscheduled: misscheduled,
			desiredNumberScheduled: desired,
			numberReady: ready,
			observedGeneration: current.metadata!.generation ?? 1,
			updatedNumberScheduled: updated,
			numberAvailable: available,
			...(desired - available > 0 ? { numberUnavailable: desired - available } : {})
		};
		if (JSON.stringify(current.status ?? {}) === JSON.stringify(status)) return;
		this.api.update<DaemonSet>(DAEMONSETS, { ...current, status });
	}
}

/** podByCreationTimestampAndPhase: scheduled before unscheduled, then oldest, then by name. */
function byAgeThenPhase(a: Pod, b: Pod): number {
	const sa = a.spec?.nodeName ? 0 : 1;
	const sb = b.spec?.nodeName ? 0 : 1;
	if (sa !== sb) return sa - sb;
	const ta = a.metadata?.creationTimestamp ?? '';
	const tb = b.metadata?.creationTimestamp ?? '';
	if (ta !== tb) return ta < tb ? -1 : 1;
	return a.metadata!.name! < b.metadata!.name! ? -1 : 1;
}
