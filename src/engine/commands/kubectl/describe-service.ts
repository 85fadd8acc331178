/** `kubectl describe service` (describe.go describeService, formatEndpointSlices; cli-formats.md §3.5). */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Kernel } from '../../core/kernel';
import { ENDPOINTSLICES } from '../../kubernetes/api/collections';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

/** The label tying a slice to its Service (discovery/v1 LabelServiceName). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** formatEndpointSlices shows this many addresses, then `+ N more...`. */
const MAX_ENDPOINTS_SHOWN = 3;

export function describeService(kernel: Kernel, service: Service, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = service.metadata!;
	const spec = service.spec ?? {};
	const namespace = meta.namespace ?? 'default';
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${namespace}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const selector = Object.keys(spec.selector ?? {})
		.sort()
		.map((k) => `${k}=${spec.selector![k]}`)
		.join(',');
	w.write(0, `Selector:\t${selector || '<none>'}\n`);
	w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
	if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
	w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
	w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
	w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
	if ((spec.externalIPs ?? []).length > 0)
		w.write(0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
	if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
	if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
	const ingress = service.status?.loadBalancer?.ingress ?? [];
	if (ingress.length > 0)
		w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`);
	const slices = kernel.store
		.list<EndpointSlice>(ENDPOINTSLICES)
		.filter(
			(s) =>
				(s.metadata?.namespace ?? 'default') === namespace &&
				s.metadata?.labels?.[SERVICE_NAME_LABEL] === meta.name
		);
	for (const p of spec.ports ?? []) {
		const name = p.name || '<unset>';
		const protocol = p.protocol ?? 'TCP';
		w.write(0, `Port:\t${name}\t${p.port}/${protocol}\n`);
		w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
		if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
		w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
	}
	w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
	if (spec.externalTrafficPolicy)
		w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
	if (spec.internalTrafficPolicy)
		w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
	if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, { kind: 'Service', name: meta.name!, namespace, uid: meta.uid }),
		kernel.now
	);
	return w.toString();
}

/** Ready endpoints as `ip:port`, at most three, then `+ N more...`; `<none>` without slices. */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
	if (slices.length === 0) return '<none>';
	const list: string[] = [];
	let count = 0;
	for (const slice of slices) {
		const ports = slice.ports ?? [];
		const matching =
			ports.length === 0 ? [undefined] : ports.filter((p) => (p.name ?? '') === portName);
		for (const port of matching) {
			for (const e of slice.endpoints ?? []) {
				if (e.conditions?.ready === false) continue;
				const address = e.addresses[0] ?? '';
				if (list.length < MAX_ENDPOINTS_SHOWN)
					list.push(port?.port === undefined ? address : `${address}:${port.port}`);
				count++;
			}
		}
	}
	const shown = list.join(',');
	return count > MAX_ENDPOINTS_SHOWN ? `${shown} + ${count - MAX_ENDPOINTS_SHOWN} more...` : shown;
}
