/**
 * Names as a pod resolves them: its resolv.conf (the kubelet's, for dnsPolicy ClusterFirst:
 * pkg/kubelet/network/dns/dns.go GetPodDNS) and what cluster DNS answers (CoreDNS's kubernetes
 * plugin, the "DNS for Services and Pods" spec: `SVC.NS.svc.cluster.local` → the ClusterIP, or
 * a headless Service's ready endpoints; `HOST.SVC.NS.svc.cluster.local` → the endpoint whose
 * hostname (a StatefulSet pod's name, or a pod's spec.hostname under its subdomain Service) or
 * dashed address is HOST; PTR answers for ClusterIPs and endpoints;
 * `A-B-C-D.NS.pod.cluster.local` → the address, `pods insecure` in kubeadm's Corefile; an
 * ExternalName Service → a CNAME). Names outside the cluster domain go upstream, which the
 * lab does not have.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Store } from '../../core/store';
import {
	BUILTIN_NAMESPACES,
	ENDPOINTSLICES,
	NAMESPACES,
	SERVICES,
	key
} from '../../kubernetes/api/collections';
import { CLUSTER_DOMAIN, KUBE_DNS_SERVICE_IP, POD_DNS_NDOTS } from '../../kubernetes/defaults';
import { SERVICE_NAME_LABEL } from '../../kubernetes/services/endpointslice-controller';

export interface ResolvConf {
	readonly nameservers: readonly string[];
	readonly search: readonly string[];
	readonly ndots: number;
}

/**
 * The pod's /etc/resolv.conf, or undefined when it is the node's own (dnsPolicy Default, or a
 * hostNetwork pod with ClusterFirst), which the lab does not model.
 */
export function podResolvConf(pod: Pod): ResolvConf | undefined {
	const spec = pod.spec;
	const policy = spec?.dnsPolicy ?? 'ClusterFirst';
	const cfg = spec?.dnsConfig;
	const ns = pod.metadata?.namespace ?? 'default';
	const cluster =
		policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec?.hostNetwork);
	if (!cluster && policy !== 'None') return undefined;
	const base = cluster
		? {
				nameservers: [KUBE_DNS_SERVICE_IP],
				search: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
			}
		: { nameservers: [], search: [] };
	// dnsConfig is merged in: its servers and searches appended, its options overriding.
	const ndotsOption = cfg?.options?.find((o) => o.name === 'ndots')?.value;
	return {
		nameservers: [...base.nameservers, ...(cfg?.nameservers ?? [])],
		search: [...new Set([...base.search, ...(cfg?.searches ?? [])])],
		ndots: ndotsOption !== undefined ? Number(ndotsOption) : POD_DNS_NDOTS
	};
}

/** The file as containerd writes it (internal/cri/server podsandbox parseDNSOptions). */
export function resolvConfText(conf: ResolvConf): string {
	const lines: string[] = [];
	if (conf.search.length > 0) lines.push(`search ${conf.search.join(' ')}`);
	for (const s of conf.nameservers) lines.push(`nameserver ${s}`);
	lines.push(`options ndots:${conf.ndots}`);
	return lines.join('\n') + '\n';
}

/** Labels that end only a partial cluster name (`web.default.svc`), never a public one. */
const CLUSTER_LABELS = new Set(['svc', 'pod', 'cluster', 'local']);

export type Answer =
	| { readonly type: 'A'; readonly ips: readonly string[] }
	| { readonly type: 'CNAME'; readonly target: string }
	/** Inside the cluster domain but no such record. */
	| { readonly type: 'NXDOMAIN' }
	/** A name the cluster DNS forwards upstream: the lab has no outside world. */
	| { readonly type: 'upstream' };

/** Cluster DNS's answer for a fully qualified name (without the final dot). */
export function clusterAnswer(store: Store, fqdn: string): Answer {
	const name = fqdn.toLowerCase().replace(/\.$/, '');
	const svcZone = `.svc.${CLUSTER_DOMAIN}`;
	const podZone = `.pod.${CLUSTER_DOMAIN}`;
	if (name.endsWith(svcZone)) {
		const labels = name.slice(0, -svcZone.length).split('.');
		if (labels.length === 2) return serviceAnswer(store, labels[1]!, labels[0]!);
		if (labels.length === 3) return endpointAnswer(store, labels[2]!, labels[1]!, labels[0]!);
		return { type: 'NXDOMAIN' };
	}
	if (name.endsWith(podZone)) {
		const labels = name.slice(0, -podZone.length).split('.');
		const ip = labels[0]?.replace(/-/g, '.') ?? '';
		return labels.length === 2 && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)
			? { type: 'A', ips: [ip] }
			: { type: 'NXDOMAIN' };
	}
	if (name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)) return { type: 'NXDOMAIN' };
	// A single label, or a name ending in a namespace or a Service's name (`web.default`,
	// `web-0.nginx`: busybox nslookup's classic misses), is no host on the Internet either: no
	// such top-level domain, so the upstream answers NXDOMAIN.
	const last = name.slice(name.lastIndexOf('.') + 1);
	const namespace = BUILTIN_NAMESPACES.includes(last) || store.get(NAMESPACES, last) !== undefined;
	const service = store.list<Service>(SERVICES).some((s) => s.metadata?.name === last);
	if (!name.includes('.') || CLUSTER_LABELS.has(last) || namespace || service)
		return { type: 'NXDOMAIN' };
	return { type: 'upstream' };
}

/**
 * CoreDNS's kubernetes plugin (plugin/kubernetes/kubernetes.go findServices): an ExternalName
 * Service is a CNAME, a ClusterIP Service its ClusterIP, a headless one the addresses of its
 * ready endpoints (NXDOMAIN while it has none).
 */
