/**
 * `kubectl get services|endpoints|endpointslices|ingresses` rows (kubernetes
 * pkg/printers/internalversion/printers.go: printService, getServiceExternalIP, makePortString,
 * printEndpoints, formatEndpoints, printEndpointSlice, formatDiscoveryPorts,
 * formatDiscoveryEndpoints, printIngress, formatHosts; cli-formats.md §2.5–2.8).
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

/** What the API server attaches to every Endpoints read since v1.33 (cli-formats.md §1.2, §2.6). */
export const ENDPOINTS_WARNING =
	'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

/** A value longer than 16 characters, cut to 13 plus `...` (kubectl's non-wide EXTERNAL-IP, ADDRESS). */
function shorten(text: string, wide: boolean): string {
	return !wide && text.length > 16 ? text.slice(0, 13) + '...' : text;
}

function loadBalancerAddresses(ingress: readonly { ip?: string; hostname?: string }[]): string[] {
	const out: string[] = [];
	for (const i of ingress) {
		if (i.ip) out.push(i.ip);
		if (i.hostname) out.push(i.hostname);
	}
	return out;
}

function externalIP(s: Service, wide: boolean): string {
	const spec = s.spec ?? {};
	const external = spec.externalIPs ?? [];
	switch (spec.type ?? 'ClusterIP') {
		case 'ClusterIP':
		case 'NodePort':
			return external.length > 0 ? external.join(',') : '<none>';
		case 'LoadBalancer': {
			const lb = [...new Set(loadBalancerAddresses(s.status?.loadBalancer?.ingress ?? []))].sort();
			const all = [...lb, ...external];
			return all.length > 0 ? shorten(all.join(','), wide) : '<pending>';
		}
		case 'ExternalName':
			return spec.externalName ?? '';
		default:
			return '<unknown>';
	}
}

function portString(s: Service): string {
	const ports = s.spec?.ports ?? [];
	if (ports.length === 0) return '<none>';
	return ports
		.map((p) =>
			p.nodePort
				? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
				: `${p.port}/${p.protocol ?? 'TCP'}`
		)
		.join(',');
}

function selectorString(selector: Record<string, string> | undefined): string {
	const keys = Object.keys(selector ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${selector![k]}`).join(',');
}

export const SERVICE_PRINTER: Printer<Service> = {
	columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
	wide: ['SELECTOR'],
	row(s, now, wide) {
		const ips = s.spec?.clusterIPs ?? [];
		const row = [
			s.metadata?.name ?? '',
			s.spec?.type ?? 'ClusterIP',
			ips.length > 0 ? ips[0]! : '<none>',
			externalIP(s, wide),
			portString(s),
			ageOf(s.metadata?.creationTimestamp, now)
		];
		if (wide) row.push(selectorString(s.spec?.selector));
		return row;
	}
};

/** Up to 3 items, then ` + N more...` (listWithMoreString). */
function listWithMore(list: string[], count: number): string {
	const max = 3;
	const shown = list.slice(0, max).join(',');
	return count > max ? `${shown} + ${count - max} more...` : shown;
}

/** formatEndpoints: ready addresses as ip:port, per subset and port. */
export function formatEndpoints(e: Endpoints): string {
	const subsets = e.subsets ?? [];
	if (subsets.length === 0) return '<none>';
	const list: string[] = [];
	let count = 0;
	for (const ss of subsets) {
		const addresses = ss.addresses ?? [];
		if ((ss.ports ?? []).length === 0) {
			count += addresses.length;
			list.push(...addresses.map((a) => a.ip));
			continue;
		}
		for (const port of ss.ports ?? []) {
			count += addresses.length;
			list.push(...addresses.map((a) => `${a.ip}:${port.port}`));
		}
	}
	return listWithMore(list, count);
}

export const ENDPOINTS_PRINTER: Printer<Endpoints> = {
	columns: ['NAME', 'ENDPOINTS', 'AGE'],
	wide: [],
	row(e, now) {
		return [e.metadata?.name ?? '', formatEndpoints(e), ageOf(e.metadata?.creationTimestamp, now)];
	}
};

export const ENDPOINTSLICE_PRINTER: Printer<EndpointSlice> = {
	columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
	wide: [],
	row(s, now) {
		const ports = s.ports ?? [];
		const portList = ports.map((p) => (p.port !== undefined ? String(p.port) : p.name || '*'));
		const addresses = (s.endpoints ?? []).flatMap((e) => e.addresses);
		return [
			s.metadata?.name ?? '',
			s.addressType,
			ports.length === 0 ? '<unset>' : listWithMore(portList, portList.length),
			(s.endpoints ?? []).length === 0 ? '<unset>' : listWithMore(addresses, addresses.length),
			ageOf(s.metadata?.creationTimestamp, now)
		];
	}
};

function formatHosts(ing: Ingress): string {
	const rules = ing.spec?.rules ?? [];
	const list: string[] = [];
	let more = false;
	for (const rule of rules) {
		if (list.length === 3) more = true;
		if (!more && rule.host) list.push(rule.host);
	}
	if (list.length === 0) return '*';
	return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

export const INGRESS_PRINTER: Printer<Ingress> = {
	columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
	wide: [],
	row(ing, now, wide) {
		const address = loadBalancerAddresses(ing.status?.loadBalancer?.ingress ?? []).join(',');
		return [
			ing.metadata?.name ?? '',
			ing.spec?.ingressClassName ?? '<none>',
			formatHosts(ing),
			shorten(address, wide),
			(ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
			ageOf(ing.metadata?.creationTimestamp, now)
		];
	}
};

/** printIngressClass: NAME CONTROLLER PARAMETERS AGE. */
export const INGRESSCLASS_PRINTER: Printer<IngressClass> = {
	columns: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
	wide: [],
	row(c, now) {
		const p = c.spec?.parameters;
		const params = p === undefined ? '<none>' : `${p.kind}/${p.name}`;
		return [
			c.metadata?.name ?? '',
			c.spec?.controller ?? '',
			params,
			ageOf(c.metadata?.creationTimestamp, now)
		];
	}
};
