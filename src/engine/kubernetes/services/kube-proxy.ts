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

/**
 * The proxies' state, one column per field indexed like `hosts`: a record and a map entry per
 * node cost ~130 B, and every checkpoint copied them all (5,000 nodes: 0.6 MB a copy); columns
 * cost a few numbers a node and copy as arrays.
 */
interface State {
	mode: ProxyMode;
	/** The nodes whose proxy has started, in the order they first did (setMode's order). */
	order: number[];
	/** 1 for a node in `order`. */
	made: Uint8Array;
	/** The rules (EMPTY before the first sync). */
	view: ProxyView[];
	/** When the view was last rebuilt (-Infinity before the first sync). */
	lastSync: Float64Array;
	/** The pending sync's time, NaN when none is queued. */
	syncAt: Float64Array;
	/** 1 while a change notification is on its way to the node. */
	notifyPending: Uint8Array;
	/** The pending periodic resync's time, NaN when none is queued. */
	resyncAt: Float64Array;
	/** IPVS round-robin cursors per service port (NO_CURSORS until the first pick). */
	cursors: Map<string, number>[];
	/** ClientIP affinity: `service|client` → the endpoint chosen and when it was last used. */
	affinity: Map<string, Affinity>[];
}

export interface Choice {
	endpoint: ProxyEndpoint;
	/** How many endpoints the rules chose among. */
	among: number;
}

const EMPTY: ProxyView = new Map();

/**
 * A queued sync or resync is one number, `at × NODE_SLOTS + node index` (like the kubelets'
 * heartbeats): no object per node in the queue or in each checkpoint's copy of it.
 */
const NODE_SLOTS = 16_384;

export class KubeProxies implements Component {
	readonly name = 'kube-proxy';
	private readonly index = new Map<string, number>();
	private s: State;

	constructor(
		private readonly kernel: Kernel,
		private readonly locator: ApiServerLocator,
		private readonly hosts: readonly string[],
		private readonly isUp: (host: string) => boolean
	) {
		if (hosts.length > NODE_SLOTS) throw new Error(`at most ${NODE_SLOTS} kube-proxies`);
		hosts.forEach((h, i) => this.index.set(h, i));
		const n = hosts.length;
		this.s = {
			mode: KUBE_PROXY_DEFAULT_MODE,
			order: [],
			made: new Uint8Array(n),
			view: hosts.map(() => EMPTY),
			lastSync: new Float64Array(n).fill(-Infinity),
			syncAt: new Float64Array(n).fill(NaN),
			notifyPending: new Uint8Array(n),
			resyncAt: new Float64Array(n).fill(NaN),
			cursors: hosts.map(() => NO_CURSORS),
			affinity: hosts.map(() => NO_AFFINITY)
		};
		kernel.on('kube-proxy.notify', (a) => this.delivered(a as string));
		kernel.on('kube-proxy.sync', (a) => this.sync(a as number));
		kernel.on('kube-proxy.resync', (a) => this.resync(a as number));
		const changed = () => this.broadcast();
		kernel.store.watch<Service>(SERVICES, changed);
		kernel.store.watch<EndpointSlice>(ENDPOINTSLICES, changed);
		kernel.register(this);
	}

	get proxyMode(): ProxyMode {
		return this.s.mode;
	}

	/** `sim kube-proxy mode …`: the proxiers are restarted in the new mode and sync at once. */
	setMode(mode: ProxyMode): void {
		const s = this.s;
		s.mode = mode;
		for (const i of s.order) {
			s.cursors[i] = NO_CURSORS;
			s.affinity[i] = NO_AFFINITY;
			if (this.isUp(this.hosts[i]!)) this.requestSync(i, true);
		}
	}

	/** The rules on a node right now. */
	view(node: string): ProxyView {
		const i = this.index.get(node);
		return i === undefined ? EMPTY : this.s.view[i]!;
	}

