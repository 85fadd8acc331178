/**
 * The ingress-nginx controller, installed by `sim addon ingress-nginx [--class NAME]`: a
 * cluster starts without one (as kubeadm's does; corpus SOURCES.md), so Ingresses route nothing
 * until it is installed. The addon applies the project's bare-metal manifest
 * (./ingress-nginx-manifest.ts): the controller runs as the pods of a Deployment in the
 * `ingress-nginx` namespace, behind a NodePort Service, and this component is what runs inside
 * those pods, for as long as one of them runs on a live node:
 *
 *  - its nginx reads the endpoints from the API server once a second
 *    (rootfs/etc/nginx/lua/balancer.lua BACKENDS_SYNC_INTERVAL = 1), spreads requests round-robin
 *    (balancer.lua DEFAULT_LB_ALG = "round_robin") and, when an upstream refuses or times out,
 *    tries the next one, 3 tries in all (internal/ingress/controller/config/config.go NewDefault:
 *    ProxyNextUpstream "error timeout", ProxyNextUpstreamTries 3);
 *  - the leader publishes where it runs on every Ingress of its classes: with neither
 *    --publish-service nor --publish-status-address, the addresses of the nodes running a pod
 *    the API shows Running and Ready, sorted, when it starts leading and then once a minute
 *    (internal/ingress/status/status.go runningAddresses, UpdateInterval). A controller leads
 *    before its readiness probe passes, so its own address comes a minute later; a new Ingress
 *    waits for the next sync; a dead node's address stays until its pod is marked not ready and
 *    a leader syncs again.
 *
 * The lab keeps one backend view for all controller pods (each real pod keeps its own); the
 * leader lease goes to the first running pod by name (the real ones race for a Lease object).
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { ENDPOINTSLICES, INGRESSCLASSES, INGRESSES, PODS, SERVICES } from '../api/collections';
import {
	INGRESS_BACKENDS_SYNC_MS,
	INGRESS_ELECTION_TTL_MS,
	INGRESS_NGINX_CONTROLLER,
	INGRESS_STATUS_SYNC_MS
} from '../defaults';
import type { ApiServerLocator } from '../kubelets';
import { isReady, selectorMatches } from '../pods';
import { buildProxyView, type ProxyView } from './proxy-view';
import { INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_SELECTOR } from './ingress-nginx-manifest';
import { NODES } from '../node-object';
import { goCompare } from '../../manifests/json';

interface State {
	installed: boolean;
	leader: string | null;
	renewedAt: number;
	statusAt: number;
	cursors: Map<string, number>;
	view: ProxyView;
}

export class IngressController implements Component {
	readonly name = 'ingress-controller';
	private installed = false;
	/** The pod holding the leader lease, when it last renewed it, and when it syncs next. */
	private leader: string | null = null;
	private renewedAt = 0;
	private statusAt = 0;
	private cursors = new Map<string, number>();
	private backends: ProxyView = new Map();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator,
		private readonly isUp: (host: string) => boolean
	) {
		kernel.on('ingress.backends', () => this.tick());
		kernel.register(this);
	}

	/** Whether the addon is installed (its objects may since have been changed or deleted). */
	get isInstalled(): boolean {
		return this.installed;
	}

	/** Starts the controller's loops once the addon's objects are applied. */
	install(): void {
		if (this.installed) return;
		this.installed = true;
		this.kernel.after(0, 'ingress.backends', null);
	}

	/**
	 * Whether this controller serves the Ingress: one naming a class of ours. An Ingress with no
	 * class is ignored (ingress-nginx `--watch-ingress-without-class` defaults to false).
	 */
	serves(ingress: Ingress): boolean {
		const name = ingress.spec?.ingressClassName;
		if (!this.installed || name === undefined) return false;
		const cls = this.kernel.store.get<IngressClass>(INGRESSCLASSES, name);
		return cls?.spec?.controller === INGRESS_NGINX_CONTROLLER;
	}

	/** The endpoints nginx holds for the Services, as of its last backend sync. */
	get view(): ProxyView {
		return this.backends;
	}

	/** The controller pods whose process runs and reaches the API server (they can lead). */
	private livePods(): Pod[] {
		const api = this.locator.apiHost();
		if (api === undefined) return [];
		return this.controllerPods().filter(
			(p) =>
				p.status?.phase === 'Running' &&
				this.isUp(p.spec?.nodeName ?? '') &&
				this.kernel.network.connected(p.spec?.nodeName ?? '', api)
		);
	}

	/** The controller's pods as the API server lists them (not being deleted), by name. */
	private controllerPods(): Pod[] {
		return this.api
			.list<Pod>(PODS, INGRESS_NGINX_NAMESPACE)
			.filter(
				(p) =>
					p.metadata?.deletionTimestamp === undefined &&
					selectorMatches({ matchLabels: { ...INGRESS_NGINX_SELECTOR } }, p.metadata?.labels)
			)
			.sort((a, b) => goCompare(a.metadata?.name ?? '', b.metadata?.name ?? ''));
	}

	/**
	 * Once a second: balancer.lua's backend sync in the pods that run, the leader's lease, and
	 * its status sync when due. A running pod takes the lease at once when nobody holds it, or
	 * once the holder has not renewed it for the election TTL; a new leader syncs at once.
	 */
	private tick(): void {
		const live = this.livePods();
		if (live.length > 0) {
			this.backends = buildProxyView(
				this.kernel.store.list<Service>(SERVICES),
				this.kernel.store.list<EndpointSlice>(ENDPOINTSLICES)
			);
			const now = this.kernel.now;
			const holder = live.find((p) => p.metadata?.name === this.leader);
			if (holder !== undefined) this.renewedAt = now;
			else if (this.leader === null || now - this.renewedAt >= INGRESS_ELECTION_TTL_MS) {
				this.leader = live[0]!.metadata?.name ?? null;
				this.renewedAt = now;
				this.statusAt = now;
			}
			if (live.some((p) => p.metadata?.name === this.leader) && now >= this.statusAt) {
				this.statusAt = now + INGRESS_STATUS_SYNC_MS;
				this.updateStatus();
			}
		}
		this.kernel.after(INGRESS_BACKENDS_SYNC_MS, 'ingress.backends', null);
	}

	/** The next round-robin index for an upstream of `n` endpoints. */
	nextIndex(upstream: string, n: number): number {
		const cursor = this.cursors.get(upstream) ?? 0;
		this.cursors.set(upstream, cursor + 1);
		return cursor % n;
	}

	/**
	 * status.go runningAddresses and updateStatus: the nodes of the pods the API shows Running
	 * and Ready, sorted, on every served Ingress.
	 */
	private updateStatus(): void {
		const ips = new Set<string>();
		for (const p of this.controllerPods()) {
			if (p.status?.phase !== 'Running' || !isReady(p)) continue;
			const node = this.kernel.store.get<Node>(NODES, p.spec?.nodeName ?? '');
			const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
			if (ip !== undefined) ips.add(ip);
		}
		const addresses = [...ips].sort().map((ip) => ({ ip }));
		for (const ing of this.kernel.store.list<Ingress>(INGRESSES)) {
			if (!this.serves(ing)) continue;
			const current = ing.status?.loadBalancer?.ingress ?? [];
			if (
				current.length === addresses.length &&
				current.every((a, i) => a.ip === addresses[i]!.ip && a.hostname === undefined)
			)
				continue;
			this.api.update<Ingress>(INGRESSES, {
				...ing,
				status: { loadBalancer: addresses.length > 0 ? { ingress: addresses } : {} }
			});
		}
	}

	save(): State {
		return {
			installed: this.installed,
			leader: this.leader,
			renewedAt: this.renewedAt,
			statusAt: this.statusAt,
			cursors: new Map(this.cursors),
			view: this.backends
		};
	}

	load(state: unknown): void {
		const s = state as State;
		this.installed = s.installed;
		this.leader = s.leader;
		this.renewedAt = s.renewedAt;
		this.statusAt = s.statusAt;
		this.cursors = new Map(s.cursors);
		this.backends = s.view;
	}
}
