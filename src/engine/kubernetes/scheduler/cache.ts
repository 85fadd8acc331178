/**
 * The scheduler's cache: one NodeInfo per node with the aggregates the plugins read
 * (pkg/scheduler/framework/types.go NodeInfo; backend/cache/cache.go and node_tree.go).
 * Callers keep it current with addPod/removePod as pods are bound or go away, so a
 * scheduling cycle never walks a node's pods to learn its requested resources.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Labels } from './labels';
import { podInfo, podKey, type HostPort, type PodInfo } from './pod-info';
import { nodeAllocatable } from './resources';

export { podInfo, podKey };
export type { AffinityTerm, HostPort, PodInfo } from './pod-info';

export interface ImageState {
	size: number;
	/** How many nodes report the image (ImageStateSummary.NumNodes). */
	nodes: number;
}

export interface NodeInfo {
	readonly name: string;
	node: Node | null;
	labels: Labels;
	unschedulable: boolean;
	/** NoSchedule and NoExecute taints, the ones the TaintToleration filter reads. */
	hardTaints: Taint[];
	preferTaints: Taint[];
	// Allocatable and requested resources, flat: one pointer hop less per node in the hot loops.
	allocMilliCPU: number;
	allocMemory: number;
	allocEphemeral: number;
	allocPods: number;
	allocScalar: Record<string, number> | null;
	reqMilliCPU: number;
	reqMemory: number;
	reqEphemeral: number;
	reqScalar: Record<string, number> | null;
	nonZeroMilliCPU: number;
	nonZeroMemory: number;
	pods: PodInfo[];
	/** pods.length, kept beside the other numbers so the filter loop need not load the array. */
	podCount: number;
	podsWithAffinity: number;
	podsWithRequiredAntiAffinity: number;
	/** Bumped on every change (NodeInfo.Generation): it keys the score memo below. */
	generation: number;
	/**
	 * The LeastAllocated and BalancedAllocation scores last computed here, for a pod of shape
	 * memoShape at memoGeneration: identical pods (a Deployment's) re-score an unchanged node
	 * without redoing the arithmetic.
	 */
	memoShape: number;
	memoGeneration: number;
	memoFit: number;
	memoBalanced: number;
	usedPorts: HostPort[];
	images: Map<string, ImageState>;
}

/** utilnode.GetZoneKey: region and zone, beta labels first; "" when neither is set. */
function zoneKey(labels: Labels): string {
	const zone =
		labels['failure-domain.beta.kubernetes.io/zone'] ?? labels['topology.kubernetes.io/zone'] ?? '';
	const region =
		labels['failure-domain.beta.kubernetes.io/region'] ??
		labels['topology.kubernetes.io/region'] ??
		'';
	return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

// NodeInfos are built only here, as one literal with every field: V8 then gives them one
// hidden class and the filter loop's property reads stay monomorphic (spread copies do not).
function nodeInfoOf(name: string, from?: NodeInfo): NodeInfo {
	// Hot fields first: the filter and score loops read the leading ones for every node.
	return {
		name,
		unschedulable: from?.unschedulable ?? false,
		hardTaints: from?.hardTaints ?? [],
		allocPods: from?.allocPods ?? 0,
		podCount: from?.podCount ?? 0,
		allocMilliCPU: from?.allocMilliCPU ?? 0,
		reqMilliCPU: from?.reqMilliCPU ?? 0,
		allocMemory: from?.allocMemory ?? 0,
		reqMemory: from?.reqMemory ?? 0,
		allocEphemeral: from?.allocEphemeral ?? 0,
		reqEphemeral: from?.reqEphemeral ?? 0,
		nonZeroMilliCPU: from?.nonZeroMilliCPU ?? 0,
		nonZeroMemory: from?.nonZeroMemory ?? 0,
		generation: from ? from.generation + 1 : 0,
		memoShape: -1,
		memoGeneration: -1,
		memoFit: 0,
		memoBalanced: 0,
		preferTaints: from?.preferTaints ?? [],
		usedPorts: from ? from.usedPorts.slice() : [],
		images: from?.images ?? new Map(),
		labels: from?.labels ?? {},
		node: from?.node ?? null,
		allocScalar: from?.allocScalar ?? null,
		reqScalar: from?.reqScalar ? { ...from.reqScalar } : null,
		pods: from ? from.pods.slice() : [],
		podsWithAffinity: from?.podsWithAffinity ?? 0,
		podsWithRequiredAntiAffinity: from?.podsWithRequiredAntiAffinity ?? 0
	};
}

function emptyNodeInfo(name: string): NodeInfo {
	return nodeInfoOf(name);
}

/** A copy whose pods and aggregates can change without touching the cache (preemption). */
export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
	return nodeInfoOf(ni.name, ni);
}

/** Adds (sign 1) or removes (sign -1) a pod's share of a NodeInfo's aggregates. */
export function account(ni: NodeInfo, p: PodInfo, sign: 1 | -1): void {
	const r = p.requests;
	ni.reqMilliCPU += sign * r.milliCPU;
	ni.reqMemory += sign * r.memory;
	ni.reqEphemeral += sign * r.ephemeralStorage;
	if (r.scalar)
		for (const [k, v] of Object.entries(r.scalar))
			(ni.reqScalar ??= {})[k] = (ni.reqScalar[k] ?? 0) + sign * v;
	ni.podCount += sign;
	ni.generation++;
	ni.nonZeroMilliCPU += sign * p.nonZeroMilliCPU;
	ni.nonZeroMemory += sign * p.nonZeroMemory;
	if (p.hasAffinity) ni.podsWithAffinity += sign;
	if (p.requiredAntiAffinity.length > 0) ni.podsWithRequiredAntiAffinity += sign;
}

