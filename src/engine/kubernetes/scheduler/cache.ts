/**
 * The scheduler's cache: one NodeInfo per node with the aggregates the plugins read
 * (pkg/scheduler/framework/types.go NodeInfo; backend/cache/cache.go and node_tree.go).
 * Callers keep it current with addPod/removePod as pods are bound or go away, so a
 * scheduling cycle never walks a node's pods to learn its requested resources.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { ownValue } from '../../core/own-keys';
import { LABEL_HOSTNAME, LABEL_ZONE } from './defaults';
import { sameLabels, type Labels, type Requirement, type Selector } from './labels';
import { heldPodInfo, podInfo, podInfoOnce, podKey, type HostPort, type PodInfo } from './pod-info';
import { NEEDS_FILTERS, NO_HOSTNAME, NodeTable, PREFER_TAINTS } from './node-table';
import { nodeAllocatable } from './resources';

export { heldPodInfo, podInfo, podInfoOnce, podKey };
export type { AffinityTerm, HostPort, PodInfo } from './pod-info';

export interface ImageState {
	size: number;
	/** How many nodes report the image (ImageStateSummary.NumNodes). */
	nodes: number;
}

export interface NodeInfo {
	readonly name: string;
	/**
	 * This NodeInfo's index into every PodCounter's counts (reused once the NodeInfo is gone);
	 * -1 for a copy outside the cache (cloneNodeInfo), which no counter follows.
	 */
	readonly slot: number;
	node: Node | null;
	labels: Labels;
	/**
	 * labels[LABEL_HOSTNAME] and labels[LABEL_ZONE], the default spreading's topology keys:
	 * plain fields, which the per-node score loops read much faster than a keyed lookup.
	 */
	hostnameLabel: string | undefined;
	zoneLabel: string | undefined;
	unschedulable: boolean;
	/**
	 * NoSchedule and NoExecute taints, the ones the TaintToleration filter reads; NO_TAINTS
	 * when there are none (the hot loops compare references, not lengths). Likewise below.
	 */
	hardTaints: readonly Taint[];
	preferTaints: readonly Taint[];
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
	/**
	 * The pods bound here, the store's objects themselves: no PodInfo per pod (32 bytes each in
	 * a 150,000-pod cluster); readers who want one wrap a pod in heldPodInfo as they walk.
	 */
	pods: Pod[];
	/** pods.length, kept beside the other numbers so the filter loop need not load the array. */
	podCount: number;
	podsWithAffinity: number;
	podsWithRequiredAntiAffinity: number;
	/** Bumped on every change (NodeInfo.Generation). */
	generation: number;
	usedPorts: HostPort[];
	images: Map<string, ImageState>;
}

/**
 * The images of a node that reports none, shared and never written (a node gets a map of its
 * own at its first image): an empty Map costs ~184 B, on every node of a big cluster.
 */
const NO_IMAGES: Map<string, ImageState> = new Map();

/** A node's hard or soft taints when it has none (one shared, frozen array). */
export const NO_TAINTS: readonly Taint[] = Object.freeze([]);

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
function nodeInfoOf(name: string, slot: number, from?: NodeInfo): NodeInfo {
	// Hot fields first: the filter and score loops read the leading ones for every node.
	return {
		name,
		slot,
		unschedulable: from?.unschedulable ?? false,
		hardTaints: from?.hardTaints ?? NO_TAINTS,
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
		preferTaints: from?.preferTaints ?? NO_TAINTS,
		usedPorts: from ? from.usedPorts.slice() : [],
		images: from?.images ?? NO_IMAGES,
		labels: from?.labels ?? {},
		hostnameLabel: from?.hostnameLabel,
		zoneLabel: from?.zoneLabel,
		node: from?.node ?? null,
		allocScalar: from?.allocScalar ?? null,
		reqScalar: from?.reqScalar ? { ...from.reqScalar } : null,
		pods: from ? from.pods.slice() : [],
		podsWithAffinity: from?.podsWithAffinity ?? 0,
		podsWithRequiredAntiAffinity: from?.podsWithRequiredAntiAffinity ?? 0
	};
}

