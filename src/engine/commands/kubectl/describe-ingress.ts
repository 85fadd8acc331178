/**
 * `kubectl describe ingress` (kubectl pkg/describe describe.go, IngressDescriber
 * describeIngressV1 and describeBackendV1): each rule's host, then each path with its backend
 * `service:port` and that service's ready endpoints, as `kubectl describe service` lists them.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';
import type { Kernel } from '../../core/kernel';
import { ENDPOINTSLICES, SERVICES } from '../../kubernetes/api/collections';
import { eventsFor, writeEvents } from './describe-events';
import { formatEndpointSlices, SERVICE_NAME_LABEL } from './describe-service';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

/** describeBackendV1: `name:port (endpoints)`, or the error kubectl meets looking it up. */
function backendText(kernel: Kernel, namespace: string, backend: IngressBackend): string {
	if (backend.service !== undefined) {
		const { name, port } = backend.service;
		const text = `${name}:${port?.name ? port.name : (port?.number ?? 0)}`;
		const service = kernel.store
			.list<Service>(SERVICES)
			.find((s) => s.metadata?.name === name && (s.metadata?.namespace ?? 'default') === namespace);
		if (service === undefined) return `${text} (<error: services "${name}" not found>)`;
		let portName = '';
		for (const sp of service.spec?.ports ?? []) {
			if ((port?.number ?? 0) !== 0 && port?.number === sp.port) portName = sp.name ?? '';
			else if (port?.name && port.name === sp.name) portName = sp.name;
		}
		const slices = kernel.store
			.list<EndpointSlice>(ENDPOINTSLICES)
			.filter(
				(s) =>
					(s.metadata?.namespace ?? 'default') === namespace &&
					s.metadata?.labels?.[SERVICE_NAME_LABEL] === name
			);
		return `${text} (${formatEndpointSlices(slices, portName)})`;
	}
	if (backend.resource !== undefined) {
		const r = backend.resource;
		return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
	}
	return '';
}

export function describeIngress(kernel: Kernel, ingress: Ingress, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = ingress.metadata!;
	const spec = ingress.spec ?? {};
	const namespace = meta.namespace ?? 'default';
	w.write(0, `Name:\t${meta.name}\n`);
	writeLabels(w, 'Labels', meta.labels);
	w.write(0, `Namespace:\t${namespace}\n`);
	const address = (ingress.status?.loadBalancer?.ingress ?? [])
		.map((i) => i.ip || i.hostname || '')
		.join(',');
	w.write(0, `Address:\t${address}\n`);
	w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
	const defaultBackend =
		spec.defaultBackend === undefined
			? '<default>'
			: backendText(kernel, namespace, spec.defaultBackend);
	w.write(0, `Default backend:\t${defaultBackend}\n`);
	if ((spec.tls ?? []).length > 0) {
		w.write(0, 'TLS:\n');
		for (const t of spec.tls!) {
			const hosts = (t.hosts ?? []).join(',');
			if (!t.secretName) w.write(1, `SNI routes ${hosts}\n`);
			else w.write(1, `${t.secretName} terminates ${hosts}\n`);
		}
	}
	w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
	w.write(1, '----\t----\t--------\n');
	let count = 0;
	for (const rule of spec.rules ?? []) {
		if (rule.http === undefined) continue;
		count++;
		w.write(1, `${rule.host || '*'}\t\n`);
		for (const path of rule.http.paths) {
			w.write(2, `\t${path.path ?? ''} \t${backendText(kernel, namespace, path.backend)}\n`);
		}
	}
	if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
	writeAnnotations(w, 'Annotations', meta.annotations);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, { kind: 'Ingress', name: meta.name!, namespace, uid: meta.uid }),
		kernel.now
	);
	return w.toString();
}