export class SchedulerCache {
	private readonly infos = new Map<string, NodeInfo>();
	private readonly podNode = new Map<string, { node: string; info: PodInfo }>();
	private readonly images = new Map<string, ImageState>();
	/** node_tree.go: node names per zone key, zones in the order they first appeared. */
	private readonly tree = new Map<string, string[]>();
	private list: NodeInfo[] | null = [];
	/** Cluster-wide counts that let a cycle skip the inter-pod affinity plugin outright. */
	podsWithAffinity = 0;
	podsWithRequiredAntiAffinity = 0;

	addNode(node: Node): void {
		this.updateNode(node);
	}

	updateNode(node: Node): void {
		const name = node.metadata?.name ?? '';
		let ni = this.infos.get(name);
		if (!ni) this.infos.set(name, (ni = emptyNodeInfo(name)));
		if (ni.node) {
			this.untrackImages(ni);
			if (zoneKey(ni.labels) !== zoneKey(node.metadata?.labels ?? {})) this.untree(ni);
		}
		const fresh = !ni.node || !this.inTree(ni);
		ni.node = node;
		ni.labels = node.metadata?.labels ?? {};
		ni.unschedulable = node.spec?.unschedulable === true;
		const taints = node.spec?.taints ?? [];
		ni.hardTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
		ni.preferTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
		const a = nodeAllocatable(node);
		ni.allocMilliCPU = a.milliCPU;
		ni.allocMemory = a.memory;
		ni.allocEphemeral = a.ephemeralStorage;
		ni.allocPods = a.pods;
		ni.allocScalar = a.scalar;
		ni.generation++;
		for (const img of node.status?.images ?? []) {
			for (const n of img.names ?? []) {
				let s = this.images.get(n);
				// cache.go addNodeImageStates: the first report of an image sets its size.
				if (!s) this.images.set(n, (s = { size: img.sizeBytes ?? 0, nodes: 0 }));
				if (!ni.images.has(n)) {
					s.nodes++;
					ni.images.set(n, s);
				}
			}
		}
		if (fresh) {
			const z = zoneKey(ni.labels);
			const names = this.tree.get(z);
			if (names) names.push(name);
			else this.tree.set(z, [name]);
			this.list = null;
		}
	}

	removeNode(name: string): void {
		const ni = this.infos.get(name);
		if (!ni?.node) return;
		this.untrackImages(ni);
		this.untree(ni);
		ni.node = null;
		// cache.go RemoveNode keeps a NodeInfo while pods still point at it.
		if (ni.pods.length === 0) this.infos.delete(name);
	}

	/** Records a pod bound (or assumed) to pod.spec.nodeName; an existing key is replaced. */
	addPod(pod: Pod): void {
		const name = pod.spec?.nodeName;
		if (!name) throw new Error(`pod ${podKey(pod)} has no spec.nodeName`);
		const info = podInfo(pod);
		if (this.podNode.has(info.key)) this.removePod(pod);
		let ni = this.infos.get(name);
		if (!ni) this.infos.set(name, (ni = emptyNodeInfo(name)));
		ni.pods.push(info);
		account(ni, info, 1);
		for (const hp of info.ports) ni.usedPorts.push(hp);
		if (info.hasAffinity) this.podsWithAffinity++;
		if (info.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity++;
		this.podNode.set(info.key, { node: name, info });
	}

	removePod(pod: Pod): void {
		const entry = this.podNode.get(podKey(pod));
		if (!entry) return;
		this.podNode.delete(podKey(pod));
		const ni = this.infos.get(entry.node);
		if (!ni) return;
		const { info } = entry;
		ni.pods.splice(ni.pods.indexOf(info), 1);
		account(ni, info, -1);
		for (const hp of info.ports) ni.usedPorts.splice(ni.usedPorts.indexOf(hp), 1);
		if (info.hasAffinity) this.podsWithAffinity--;
		if (info.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity--;
		if (!ni.node && ni.pods.length === 0) this.infos.delete(entry.node);
	}

	/** Whether any node reports an image by this name. */
	hasImage(name: string): boolean {
		return this.images.has(name);
	}

	getNode(name: string): NodeInfo | undefined {
		const ni = this.infos.get(name);
		return ni?.node ? ni : undefined;
	}

	/** The snapshot order: zones interleaved round-robin (node_tree.go list). */
	nodes(): readonly NodeInfo[] {
		if (this.list) return this.list;
		const zones = [...this.tree.values()];
		const out: NodeInfo[] = [];
		for (let i = 0, left = zones.length; left > 0; i++) {
			left = 0;
			for (const names of zones) {
				const n = names[i];
				if (n === undefined) continue;
				left++;
				const ni = this.infos.get(n);
				if (ni) out.push(ni);
			}
		}
		return (this.list = out);
	}

	private inTree(ni: NodeInfo): boolean {
		return this.tree.get(zoneKey(ni.labels))?.includes(ni.name) ?? false;
	}

	private untree(ni: NodeInfo): void {
		const z = zoneKey(ni.labels);
		const names = this.tree.get(z);
		const i = names?.indexOf(ni.name) ?? -1;
		if (!names || i < 0) return;
		names.splice(i, 1);
		if (names.length === 0) this.tree.delete(z);
		this.list = null;
	}

	private untrackImages(ni: NodeInfo): void {
		for (const [n, s] of ni.images) if (--s.nodes === 0) this.images.delete(n);
		ni.images.clear();
	}
}

export function createSchedulerCache(): SchedulerCache {
	return new SchedulerCache();
}