	lastSync(node: string): number {
		const i = this.index.get(node);
		return i === undefined ? -Infinity : this.s.lastSync[i]!;
	}

	/** The machine boots: kube-proxy starts and programs everything it reads. */
	boot(node: string): void {
		const i = this.proxy(node);
		if (i !== undefined) this.requestSync(i, true);
	}

	/** The machine stops: its rules are gone with it. */
	halt(node: string): void {
		const i = this.index.get(node);
		if (i === undefined || this.s.made[i] === 0) return;
		const s = this.s;
		s.view[i] = EMPTY;
		s.lastSync[i] = -Infinity;
		s.syncAt[i] = NaN;
		s.notifyPending[i] = 0;
		s.resyncAt[i] = NaN;
		s.cursors[i] = NO_CURSORS;
		s.affinity[i] = NO_AFFINITY;
	}

	/** A node's index, its proxy counted as started from now on (undefined: not a host). */
	private proxy(node: string): number | undefined {
		const i = this.index.get(node);
		if (i !== undefined && this.s.made[i] === 0) {
			this.s.made[i] = 1;
			this.s.order.push(i);
		}
		return i;
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
		const i = this.index.get(node);
		if (i === undefined || this.s.made[i] === 0) return undefined;
		const s = this.s;
		const svc = s.view[i]!.get(serviceKey);
		const port = svc?.ports[portIndex];
		if (svc === undefined || port === undefined) return undefined;
		const list = usableEndpoints(port, nodePort && svc.externalLocal ? node : undefined);
		if (list.length === 0) return undefined;
		const ruleKey = `${serviceKey}:${portIndex}`;
		if (svc.affinityMs !== null) {
			const a = s.affinity[i]!.get(`${ruleKey}|${client}`);
			const hit = a !== undefined && this.kernel.now - a.last <= svc.affinityMs;
			const kept = hit ? list.find((e) => e.ip === a.ip) : undefined;
			if (kept !== undefined) {
				this.ownAffinity(i).set(`${ruleKey}|${client}`, { ip: kept.ip, last: this.kernel.now });
				return { endpoint: kept, among: list.length };
			}
		}
		let index: number;
		if (s.mode === 'ipvs') {
			const pick = roundRobinPick(list.length, s.cursors[i]!.get(ruleKey) ?? 0);
			this.ownCursors(i).set(ruleKey, pick.next);
			index = pick.index;
		} else index = iptablesPick(list.length, this.kernel.rng.stream(`kube-proxy/${node}`));
		const endpoint = list[index]!;
		if (svc.affinityMs !== null)
			this.ownAffinity(i).set(`${ruleKey}|${client}`, { ip: endpoint.ip, last: this.kernel.now });
		return { endpoint, among: list.length };
	}

	private ownCursors(i: number): Map<string, number> {
		const s = this.s;
		if (s.cursors[i] === NO_CURSORS) s.cursors[i] = new Map();
		return s.cursors[i]!;
	}

	private ownAffinity(i: number): Map<string, Affinity> {
		const s = this.s;
		if (s.affinity[i] === NO_AFFINITY) s.affinity[i] = new Map();
		return s.affinity[i]!;
	}

	/** A write the informers will see: each running node hears of it after the network's delay. */
	private broadcast(): void {
		const api = this.locator.apiHost();
		if (api === undefined) return;
		const s = this.s;
		for (const node of this.hosts) {
			if (!this.isUp(node)) continue;
			const i = this.proxy(node)!;
			if (s.notifyPending[i] === 1) continue;
			const delay = this.kernel.network.send(api, node);
			if (delay === LOST) continue;
			s.notifyPending[i] = 1;
			this.kernel.after(delay, 'kube-proxy.notify', node);
		}
	}

	private delivered(node: string): void {
		const i = this.proxy(node);
		if (i === undefined) return;
		this.s.notifyPending[i] = 0;
		const api = this.locator.apiHost();
		if (api === undefined || !this.kernel.network.canDeliver(api, node)) return;
		this.requestSync(i, false);
	}

