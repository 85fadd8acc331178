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
 *    --publish-service nor --publish-status-address, the addresses of the nodes running a Ready
 *    controller pod, sorted, when it starts leading and then once a minute
 *    (internal/ingress/status/status.go runningAddresses, UpdateInterval). A new Ingress shows no
 *    ADDRESS until that next sync, and a dead controller's address stays until a new leader syncs.
 *
 * The lab keeps one backend view for all controller pods (each real pod keeps its own) and takes
 * the first Ready pod by name as the leader (the real one wins a Lease).
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { ENDPOINTSLICES, INGRESSCLASSES, INGRESSES, PODS, SERVICES } from '../api/collections';
import {
	INGRESS_BACKENDS_SYNC_MS,
	INGRESS_NGINX_CONTROLLER,
	INGRESS_STATUS_SYNC_MS
} from '../defaults';
import type { ApiServerLocator } from '../kubelets';
import { isReady, selectorMatches } from '../pods';
import { buildProxyView, type ProxyView } from './proxy-view';
import { INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_SELECTOR } from './ingress-nginx-manifest';
import { NODES } from '../node-object';

interface State {
	installed: boolean;
	leader: string | null;
	statusAt: number;
	cursors: Map<string, number>;
	view: ProxyView;
}

export class IngressController implements Component {
	readonly name = 'ingress-controller';
	private installed = false;
	/** The pod leading the status sync, and when it syncs next. */
	private leader: string | null = null;
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

	/** The controller pods that run: Running on a node that is up. */
	private runningPods(): Pod[] {
		return this.api
			.list<Pod>(PODS, INGRESS_NGINX_NAMESPACE)
			.filter(
				(p) =>
					p.status?.phase === 'Running' &&
					p.metadata?.deletionTimestamp === undefined &&
					this.isUp(p.spec?.nodeName ?? '') &&
					selectorMatches({ matchLabels: { ...INGRESS_NGINX_SELECTOR } }, p.metadata?.labels)
			)
			.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
	}

	/** Whether a running controller pod's node can reach the API server (its informers). */
	private reachesApi(pods: readonly Pod[]): boolean {
		const api = this.locator.apiHost();
		return (
			api !== undefined &&
			pods.some((p) => this.kernel.network.connected(p.spec?.nodeName ?? '', api))
		);
	}

	/** Once a second: balancer.lua's backend sync, and the leader's status sync when due. */
	private tick(): void {
		const pods = this.runningPods();
		if (this.reachesApi(pods)) {
			this.backends = buildProxyView(
				this.kernel.store.list<Service>(SERVICES),
				this.kernel.store.list<EndpointSlice>(ENDPOINTSLICES)
			);
			const ready = pods.filter(isReady);
			const leader = ready[0]?.metadata?.name ?? null;
			// A new leader syncs at once; the same leader once a minute.
			if (leader !== null && (leader !== this.leader || this.kernel.now >= this.statusAt)) {
				this.leader = leader;
				this.statusAt = this.kernel.now + INGRESS_STATUS_SYNC_MS;
				this.updateStatus(ready);
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

	/** status.go updateStatus: every served Ingress gets the Ready pods' node addresses. */
	private updateStatus(ready: readonly Pod[]): void {
		const ips = new Set<string>();
		for (const p of ready) {
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
			statusAt: this.statusAt,
			cursors: new Map(this.cursors),
			view: this.backends
		};
	}

	load(state: unknown): void {
		const s = state as State;
		this.installed = s.installed;
		this.leader = s.leader;
		this.statusAt = s.statusAt;
		this.cursors = new Map(s.cursors);
		this.backends = s.view;
	}
}
