/**
 * The network as a process inside a pod meets it: DNS queries go to the nameserver of its
 * resolv.conf (kube-dns's ClusterIP), connections to a ClusterIP go through the pod's node's
 * kube-proxy rules — the very path `sim traffic` routes through (KubernetesTrafficTarget) — and
 * reach one endpoint, which answers only if a container of that pod really listens there.
 *
 * Choosing an endpoint moves kube-proxy's own state (the iptables rule's random draw, IPVS's
 * round-robin cursor, ClientIP affinity), as a real connection does: `usedProxy` says so.
 */
import type { Container, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { PODS, SERVICES, key } from '../../kubernetes/api/collections';
import { CLUSTER_DOMAIN } from '../../kubernetes/defaults';
import { programFor } from '../../kubernetes/kubelet/container-program';
import { resolveTargetPort } from '../../kubernetes/services/desired-endpoints';
import type { RouteOutcome } from '../../traffic/target';
import { labRegistry } from '../../registry/lab-registry';
import type { CommandContext } from '../context';

/** What a pod's network needs of a command's context: the kernel and the cluster. */
export type ClusterContext = Pick<CommandContext, 'kernel' | 'kubernetes'>;
import {
	clusterAnswer,
	lookupHost,
	podResolvConf,
	reverseName,
	type Answer,
	type Lookup,
	type ResolvConf,
	type SearchOrder
} from './exec-dns';
import { podFile } from './exec-files';

export type Connection =
	| {
			readonly ok: true;
			/** The answering container, and the pod (or a swarm task's stand-in) it runs in. */
			readonly pod: Pod;
			readonly container: Container;
			readonly port: number;
			/** How a message names it: `pod web-7d4b9-x2x8k`, `task web.2`. */
			readonly label: string;
	  }
	/** refused: RST (nothing listens, or kube-proxy's REJECT for a Service without endpoints). */
	| { readonly ok: false; readonly reason: 'refused' | 'timeout' | 'outside' };

export type HostLookup = Lookup | { readonly ok: false; readonly reason: 'timeout' };

/** The network as the tools inside a container use it (a pod's, or a swarm task's). */
export interface ContainerNetwork {
	readonly conf: ResolvConf | undefined;
	/** Whether a connection went through the proxy's rules (and so moved their state). */
	readonly usedProxy: boolean;
	dnsReachable(): boolean;
	/** getaddrinfo: /etc/hosts, then DNS with the resolver's search order. */
	lookup(name: string, order?: SearchOrder): HostLookup;
	/**
	 * getnameinfo (NI_NAMEREQD): /etc/hosts, then a PTR query; undefined when neither names the
	 * address. Absent where the lab does not model reverse lookups.
	 */
	reverse?(ip: string): string | undefined;
	/** Cluster DNS's PTR answer alone, as nslookup asks it (no /etc/hosts). */
	ptr?(ip: string): string | undefined;
	/** The name's line in /etc/hosts, which getaddrinfo reads before any DNS query. */
	hosts?(name: string): string | undefined;
	/** One query's answer, as nslookup asks it (undefined: no server answered). */
	query(fqdn: string): Answer | undefined;
	connect(ip: string, port: number): Connection;
}

export class PodNetwork implements ContainerNetwork {
	/** Whether a connection went through kube-proxy's rules (and so moved their state). */
	usedProxy = false;
	readonly conf: ResolvConf | undefined;
	private dns: boolean | undefined;

	constructor(
		private readonly ctx: ClusterContext,
		readonly pod: Pod
	) {
		this.conf = podResolvConf(pod);
	}

	private get node(): string {
		return this.pod.spec?.nodeName ?? '';
	}

	/** The nameserver answers: one UDP exchange with kube-dns through kube-proxy (then conntrack). */
	dnsReachable(): boolean {
		if (this.dns === undefined) {
			const server = this.conf?.nameservers[0];
			const svc = server === undefined ? undefined : this.serviceAt(server);
			this.dns = svc !== undefined && this.route(svc, 53)?.ok === true;
		}
		return this.dns;
	}

	/** getaddrinfo: a name to its addresses, or why not. */
	lookup(name: string, order: SearchOrder = 'ndots'): HostLookup {
		if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name))
			return { ok: true, fqdn: name, ip: name, ips: [name] };
		// nsswitch's `hosts: files dns` (and musl, uClibc): the kubelet's /etc/hosts comes first.
		const listed = this.hosts(name);
		if (listed !== undefined) return { ok: true, fqdn: name, ip: listed, ips: [listed] };
		// dnsPolicy Default (or host networking): the node's own resolver, which knows no
		// cluster name; any other name is the outside world the lab does not have.
		if (this.conf === undefined)
			return !name.includes('.') || name.replace(/\.$/, '').endsWith(`.${CLUSTER_DOMAIN}`)
				? { ok: false, reason: 'timeout' }
				: { ok: false, reason: 'upstream' };
		if (!this.dnsReachable()) return { ok: false, reason: 'timeout' };
		return lookupHost(this.ctx.kernel.store, name, this.conf, order);
	}

	/** The IPv4 address /etc/hosts gives `name` (its first line naming it), if any. */
	hosts(name: string): string | undefined {
		const wanted = name.toLowerCase().replace(/\.$/, '');
		return this.hostLines().find((l) => l.names.includes(wanted))?.ip;
	}

	/** getnameinfo: /etc/hosts's first name for the address, else cluster DNS's PTR answer. */
	reverse(ip: string): string | undefined {
		const listed = this.hostLines().find((l) => l.ip === ip)?.names[0];
		if (listed !== undefined) return listed;
		return this.conf === undefined ? undefined : this.ptr(ip);
	}

	/** The PTR record cluster DNS answers for `ip`, if it is reachable and has one. */
	ptr(ip: string): string | undefined {
		return this.dnsReachable() ? reverseName(this.ctx.kernel.store, ip) : undefined;
	}

	/** /etc/hosts's IPv4 lines, as the kubelet writes them (exec-files.ts). */
	private hostLines(): { ip: string; names: string[] }[] {
		const text = podFile(this.pod, '/etc/hosts') ?? '';
		return text
			.split('\n')
			.filter((l) => !l.startsWith('#') && l.trim() !== '')
			.map((l) => l.trim().split(/\s+/))
			.filter((w) => /^\d{1,3}(\.\d{1,3}){3}$/.test(w[0]!))
			.map(([ip, ...names]) => ({ ip: ip!, names: names.map((n) => n.toLowerCase()) }));
	}

	/** One query's answer, as nslookup asks it (undefined: no server answered). */
	query(fqdn: string): Answer | undefined {
		if (!this.dnsReachable()) return undefined;
		return clusterAnswer(this.ctx.kernel.store, fqdn);
	}

	/** A TCP connection to ip:port from this pod. */
	connect(ip: string, port: number): Connection {
		const store = this.ctx.kernel.store;
		// The pod's own loopback (127.0.0.0/8): no kube-proxy, no network; a container of this
		// pod answers if it listens there (containers share the pod's network namespace).
		if (/^127\./.test(ip)) {
			if (this.pod.spec?.hostNetwork === true) return { ok: false, reason: 'outside' }; // the node's own loopback
			return this.accept(this.pod, port, false);
		}
		const svc = this.serviceAt(ip);
		if (svc !== undefined) {
			const sp = (svc.spec?.ports ?? []).find(
				(p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP'
			);
			// A port the Service lacks matches no rule: iptables lets the packet go nowhere
			// (the SYN times out); IPVS binds the ClusterIP to kube-ipvs0, whose kernel resets it.
			if (sp === undefined)
				return {
					ok: false,
					reason: this.ctx.kubernetes?.services.proxies.proxyMode === 'ipvs' ? 'refused' : 'timeout'
				};
			// Before the node's kube-proxy has synced the Service, no rule knows its ClusterIP.
			const proxies = this.ctx.kubernetes?.services.proxies;
			const ns = svc.metadata?.namespace ?? 'default';
			if (!proxies?.view(this.node).has(key(ns, svc.metadata?.name ?? '')))
				return { ok: false, reason: 'timeout' };
			const outcome = this.route(svc, port);
			if (outcome === undefined || !outcome.ok)
				return {
					ok: false,
					reason:
						outcome?.ok === false &&
						(outcome.reason === 'no endpoints' || outcome.reason === 'connection refused')
							? 'refused'
							: 'timeout'
				};
			const backend = store.get<Pod>(PODS, key(ns, outcome.backend));
			if (backend === undefined) return { ok: false, reason: 'refused' };
			return this.accept(backend, resolveTargetPort(backend, sp as ServicePort) ?? port);
		}
		const target = store
			.list<Pod>(PODS)
			.find((p) => p.status?.podIP === ip && p.spec?.hostNetwork !== true);
		if (target === undefined) return { ok: false, reason: 'outside' };
		const node = target.spec?.nodeName ?? '';
		const k8s = this.ctx.kubernetes;
		if (
			k8s === undefined ||
			!k8s.hosts.isRunning(node) ||
			!this.ctx.kernel.network.connected(this.node, node)
		)
			return { ok: false, reason: 'timeout' };
		const ns = target.metadata?.namespace ?? 'default';
		if (!k8s.runtime.isServing(ns, target.metadata?.name ?? ''))
			return { ok: false, reason: 'refused' };
		return this.accept(target, port);
	}

	/** The Service whose ClusterIP this is. */
	private serviceAt(ip: string): Service | undefined {
		return this.ctx.kernel.store
			.list<Service>(SERVICES)
			.find((s) => s.spec?.clusterIP === ip && ip !== 'None');
	}

	/** One new connection to `svc`'s port entering at this pod's node (the sim traffic path). */
	private route(svc: Service, port: number): RouteOutcome | undefined {
		const target = this.ctx.kubernetes?.services.target;
		if (target === undefined) return undefined;
		const ns = svc.metadata?.namespace ?? 'default';
		const resolved = target.resolve(svc.metadata?.name ?? '', 'clusterip', ns, String(port));
		if (!resolved.ok) return undefined;
		this.usedProxy = true;
		// The client is this pod, on its own node: that node's rules choose.
		return target.route(
			{ ...resolved.target, entries: [this.node] },
			{
				seq: 0,
				t: this.ctx.kernel.now,
				client: this.pod.status?.podIP ?? '',
				entry: this.node,
				host: '',
				path: '/'
			}
		);
	}

	/**
	 * The pod's container that listens on `port`, if one runs. Over the network a declared
	 * containerPort points to it first; on loopback (`declaredFirst` false) only who listens.
	 */
	private accept(pod: Pod, port: number, declaredFirst = true): Connection {
		const containers = pod.spec?.containers ?? [];
		const running = (c: Container) =>
			pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running !== undefined;
		const declared = declaredFirst
			? containers.find((c) => c.ports?.some((p) => p.containerPort === port))
			: undefined;
		const listening = (c: Container) => {
			const config = labRegistry(this.ctx.kernel).configOf(c.image ?? '');
			const listens = programFor(c, config).listens;
			return listens === undefined ? 'maybe' : listens.includes(port) ? 'yes' : 'no';
		};
		const chosen =
			declared !== undefined && listening(declared) !== 'no'
				? declared
				: (containers.find((c) => listening(c) === 'yes') ??
					containers.find((c) => listening(c) === 'maybe'));
		if (chosen === undefined || !running(chosen)) return { ok: false, reason: 'refused' };
		return { ok: true, pod, container: chosen, port, label: `pod ${pod.metadata?.name ?? ''}` };
	}
}