	/** BoundedFrequencyRunner: run now, or minSyncPeriod after the last run, whichever is later. */
	private requestSync(i: number, now: boolean): void {
		const s = this.s;
		const due = now
			? this.kernel.now
			: Math.max(this.kernel.now, s.lastSync[i]! + KUBE_PROXY_MIN_SYNC_PERIOD_MS);
		// NaN (none queued) fails the comparison.
		if (s.syncAt[i]! <= due) return;
		s.syncAt[i] = due;
		this.kernel.at(due, 'kube-proxy.sync', due * NODE_SLOTS + i);
	}

	private sync(arg: number): void {
		const i = arg % NODE_SLOTS;
		const at = (arg - i) / NODE_SLOTS;
		const s = this.s;
		if (s.made[i] === 0 || s.syncAt[i] !== at) return;
		s.syncAt[i] = NaN;
		const node = this.hosts[i]!;
		if (!this.isUp(node)) return;
		const api = this.locator.apiHost();
		// Cut off from the API server, the informer cache cannot move: the rules stay as they are.
		if (api !== undefined && this.kernel.network.connected(node, api)) {
			s.view[i] = this.currentView();
		}
		s.lastSync[i] = this.kernel.now;
		if (Number.isNaN(s.resyncAt[i]!)) {
			const resyncAt = this.kernel.now + KUBE_PROXY_SYNC_PERIOD_MS;
			s.resyncAt[i] = resyncAt;
			this.kernel.at(resyncAt, 'kube-proxy.resync', resyncAt * NODE_SLOTS + i);
		}
	}

	private resync(arg: number): void {
		const i = arg % NODE_SLOTS;
		const at = (arg - i) / NODE_SLOTS;
		const s = this.s;
		this.proxy(this.hosts[i]!);
		if (s.resyncAt[i] !== at) return;
		s.resyncAt[i] = NaN;
		if (this.isUp(this.hosts[i]!)) this.requestSync(i, false);
	}

	/**
	 * The rules the Services and EndpointSlices make now: one view for every node that syncs
	 * before either changes (a 5,000-node cluster's proxies sync together), made again after any
	 * write to them or a restored checkpoint (which changes them without a write).
	 */
	private currentView(): ProxyView {
		const store = this.kernel.store;
		const services = store.writesTo(SERVICES);
		const slices = store.writesTo(ENDPOINTSLICES);
		if (this.built === null || this.builtFrom[0] !== services || this.builtFrom[1] !== slices) {
			this.built = buildProxyView(
				store.list<Service>(SERVICES),
				store.list<EndpointSlice>(ENDPOINTSLICES)
			);
			this.builtFrom = [services, slices];
		}
		return this.built;
	}

	private built: ProxyView | null = null;
	private builtFrom: readonly [number, number] = [0, 0];

	save(): State {
		return copyState(this.s);
	}

	load(state: unknown): void {
		this.s = copyState(state as State);
		this.built = null;
	}
}

/** A copy no later change touches (the shared empty tables stay shared). */
function copyState(s: State): State {
	return {
		mode: s.mode,
		order: s.order.slice(),
		made: s.made.slice(),
		view: s.view.slice(),
		lastSync: s.lastSync.slice(),
		syncAt: s.syncAt.slice(),
		notifyPending: s.notifyPending.slice(),
		resyncAt: s.resyncAt.slice(),
		cursors: s.cursors.map((t) => copyOf(t, NO_CURSORS)),
		affinity: s.affinity.map((t) => copyOf(t, NO_AFFINITY))
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

/** A checkpoint's copy of a table: the shared empty one while it is empty. */
function copyOf<V>(table: Map<string, V>, empty: Map<string, V>): Map<string, V> {
	return table.size === 0 ? empty : new Map(table);
}
