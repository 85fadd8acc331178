/**
 * `kubectl describe endpoints` and `kubectl describe endpointslices` (kubectl pkg/describe/
 * describe.go EndpointsDescriber describeEndpoints, EndpointSliceDescriber
 * describeEndpointSliceV1). Each subset of an Endpoints object ends with a blank line; an
 * EndpointSlice lists its endpoints' addresses joined with `, `.
 */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Kernel } from '../../core/kernel';
import { ENDPOINTS, ENDPOINTSLICES } from '../../kubernetes/api/collections';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

function writeHeader(w: DescribeWriter, object: Endpoints | EndpointSlice): void {
	const meta = object.metadata!;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
}

function writeObjectEvents(
	w: DescribeWriter,
	kernel: Kernel,
	kind: string,
	object: Endpoints | EndpointSlice,
	showEvents: boolean
): void {
	const meta = object.metadata!;
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, { kind, name: meta.name!, namespace: meta.namespace, uid: meta.uid }),
		kernel.now
	);
}

export function describeEndpoints(kernel: Kernel, ep: Endpoints, showEvents = true): string {
	const w = new DescribeWriter();
	writeHeader(w, ep);
	w.write(0, 'Subsets:\n');
	for (const subset of ep.subsets ?? []) {
		const ready = (subset.addresses ?? []).map((a) => a.ip).join(',');
		w.write(1, `Addresses:\t${ready || '<none>'}\n`);
		const notReady = (subset.notReadyAddresses ?? []).map((a) => a.ip).join(',');
		w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
		const ports = subset.ports ?? [];
		if (ports.length > 0) {
			w.write(1, 'Ports:\n');
			w.write(2, 'Name\tPort\tProtocol\n');
			w.write(2, '----\t----\t--------\n');
			for (const p of ports)
				w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
		}
		w.write(0, '\n');
	}
	writeObjectEvents(w, kernel, 'Endpoints', ep, showEvents);
	return w.toString();
}

export function describeEndpointSlice(
	kernel: Kernel,
	slice: EndpointSlice,
	showEvents = true
): string {
	const w = new DescribeWriter();
	writeHeader(w, slice);
	w.write(0, `AddressType:\t${slice.addressType}\n`);
	const ports = slice.ports ?? [];
	if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
	else {
		w.write(0, 'Ports:\n');
		w.write(1, 'Name\tPort\tProtocol\n');
		w.write(1, '----\t----\t--------\n');
		for (const p of ports) {
			const port = p.port === undefined ? '<unset>' : String(p.port);
			w.write(1, `${p.name || '<unset>'}\t${port}\t${p.protocol ?? 'TCP'}\n`);
		}
	}
	const endpoints = slice.endpoints ?? [];
	if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
	else {
		w.write(0, 'Endpoints:\n');
		for (const e of endpoints) {
			w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
			w.write(2, 'Conditions:\n');
			const ready = e.conditions?.ready;
			w.write(3, `Ready:\t${ready === undefined ? '<unset>' : String(ready)}\n`);
			w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
			if (e.targetRef !== undefined)
				w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
			w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
			w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
		}
	}
	writeObjectEvents(w, kernel, 'EndpointSlice', slice, showEvents);
	return w.toString();
}

export const ENDPOINTS_DESCRIBER = {
	collection: ENDPOINTS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeEndpoints(kernel, object as Endpoints, showEvents)
};

export const ENDPOINTSLICE_DESCRIBER = {
	collection: ENDPOINTSLICES,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeEndpointSlice(kernel, object as EndpointSlice, showEvents)
};