/** A copy whose pods and aggregates can change without touching the cache (preemption). */
export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
	return nodeInfoOf(ni.name, -1, ni);
}

/**
 * Matching pods per topology domain over the nodes of the snapshot (cache.nodes()): by the
 * value of one label, and on the nodes without that label.
 */
export interface DomainCounts {
	/** SchedulerCache.topologyEpoch when these were counted; stale ones are recounted. */
	epoch: number;
	readonly byValue: Map<string, number>;
	missing: number;
}

/**
 * countPodsMatchSelector for one namespace and selector on every node, kept current by
 * addPod and removePod: counts[ni.slot] is how many of ni.pods are not terminating, live in
 * `namespace` and match `selector` (PodTopologySpread reads it instead of walking the pods).
 */
export interface PodCounter {
	readonly namespace: string;
	readonly selector: Selector;
	/**
	 * A byte a node while every count fits (a node rarely holds 255 pods: the default maxPods is
	 * 110), widened for good the first time one does not: the counter of each of a 150,000-pod
	 * cluster's ReplicaSets holds a count for each of its 5,000 nodes (~16 B a pod saved).
	 */
	counts: Uint8Array | Int32Array;
	/** The same counts summed per domain, per topology key asked for (domainCounts). */
	readonly domains: Map<string, DomainCounts>;
	/** The requirement it is indexed under (a single-value In), or null: tried on every pod. */
	readonly anchor: Requirement | null;
	lastUse: number;
}

/** The counters indexed under one value of an anchor label, and the pods carrying it. */
interface Bucket {
	readonly counters: PodCounter[];
	/** Not terminating pods with this label value (0: a new counter need not look). */
	pods: number;
}

/** Counters kept at most; the least recently used goes (and is recounted if asked again). */
const MAX_COUNTERS = 1024;

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

/**
 * Where `pods` holds `pod` itself, or -1. From the end: the pods written to most (a new pod's
 * status, as its kubelet starts it) are the ones bound last.
 */
function lastIndexOfPod(pods: readonly Pod[], pod: Pod): number {
	return pods.lastIndexOf(pod);
}

export class SchedulerCache {
	private readonly infos = new Map<string, NodeInfo>();
	// No map of the pods by key (cache.go podStates): a pod is found on the node its
	// spec.nodeName names, which never changes once set — a 150,000-pod cluster would pay
	// ~47 bytes a pod for the map, and a node holds at most a few hundred pods to look through.
	private readonly images = new Map<string, ImageState>();
	/** node_tree.go: node names per zone key, zones in the order they first appeared. */
	private readonly tree = new Map<string, string[]>();
	/** The names in `tree`, so that a status update need not search a zone's list. */
	private readonly treed = new Set<string>();
	private list: NodeInfo[] | null = [];
	/** list's slots, in its order (the filter loop reads the node table by them). */
	private listSlots = new Int32Array(0);
	/** Cluster-wide counts that let a cycle skip the inter-pod affinity plugin outright. */
	podsWithAffinity = 0;
	podsWithRequiredAntiAffinity = 0;
	/**
	 * The snapshot's nodes that hold a pod with affinity terms (snapshot.go
	 * havePodsWithAffinityNodeInfoList), built from `list` on demand: a pod without terms of its
	 * own scores against those nodes only, not every node of a 5,000-node cluster.
	 */
	private affinityList: NodeInfo[] | null = null;
	private affinityFrom: readonly NodeInfo[] | null = null;
	/** Bumped whenever the snapshot's nodes or their labels change (see DomainCounts). */
	private topologyEpoch = 0;
	private zonesEpoch = -1;
	private zoned = false;
	private slots = 0;
	private readonly freeSlots: number[] = [];
	/** The NodeInfo in each slot in use (null once dropped). */
	private readonly bySlot: (NodeInfo | null)[] = [];
	/**
	 * The NodeInfo atSlot returned last (null once dropped): the node a cycle chose, which its
	 * pod's bind adds the pod to next, so addNewPod need not look it up by name.
	 */
	private recent: NodeInfo | null = null;
	/** The length of every counter's counts: at least `slots`. */
	private capacity = 64;
	/** What the filter loop reads of each node, by slot (node-table.ts); as long as `capacity`. */
	readonly table = new NodeTable(this.capacity);
	/** Counters by selector key, then namespace. */
	private readonly counters = new Map<string, Map<string, PodCounter>>();
	private numCounters = 0;
	/** Anchored counters by anchor key, then value; anchorKeys and anchorMaps list them. */
	private readonly anchored = new Map<string, Map<string, Bucket>>();
	private anchorKeys: string[] = [];
	private anchorMaps: Map<string, Bucket>[] = [];
	/** How many counters each anchor key indexes (the key goes when none is left). */
	private readonly anchorUses = new Map<string, number>();
	private readonly unanchored: PodCounter[] = [];
	private clock = 0;

