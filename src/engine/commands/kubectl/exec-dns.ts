/**
 * Names as a pod resolves them: its resolv.conf (the kubelet's, for dnsPolicy ClusterFirst:
 * pkg/kubelet/network/dns/dns.go GetPodDNS) and what cluster DNS answers (CoreDNS's kubernetes
 * plugin, the "DNS for Services and Pods" spec: `SVC.NS.svc.cluster.local` → the ClusterIP, or
 * a headless Service's ready endpoints; `HOST.SVC.NS.svc.cluster.local` → that endpoint;
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
	// A single label, or a name ending in a namespace (`web.default`, busybox nslookup's classic
	// miss), is no host on the Internet either: the upstream answers NXDOMAIN.
	const last = name.slice(name.lastIndexOf('.') + 1);
	const namespace = BUILTIN_NAMESPACES.includes(last) || store.get(NAMESPACES, last) !== undefined;
	if (!name.includes('.') || CLUSTER_LABELS.has(last) || namespace) return { type: 'NXDOMAIN' };
	return { type: 'upstream' };
}

function serviceAnswer(store: Store, namespace: string, name: string): Answer {
	const svc = store.get<Service>(SERVICES, key(namespace, name));
	if (svc === undefined) return { type: 'NXDOMAIN' };
	if (svc.spec?.type === 'ExternalName')
		return { type: 'CNAME', target: svc.spec.externalName ?? '' };
	const ip = svc.spec?.clusterIP;
	if (ip !== undefined && ip !== '' && ip !== 'None') return { type: 'A', ips: [ip] };
	const ips = readyAddresses(store, svc).map((a) => a.ip);
	return ips.length > 0 ? { type: 'A', ips } : { type: 'NXDOMAIN' };
}

function endpointAnswer(store: Store, namespace: string, svcName: string, host: string): Answer {
	const svc = store.get<Service>(SERVICES, key(namespace, svcName));
	if (svc === undefined || svc.spec?.clusterIP !== 'None') return { type: 'NXDOMAIN' };
	const hit = readyAddresses(store, svc).find((a) => a.hostname === host);
	return hit === undefined ? { type: 'NXDOMAIN' } : { type: 'A', ips: [hit.ip] };
}

/** A headless Service's addresses: ready endpoints, or all with publishNotReadyAddresses. */
function readyAddresses(store: Store, svc: Service): { ip: string; hostname?: string }[] {
	const ns = svc.metadata?.namespace ?? 'default';
	const all = svc.spec?.publishNotReadyAddresses === true;
	const out: { ip: string; hostname?: string }[] = [];
	for (const slice of store.list<EndpointSlice>(ENDPOINTSLICES)) {
		if (slice.metadata?.namespace !== ns) continue;
		if (slice.metadata?.labels?.[SERVICE_NAME_LABEL] !== svc.metadata?.name) continue;
		for (const e of slice.endpoints ?? []) {
			if (!all && e.conditions?.ready === false) continue;
			for (const ip of e.addresses)
				out.push(e.hostname !== undefined ? { ip, hostname: e.hostname } : { ip });
		}
	}
	return out;
}

/**
 * The names a stub resolver (glibc, musl) asks for, in order: with fewer dots than ndots, each
 * search domain appended first, then the name itself; otherwise the name first.
 */
export function candidateNames(name: string, conf: ResolvConf): string[] {
	if (name.endsWith('.')) return [name.slice(0, -1)];
	const dots = name.split('.').length - 1;
	const searched = conf.search.map((d) => `${name}.${d}`);
	return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

export type Lookup =
	| { readonly ok: true; readonly fqdn: string; readonly ip: string }
	| { readonly ok: false; readonly reason: 'nxdomain' | 'upstream' };

/** getaddrinfo over cluster DNS: the first candidate that has an address. */
export function lookupHost(store: Store, name: string, conf: ResolvConf): Lookup {
	let upstream = false;
	for (const candidate of candidateNames(name, conf)) {
		let answer = clusterAnswer(store, candidate);
		// CoreDNS follows a CNAME it can answer itself; an outside target goes upstream.
		if (answer.type === 'CNAME') answer = clusterAnswer(store, answer.target);
		if (answer.type === 'A') return { ok: true, fqdn: candidate, ip: answer.ips[0]! };
		if (answer.type === 'upstream') upstream = true;
	}
	return { ok: false, reason: upstream ? 'upstream' : 'nxdomain' };
}
