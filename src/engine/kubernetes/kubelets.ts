/**
 * The kubelets' heartbeats: each running node renews its Lease every 10 s (with the lease
 * controller's 4 % jitter) and checks its node status every 10 s, posting it when the API
 * server's copy differs or 5 minutes have passed. Periodic work is plain queue entries, so a
 * 5,000-node cluster at rest costs a few events per node per 10 s.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Component, Kernel } from '../core/kernel';
import type { RandomStream } from '../core/rng';
import { rfc3339, rfc3339Micro } from '../core/time';
import {
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_LEASE_RENEW_JITTER,
	NODE_STATUS_REPORT_FREQUENCY_MS,
	NODE_STATUS_UPDATE_FREQUENCY_MS
} from './defaults';
import { LEASES, NODES, healthyConditions, readyCondition } from './node-object';

interface Tick {
	/** The node's index in the cluster. */
	i: number;
	/** Boot generation: ticks scheduled before a reboot are ignored after it. */
	gen: number;
}

interface Post {
	i: number;
	sentAt: number;
}

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
	private readonly streams: RandomStream[];
	private readonly index = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServerLocator,
		private readonly names: readonly string[]
	) {
		names.forEach((n, i) => this.index.set(n, i));
		this.gen = names.map(() => 0);
		this.lastPost = names.map(() => NaN);
		this.streams = names.map((n) => kernel.rng.stream(`kubelet/${n}`));
		kernel.on('kubelet.lease', (a) => this.renewLease(a as Tick));
		kernel.on('kubelet.status', (a) => this.syncStatus(a as Tick));
		kernel.on('apiserver.lease', (a) => this.receiveLease(a as Post));
		kernel.on('apiserver.status', (a) => this.receiveStatus(a as Post));
		kernel.register(this);
	}

	/** The kubelet process starts: register, post status at once, then beat on its periods. */
	boot(node: string): void {
		const i = this.index.get(node)!;
		const tick: Tick = { i, gen: ++this.gen[i]! };
		this.lastPost[i] = NaN;
		this.kernel.after(0, 'kubelet.status', tick);
		this.kernel.after(0, 'kubelet.lease', tick);
	}

	halt(node: string): void {
		this.gen[this.index.get(node)!]!++;
	}

	private current(tick: Tick): boolean {
		return this.gen[tick.i] === tick.gen;
	}

	private renewLease(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		const jitter = this.streams[tick.i]!.next() * NODE_LEASE_RENEW_JITTER;
		k.after(Math.round(NODE_LEASE_RENEW_INTERVAL_MS * (1 + jitter)), 'kubelet.lease', tick);
		this.send(tick.i, 'apiserver.lease');
	}

	private syncStatus(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		k.after(NODE_STATUS_UPDATE_FREQUENCY_MS, 'kubelet.status', tick);
		const api = this.api.apiHost();
		// The kubelet compares with the API server's copy; it cannot when the server is unreachable.
		const node = this.names[tick.i]!;
		if (api === undefined || !k.network.connected(node, api)) return;
		const onServer = k.store.get<Node>(NODES, node);
		const changed = onServer === undefined || readyCondition(onServer)?.status !== 'True';
		const last = this.lastPost[tick.i]!;
		// NaN (never posted since boot) fails the comparison, so it posts.
		if (changed || !(k.now - last < NODE_STATUS_REPORT_FREQUENCY_MS)) {
			if (this.send(tick.i, 'apiserver.status')) this.lastPost[tick.i] = k.now;
		}
	}

	private send(i: number, kind: string): boolean {
		const k = this.kernel;
		const api = this.api.apiHost();
		if (api === undefined) return false;
		const verdict = k.network.send(this.names[i]!, api);
		if (!verdict.delivered) return false;
		const post: Post = { i, sentAt: k.now };
		k.after(verdict.delayMs, kind, post);
		return true;
	}

	private receiveLease(post: Post): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		const name = this.names[post.i]!;
		if (api === undefined || !k.network.canDeliver(name, api)) return;
		const lease = k.store.get<Lease>(LEASES, name);
		if (lease === undefined) return;
		k.store.put<Lease>(LEASES, name, (rv) => ({
			...lease,
			metadata: { ...lease.metadata, resourceVersion: String(rv) },
			spec: { ...lease.spec, renewTime: rfc3339Micro(post.sentAt) }
		}));
	}

	private receiveStatus(post: Post): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		const name = this.names[post.i]!;
		if (api === undefined || !k.network.canDeliver(name, api)) return;
		const node = k.store.get<Node>(NODES, name);
		if (node === undefined) return;
		const wasReady = readyCondition(node)?.status === 'True';
		const previous = node.status?.conditions ?? [];
		const conditions = healthyConditions(post.sentAt, k.now).map((c) => {
			const old = previous.find((p) => p.type === c.type);
			// A condition keeps its transition time while its status stays the same.
			return old !== undefined && old.status === c.status
				? { ...c, lastTransitionTime: old.lastTransitionTime }
				: { ...c, lastTransitionTime: rfc3339(k.now) };
		});
		k.store.put<Node>(NODES, name, (rv) => ({
			...node,
			metadata: { ...node.metadata, resourceVersion: String(rv) },
			status: { ...node.status, conditions }
		}));
		if (!wasReady) {
			k.emit('node.ready', `node/${name}`, `Node ${name} status is now: NodeReady`);
		}
	}

	save(): { gen: number[]; lastPost: number[] } {
		return { gen: this.gen.slice(), lastPost: this.lastPost.slice() };
	}

	load(state: unknown): void {
		const s = state as ReturnType<Kubelets['save']>;
		this.gen = s.gen.slice();
		this.lastPost = s.lastPost.slice();
	}
}
