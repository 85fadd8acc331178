/**
 * What the kubelets' container runtime remembers between queue entries: the pods it runs, the
 * images each node holds, and the last pod IP each node handed out. Copied into and out of
 * checkpoints; the queue entries that drive it refer to a pod's run by slot and generation.
 *
 * A 150,000-pod cluster runs 150,000 pods, so a run is not an object of its own (about 110
 * bytes, and as much again for its slot in a map by key): its fields are entries of arrays
 * indexed by the pod's slot in the store (`Store.slotOf`), which stays the pod's while it
 * exists. `get` hands out a short-lived view of one run that reads and writes those arrays, so
 * the code that drives a run reads it as the object it was.
 */
import { NumberSlots, RefSlots, TimeSlots, type SavedTimes } from './slot-columns';
import type { EventSubject } from '../api/events';
import type { PodIpCode } from '../api/pod-ip-code';
import { type ClusterCidr, clusterCidr } from '../pod-network';
import type { ContainerRun, PodRun } from './container-state';
import { share } from './shared-containers';

/**
 * A queue entry's run: its pod's slot and the run's generation. Generations are never reused
 * (a lab-wide count), so an entry for a deleted pod's run ignores a later pod in its slot.
 */
export interface Ref {
	slot: number;
	gen: number;
}

/** One run of one container: entries from an earlier run of it are ignored. */
export interface ContainerRef extends Ref {
	c: number;
	run: number;
}

const PHASES: readonly PodRun['phase'][] = ['starting', 'running', 'stopping'];
const PHASE_CODE: Record<PodRun['phase'], number> = { starting: 0, running: 1, stopping: 2 };
/** The low bits of `nodePhase` hold the phase, the others the node's id. */
const PHASE_BITS = 2;
const PHASE_MASK = (1 << PHASE_BITS) - 1;

/** The fields few runs set, kept apart (never changed in place): failed pulls. */
interface Extra {
	readonly pullAttempts: number;
}

const NO_EXTRA: Extra = { pullAttempts: 0 };

/**
 * One image pull as the node's serial puller ran it: its own time, and the time since the
 * kubelet asked for it (queued behind the node's other pulls, then its own): the Pulled
 * event's `in X (Y including waiting)`.
 */
export interface PullTime {
	readonly ms: number;
	readonly total: number;
}

const NO_IMAGES: readonly string[] = Object.freeze([]);
const NO_TIMES: readonly number[] = Object.freeze([]);

/**
 * One node's images as its runtime knows them: one record per node name, shared by every id
 * of that name and reached by id (an array read), not looked up by name for every pod its
 * kubelet sets up. Changed in place; a checkpoint copies it.
 */
interface NodeImages {
	/** The images it holds, in pull order: lists interned across nodes, never changed in place. */
	images: readonly string[];
	/** When each of `images` was there (its pull done), for the kubelet's image list (node status). */
	landedAt: readonly number[];
	/**
	 * The images it is pulling (few: only while pulling), interned as `images` are: the
	 * nodes pulling one image share one list, which a kubelet asking again reads in a cache
	 * line other nodes' pulls keep warm.
	 */
	pulling: readonly string[];
	/** When each of `pulling` is on the node (its layers unpacked). */
	landing: readonly number[];
	/** When the first of `pulling` is there (Infinity: nothing is being pulled). */
	nextLanding: number;
	/** When its serial image puller has done every pull asked of it so far (0: none asked). */
	pullerFree: number;
}

function noImages(): NodeImages {
	return {
		images: NO_IMAGES,
		landedAt: NO_TIMES,
		pulling: NO_IMAGES,
		landing: NO_TIMES,
		nextLanding: Infinity,
		pullerFree: 0
	};
}

/** Image lists by their images, one list per content (bounded: emptied when full). */
const IMAGE_LISTS = new Map<string, readonly string[]>();

function internImages(list: readonly string[]): readonly string[] {
	const key = list.join('\n');
	const known = IMAGE_LISTS.get(key);
	if (known !== undefined) return known;
	if (IMAGE_LISTS.size >= 1024) IMAGE_LISTS.clear();
	IMAGE_LISTS.set(key, list);
	return list;
}

