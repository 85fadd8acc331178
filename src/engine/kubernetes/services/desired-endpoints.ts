/**
 * What the EndpointSlice and Endpoints controllers compute for one Service from the pods it
 * selects (pkg/controller/endpointslice reconciler.go, utils.go; pkg/controller/endpoint):
 * pure functions of the Service and its pods, so the controllers only diff and write.
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { isReady, isTerminating } from '../pods';
import { endpointHostnameOf } from './endpoint-hostname';

/** podutil.ShouldPodBeInEndpoints: has an IP, is not finished (terminating pods stay, flagged). */
export function shouldBeInEndpoints(pod: Pod): boolean {
	if (!pod.status?.podIP) return false;
	const phase = pod.status.phase;
	return phase !== 'Succeeded' && phase !== 'Failed';
}

export function selects(service: Service, pod: Pod): boolean {
	const selector = service.spec?.selector;
	if (selector === undefined || Object.keys(selector).length === 0) return false;
	const labels = pod.metadata?.labels ?? {};
	return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * A service port's target on one pod: a number, or a named container port looked up in the
 * pod (podutil.FindPort). Undefined when the name is not found: the pod gets no such port.
 */
export function resolveTargetPort(pod: Pod, port: ServicePort): number | undefined {
	const target = port.targetPort ?? port.port;
	if (typeof target === 'number') return target;
	if (/^\d+$/.test(target)) return Number(target);
	for (const c of pod.spec?.containers ?? []) {
		for (const cp of c.ports ?? []) {
			if (cp.name === target && (cp.protocol ?? 'TCP') === (port.protocol ?? 'TCP'))
				return cp.containerPort;
		}
	}
	return undefined;
}

export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
	const out: EndpointPort[] = [];
	for (const p of service.spec?.ports ?? []) {
		const port = resolveTargetPort(pod, p);
		if (port === undefined) continue;
		out.push({
			name: p.name ?? '',
			port,
			protocol: p.protocol ?? 'TCP',
			...(p.appProtocol ? { appProtocol: p.appProtocol } : {})
		});
	}
	return out;
}

/**
 * One pod as an endpoint (endpointslice utils.go podToEndpoint): `ready` is Ready and not
 * terminating (or publishNotReadyAddresses), `serving` is Ready whatever the deletion state.
 */
export function podEndpoint(service: Service, pod: Pod): Endpoint {
	const ready = isReady(pod);
	const terminating = isTerminating(pod);
	const publish = service.spec?.publishNotReadyAddresses === true;
	const hostname = endpointHostnameOf(pod, service);
	return {
		addresses: [pod.status!.podIP!],
		conditions: {
			ready: publish || (ready && !terminating),
			serving: publish || ready,
			terminating
		},
		...(hostname !== undefined ? { hostname } : {}),
		...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
		targetRef: {
			kind: 'Pod',
			namespace: pod.metadata?.namespace ?? 'default',
			name: pod.metadata!.name!,
			uid: pod.metadata?.uid ?? ''
		}
	};
}

export interface EndpointGroup {
	ports: EndpointPort[];
	endpoints: Endpoint[];
}

/**
 * The selected pods grouped by their resolved port set (pods with different named-port numbers
 * land in different slices), each group's endpoints sorted by address, chunked to `max`.
 */
export function desiredGroups(
	service: Service,
	pods: readonly Pod[],
	max: number
): EndpointGroup[] {
	const byPorts = new Map<string, EndpointGroup>();
	for (const pod of pods) {
		if (!selects(service, pod) || !shouldBeInEndpoints(pod)) continue;
		const ports = endpointPorts(service, pod);
		const id = JSON.stringify(ports);
		let group = byPorts.get(id);
		if (group === undefined) byPorts.set(id, (group = { ports, endpoints: [] }));
		group.endpoints.push(podEndpoint(service, pod));
	}
	const out: EndpointGroup[] = [];
	for (const id of [...byPorts.keys()].sort()) {
		const g = byPorts.get(id)!;
		g.endpoints.sort((a, b) => compareIp(a.addresses[0]!, b.addresses[0]!));
		for (let i = 0; i < g.endpoints.length; i += max)
			out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + max) });
	}
	return out;
}

/** Numeric order of dotted IPv4 addresses. */
export function compareIp(a: string, b: string): number {
	const x = a.split('.').map(Number);
	const y = b.split('.').map(Number);
	for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
	return 0;
}
