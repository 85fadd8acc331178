/**
 * The kubelets' heartbeats: each running node renews its Lease every 10 s (with the lease
 * controller's 4 % jitter) and checks its node status every 10 s, posting it when the API
 * server's copy differs or 5 minutes have passed.
 *
 * Periodic work is plain queue entries. The status loop's ticks that would do nothing are not
 * queued: a tick is scheduled for the next 10 s mark at which it can act — 5 minutes after the
 * last post, the mark after the server's copy stops saying Ready, or the next mark after a post
 * that could not be sent — so a 5,000-node cluster at rest costs two events per node per 10 s.
 */
import type { ContainerImage, Node } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Component, Kernel } from '../core/kernel';
import { LOST } from '../core/network';
import type { RandomStream } from '../core/rng';
import {
	IMAGE_CACHE_REFRESH_MS,
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_LEASE_RENEW_JITTER,
	NODE_STATUS_REPORT_FREQUENCY_MS,
	NODE_STATUS_UPDATE_FREQUENCY_MS
} from './defaults';
import { LEASES, NODES, healthyConditions, readyCondition, renewTimeText } from './node-object';
import { guaranteedUpdate } from './api/unchanged';
import { NO_STATUS_IMAGES } from './kubelet/node-status-images';

/** node.status.images of a node at a time, as its kubelet would set it (./kubelet/node-status-images). */
export type StatusImages = (node: string, t: number) => readonly ContainerImage[];

/**
 * A tick of a kubelet's lease or status loop is one number, `boot generation × NODE_SLOTS + node
 * index` (ticks queued before a reboot are ignored after it): an object per loop per node would
 * sit in the queue and in every checkpoint's copy of it.
 */
type Tick = number;

/**
 * A heartbeat on the wire is one number, `sentAt × NODE_SLOTS + node index`: millions of them
 * cross the network every simulated hour of a big cluster, and numbers cost the GC nothing.
 * Exact while sentAt < 2^53 / NODE_SLOTS ms (about 17 years).
 */
const NODE_SLOTS = 16_384;

export interface ApiServerLocator {
	/** The control-plane host that answers the API right now, or undefined when none does. */
	apiHost(): string | undefined;
}

