/**
 * The kubelets' heartbeats: each running node renews its Lease every 10 s (with the lease
 * controller's 4 % jitter) and checks its node status every 10 s, posting it when the API
 * server's copy differs or 5 minutes have passed. Periodic work is plain queue entries, so a
 * 5,000-node cluster at rest costs a few events per node per 10 s.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Component, Kernel } from '../core/kernel';
import { rfc3339, rfc3339Micro } from '../core/time';
import {
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_LEASE_RENEW_JITTER,
	NODE_STATUS_REPORT_FREQUENCY_MS,
	NODE_STATUS_UPDATE_FREQUENCY_MS
} from './defaults';
import { LEASES, NODES, healthyConditions, readyCondition } from './node-object';

interface Tick {
	node: string;
	/** Boot generation: ticks scheduled before a reboot are ignored after it. */
	gen: number;
}

interface Post {
	node: string;
	sentAt: number;
}

export interface ApiServerLocator {
	/** The control-plane host that answers the API right now, or undefined when none does. */
	apiHost(): string | undefined;
}

export class Kubelets implements Component {
	readonly name = 'kubelets';
	private gen = new Map<string, number>();
	private lastPost = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServerLocator
	) {
		kernel.on('kubelet.lease', (a) => this.renewLease(a as Tick));
		kernel.on('kubelet.status', (a) => this.syncStatus(a as Tick));
		kernel.on('apiserver.lease', (a) => this.receiveLease(a as Post));
		kernel.on('apiserver.status', (a) => this.receiveStatus(a as Post));
		kernel.register(this);
	}

	/** The kubelet process starts: register, post status at once, then beat on its periods. */
	boot(node: string): void {
		const gen = (this.gen.get(node) ?? 0) + 1;
		this.gen.set(node, gen);
		this.lastPost.delete(node);
		this.kernel.after(0, 'kubelet.status', { node, gen });
		this.kernel.after(0, 'kubelet.lease', { node, gen });
	}

	halt(node: string): void {
		this.gen.set(node, (this.gen.get(node) ?? 0) + 1);
	}

	private current(tick: Tick): boolean {
		return this.gen.get(tick.node) === tick.gen;
	}

	private renewLease(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		const jitter = k.rng.stream(`kubelet/${tick.node}`).next() * NODE_LEASE_RENEW_JITTER;
		k.after(Math.round(NODE_LEASE_RENEW_INTERVAL_MS * (1 + jitter)), 'kubelet.lease', tick);
		this.send(tick.node, 'apiserver.lease');
	}

	private syncStatus(tick: Tick): void {
		if (!this.current(tick)) return;
		const k = this.kernel;
		k.after(NODE_STATUS_UPDATE_FREQUENCY_MS, 'kubelet.status', tick);
		const api = this.api.apiHost();
		// The kubelet compares with the API server's copy; it cannot when the server is unreachable.
		if (api === undefined || !k.network.connected(tick.node, api)) return;
		const onServer = k.store.get<Node>(NODES, tick.node);
		const changed = onServer === undefined || readyCondition(onServer)?.status !== 'True';
		const last = this.lastPost.get(tick.node);
		if (changed || last === undefined || k.now - last >= NODE_STATUS_REPORT_FREQUENCY_MS) {
			if (this.send(tick.node, 'apiserver.status')) this.lastPost.set(tick.node, k.now);
		}
	}

	private send(node: string, kind: string): boolean {
		const k = this.kernel;
		const api = this.api.apiHost();
		if (api === undefined) return false;
		const verdict = k.network.send(node, api);
		if (!verdict.delivered) return false;
		const post: Post = { node, sentAt: k.now };
		k.after(verdict.delayMs, kind, post);
		return true;
	}

	private receiveLease(post: Post): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		if (api === undefined || !k.network.canDeliver(post.node, api)) return;
		const lease = k.store.get<Lease>(LEASES, post.node);
		if (lease === undefined) return;
		k.store.put<Lease>(LEASES, post.node, (rv) => ({
			...lease,
			metadata: { ...lease.metadata, resourceVersion: String(rv) },
			spec: { ...lease.spec, renewTime: rfc3339Micro(post.sentAt) }
		}));
	}

	private receiveStatus(post: Post): void {
		const k = this.kernel;
		const api = this.api.apiHost();
		if (api === undefined || !k.network.canDeliver(post.node, api)) return;
		const node = k.store.get<Node>(NODES, post.node);
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
		k.store.put<Node>(NODES, post.node, (rv) => ({
			...node,
			metadata: { ...node.metadata, resourceVersion: String(rv) },
			status: { ...node.status, conditions }
		}));
		if (!wasReady) {
			k.emit('node.ready', `node/${post.node}`, `Node ${post.node} status is now: NodeReady`);
		}
	}

	save(): { gen: Map<string, number>; lastPost: Map<string, number> } {
		return { gen: new Map(this.gen), lastPost: new Map(this.lastPost) };
	}

	load(state: unknown): void {
		const s = state as ReturnType<Kubelets['save']>;
		this.gen = new Map(s.gen);
		this.lastPost = new Map(s.lastPost);
	}
}