/** The node holds `image` from `at` on. */
function addTo(n: NodeImages, image: string, at: number): void {
	if (n.images.includes(image)) return;
	n.images = internImages([...n.images, image]);
	n.landedAt = [...n.landedAt, at];
}

export interface SavedRuntime {
	used: number;
	gens: Int32Array;
	nodePhase: Int32Array;
	setUp: SavedTimes;
	subjects: Int32Array;
	containers: (ContainerRun[] | undefined)[];
	ips: (PodIpCode | undefined)[];
	extras: Map<number, Extra>;
	nextGen: number;
	/** Copies of the nodes' image records that hold anything, by node name. */
	nodeImages: Map<string, Readonly<NodeImages>>;
	nextIp: Int32Array;
}

export class RuntimeState {
	/** Slots below this may hold a run. */
	private used = 0;
	/** Each slot's run generation; 0: no run. */
	private readonly gens = new NumberSlots(Int32Array);
	/** Node id and phase (see PHASE_BITS). */
	private readonly nodePhase = new NumberSlots(Int32Array);
	/** When the kubelet took the pod on. */
	private readonly setUp = new TimeSlots();
	/** The run's event subject + 1; 0: none yet. */
	private readonly subjects = new NumberSlots(Int32Array);
	private readonly containers = new RefSlots<ContainerRun[]>();
	// Addresses as codes (../api/pod-ip-code): a small integer each, not a string per pod.
	private readonly ips = new RefSlots<PodIpCode>();
	private extras = new Map<number, Extra>();
	private nextGen = 0;
	// Nodes by id, with their address: interned, and only ever appended (not part of a
	// checkpoint: an id a checkpoint holds still means the same node after a restore).
	private readonly nodeIds = new Map<string, number>();
	private readonly nodeNames: string[] = [];
	private readonly nodeHostIPs: string[] = [];
	/** Each node name's images, and each node id's (ids of one name share its record). */
	private readonly imagesByName = new Map<string, NodeImages>();
	private readonly imagesById: NodeImages[] = [];
	/** Each node id's index in the cluster (-1: not known), and the id last seen at an index. */
	private readonly nodeIndexes: number[] = [];
	private readonly idAtIndex: number[] = [];

	/**
	 * Per node (by its index in the cluster: an array read, not a lookup by name), host-local
	 * IPAM's last handed-out address within its /24, plus 256 for each time it went past the
	 * last one and started again (from then on, held addresses are skipped); 0: none yet.
	 */
	private readonly nextIps = new NumberSlots(Int32Array);
	/** Node indexes below this may have handed out an address (what a checkpoint copies). */
	private ipNodes = 0;
	/** The cluster's --cluster-cidr (../pod-network.ts): set once, when the cluster is made. */
	podCidr: ClusterCidr = clusterCidr(1);

	/**
	 * Whether `image` is on the node at `now`: pulled, or its pull done by then (the runtime's
	 * ImageStatus knows an image only once its pull has finished).
	 */
	hasImage(run: RunView, image: string, now: number): boolean {
		const n = this.imagesOf(run.slot);
		if (n.images.includes(image)) return true;
		// Nothing landed: the node's images are the ones just read.
		return this.land(n, now) && n.images.includes(image);
	}

	/**
	 * Queues a pull of `image` on the node's serial puller (kubelet `serializeImagePulls: true`,
	 * images/puller.go serialImagePuller: one pull at a time, any image, in order asked): it
	 * starts when the pulls before it are done and takes `fetchMs`, or `presentMs` when the
	 * image's layers are there by then (a pull before it fetched them, or it was there already:
	 * the registry is asked for the manifest only).
	 */
	queuePull(
		run: RunView,
		image: string,
		now: number,
		fetchMs: number,
		presentMs: number
	): PullTime {
		const n = this.imagesOf(run.slot);
		this.land(n, now);
		// An idle puller (done by now, or never asked) starts now.
		const start = Math.max(now, n.pullerFree);
		const layers = n.images.includes(image) || n.pulling.includes(image);
		const ms = layers ? presentMs : fetchMs;
		const end = start + ms;
		n.pullerFree = end;
		if (!layers) {
			n.pulling = internImages([...n.pulling, image]);
			n.landing = [...n.landing, end];
			n.nextLanding = Math.min(n.nextLanding, end);
		}
		return { ms, total: end - now };
	}

