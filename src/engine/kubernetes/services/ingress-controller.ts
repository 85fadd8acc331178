/**
 * The lab's ingress controller addon, `sim addon ingress-nginx [--class NAME]`: a cluster
 * starts without one (as kubeadm's does; corpus SOURCES.md), so Ingresses route nothing until
 * it is installed. Installing it creates an IngressClass (controller `k8s.io/ingress-nginx`)
 * and runs the controller on the first worker, whose address becomes the ADDRESS of every
 * Ingress of its classes (ingress-nginx's status update without a publish service uses the
 * controller's node IP). Its nginx reads the endpoints from the controller once a second
 * (rootfs/etc/nginx/lua/balancer.lua BACKENDS_SYNC_INTERVAL = 1), spreads requests round-robin
 * (balancer.lua DEFAULT_LB_ALG = "round_robin") and, when an upstream refuses or times out,
 * tries the next one, 3 tries in all (internal/ingress/controller/config/config.go NewDefault:
 * ProxyNextUpstream "error timeout", ProxyNextUpstreamTries 3).
 */
import type { Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { Component, Kernel } from '../../core/kernel';
import { uuid } from '../../core/ids';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { ENDPOINTSLICES, INGRESSCLASSES, INGRESSES, SERVICES } from '../api/collections';
import { INGRESS_BACKENDS_SYNC_MS, INGRESS_NGINX_CONTROLLER } from '../defaults';
import type { ApiServerLocator } from '../kubelets';
import { buildProxyView, type ProxyView } from './proxy-view';
import { NODES } from '../node-object';

interface State {
	node: string | null;
	cursors: Map<string, number>;
	statusPending: boolean;
	view: ProxyView;
}

export class IngressController implements Component {
	readonly name = 'ingress-controller';
	private node: string | null = null;
	private cursors = new Map<string, number>();
	private statusPending = false;
	private backends: ProxyView = new Map();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator,
		private readonly hostNames: readonly string[],
		private readonly workers: readonly string[],
		private readonly isUp: (host: string) => boolean
	) {
		kernel.on('ingress.status', () => this.updateStatus());
		kernel.on('ingress.backends', () => this.syncBackends());
		kernel.store.watch<Ingress>(INGRESSES, (e) => {
			if (e.type !== 'DELETED') this.queueStatus();
		});
		kernel.register(this);
	}

	/** Where the controller runs, or null when the addon is not installed. */
	get controllerNode(): string | null {
		return this.node;
	}

	/** Installs the addon (once) and its IngressClass. Returns false if that class exists already. */
	install(className: string): boolean {
		if (this.kernel.store.get(INGRESSCLASSES, className) !== undefined) return false;
		if (this.node === null) {
			this.node = this.workers[0] ?? this.hostNames[0] ?? null;
			this.kernel.after(0, 'ingress.backends', null);
		}
		const uid = uuid(this.kernel.rng.stream('ingress/uids'));
		this.kernel.store.put<IngressClass>(INGRESSCLASSES, className, (rv) => ({
			apiVersion: 'networking.k8s.io/v1',
			kind: 'IngressClass',
			metadata: {
				name: className,
				uid,
				resourceVersion: String(rv),
				generation: 1,
				creationTimestamp: rfc3339(this.kernel.now),
				labels: {
					'app.kubernetes.io/name': 'ingress-nginx',
					'app.kubernetes.io/component': 'controller'
				}
			},
			spec: { controller: INGRESS_NGINX_CONTROLLER }
		}));
		this.queueStatus();
		return true;
	}

	/**
	 * Whether this controller serves the Ingress: one naming a class of ours. An Ingress with no
	 * class is ignored (ingress-nginx `--watch-ingress-without-class` defaults to false).
	 */
	serves(ingress: Ingress): boolean {
		const name = ingress.spec?.ingressClassName;
		if (this.node === null || name === undefined) return false;
		const cls = this.kernel.store.get<IngressClass>(INGRESSCLASSES, name);
		return cls?.spec?.controller === INGRESS_NGINX_CONTROLLER;
	}

	/** The endpoints nginx holds for the Services, as of its last backend sync. */
	get view(): ProxyView {
		return this.backends;
	}

	/** balancer.lua's periodic sync: the controller's informer state, read if it can reach the API server. */
	private syncBackends(): void {
		const node = this.node;
		if (node === null) return;
		const api = this.locator.apiHost();
		if (this.isUp(node) && api !== undefined && this.kernel.network.connected(node, api)) {
			this.backends = buildProxyView(
				this.kernel.store.list<Service>(SERVICES),
				this.kernel.store.list<EndpointSlice>(ENDPOINTSLICES)
			);
		}
		this.kernel.after(INGRESS_BACKENDS_SYNC_MS, 'ingress.backends', null);
	}

	/** The next round-robin index for an upstream of `n` endpoints. */
	nextIndex(upstream: string, n: number): number {
		const cursor = this.cursors.get(upstream) ?? 0;
		this.cursors.set(upstream, cursor + 1);
		return cursor % n;
	}

	private queueStatus(): void {
		if (this.node === null || this.statusPending) return;
		this.statusPending = true;
		this.kernel.after(0, 'ingress.status', null);
	}

	/** Publishes the controller's node address on the Ingresses it serves. */
	private updateStatus(): void {
		this.statusPending = false;
		if (this.node === null) return;
		const node = this.kernel.store.get<Node>(NODES, this.node);
		const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
		if (ip === undefined) return;
		for (const ing of this.kernel.store.list<Ingress>(INGRESSES)) {
			if (!this.serves(ing)) continue;
			const current = ing.status?.loadBalancer?.ingress ?? [];
			if (current.length === 1 && current[0]!.ip === ip) continue;
			this.api.update<Ingress>(INGRESSES, {
				...ing,
				status: { loadBalancer: { ingress: [{ ip }] } }
			});
		}
	}

	save(): State {
		return {
			node: this.node,
			cursors: new Map(this.cursors),
			statusPending: this.statusPending,
			view: this.backends
		};
	}

	load(state: unknown): void {
		const s = state as State;
		this.node = s.node;
		this.cursors = new Map(s.cursors);
		this.statusPending = s.statusPending;
		this.backends = s.view;
	}
}
