/**
 * kube-proxy on every node: its own, delayed copy of the Services and their endpoints.
 *
 * A change to a Service or an EndpointSlice reaches each node's informer after the network's
 * delay (lost while the node is cut off from the API server); kube-proxy then resyncs its
 * rules no more often than minSyncPeriod (1 s) after the previous sync (BoundedFrequencyRunner),
 * and resyncs every syncPeriod (30 s) anyway. Between a pod's deletion and that node's sync
 * the old rules still send it connections: the window a learner can watch with `sim traffic`.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Component, Kernel } from '../../core/kernel';
import { LOST } from '../../core/network';
import { ENDPOINTSLICES, SERVICES } from '../api/collections';
import type { ApiServerLocator } from '../kubelets';
import {
	KUBE_PROXY_DEFAULT_MODE,
	KUBE_PROXY_MIN_SYNC_PERIOD_MS,
	KUBE_PROXY_SYNC_PERIOD_MS
} from '../defaults';
import { iptablesPick, roundRobinPick } from './backend-choice';
import { buildProxyView, usableEndpoints, type ProxyEndpoint, type ProxyView } from './proxy-view';

export type ProxyMode = 'iptables' | 'ipvs';

interface NodeProxy {
	view: ProxyView;
	/** When the view was last rebuilt (-Infinity before the first sync). */
	lastSync: number;
	/** The pending sync's time, if one is queued. */
	syncAt: number | null;
	notifyPending: boolean;
	/** The pending periodic resync's time, if one is queued. */
	resyncAt: number | null;
	/** IPVS round-robin cursors per service port (NO_CURSORS until the first pick). */
	cursors: Map<string, number>;
	/** ClientIP affinity: `service|client` → the endpoint chosen and when it was last used. */
	affinity: Map<string, Affinity>;
}

interface State {
	mode: ProxyMode;
	nodes: Map<string, NodeProxy>;
}

export interface Choice {
	endpoint: ProxyEndpoint;
	/** How many endpoints the rules chose among. */
	among: number;
}

const EMPTY: ProxyView = new Map();

export class KubeProxies implements Component {
	readonly name = 'kube-proxy';
	private mode: ProxyMode = KUBE_PROXY_DEFAULT_MODE;
	private nodes = new Map<string, NodeProxy>();

	constructor(
		private readonly kernel: Kernel,
		private readonly locator: ApiServerLocator,
		private readonly hosts: readonly string[],
		private readonly isUp: (host: string) => boolean
	) {
		kernel.on('kube-proxy.notify', (a) => this.delivered(a as string));
		kernel.on('kube-proxy.sync', (a) => this.sync(a as { node: string; at: number }));
		kernel.on('kube-proxy.resync', (a) => this.resync(a as { node: string; at: number }));
		const changed = () => this.broadcast();
		kernel.store.watch<Service>(SERVICES, changed);
		kernel.store.watch<EndpointSlice>(ENDPOINTSLICES, changed);
		kernel.register(this);
	}

	get proxyMode(): ProxyMode {
		return this.mode;
	}

	/** `sim kube-proxy mode …`: the proxiers are restarted in the new mode and sync at once. */
	setMode(mode: ProxyMode): void {
		this.mode = mode;
		for (const [node, p] of this.nodes) {
			p.cursors = NO_CURSORS;
			p.affinity = NO_AFFINITY;
			if (this.isUp(node)) this.requestSync(node, p, true);
		}
	}

	/** The rules on a node right now. */
	view(node: string): ProxyView {
		return this.nodes.get(node)?.view ?? EMPTY;
	}

	lastSync(node: string): number {
		return this.nodes.get(node)?.lastSync ?? -Infinity;
	}

	/** The machine boots: kube-proxy starts and programs everything it reads. */
	boot(node: string): void {
		this.requestSync(node, this.proxy(node), true);
	}

	/** The machine stops: its rules are gone with it. */
	halt(node: string): void {
		if (this.nodes.has(node)) this.nodes.set(node, fresh());
	}

	/**
	 * A node's proxy state, made on first use: a lab without Services keeps none, so big
	 * clusters pay nothing for kube-proxy until someone creates a Service.
	 */
	private proxy(node: string): NodeProxy {
		let p = this.nodes.get(node);
		if (p === undefined) this.nodes.set(node, (p = fresh()));
		return p;
	}

	/**
	 * One new connection to `serviceKey`'s port `portIndex` entering at `node`, from `client`:
	 * the endpoint its rules pick, or undefined when they have none.
	 */
	choose(
		node: string,
		serviceKey: string,
		portIndex: number,
		client: string,
		nodePort: boolean
	): Choice | undefined {
		const p = this.nodes.get(node);
		const svc = p?.view.get(serviceKey);
		const port = svc?.ports[portIndex];
		if (p === undefined || svc === undefined || port === undefined) return undefined;
		const list = usableEndpoints(port, nodePort && svc.externalLocal ? node : undefined);
		if (list.length === 0) return undefined;
		const ruleKey = `${serviceKey}:${portIndex}`;
		if (svc.affinityMs !== null) {
			const a = p.affinity.get(`${ruleKey}|${client}`);
			const hit = a !== undefined && this.kernel.now - a.last <= svc.affinityMs;
			const kept = hit ? list.find((e) => e.ip === a.ip) : undefined;
			if (kept !== undefined) {
				ownAffinity(p).set(`${ruleKey}|${client}`, { ip: kept.ip, last: this.kernel.now });
				return { endpoint: kept, among: list.length };
			}
		}
		let index: number;
		if (this.mode === 'ipvs') {
			const pick = roundRobinPick(list.length, p.cursors.get(ruleKey) ?? 0);
			ownCursors(p).set(ruleKey, pick.next);
			index = pick.index;
		} else index = iptablesPick(list.length, this.kernel.rng.stream(`kube-proxy/${node}`));
		const endpoint = list[index]!;
		if (svc.affinityMs !== null)
			ownAffinity(p).set(`${ruleKey}|${client}`, { ip: endpoint.ip, last: this.kernel.now });
		return { endpoint, among: list.length };
	}