	/**
	 * The node's pulls done by `now` put their images on it, in the order they were asked.
	 * Returns whether any image landed.
	 */
	private land(n: NodeImages, now: number): boolean {
		// Asked on every sync of a pod waiting for its pull: nothing to look at before the first lands.
		if (n.nextLanding > now) return false;
		const pulling: string[] = [];
		const landing: number[] = [];
		n.pulling.forEach((image, i) => {
			const at = n.landing[i]!;
			if (at <= now) addTo(n, image, at);
			else {
				pulling.push(image);
				landing.push(at);
			}
		});
		n.pulling = pulling.length === 0 ? NO_IMAGES : internImages(pulling);
		n.landing = landing.length === 0 ? NO_TIMES : landing;
		n.nextLanding = Math.min(...landing);
		return true;
	}

	/**
	 * The run's node holds `image`, as part of the lab's starting state (a pod adopted
	 * running): the runtime has it, but the node's status never lists it (NaN: no time passes
	 * it). The lab registers its nodes before it adopts their pods, so listing such images
	 * would make every kubelet's first image-cache refresh a status write that a real node,
	 * whose preloaded images are in the Node it registers, does not make.
	 */
	addImage(run: RunView, image: string): void {
		addTo(this.imagesOf(run.slot), image, NaN);
	}

	/**
	 * The images on node `node` at time `t` (≤ now), in pull order: what the runtime's image
	 * list (CRI ListImages) would have answered then. Interned: equal lists are one array.
	 */
	imagesAt(node: string, t: number): readonly string[] {
		const n = this.imagesByName.get(node);
		if (n === undefined) return NO_IMAGES;
		this.land(n, t);
		const at = n.landedAt;
		let count = 0;
		// NaN (an image of the starting state) is never <= t.
		for (let i = 0; i < at.length; i++) if ((at[i] as number) <= t) count++;
		if (count === n.images.length) return n.images;
		return internImages(n.images.filter((_, i) => (at[i] as number) <= t));
	}

	/** The record of the node named `node`: made empty the first time. */
	private imagesNamed(node: string): NodeImages {
		let n = this.imagesByName.get(node);
		if (n === undefined) this.imagesByName.set(node, (n = noImages()));
		return n;
	}

	/** The images of the node the run in `s` is on. */
	private imagesOf(s: number): NodeImages {
		return this.imagesById[this.nodePhase.get(s) >> PHASE_BITS]!;
	}

	/** The last address node `index` handed out, as `nextIps` keeps it (0: none yet). */
	nextIp(index: number): number {
		return this.nextIps.get(index);
	}

	setNextIp(index: number, value: number): void {
		this.ipNodes = Math.max(this.ipNodes, index + 1);
		this.nextIps.set(index, value);
	}

	/** Whether the pod in `slot` has a run. */
	has(slot: number): boolean {
		return this.gens.get(slot) !== 0;
	}

	/** The run of the pod in `slot`, or undefined. */
	get(slot: number): RunView | undefined {
		return this.gens.get(slot) !== 0 ? new RunView(this, slot) : undefined;
	}

	/**
	 * Starts keeping `run` (its `gen` is replaced by a new generation) as the pod in `slot`'s;
	 * `nodeIndex`: its node's index in the cluster, when the caller knows it.
	 */
	create(slot: number, run: PodRun, nodeIndex = -1): RunView {
		this.used = Math.max(this.used, slot + 1);
		this.containers.set(slot, run.containers);
		this.ips.set(slot, run.ip);
		this.setUp.set(slot, run.setUpAt);
		this.setSubject(slot, run.eventSubject);
		const node = this.nodeIdAt(run.node, run.hostIP, nodeIndex);
		this.nodePhase.set(slot, (node << PHASE_BITS) | PHASE_CODE[run.phase]);
		// A fresh run has no extra fields: no object made to say so.
		if (run.pullAttempts !== 0) this.setExtra(slot, { pullAttempts: run.pullAttempts });
		else if (this.extras.size !== 0) this.extras.delete(slot);
		this.gens.set(slot, this.newGen());
		return new RunView(this, slot);
	}

