/**
 * kube-aggregator's availability controllers, which write every APIService's `Available`
 * condition (what `kubectl get apiservices` shows as AVAILABLE):
 * - a Local APIService (no spec.service: served by kube-apiserver itself) is always available
 *   (pkg/controllers/status/local/local_available_controller.go: reason Local);
 * - one backed by a Service (pkg/controllers/status/remote/remote_available_controller.go sync):
 *   ServiceNotFound when the Service is missing; for a ClusterIP Service, ServicePortError when no
 *   port of it is spec.service.port, EndpointsNotFound when it has no EndpointSlice,
 *   MissingEndpoints when no slice holds a ready endpoint with that port's name; then the
 *   discovery check (GET /apis/GROUP/VERSION on the service, 5 attempts): FailedDiscoveryCheck or
 *   Passed. The lab runs no aggregated API server's code, so a ready endpoint stands in for a
 *   discovery answer: a Service with one passes, one without fails the check the way a refused
 *   connection does.
 *
 * The real controllers work through a queue fed by APIService, Service and EndpointSlice
 * informers; the lab syncs inside the write that changes any of them (as its serviceaccounts
 * controller does). With no APIService stored, a Service or EndpointSlice write costs one size
 * check.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Kernel } from '../../core/kernel';
import type { Store } from '../../core/store';
import { rfc3339 } from '../../core/time';
import type { APIService, APIServiceCondition } from '../../manifests/admission-registration-kinds';
import { DEFAULT_SERVICE_REFERENCE_PORT } from '../../manifests/admission-registration-kinds';
import { APISERVICES, ENDPOINTSLICES, SERVICES, key } from './collections';
import { guaranteedUpdate } from './unchanged';

/** discoveryv1.LabelServiceName. */
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

type Verdict = Omit<APIServiceCondition, 'type' | 'lastTransitionTime'>;

export class APIServiceAvailability {
	constructor(private readonly kernel: Kernel) {
		const store = kernel.store;
		store.watch<APIService>(APISERVICES, (e) => {
			if (e.type !== 'DELETED') this.sync(e.key);
		});
		store.watch<Service>(SERVICES, (e) => {
			if (store.size(APISERVICES) > 0)
				this.syncFor(e.object.metadata?.namespace, e.object.metadata?.name);
		});
		store.watch<EndpointSlice>(ENDPOINTSLICES, (e) => {
			if (store.size(APISERVICES) === 0) return;
			const service = e.object.metadata?.labels?.[SERVICE_NAME_LABEL];
			if (service !== undefined) this.syncFor(e.object.metadata?.namespace, service);
		});
	}

	/** getAPIServicesFor: every APIService naming the Service is synced. */
	private syncFor(namespace: string | undefined, name: string | undefined): void {
		for (const api of this.kernel.store.list<APIService>(APISERVICES)) {
			const service = api.spec?.service;
			if (service?.namespace === namespace && service?.name === name)
				this.sync(api.metadata!.name!);
		}
	}

	private sync(name: string): void {
		const store = this.kernel.store;
		const api = store.get<APIService>(APISERVICES, name);
		if (api === undefined) return;
		const verdict = this.verdict(api);
		const conditions = api.status?.conditions ?? [];
		const existing = conditions.find((c) => c.type === 'Available');
		// SetAPIServiceCondition: lastTransitionTime moves only with the status.
		const next: APIServiceCondition = {
			type: 'Available',
			status: verdict.status,
			lastTransitionTime:
				existing !== undefined && existing.status === verdict.status
					? existing.lastTransitionTime
					: rfc3339(this.kernel.now),
			reason: verdict.reason,
			message: verdict.message
		};
		if (
			existing !== undefined &&
			existing.status === next.status &&
			existing.reason === next.reason &&
			existing.message === next.message
		)
			return;
		const others = conditions.filter((c) => c.type !== 'Available');
		guaranteedUpdate(store, APISERVICES, name, {
			...api,
			status: {
				conditions:
					existing === undefined
						? [...others, next]
						: conditions.map((c) => (c === existing ? next : c))
			}
		});
	}

	private verdict(api: APIService): Verdict {
		const ref = api.spec?.service;
		if (ref === undefined)
			return { status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
		const ns = ref.namespace ?? '';
		const svcName = ref.name ?? '';
		const port = ref.port ?? DEFAULT_SERVICE_REFERENCE_PORT;
		const where = `service/${svcName} in ${JSON.stringify(ns)}`;
		const service = this.kernel.store.get<Service>(SERVICES, key(ns, svcName));
		if (service === undefined)
			return { status: 'False', reason: 'ServiceNotFound', message: `${where} is not present` };
		const slices = serviceSlices(this.kernel.store, ns, svcName);
		const servicePort = (service.spec?.ports ?? []).find((p) => p.port === port);
		// The ClusterIP checks (a Service of no type is a ClusterIP one).
		if ((service.spec?.type ?? 'ClusterIP') === 'ClusterIP') {
			if (servicePort === undefined)
				return {
					status: 'False',
					reason: 'ServicePortError',
					message: `${where} is not listening on port ${port}`
				};
			if (slices.length === 0)
				return {
					status: 'False',
					reason: 'EndpointsNotFound',
					message: `cannot find endpointslices for ${where}`
				};
			const portName = servicePort.name ?? '';
			if (!hasAvailableEndpoint(portName, slices))
				return {
					status: 'False',
					reason: 'MissingEndpoints',
					message: `endpointslices for ${where} have no addresses with port name ${JSON.stringify(portName)}`
				};
		}
		// The discovery check, through the Service's cluster IP (the ClusterIP service resolver a
		// kubeadm API server uses: --enable-aggregator-routing is false).
		const ready = slices.some((s) =>
			(s.endpoints ?? []).some((e) => e.conditions?.ready === undefined || e.conditions.ready)
		);
		if (!ready) {
			const host = `${service.spec?.clusterIP ?? ''}:${port}`;
			const url = `https://${host}/apis/${api.spec?.group ?? ''}/${api.spec?.version ?? ''}`;
			return {
				status: 'False',
				reason: 'FailedDiscoveryCheck',
				message: `failing or missing response from ${url}: Get "${url}": dial tcp ${host}: connect: connection refused`
			};
		}
		return { status: 'True', reason: 'Passed', message: 'all checks passed' };
	}
}

/** A Service's EndpointSlices (those labelled with its name, in its namespace). */
export function serviceSlices(store: Store, namespace: string, service: string): EndpointSlice[] {
	return store
		.list<EndpointSlice>(ENDPOINTSLICES)
		.filter(
			(s) =>
				s.metadata?.namespace === namespace && s.metadata?.labels?.[SERVICE_NAME_LABEL] === service
		);
}

/**
 * hasAvailableEndpoint: a slice with a ready endpoint (ready unset counts as ready, as for
 * kube-proxy) and the named port — what both the aggregator and a connection through the
 * Service's cluster IP need.
 */
export function hasAvailableEndpoint(portName: string, slices: readonly EndpointSlice[]): boolean {
	return slices.some(
		(s) =>
			(s.endpoints ?? []).some((e) => e.conditions?.ready === undefined || e.conditions.ready) &&
			(s.ports ?? []).some((p) => (p.name ?? '') === portName && p.port !== undefined)
	);
}