export class Kubelets implements Component {
	readonly name = 'kubelets';
	// Per-node state in arrays indexed like `names`: a 5,000-node cluster beats millions of
	// times an hour, and copying a few arrays keeps checkpoints cheap.
	private gen: number[];
	private lastPost: number[];
	/** When each kubelet started: its status loop ticks at bootAt + k × 10 s. */
	private bootAt: number[];
	/** The status tick that counts for each node (NaN: none queued). */
	private statusAt: number[];
	/** Kubelets whose machine is off: nothing of theirs may be scheduled. */
	private stopped: boolean[];
	private readonly streams: RandomStream[];
	private readonly index = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServerLocator,
		private readonly names: readonly string[],
		/** The images on each node (none when not given: a lab without a container runtime). */
		private readonly images: StatusImages = () => NO_STATUS_IMAGES
	) {
		if (names.length > NODE_SLOTS) throw new Error(`at most ${NODE_SLOTS} kubelets`);
		names.forEach((n, i) => this.index.set(n, i));
		this.gen = names.map(() => 0);
		this.lastPost = names.map(() => NaN);
		this.bootAt = names.map(() => 0);
		this.statusAt = names.map(() => NaN);
		this.stopped = names.map(() => false);
		this.streams = names.map((n) => kernel.rng.stream(`kubelet/${n}`));
		kernel.on('kubelet.lease', (a) => this.renewLease(a as Tick));
		kernel.on('kubelet.status', (a) => this.syncStatus(a as Tick));
		kernel.on('apiserver.lease', (a) => this.receiveLease(a as number));
		kernel.on('apiserver.status', (a) => this.receiveStatus(a as number));
		kernel.store.watch<Node>(NODES, (e) => {
			const i = this.index.get(e.key);
			// The server's copy no longer says Ready: the next status tick will see a change.
			if (i !== undefined && e.type !== 'DELETED' && readyCondition(e.object)?.status !== 'True') {
				this.scheduleStatus(i, this.nextMark(i));
			}
		});
		kernel.register(this);
	}

	/** The kubelet process starts: register, post status at once, then beat on its periods. */
	boot(node: string): void {
		const i = this.index.get(node)!;
		const tick: Tick = ++this.gen[i]! * NODE_SLOTS + i;
		this.lastPost[i] = NaN;
		this.bootAt[i] = this.kernel.now;
		this.statusAt[i] = NaN;
		this.stopped[i] = false;
		this.scheduleStatus(i, this.kernel.now);
		this.kernel.after(0, 'kubelet.lease', tick);
	}

	/** The first status-loop mark strictly after now. */
	private nextMark(i: number): number {
		const since = this.kernel.now - this.bootAt[i]!;
		return (
			this.bootAt[i]! +
			(Math.floor(since / NODE_STATUS_UPDATE_FREQUENCY_MS) + 1) * NODE_STATUS_UPDATE_FREQUENCY_MS
		);
	}

	private scheduleStatus(i: number, at: number): void {
		if (this.stopped[i]) return;
		const pending = this.statusAt[i]!;
		if (pending >= this.kernel.now && pending <= at) return; // an earlier tick will act first
		this.statusAt[i] = at;
		this.kernel.at(at, 'kubelet.status', this.gen[i]! * NODE_SLOTS + i);
	}

	halt(node: string): void {
		const i = this.index.get(node)!;
		this.gen[i]!++;
		this.statusAt[i] = NaN;
		this.stopped[i] = true;
	}

	private current(tick: Tick): boolean {
		const i = tick % NODE_SLOTS;
		return this.gen[i] === (tick - i) / NODE_SLOTS;
	}

	private renewLease(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		const i = tick % NODE_SLOTS;
		const jitter = this.streams[i]!.next() * NODE_LEASE_RENEW_JITTER;
		k.after(Math.round(NODE_LEASE_RENEW_INTERVAL_MS * (1 + jitter)), 'kubelet.lease', tick);
		this.send(i, 'apiserver.lease');
	}

	private syncStatus(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		const i = tick % NODE_SLOTS;
		k.after(NODE_STATUS_UPDATE_FREQUENCY_MS, 'kubelet.status', tick);
		const api = this.api.apiHost();
		// The kubelet compares with the API server's copy; it cannot when the server is unreachable.
		const node = this.names[i]!;
		if (api === undefined || !k.network.connected(node, api)) return;
		const onServer = k.store.get<Node>(NODES, node);
		// nodeStatusHasChanged: anything but heartbeat times, so a newly listed image too.
		const changed =
			onServer === undefined ||
			readyCondition(onServer)?.status !== 'True' ||
			!sameImages(onServer.status?.images, this.imagesAt(i, k.now));
		const last = this.lastPost[i]!;
		// NaN (never posted since boot) fails the comparison, so it posts.
		if (changed || !(k.now - last < NODE_STATUS_REPORT_FREQUENCY_MS)) {
			if (this.send(i, 'apiserver.status')) this.lastPost[i] = k.now;
		}
	}

	/**
	 * The node's images as its kubelet's image cache lists them at t: the cache is refreshed
	 * every 30 s from the kubelet's start, by a goroutine of its own, so a status read at the
	 * instant of a refresh sees the one before, and an image pulled since the last refresh is
	 * not listed yet. Undefined at start, before any refresh: the post leaves the list the
	 * server has (the node as registered, or as the kubelet left it before a restart).
	 */
	private imagesAt(i: number, t: number): readonly ContainerImage[] | undefined {
		const boot = this.bootAt[i]!;
		const refreshes = Math.ceil((t - boot) / IMAGE_CACHE_REFRESH_MS);
		if (refreshes <= 0) return undefined;
		return this.images(this.names[i]!, boot + (refreshes - 1) * IMAGE_CACHE_REFRESH_MS);
	}

	private send(i: number, kind: string): boolean {
		const k = this.kernel;
		const api = this.api.apiHost();
		if (api === undefined) return false;
		const delay = k.network.send(this.names[i]!, api);
		if (delay === LOST) return false;
		k.after(delay, kind, k.now * NODE_SLOTS + i);
		return true;
	}

	private receiveLease(post: number): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		const i = post % NODE_SLOTS;
		const sentAt = (post - i) / NODE_SLOTS;
		const name = this.names[i]!;
		if (api === undefined || !k.network.canDeliver(name, api)) return;
		const lease = k.store.get<Lease>(LEASES, name);
		if (lease === undefined) return;
		guaranteedUpdate<Lease>(k.store, LEASES, name, {
			...lease,
			spec: { ...lease.spec, renewTime: renewTimeText(sentAt) }
		});
	}

	private receiveStatus(post: number): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		const i = post % NODE_SLOTS;
		const sentAt = (post - i) / NODE_SLOTS;
		const name = this.names[i]!;
		if (api === undefined || !k.network.canDeliver(name, api)) return;
		const node = k.store.get<Node>(NODES, name);
		if (node === undefined) return;
		const wasReady = readyCondition(node)?.status === 'True';
		// A condition keeps its transition time while its status stays the same.
		const conditions = healthyConditions(sentAt, k.now, node.status?.conditions);
		const status = { ...node.status, conditions };
		const images = this.imagesAt(i, sentAt);
		if (images !== undefined && images.length > 0) status.images = images as ContainerImage[];
		else if (images !== undefined) delete status.images;
		guaranteedUpdate<Node>(k.store, NODES, name, { ...node, status });
		if (!wasReady) {
			k.emit('node.ready', `node/${name}`, `Node ${name} status is now: NodeReady`);
		}
	}

	save(): {
		gen: number[];
		lastPost: number[];
		bootAt: number[];
		statusAt: number[];
		stopped: boolean[];
	} {
		return {
			gen: this.gen.slice(),
			lastPost: this.lastPost.slice(),
			bootAt: this.bootAt.slice(),
			statusAt: this.statusAt.slice(),
			stopped: this.stopped.slice()
		};
	}

	load(state: unknown): void {
		const s = state as ReturnType<Kubelets['save']>;
		this.gen = s.gen.slice();
		this.lastPost = s.lastPost.slice();
		this.bootAt = s.bootAt.slice();
		this.statusAt = s.statusAt.slice();
		this.stopped = s.stopped.slice();
	}
}

/** Whether the server's image list is the one the kubelet would post (names and sizes). */
function sameImages(
	onServer: readonly ContainerImage[] | undefined,
	now: readonly ContainerImage[] | undefined
): boolean {
	const a = onServer ?? NO_STATUS_IMAGES;
	if (now === undefined || a === now) return true;
	if (a.length !== now.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i]!;
		const y = now[i]!;
		if (x.sizeBytes !== y.sizeBytes || (x.names ?? []).join('\n') !== (y.names ?? []).join('\n'))
			return false;
	}
	return true;
}