	/** A generation no run has had. */
	newGen(): number {
		if (this.nextGen >= 0x7fffffff) throw new Error('too many pod runs');
		return ++this.nextGen;
	}

	delete(slot: number): void {
		if (slot >= this.used) return;
		this.gens.set(slot, 0);
		this.containers.set(slot, undefined);
		this.ips.set(slot, undefined);
		this.extras.delete(slot);
	}

	/** The slots of every run on `node`. */
	slotsOn(node: string): number[] {
		const out: number[] = [];
		for (let s = 0; s < this.used; s++)
			if (this.gens.get(s) !== 0 && this.node(s) === node) out.push(s);
		return out;
	}

	private nodeId(node: string, hostIP: string): number {
		let id = this.nodeIds.get(node);
		if (id === undefined || this.nodeHostIPs[id] !== hostIP) {
			// The node's images are its name's, whatever its address.
			this.imagesById.push(this.imagesNamed(node));
			id = this.nodeNames.push(node) - 1;
			this.nodeHostIPs.push(hostIP);
			this.nodeIndexes.push(-1);
			this.nodeIds.set(node, id);
		}
		return id;
	}

	/** `nodeId`, by the node's cluster index when known: an array read, not a lookup by name. */
	private nodeIdAt(node: string, hostIP: string, nodeIndex: number): number {
		if (nodeIndex < 0) return this.nodeId(node, hostIP);
		const known = this.idAtIndex[nodeIndex];
		if (known !== undefined && this.nodeNames[known] === node && this.nodeHostIPs[known] === hostIP)
			return known;
		const id = this.nodeId(node, hostIP);
		this.idAtIndex[nodeIndex] = id;
		this.nodeIndexes[id] = nodeIndex;
		return id;
	}

	/** The cluster index of the node the run in `s` is on (-1: not known). */
	nodeIndexOf(s: number): number {
		return this.nodeIndexes[this.nodePhase.get(s) >> PHASE_BITS]!;
	}

	// The view's reads and writes.
	gen(s: number): number {
		return this.gens.get(s);
	}
	setGen(s: number, gen: number): void {
		this.gens.set(s, gen);
	}
	node(s: number): string {
		return this.nodeNames[this.nodePhase.get(s) >> PHASE_BITS]!;
	}
	hostIP(s: number): string {
		return this.nodeHostIPs[this.nodePhase.get(s) >> PHASE_BITS]!;
	}
	setNode(s: number, node: string, hostIP: string): void {
		const phase = this.nodePhase.get(s) & PHASE_MASK;
		this.nodePhase.set(s, (this.nodeId(node, hostIP) << PHASE_BITS) | phase);
	}
	phase(s: number): PodRun['phase'] {
		return PHASES[this.nodePhase.get(s) & PHASE_MASK]!;
	}
	setPhase(s: number, phase: PodRun['phase']): void {
		this.nodePhase.set(s, (this.nodePhase.get(s) & ~PHASE_MASK) | PHASE_CODE[phase]);
	}
	setUpAt(s: number): number {
		return this.setUp.get(s);
	}
	setSetUpAt(s: number, at: number): void {
		this.setUp.set(s, at);
	}
	containersOf(s: number): ContainerRun[] {
		return this.containers.get(s)!;
	}
	setContainers(s: number, list: ContainerRun[]): void {
		this.containers.set(s, list);
	}
	ip(s: number): PodIpCode | undefined {
		return this.ips.get(s);
	}
	setIp(s: number, ip: PodIpCode | undefined): void {
		this.ips.set(s, ip);
	}
	subject(s: number): EventSubject | undefined {
		const v = this.subjects.get(s);
		return v === 0 ? undefined : v - 1;
	}
	setSubject(s: number, subject: EventSubject | undefined): void {
		this.subjects.set(s, subject === undefined ? 0 : subject + 1);
	}
	extra(s: number): Extra {
		return this.extras.get(s) ?? NO_EXTRA;
	}
	setExtra(s: number, e: Extra): void {
		if (e.pullAttempts === 0) {
			// Most runs never have any: no lookup while none has.
			if (this.extras.size !== 0) this.extras.delete(s);
		} else this.extras.set(s, e);
	}