function serviceAnswer(store: Store, namespace: string, name: string): Answer {
	const svc = store.get<Service>(SERVICES, key(namespace, name));
	if (svc === undefined) return { type: 'NXDOMAIN' };
	if (svc.spec?.type === 'ExternalName')
		return { type: 'CNAME', target: svc.spec.externalName ?? '' };
	const ip = svc.spec?.clusterIP;
	if (ip !== undefined && ip !== '' && ip !== 'None') return { type: 'A', ips: [ip] };
	const ips = [...new Set(serviceEndpoints(store, svc).map((a) => a.ip))];
	return ips.length > 0 ? { type: 'A', ips } : { type: 'NXDOMAIN' };
}

/**
 * `HOST.SVC.NS.svc…`: the ready endpoint whose name is HOST, under any Service but an
 * ExternalName one (findServices: `if svc.Headless() || r.endpoint != ""`).
 */
function endpointAnswer(store: Store, namespace: string, svcName: string, host: string): Answer {
	const svc = store.get<Service>(SERVICES, key(namespace, svcName));
	if (svc === undefined || svc.spec?.type === 'ExternalName') return { type: 'NXDOMAIN' };
	const ips = serviceEndpoints(store, svc)
		.filter((a) => a.name === host)
		.map((a) => a.ip);
	return ips.length > 0 ? { type: 'A', ips: [...new Set(ips)] } : { type: 'NXDOMAIN' };
}

/** One ready endpoint address as CoreDNS names it. */
interface NamedEndpoint {
	readonly ip: string;
	/**
	 * endpointHostname (kubernetes.go): the endpoint's `hostname`, else its address with dashes
	 * (`10-244-1-5`).
	 */
	readonly name: string;
}

/**
 * A Service's ready endpoints from its EndpointSlices: CoreDNS skips those whose `ready` is
 * false (object/endpoint.go EndpointSliceToEndpoints).
 */
function serviceEndpoints(store: Store, svc: Service): NamedEndpoint[] {
	const ns = svc.metadata?.namespace ?? 'default';
	const out: NamedEndpoint[] = [];
	for (const slice of store.list<EndpointSlice>(ENDPOINTSLICES)) {
		if (slice.metadata?.namespace !== ns) continue;
		if (slice.metadata?.labels?.[SERVICE_NAME_LABEL] !== svc.metadata?.name) continue;
		for (const e of slice.endpoints ?? []) {
			if (e.conditions?.ready === false) continue;
			for (const ip of e.addresses) out.push({ ip, name: e.hostname ?? ip.replace(/[.:]/g, '-') });
		}
	}
	return out;
}

/**
 * The PTR answer for `ip` (plugin/kubernetes/reverse.go serviceRecordForIP): a ClusterIP is its
 * Service's name; else each ready endpoint with that address is `NAME.SVC.NS.svc…`, the
 * resolver keeping the first. Undefined: no record (the upstream has none for these ranges).
 */
export function reverseName(store: Store, ip: string): string | undefined {
	const services = store.list<Service>(SERVICES);
	const zone = `svc.${CLUSTER_DOMAIN}`;
	const byIp = services.find((s) => s.spec?.clusterIP === ip && ip !== 'None');
	if (byIp !== undefined) return `${byIp.metadata?.name}.${byIp.metadata?.namespace}.${zone}`;
	for (const svc of services) {
		if (svc.spec?.type === 'ExternalName') continue;
		const hit = serviceEndpoints(store, svc).find((e) => e.ip === ip);
		if (hit !== undefined)
			return `${hit.name}.${svc.metadata?.name}.${svc.metadata?.namespace}.${zone}`;
	}
	return undefined;
}

/**
 * How a stub resolver orders the names it asks: glibc and musl by ndots (with fewer dots, each
 * search domain first, then the name itself; otherwise the name first); uClibc always the name
 * as given first, then each search domain while the answer is NXDOMAIN (libc/inet/resolv.c
 * __dns_lookup: `variant = -1`, then `variant++` on NXDOMAIN), whatever ndots says.
 */
export type SearchOrder = 'ndots' | 'as-given-first';

/** The names a stub resolver asks for, in order. */
export function candidateNames(
	name: string,
	conf: ResolvConf,
	order: SearchOrder = 'ndots'
): string[] {
	if (name.endsWith('.')) return [name.slice(0, -1)];
	const dots = name.split('.').length - 1;
	const searched = conf.search.map((d) => `${name}.${d}`);
	return order === 'as-given-first' || dots >= conf.ndots
		? [name, ...searched]
		: [...searched, name];
}

export type Lookup =
	| {
			readonly ok: true;
			readonly fqdn: string;
			/** The first address, and all of them in the answer's order (absent: just `ip`). */
			readonly ip: string;
			readonly ips?: readonly string[];
	  }
	| { readonly ok: false; readonly reason: 'nxdomain' | 'upstream' };

/** getaddrinfo over cluster DNS: the first candidate that has an address. */
export function lookupHost(
	store: Store,
	name: string,
	conf: ResolvConf,
	order: SearchOrder = 'ndots'
): Lookup {
	let upstream = false;
	for (const candidate of candidateNames(name, conf, order)) {
		let answer = clusterAnswer(store, candidate);
		// CoreDNS follows a CNAME it can answer itself; an outside target goes upstream.
		if (answer.type === 'CNAME') answer = clusterAnswer(store, answer.target);
		if (answer.type === 'A')
			return { ok: true, fqdn: candidate, ip: answer.ips[0]!, ips: answer.ips };
		if (answer.type === 'upstream') upstream = true;
	}
	return { ok: false, reason: upstream ? 'upstream' : 'nxdomain' };
}