	/** maxCounters: how many selectors' counts to keep (tests make it small to force evictions). */
	constructor(private readonly maxCounters = MAX_COUNTERS) {}

	private newNodeInfo(name: string): NodeInfo {
		let slot = this.freeSlots.pop();
		if (slot === undefined) {
			slot = this.slots++;
			if (slot >= this.capacity) {
				// By an eighth, not double: every counter (one per ReplicaSet) is this long, and a
				// 5,000-node cluster's would hold 8,192 counts, not 5,376. Nodes are added rarely.
				this.capacity = Math.max(this.capacity + 64, Math.ceil((this.capacity * 1.125) / 64) * 64);
				for (const byNs of this.counters.values())
					for (const c of byNs.values()) {
						const counts =
							c.counts instanceof Uint8Array
								? new Uint8Array(this.capacity)
								: new Int32Array(this.capacity);
						counts.set(c.counts);
						c.counts = counts;
					}
				this.table.grow(this.capacity);
			}
		}
		// A reused slot's memos belong to the NodeInfo that had it: touching the slot drops them.
		this.table.touch(slot);
		this.table.flags[slot] = 0;
		const ni = nodeInfoOf(name, slot);
		this.infos.set(name, ni);
		this.bySlot[slot] = ni;
		return ni;
	}

	private dropNodeInfo(ni: NodeInfo): void {
		// No pods are left, so every counter already reads 0 at this slot.
		this.infos.delete(ni.name);
		this.bySlot[ni.slot] = null;
		if (this.recent === ni) this.recent = null;
		this.freeSlots.push(ni.slot);
	}

	/** The NodeInfo holding `slot` (one of nodeSlots()). */
	atSlot(slot: number): NodeInfo {
		return (this.recent = this.bySlot[slot] as NodeInfo);
	}

	addNode(node: Node): void {
		this.updateNode(node);
	}

