/**
 * The EndpointSlice controller and the (deprecated, still running) Endpoints controller of
 * kube-controller-manager, in one reconcile per Service: every pod or Service change queues the
 * Services it touches; a sync writes the slices (`<service>-<5 chars>`, at most 100 endpoints
 * each) and the Endpoints object only when their content changed. The batching delay is the
 * real default, 0 (defaults.ts ENDPOINTSLICE_UPDATES_BATCH_PERIOD_MS).
 */
import type { Endpoints, EndpointAddress, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Component, Kernel } from '../../core/kernel';
import { uuid } from '../../core/ids';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { ENDPOINTS, ENDPOINTSLICES, PODS, SERVICES, key, splitKey } from '../api/collections';
import { randomSuffix } from '../api/names';
import type { ApiServerLocator } from '../kubelets';
import { ENDPOINTSLICE_UPDATES_BATCH_PERIOD_MS, MAX_ENDPOINTS_PER_SLICE } from '../defaults';
import { desiredGroups, type EndpointGroup } from './desired-endpoints';

export { ENDPOINTS };
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** How soon a sync that found the control plane down tries again (a stated lab default). */
const CONTROLLER_RETRY_MS = 1_000;

export class EndpointSliceController implements Component {
	readonly name = 'endpointslice-controller';
	private pending = new Set<string>();
	/**
	 * The Services that select pods, by namespace, in list order: what every pod write is
	 * matched against (a big cluster writes pods hundreds of thousands of times, Services
	 * rarely). Dropped at any Service write and at a checkpoint restore.
	 */
	private selecting: Map<string, Selecting[]> | undefined;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator
	) {
		kernel.on('endpointslice.sync', (k) => this.sync(k as string));
		kernel.store.watch<Service>(SERVICES, (e) => {
			this.selecting = undefined;
			this.enqueue(e.key);
		});
		kernel.store.watch<Pod>(PODS, (e) => {
			const ns = e.object.metadata?.namespace ?? 'default';
			const services = this.selectingIn(ns);
			if (services === undefined) return;
			const labels = e.object.metadata?.labels ?? NO_LABELS;
			for (const s of services) if (matches(s.selector, labels)) this.enqueue(s.key);
		});
		kernel.register(this);
	}

	private selectingIn(ns: string): Selecting[] | undefined {
		if (this.selecting === undefined) {
			this.selecting = new Map();
			for (const s of this.api.list<Service>(SERVICES)) {
				const selector = s.spec?.selector;
				// As desired-endpoints `selects`: without a selector (or with an empty one), no pod.
				if (selector === undefined || Object.keys(selector).length === 0) continue;
				const namespace = s.metadata?.namespace ?? 'default';
				let list = this.selecting.get(namespace);
				if (list === undefined) this.selecting.set(namespace, (list = []));
				list.push({ key: key(namespace, s.metadata!.name!), selector: Object.entries(selector) });
			}
		}
		return this.selecting.get(ns);
	}

	private enqueue(serviceKey: string): void {
		if (this.pending.has(serviceKey)) return;
		this.pending.add(serviceKey);
		this.kernel.after(ENDPOINTSLICE_UPDATES_BATCH_PERIOD_MS, 'endpointslice.sync', serviceKey);
	}

	/** The slices this controller manages for a Service, by name. */
	slicesOf(namespace: string, name: string): EndpointSlice[] {
		return this.api
			.list<EndpointSlice>(ENDPOINTSLICES, namespace)
			.filter(
				(s) =>
					s.metadata?.labels?.[SERVICE_NAME_LABEL] === name &&
					s.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY
			);
	}

	private sync(serviceKey: string): void {
		if (this.locator.apiHost() === undefined) {
			// kube-controller-manager runs on the control plane: it syncs once that is back.
			this.kernel.after(CONTROLLER_RETRY_MS, 'endpointslice.sync', serviceKey);
			return;
		}
		this.pending.delete(serviceKey);
		const { namespace, name } = splitKey(serviceKey);
		const service = this.api.get<Service>(SERVICES, namespace, name);
		const existing = this.slicesOf(namespace, name);
		if (service === undefined) {
			// The garbage collector removes owned objects; the lab does it here at once.
			for (const s of existing) this.api.remove(ENDPOINTSLICES, namespace, s.metadata!.name!);
			this.api.remove(ENDPOINTS, namespace, name);
			return;
		}
		// A Service without a selector is left to whoever manages its endpoints (the user).
		if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) return;
		const pods = this.api.list<Pod>(PODS, namespace);
		let groups = desiredGroups(service, pods, MAX_ENDPOINTS_PER_SLICE);
		// With no endpoints at all, one placeholder slice stays, with no ports and no endpoints
		// (reconciler.go: `endpointMeta{ports: []discovery.EndpointPort{}}`, placeholderSliceCompare).
		if (groups.length === 0) groups = [{ ports: [], endpoints: [] }];
		const keep = existing.slice(0, groups.length);
		groups.forEach((g, i) => this.writeSlice(service, g, keep[i]));
		for (const s of existing.slice(groups.length))
			this.api.remove(ENDPOINTSLICES, namespace, s.metadata!.name!);
		this.writeEndpoints(service, groups);
	}

	private writeSlice(service: Service, group: EndpointGroup, old: EndpointSlice | undefined): void {
		const ns = service.metadata!.namespace ?? 'default';
		const svcName = service.metadata!.name!;
		const body = { addressType: 'IPv4', endpoints: group.endpoints, ports: group.ports };
		if (
			old !== undefined &&
			JSON.stringify({
				addressType: old.addressType,
				endpoints: old.endpoints,
				ports: old.ports
			}) === JSON.stringify(body)
		)
			return;
		const labels = {
			...service.metadata?.labels,
			[MANAGED_BY_LABEL]: MANAGED_BY,
			[SERVICE_NAME_LABEL]: svcName
		};
		const annotations = {
			'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(this.kernel.now)
		};
		if (old !== undefined) {
			this.api.update<EndpointSlice>(ENDPOINTSLICES, {
				...old,
				...body,
				metadata: { ...old.metadata, labels, annotations }
			});
			return;
		}
		// Names from the controller's own stream, so slices never shift the names of pods.
		const random = this.kernel.rng.stream('endpointslice/names');
		let sliceName: string;
		do sliceName = `${svcName}-${randomSuffix(random)}`;
		while (this.api.get(ENDPOINTSLICES, ns, sliceName) !== undefined);
		const uid = uuid(this.kernel.rng.stream('endpointslice/uids'));
		this.kernel.store.put<EndpointSlice>(ENDPOINTSLICES, key(ns, sliceName), (rv) => ({
			apiVersion: 'discovery.k8s.io/v1',
			kind: 'EndpointSlice',
			metadata: {
				name: sliceName,
				generateName: `${svcName}-`,
				namespace: ns,
				uid,
				resourceVersion: String(rv),
				generation: 1,
				creationTimestamp: rfc3339(this.kernel.now),
				labels,
				annotations,
				ownerReferences: [ownerRef(service)]
			},
			...body
		}));
	}

	/** The v1 Endpoints object: ready addresses, not-ready ones apart, terminating pods left out. */
	private writeEndpoints(service: Service, groups: readonly EndpointGroup[]): void {
		const ns = service.metadata!.namespace ?? 'default';
		const name = service.metadata!.name!;
		const subsets = groups
			.map((g) => {
				const live = g.endpoints.filter((e) => !e.conditions?.terminating);
				const address = (e: (typeof live)[number]): EndpointAddress => ({
					ip: e.addresses[0]!,
					...(e.hostname ? { hostname: e.hostname } : {}),
					...(e.nodeName ? { nodeName: e.nodeName } : {}),
					...(e.targetRef ? { targetRef: e.targetRef } : {})
				});
				const ready = live.filter((e) => e.conditions?.ready).map(address);
				const notReady = live.filter((e) => !e.conditions?.ready).map(address);
				return {
					...(ready.length > 0 ? { addresses: ready } : {}),
					...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}),
					ports: (g.ports ?? []).map((p) => ({
						...(p.name ? { name: p.name } : {}),
						port: p.port!,
						protocol: p.protocol ?? 'TCP'
					}))
				};
			})
			.filter((s) => s.addresses !== undefined || s.notReadyAddresses !== undefined);
		const old = this.api.get<Endpoints>(ENDPOINTS, ns, name);
		if (old !== undefined && JSON.stringify(old.subsets ?? []) === JSON.stringify(subsets)) return;
		const object: Endpoints = {
			apiVersion: 'v1',
			kind: 'Endpoints',
			metadata: {
				...(old?.metadata ?? {}),
				name,
				namespace: ns,
				labels: { ...service.metadata?.labels },
				annotations: {
					'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(this.kernel.now)
				}
			},
			...(subsets.length > 0 ? { subsets } : {})
		};
		if (old !== undefined) this.api.update<Endpoints>(ENDPOINTS, object);
		else {
			const uid = uuid(this.kernel.rng.stream('endpointslice/uids'));
			this.kernel.store.put<Endpoints>(ENDPOINTS, key(ns, name), (rv) => ({
				...object,
				metadata: {
					...object.metadata,
					uid,
					resourceVersion: String(rv),
					creationTimestamp: rfc3339(this.kernel.now)
				}
			}));
		}
	}

	save(): string[] {
		return [...this.pending];
	}

	load(state: unknown): void {
		this.pending = new Set(state as string[]);
		this.selecting = undefined;
	}
}

/** A Service that selects pods: its key and its selector's entries. */
interface Selecting {
	key: string;
	selector: [string, string][];
}

const NO_LABELS: Readonly<Record<string, string>> = {};

/** `selects` for a Service with a selector: every entry matches the pod's labels. */
function matches(selector: readonly [string, string][], labels: Readonly<Record<string, string>>) {
	for (const [k, v] of selector) if (labels[k] !== v) return false;
	return true;
}

function ownerRef(service: Service) {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		name: service.metadata!.name!,
		uid: service.metadata?.uid ?? '',
		controller: true,
		blockOwnerDeletion: true
	};
}
