/**
 * Joins the scheduling framework (./scheduler: filters, scores, the adaptive
 * percentageOfNodesToScore) to the lab: its cache follows the store, its randomness is a lab
 * stream, and its round-robin start index survives checkpoints.
 */
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../core/kernel';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { ApiServer } from './api/api-server';
import { NAMESPACES, PDBS, REPLICASETS, SERVICES, STATEFULSETS } from './api/collections';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Decision, Framework } from './scheduler-loop';
import {
	createSchedulerCache,
	schedulePod,
	type ScheduleResult,
	type SchedulerState
} from './scheduler/index';
import { podInfoOnce, type PodInfo } from './scheduler/pod-info';
import { captureCycle, cycleSummary, SCHEDULING_DETAIL_MAX_NODES } from './scheduler/decision-view';
import type { WorkloadLister } from './scheduler/topology-spread';

/**
 * The scheduler's informer listers over the store. Default topology spreading groups a pod
 * with the pods its Services select and its ReplicaSet or StatefulSet owns (helper/spread.go
 * DefaultSelector takes the Service, ReplicationController, ReplicaSet and StatefulSet
 * listers; the lab has no ReplicationControllers); namespaceSelector terms read namespaces'
 * labels. A namespace's Services are listed once per change to any Service (every cycle
 * asks), and again after `forget` (a checkpoint restored: the store changed without writes).
 */
function workloadListers(
	kernel: Kernel,
	api: ApiServer
): { listers: WorkloadLister; forget: () => void } {
	const services = new Map<string, readonly Service[]>();
	let servicesSeen = -1;
	const forget = () => {
		services.clear();
		servicesSeen = -1;
	};
	const listers: WorkloadLister = {
		services(ns) {
			const writes = kernel.store.writesTo(SERVICES);
			if (writes !== servicesSeen) {
				services.clear();
				servicesSeen = writes;
			}
			let list = services.get(ns);
			if (list === undefined) services.set(ns, (list = api.list<Service>(SERVICES, ns)));
			return list;
		},
		replicaSet: (ns, name) => api.get<ReplicaSet>(REPLICASETS, ns, name),
		statefulSet: (ns, name) => api.get<StatefulSet>(STATEFULSETS, ns, name),
		namespaceLabels: (name) => api.get<Namespace>(NAMESPACES, '', name)?.metadata?.labels
	};
	return { listers, forget };
}

class LabFramework implements Framework, Component {
	readonly name = 'scheduler-framework';
	private cache = createSchedulerCache();
	private readonly state: SchedulerState;
	/** Pending pods by the node an earlier preemption nominated them to. */
	private readonly nominated = new Map<string, PodInfo[]>();
	/** Drops what the listers keep (see workloadListers). */
	private readonly forgetListed: () => void;

	constructor(kernel: Kernel, api: ApiServer) {
		const random = kernel.rng.stream('scheduler');
		const lister = workloadListers(kernel, api);
		this.forgetListed = lister.forget;
		// `explain` is set per cycle (schedule): big clusters skip the per-node explanation.
		this.state = {
			next: () => random.next(),
			pick: (count) => random.reservoir(count),
			nextStartNodeIndex: 0,
			explain: false,
			listers: lister.listers,
			nominated: this.nominated,
			budgets: (ns) => api.list<PodDisruptionBudget>(PDBS, ns)
		};
		kernel.register(this);
	}

	schedule(pod: Pod) {
		// The scheduling view's rows are worked out for small clusters only (explain costs per node).
		const numNodes = this.cache.nodes().length;
		const explain = numNodes <= SCHEDULING_DETAIL_MAX_NODES;
		this.state.explain = explain;
		const start = this.state.nextStartNodeIndex;
		const result = schedulePod(pod, this.cache, this.state);
		// The rows are built when somebody reads the decision (decision-log.ts), from what the
		// cycle saw: the cache changes as soon as the pod is bound.
		const rejectedBy = result.node === undefined ? result.rejectedBy : undefined;
		if (explain) {
			const captured = captureCycle(pod, result, this.cache, {
				start,
				listers: this.state.listers
			});
			return withPreemption(
				{ node: result.node, message: result.message, captured, rejectedBy },
				result
			);
		}
		// The summary is built when somebody reads the decision (decision-log.ts).
		const summary = cycleSummary(result, numNodes);
		return withPreemption(
			{ node: result.node, message: result.message, summary, rejectedBy },
			result
		);
	}

	nominationChanged(pod: Pod | undefined, previous: Pod | undefined): void {
		const uid = (pod ?? previous)?.metadata?.uid;
		const nominee = (p: Pod | undefined) =>
			p?.spec?.nodeName ? undefined : p?.status?.nominatedNodeName;
		const before = nominee(previous);
		const after = nominee(pod);
		// The pod's entry leaves the list it was in, and joins the one it is now nominated to.
		for (const node of new Set([before, after])) {
			if (!node) continue;
			const list = (this.nominated.get(node) ?? []).filter((p) => p.pod.metadata?.uid !== uid);
			if (node === after && pod !== undefined) list.push(podInfoOnce(pod));
			if (list.length > 0) this.nominated.set(node, list);
			else this.nominated.delete(node);
		}
	}

	nominatedTo(node: string): readonly Pod[] {
		return (this.nominated.get(node) ?? []).map((p) => p.pod);
	}

	nodeChanged(node: Node | undefined, name: string): void {
		if (node === undefined) this.cache.removeNode(name);
		else this.cache.updateNode(node);
	}

	podChanged(pod: Pod | undefined, previous: Pod | undefined): void {
		// A status write: the cache holds the new version in the old one's place, nothing else moves.
		if (pod !== undefined && previous !== undefined && this.cache.refreshPod(previous, pod)) return;
		if (previous !== undefined) this.cache.removePod(previous);
		// The cache holds the store's bound versions only, and the previous one is gone now.
		if (pod !== undefined) this.cache.addNewPod(pod);
	}

	reset(nodes: readonly Node[], pods: readonly Pod[]): void {
		this.cache = createSchedulerCache();
		this.nominated.clear();
		this.forgetListed();
		for (const node of nodes) this.cache.addNode(node);
		for (const pod of pods) this.cache.addNewPod(pod);
	}

	save(): number {
		return this.state.nextStartNodeIndex;
	}

	load(state: unknown): void {
		this.state.nextStartNodeIndex = state as number;
	}
}

/**
 * The decision with the nomination and victims of a cycle whose preemption found room (set in
 * place: a spread of a fresh object for every cycle cost more than the rest of this).
 */
function withPreemption(d: Decision, result: ScheduleResult): Decision {
	if (result.nominatedNode === undefined) return d;
	d.nominatedNode = result.nominatedNode;
	d.victims = result.victims ?? [];
	return d;
}

export function createFramework(kernel: Kernel, api: ApiServer): Framework {
	return new LabFramework(kernel, api);
}