	updateNode(node: Node): void {
		const name = node.metadata?.name ?? '';
		const ni = this.infos.get(name) ?? this.newNodeInfo(name);
		// The images it had, to tell whether their spread over the nodes changes (imageEpoch).
		const had = ni.node && ni.images.size > 0 ? [...ni.images.keys()] : null;
		if (ni.node) {
			this.untrackImages(ni);
			if (zoneKey(ni.labels) !== zoneKey(node.metadata?.labels ?? {})) this.untree(ni);
		}
		const fresh = !ni.node || !this.inTree(ni);
		const labels = node.metadata?.labels ?? {};
		if (fresh || !sameLabels(ni.labels, labels)) this.topologyEpoch++;
		ni.node = node;
		ni.labels = labels;
		ni.hostnameLabel = labels[LABEL_HOSTNAME];
		ni.zoneLabel = labels[LABEL_ZONE];
		ni.unschedulable = node.spec?.unschedulable === true;
		const taints = node.spec?.taints ?? [];
		const hard = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
		const prefer = taints.filter((t) => t.effect === 'PreferNoSchedule');
		ni.hardTaints = hard.length > 0 ? hard : NO_TAINTS;
		ni.preferTaints = prefer.length > 0 ? prefer : NO_TAINTS;
		const a = nodeAllocatable(node);
		ni.allocMilliCPU = a.milliCPU;
		ni.allocMemory = a.memory;
		ni.allocEphemeral = a.ephemeralStorage;
		ni.allocPods = a.pods;
		ni.allocScalar = a.scalar;
		ni.generation++;
		this.table.touch(ni.slot);
		this.table.flags[ni.slot] =
			(ni.unschedulable || hard.length > 0 ? NEEDS_FILTERS : 0) |
			(prefer.length > 0 ? PREFER_TAINTS : 0) |
			(ni.hostnameLabel === undefined ? NO_HOSTNAME : 0);
		for (const img of node.status?.images ?? []) {
			for (const n of img.names ?? []) {
				let s = this.images.get(n);
				// cache.go addNodeImageStates: the first report of an image sets its size.
				if (!s) this.images.set(n, (s = { size: img.sizeBytes ?? 0, nodes: 0 }));
				if (!ni.images.has(n)) {
					if (ni.images === NO_IMAGES) ni.images = new Map();
					s.nodes++;
					ni.images.set(n, s);
				}
			}
		}
		if (
			had === null
				? ni.images.size > 0
				: had.length !== ni.images.size || !had.every((n) => ni.images.has(n))
		)
			this.table.imageEpoch++;
		if (fresh) {
			const z = zoneKey(ni.labels);
			const names = this.tree.get(z);
			if (names) names.push(name);
			else this.tree.set(z, [name]);
			this.treed.add(name);
			this.list = null;
		}
	}

	removeNode(name: string): void {
		const ni = this.infos.get(name);
		if (!ni?.node) return;
		if (ni.images.size > 0) this.table.imageEpoch++;
		this.untrackImages(ni);
		this.untree(ni);
		ni.node = null;
		this.topologyEpoch++;
		// cache.go RemoveNode keeps a NodeInfo while pods still point at it.
		if (ni.pods.length === 0) this.dropNodeInfo(ni);
	}

	/** Records a pod bound (or assumed) to pod.spec.nodeName; an existing key is replaced. */
	addPod(pod: Pod): void {
		if (this.held(pod) !== undefined) this.removePod(pod);
		this.addNewPod(pod);
	}