	/** A write the informers will see: each running node hears of it after the network's delay. */
	private broadcast(): void {
		const api = this.locator.apiHost();
		if (api === undefined) return;
		for (const node of this.hosts) {
			if (!this.isUp(node)) continue;
			const p = this.proxy(node);
			if (p.notifyPending) continue;
			const delay = this.kernel.network.send(api, node);
			if (delay === LOST) continue;
			p.notifyPending = true;
			this.kernel.after(delay, 'kube-proxy.notify', node);
		}
	}

	private delivered(node: string): void {
		const p = this.proxy(node);
		p.notifyPending = false;
		const api = this.locator.apiHost();
		if (api === undefined || !this.kernel.network.canDeliver(api, node)) return;
		this.requestSync(node, p, false);
	}

	/** BoundedFrequencyRunner: run now, or minSyncPeriod after the last run, whichever is later. */
	private requestSync(node: string, p: NodeProxy, now: boolean): void {
		const due = now
			? this.kernel.now
			: Math.max(this.kernel.now, p.lastSync + KUBE_PROXY_MIN_SYNC_PERIOD_MS);
		if (p.syncAt !== null && p.syncAt <= due) return;
		p.syncAt = due;
		this.kernel.at(due, 'kube-proxy.sync', { node, at: due });
	}

	private sync(arg: { node: string; at: number }): void {
		const p = this.nodes.get(arg.node);
		if (p === undefined || p.syncAt !== arg.at) return;
		p.syncAt = null;
		if (!this.isUp(arg.node)) return;
		const api = this.locator.apiHost();
		// Cut off from the API server, the informer cache cannot move: the rules stay as they are.
		if (api !== undefined && this.kernel.network.connected(arg.node, api)) {
			p.view = buildProxyView(
				this.kernel.store.list<Service>(SERVICES),
				this.kernel.store.list<EndpointSlice>(ENDPOINTSLICES)
			);
		}
		p.lastSync = this.kernel.now;
		if (p.resyncAt === null) {
			p.resyncAt = this.kernel.now + KUBE_PROXY_SYNC_PERIOD_MS;
			this.kernel.at(p.resyncAt, 'kube-proxy.resync', { node: arg.node, at: p.resyncAt });
		}
	}

	private resync(arg: { node: string; at: number }): void {
		const p = this.proxy(arg.node);
		if (p.resyncAt !== arg.at) return;
		p.resyncAt = null;
		if (this.isUp(arg.node)) this.requestSync(arg.node, p, false);
	}

	save(): State {
		const nodes = new Map<string, NodeProxy>();
		for (const [n, p] of this.nodes)
			nodes.set(n, {
				...p,
				cursors: copyOf(p.cursors, NO_CURSORS),
				affinity: copyOf(p.affinity, NO_AFFINITY)
			});
		return { mode: this.mode, nodes };
	}

	load(state: unknown): void {
		const s = state as State;
		this.mode = s.mode;
		this.nodes = new Map();
		for (const [n, p] of s.nodes)
			this.nodes.set(n, {
				...p,
				cursors: copyOf(p.cursors, NO_CURSORS),
				affinity: copyOf(p.affinity, NO_AFFINITY)
			});
	}
}

function fresh(): NodeProxy {
	return {
		view: EMPTY,
		lastSync: -Infinity,
		syncAt: null,
		notifyPending: false,
		resyncAt: null,
		cursors: NO_CURSORS,
		affinity: NO_AFFINITY
	};
}

interface Affinity {
	ip: string;
	last: number;
}

/**
 * The empty tables every node's proxy starts with, shared and never written: most proxies never
 * pick by round robin or keep an affinity, and each checkpoint would otherwise copy two empty
 * maps per node (5,000 nodes, 20,000 maps). A proxy writes to tables of its own (`own…`).
 */
const NO_CURSORS = new Map<string, number>();
const NO_AFFINITY = new Map<string, Affinity>();

function ownCursors(p: NodeProxy): Map<string, number> {
	if (p.cursors === NO_CURSORS) p.cursors = new Map();
	return p.cursors;
}

function ownAffinity(p: NodeProxy): Map<string, Affinity> {
	if (p.affinity === NO_AFFINITY) p.affinity = new Map();
	return p.affinity;
}

/** A checkpoint's copy of a table: the shared empty one while it is empty. */
function copyOf<V>(table: Map<string, V>, empty: Map<string, V>): Map<string, V> {
	return table.size === 0 ? empty : new Map(table);
}