	save(): SavedRuntime {
		// Container lists are shared with the checkpoint, and copied by whoever changes one
		// later (./shared-containers).
		const containers = this.containers.save(this.used);
		for (const list of containers) if (list !== undefined) share(list);
		return {
			used: this.used,
			gens: this.gens.save(this.used),
			nodePhase: this.nodePhase.save(this.used),
			setUp: this.setUp.save(this.used),
			subjects: this.subjects.save(this.used),
			containers,
			ips: this.ips.save(this.used),
			extras: new Map(this.extras),
			nextGen: this.nextGen,
			nodeImages: this.saveImages(),
			nextIp: this.nextIps.save(this.ipNodes)
		};
	}

	load(s: SavedRuntime): void {
		this.used = s.used;
		this.gens.load(s.gens);
		this.nodePhase.load(s.nodePhase);
		this.setUp.load(s.setUp);
		this.subjects.load(s.subjects);
		this.containers.load(s.containers);
		this.ips.load(s.ips);
		this.extras = new Map(s.extras);
		this.nextGen = s.nextGen;
		// In place: the ids point at the records.
		for (const n of this.imagesByName.values()) Object.assign(n, noImages());
		for (const [node, saved] of s.nodeImages) Object.assign(this.imagesNamed(node), saved);
		this.nextIps.load(s.nextIp);
		this.ipNodes = s.nextIp.length;
	}

	/** A copy of each node's images record that holds anything. */
	private saveImages(): Map<string, Readonly<NodeImages>> {
		const out = new Map<string, Readonly<NodeImages>>();
		for (const [node, n] of this.imagesByName)
			if (n.images.length !== 0 || n.pulling.length !== 0 || n.pullerFree !== 0)
				out.set(node, { ...n });
		return out;
	}
}

/**
 * One pod's run, read from and written to the runtime's arrays: made when needed, never kept
 * (a view outlives its run's deletion only as a stale reader).
 */
export class RunView implements PodRun {
	constructor(
		private readonly state: RuntimeState,
		/** The pod's slot in the store. */
		readonly slot: number
	) {}

	get gen(): number {
		return this.state.gen(this.slot);
	}
	set gen(gen: number) {
		this.state.setGen(this.slot, gen);
	}
	get node(): string {
		return this.state.node(this.slot);
	}
	set node(node: string) {
		this.state.setNode(this.slot, node, this.hostIP);
	}
	get hostIP(): string {
		return this.state.hostIP(this.slot);
	}
	set hostIP(hostIP: string) {
		this.state.setNode(this.slot, this.node, hostIP);
	}
	get phase(): PodRun['phase'] {
		return this.state.phase(this.slot);
	}
	set phase(phase: PodRun['phase']) {
		this.state.setPhase(this.slot, phase);
	}
	get setUpAt(): number {
		return this.state.setUpAt(this.slot);
	}
	set setUpAt(at: number) {
		this.state.setSetUpAt(this.slot, at);
	}
	get containers(): ContainerRun[] {
		return this.state.containersOf(this.slot);
	}
	set containers(list: ContainerRun[]) {
		this.state.setContainers(this.slot, list);
	}
	get ip(): PodIpCode | undefined {
		return this.state.ip(this.slot);
	}
	set ip(ip: PodIpCode | undefined) {
		this.state.setIp(this.slot, ip);
	}
	get eventSubject(): EventSubject | undefined {
		return this.state.subject(this.slot);
	}
	set eventSubject(subject: EventSubject | undefined) {
		this.state.setSubject(this.slot, subject);
	}
	get pullAttempts(): number {
		return this.state.extra(this.slot).pullAttempts;
	}
	set pullAttempts(n: number) {
		this.state.setExtra(this.slot, { ...this.state.extra(this.slot), pullAttempts: n });
	}
}