	/**
	 * addPod for a pod whose key the cache does not hold — the caller knows: it is a new pod,
	 * or the caller removed its previous version. Looking for the key costs more than the rest
	 * of adding the pod (the pods it looks through are scattered over the heap), and the real
	 * cache's AddPod treats a pod already added as an error (backend/cache/cache.go AddPod).
	 */
	addNewPod(pod: Pod): void {
		const name = pod.spec?.nodeName;
		if (!name) throw new Error(`pod ${podKey(pod)} has no spec.nodeName`);
		const info = heldPodInfo(pod);
		const recent = this.recent;
		const ni =
			recent !== null && recent.name === name
				? recent
				: (this.infos.get(name) ?? this.newNodeInfo(name));
		ni.pods.push(pod);
		account(ni, info, 1);
		this.table.touch(ni.slot);
		if (!info.terminating) this.count(ni, info, 1);
		for (const hp of info.ports) ni.usedPorts.push(hp);
		if (info.hasAffinity) {
			this.podsWithAffinity++;
			if (ni.podsWithAffinity === 1) this.affinityList = null;
		}
		if (info.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity++;
	}

	/** Where ni.pods holds the pod with `pod`'s key (the same object, usually), or -1. */
	private indexOf(ni: NodeInfo, pod: Pod): number {
		const pods = ni.pods;
		const at = lastIndexOfPod(pods, pod);
		if (at >= 0) return at;
		// The key is the uid when there is one (podKey): compare uids rather than build keys.
		const uid = pod.metadata?.uid;
		if (uid) {
			for (let i = 0; i < pods.length; i++) if ((pods[i] as Pod).metadata?.uid === uid) return i;
			return -1;
		}
		const key = podKey(pod);
		for (let i = 0; i < pods.length; i++) if (podKey(pods[i] as Pod) === key) return i;
		return -1;
	}

	/** Where the cache holds `pod`'s key on `pod`'s node. */
	private held(pod: Pod): { ni: NodeInfo; at: number } | undefined {
		const name = pod.spec?.nodeName;
		const ni = name ? this.infos.get(name) : undefined;
		if (ni === undefined) return undefined;
		const at = this.indexOf(ni, pod);
		return at < 0 ? undefined : { ni, at };
	}

	/**
	 * A bound pod's new version that changes nothing the cache counts — the same node, spec,
	 * labels and deletion state, i.e. a status write — only swaps the pod held in its place
	 * (preemption reads its startTime): every fact the cache counted of it is still true and no
	 * aggregate moves, so a 150,000-pod cluster's status writes cost no remove-and-add. Returns
	 * false, changing nothing, for any other change.
	 */
	refreshPod(previous: Pod, pod: Pod): boolean {
		const ni = this.infos.get(previous.spec?.nodeName ?? '');
		const at = ni === undefined ? -1 : lastIndexOfPod(ni.pods, previous);
		if (
			ni === undefined ||
			at < 0 ||
			podKey(previous) !== podKey(pod) ||
			pod.spec !== previous.spec ||
			pod.metadata?.labels !== previous.metadata?.labels ||
			pod.metadata?.namespace !== previous.metadata?.namespace ||
			!pod.metadata?.deletionTimestamp !== !previous.metadata?.deletionTimestamp
		)
			return false;
		ni.pods[at] = pod;
		return true;
	}

	removePod(pod: Pod): void {
		const found = this.held(pod);
		if (found === undefined) return;
		const { ni, at } = found;
		const info = heldPodInfo(ni.pods[at] as Pod);
		ni.pods.splice(at, 1);
		account(ni, info, -1);
		this.table.touch(ni.slot);
		if (!info.terminating) this.count(ni, info, -1);
		// By value: a pod's ports are looked up again, which may be equal copies.
		for (const hp of info.ports) ni.usedPorts.splice(indexOfPort(ni.usedPorts, hp), 1);
		if (info.hasAffinity) {
			this.podsWithAffinity--;
			if (ni.podsWithAffinity === 0) this.affinityList = null;
		}
		if (info.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity--;
		if (!ni.node && ni.pods.length === 0) this.dropNodeInfo(ni);
	}

	/** Adds a (not terminating) pod to, or takes it from, the counters that select it. */
	private count(ni: NodeInfo, p: PodInfo, sign: 1 | -1): void {
		const keys = this.anchorKeys;
		for (let i = 0; i < keys.length; i++) {
			const v = p.labels[keys[i] as string];
			if (typeof v !== 'string') continue;
			const m = this.anchorMaps[i] as Map<string, Bucket>;
			let b = m.get(v);
			if (!b) m.set(v, (b = { counters: [], pods: 0 }));
			b.pods += sign;
			for (const c of b.counters) this.countIn(c, ni, p, sign);
			if (b.pods === 0 && b.counters.length === 0) m.delete(v);
		}
		for (const c of this.unanchored) this.countIn(c, ni, p, sign);
	}

	private countIn(c: PodCounter, ni: NodeInfo, p: PodInfo, sign: 1 | -1): void {
		if (c.namespace !== p.namespace || !c.selector.matches(p.labels)) return;
		setCount(c, ni.slot, (c.counts[ni.slot] as number) + sign);
		if (c.domains.size === 0 || !ni.node) return;
		for (const [key, d] of c.domains) {
			// A user's topology key may be `constructor`: an inherited member is no domain.
			const v = ownValue(ni.labels, key);
			if (v === undefined) d.missing += sign;
			else d.byValue.set(v, (d.byValue.get(v) ?? 0) + sign);
		}
	}

	/**
	 * The counter of pods in `namespace` matching `selector`, set up the first time it is asked
	 * for. An empty selector counts nothing (countPodsMatchSelector). Read a counter before the
	 * cache next changes: one evicted (see maxCounters) keeps its counts but follows no pod.
	 */
	podCounter(namespace: string, selector: Selector): PodCounter {
		let byNs = this.counters.get(selector.key);
		let c = byNs?.get(namespace);
		if (c) {
			c.lastUse = ++this.clock;
			return c;
		}
		if (this.numCounters >= this.maxCounters) this.evictCounter();
		// Index it under a single-value In requirement, a key already indexed if possible.
		let anchor: Requirement | null = null;
		let best = Infinity;
		for (const r of selector.reqs) {
			if (r.op !== 'In' || r.values.length !== 1 || typeof r.values[0] !== 'string') continue;
			const m = this.anchored.get(r.key);
			const n = m ? (m.get(r.values[0])?.counters.length ?? 0) : 1e9;
			if (n < best) [anchor, best] = [r, n];
		}
		c = {
			namespace,
			selector,
			counts: new Uint8Array(this.capacity),
			domains: new Map(),
			anchor,
			lastUse: ++this.clock
		};
		if (!byNs) this.counters.set(selector.key, (byNs = new Map()));
		byNs.set(namespace, c);
		this.numCounters++;
		if (selector.empty) return c;
		let bucket: Bucket | null = null;
		if (anchor) {
			const v = anchor.values[0] as string;
			const m = this.anchored.get(anchor.key) ?? this.addAnchorKey(anchor.key);
			bucket = m.get(v) ?? null;
			if (!bucket) m.set(v, (bucket = { counters: [], pods: 0 }));
			bucket.counters.push(c);
			this.anchorUses.set(anchor.key, (this.anchorUses.get(anchor.key) ?? 0) + 1);
		} else this.unanchored.push(c);
		// No pod carries the anchor label: every count is 0 (a new ReplicaSet's first pod).
		if (bucket?.pods === 0) return c;
		for (const ni of this.infos.values()) {
			let n = 0;
			for (const pod of ni.pods) {
				const p = heldPodInfo(pod);
				if (!p.terminating && p.namespace === namespace && selector.matches(p.labels)) n++;
			}
			setCount(c, ni.slot, n);
		}
		return c;
	}

	/** Starts indexing counters by a label key: counts the pods per value of that label. */
	private addAnchorKey(key: string): Map<string, Bucket> {
		const m = new Map<string, Bucket>();
		for (const ni of this.infos.values())
			for (const pod of ni.pods) {
				const p = heldPodInfo(pod);
				const v = p.labels[key];
				if (p.terminating || typeof v !== 'string') continue;
				const b = m.get(v);
				if (b) b.pods++;
				else m.set(v, { counters: [], pods: 1 });
			}
		this.anchored.set(key, m);
		this.anchorKeys = [...this.anchored.keys()];
		this.anchorMaps = [...this.anchored.values()];
		return m;
	}

	private evictCounter(): void {
		let lru: PodCounter | null = null;
		for (const byNs of this.counters.values())
			for (const c of byNs.values()) if (!lru || c.lastUse < lru.lastUse) lru = c;
		if (!lru) return;
		const c = lru;
		const byNs = this.counters.get(c.selector.key);
		byNs?.delete(c.namespace);
		if (byNs?.size === 0) this.counters.delete(c.selector.key);
		this.numCounters--;
		if (c.selector.empty) return;
		if (!c.anchor) {
			this.unanchored.splice(this.unanchored.indexOf(c), 1);
			return;
		}
		const key = c.anchor.key;
		const m = this.anchored.get(key);
		const v = c.anchor.values[0] as string;
		const b = m?.get(v);
		if (!m || !b) return;
		b.counters.splice(b.counters.indexOf(c), 1);
		if (b.pods === 0 && b.counters.length === 0) m.delete(v);
		const uses = (this.anchorUses.get(key) ?? 1) - 1;
		if (uses > 0) {
			this.anchorUses.set(key, uses);
			return;
		}
		this.anchorUses.delete(key);
		this.anchored.delete(key);
		this.anchorKeys = [...this.anchored.keys()];
		this.anchorMaps = [...this.anchored.values()];
	}

	/** Whether some node of the snapshot has the LABEL_ZONE label (rechecked after changes). */
	anyZoneLabel(): boolean {
		if (this.zonesEpoch !== this.topologyEpoch) {
			this.zonesEpoch = this.topologyEpoch;
			this.zoned = this.nodes().some((ni) => ni.zoneLabel !== undefined);
		}
		return this.zoned;
	}

	/**
	 * A counter's matching pods summed per value of the label `key` over the snapshot's nodes
	 * (the nodes without the label in `missing`), recounted when nodes or labels changed.
	 */
	domainCounts(c: PodCounter, key: string): DomainCounts {
		let d = c.domains.get(key);
		if (d && d.epoch === this.topologyEpoch) return d;
		if (!d) c.domains.set(key, (d = { epoch: 0, byValue: new Map(), missing: 0 }));
		d.epoch = this.topologyEpoch;
		d.byValue.clear();
		d.missing = 0;
		if (c.selector.empty) return d;
		for (const ni of this.nodes()) {
			const n = c.counts[ni.slot] as number;
			const v = ownValue(ni.labels, key);
			if (v === undefined) d.missing += n;
			else d.byValue.set(v, (d.byValue.get(v) ?? 0) + n);
		}
		return d;
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
		this.listSlots = Int32Array.from(out, (ni) => ni.slot);
		this.table.blocks.place(this.listSlots);
		return (this.list = out);
	}

	/** nodes()' slots, in the same order. */
	nodeSlots(): Int32Array {
		this.nodes();
		return this.listSlots;
	}

	/** The snapshot's nodes (in its order) holding at least one pod with affinity terms. */
	nodesWithAffinityPods(): readonly NodeInfo[] {
		const all = this.nodes();
		if (this.affinityList && this.affinityFrom === all) return this.affinityList;
		this.affinityFrom = all;
		return (this.affinityList = all.filter((ni) => ni.podsWithAffinity > 0));
	}

	private inTree(ni: NodeInfo): boolean {
		return this.treed.has(ni.name);
	}

	private untree(ni: NodeInfo): void {
		const z = zoneKey(ni.labels);
		const names = this.tree.get(z);
		const i = names?.indexOf(ni.name) ?? -1;
		if (!names || i < 0) return;
		names.splice(i, 1);
		this.treed.delete(ni.name);
		if (names.length === 0) this.tree.delete(z);
		this.list = null;
	}

	private untrackImages(ni: NodeInfo): void {
		for (const [n, s] of ni.images) if (--s.nodes === 0) this.images.delete(n);
		ni.images.clear();
	}
}

/** Counts never go below 0 (only pods counted are uncounted); past 255 they need 32 bits. */
function setCount(c: PodCounter, slot: number, n: number): void {
	if (n > 255 && c.counts instanceof Uint8Array) c.counts = Int32Array.from(c.counts);
	c.counts[slot] = n;
}

export function createSchedulerCache(maxCounters?: number): SchedulerCache {
	return new SchedulerCache(maxCounters);
}

/** Where `ports` holds a port equal to `hp` (the last such), or -1. */
function indexOfPort(ports: readonly HostPort[], hp: HostPort): number {
	for (let i = ports.length - 1; i >= 0; i--) {
		const p = ports[i]!;
		if (p === hp || (p.port === hp.port && p.protocol === hp.protocol && p.ip === hp.ip)) return i;
	}
	return -1;
}
