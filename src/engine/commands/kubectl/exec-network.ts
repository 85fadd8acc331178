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
	type Answer,
	type Lookup,
	type ResolvConf
} from './exec-dns';

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
	lookup(name: string): HostLookup;
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

	/** getaddrinfo: a name to one address, or why not. */
	lookup(name: string): HostLookup {
		if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return { ok: true, fqdn: name, ip: name };
		// dnsPolicy Default (or host networking): the node's own resolver, which knows no
		// cluster name; any other name is the outside world the lab does not have.
		if (this.conf === undefined)
			return !name.includes('.') || name.replace(/\.$/, '').endsWith(`.${CLUSTER_DOMAIN}`)
				? { ok: false, reason: 'timeout' }
				: { ok: false, reason: 'upstream' };
		if (!this.dnsReachable()) return { ok: false, reason: 'timeout' };
		return lookupHost(this.ctx.kernel.store, name, this.conf);
	}

	/** One query's answer, as nslookup asks it (undefined: no server answered). */
	query(fqdn: string): Answer | undefined {
		if (!this.dnsReachable()) return undefined;
		return clusterAnswer(this.ctx.kernel.store, fqdn);
	}

	/** A TCP connection to ip:port from this pod. */
	connect(ip: string, port: number): Connection {
		const store = this.ctx.kernel.store;
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

	/** The pod's container that listens on `port`, if one runs. */
	private accept(pod: Pod, port: number): Connection {
		const containers = pod.spec?.containers ?? [];
		const running = (c: Container) =>
			pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running !== undefined;
		const declared = containers.find((c) => c.ports?.some((p) => p.containerPort === port));
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
