/**
 * Kubernetes as a `sim traffic` target (../../traffic/target.ts): a Service reached through its
 * ClusterIP from pods on the workers, through its node port on any node, or an Ingress through
 * the ingress controller. The entry node's kube-proxy rules choose the endpoint; the pod then
 * answers only if its containers really run and its node is reachable from the entry node.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { Kernel } from '../../core/kernel';
import type {
	Resolution,
	ResolvedTarget,
	RouteOutcome,
	TrafficRequest,
	TrafficTarget,
	Via
} from '../../traffic/target';
import type { ApiServer } from '../api/api-server';
import { INGRESSES, PODS, SERVICES, key, splitKey } from '../api/collections';
import { INGRESS_NEXT_UPSTREAM_TRIES } from '../defaults';
import type { IngressController } from './ingress-controller';
import type { KubeProxies } from './kube-proxy';
import { matchIngress } from './ingress-rules';
import { INGRESS_NGINX_CONTROLLER_NAME, INGRESS_NGINX_NAMESPACE } from './ingress-nginx-manifest';
import { usableEndpoints, type ProxyEndpoint } from './proxy-view';

export interface ClusterAccess {
	readonly hosts: readonly string[];
	readonly workers: readonly string[];
	isUp(host: string): boolean;
	/** Whether the pod's containers run on its machine right now (the kubelet runtime). */
	isServing(namespace: string, name: string): boolean;
}

export class KubernetesTrafficTarget implements TrafficTarget {
	readonly vias: readonly Via[] = ['clusterip', 'nodeport', 'ingress'];

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly proxies: KubeProxies,
		private readonly ingress: IngressController,
		private readonly cluster: ClusterAccess
	) {}

	resolve(name: string, via: Via, namespace: string, port?: string): Resolution {
		if (via === 'ingress') return this.resolveIngress(name, namespace);
		if (via !== 'clusterip' && via !== 'nodeport')
			return {
				ok: false,
				error: `--via ${via} is for swarm labs: use clusterip, nodeport or ingress`
			};
		const svc = this.api.get<Service>(SERVICES, namespace, name);
		if (svc === undefined)
			return { ok: false, error: `service "${name}" not found in namespace ${namespace}` };
		const type = svc.spec?.type ?? 'ClusterIP';
		if (type === 'ExternalName')
			return { ok: false, error: `service "${name}" is an ExternalName: it has no proxy rules` };
		if (svc.spec?.clusterIP === 'None')
			return {
				ok: false,
				error: `service "${name}" is headless: clients reach pods by DNS, not via kube-proxy`
			};
		if (via === 'nodeport' && !(svc.spec?.ports ?? []).some((p) => p.nodePort))
			return {
				ok: false,
				error: `service "${name}" has no node port (type ${type}): use --via clusterip`
			};
		const ports = svc.spec?.ports ?? [];
		const portIndex =
			port === undefined ? 0 : ports.findIndex((p) => p.name === port || String(p.port) === port);
		if (portIndex < 0)
			return { ok: false, error: `service "${name}" has no port ${JSON.stringify(port)}` };
		if (via === 'nodeport' && !ports[portIndex]!.nodePort)
			return {
				ok: false,
				error: `port ${ports[portIndex]!.port} of service "${name}" has no node port`
			};
		// ClusterIP clients are pods on the workers; node ports take requests on every node.
		const workers = this.cluster.workers.length > 0 ? this.cluster.workers : this.cluster.hosts;
		return {
			ok: true,
			target: {
				// The port's index rides in the key: `clusterip:0:default/web`.
				key: `${via}:${portIndex}:${key(namespace, name)}`,
				label: ports.length > 1 ? `service/${name}:${ports[portIndex]!.port}` : `service/${name}`,
				via,
				entries: via === 'nodeport' ? this.cluster.hosts : workers
			}
		};
	}

	private resolveIngress(name: string, namespace: string): Resolution {
		const ing = this.api.get<Ingress>(INGRESSES, namespace, name);
		if (ing === undefined)
			return { ok: false, error: `ingress "${name}" not found in namespace ${namespace}` };
		if (!this.ingress.serves(ing)) {
			const cls = ing.spec?.ingressClassName;
			const error =
				cls === undefined
					? `ingress "${name}" has no ingressClassName: ingress-nginx ignores Ingresses without a class`
					: `ingress "${name}" has no address: no ingress controller serves class "${cls}" (install one: sim addon ingress-nginx --class ${cls})`;
			return { ok: false, error };
		}
		// Clients dial the controller's NodePort on any node (the bare-metal install).
		return {
			ok: true,
			target: {
				key: `ingress:${key(namespace, name)}`,
				label: `ingress/${name}`,
				via: 'ingress',
				entries: this.cluster.hosts
			}
		};
	}

	route(target: ResolvedTarget, request: TrafficRequest): RouteOutcome {
		const [, portText, objectKey] = /^[^:]*:(?:(\d+):)?(.*)$/.exec(target.key)!;
		// Client pods on a stopped node are gone: the clients on the other workers send instead.
		const entry =
			target.via === 'clusterip' ? this.runningEntry(target, request.entry) : request.entry;
		if (entry === undefined || !this.cluster.isUp(entry))
			return { ok: false, reason: 'unreachable' };
		if (target.via === 'ingress') return this.routeIngress(objectKey!, entry, request);
		const choice = this.proxies.choose(
			entry,
			objectKey!,
			Number(portText ?? 0),
			request.client,
			target.via === 'nodeport'
		);
		if (choice === undefined) return { ok: false, reason: 'no endpoints', entry };
		return this.deliver(entry, choice.endpoint);
	}

	/** The entry itself if it runs, else the next running one in the target's order. */
	private runningEntry(target: ResolvedTarget, entry: string): string | undefined {
		const list = target.entries;
		const start = Math.max(0, list.indexOf(entry));
		for (let k = 0; k < list.length; k++) {
			const candidate = list[(start + k) % list.length]!;
			if (this.cluster.isUp(candidate)) return candidate;
		}
		return undefined;
	}

	/**
	 * Two hops: the entry node's kube-proxy sends the connection to a controller pod (the
	 * ingress-nginx-controller NodePort Service), and that pod's nginx proxies it to a backend.
	 */
	private routeIngress(ingressKey: string, entry: string, request: TrafficRequest): RouteOutcome {
		const { namespace, name } = splitKey(ingressKey);
		const ing = this.api.get<Ingress>(INGRESSES, namespace, name);
		if (ing === undefined || !this.ingress.serves(ing)) return { ok: false, reason: 'unreachable' };
		const controller = this.proxies.choose(
			entry,
			key(INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_CONTROLLER_NAME),
			0,
			request.client,
			true
		);
		if (controller === undefined) return { ok: false, reason: 'no endpoints', entry };
		const hop = this.deliver(entry, controller.endpoint);
		if (!hop.ok) return hop;
		const proxy = controller.endpoint.node ?? entry;
		const match = matchIngress(ing, request.host, request.path);
		if ('defaultBackend' in match) return { ok: false, reason: '404 Not Found' };
		const svcName = match.backend.service?.name;
		const svc =
			svcName === undefined ? undefined : this.api.get<Service>(SERVICES, namespace, svcName);
		if (svc === undefined) return { ok: false, reason: '503 Service Temporarily Unavailable' };
		const wanted = match.backend.service?.port;
		const portIndex = (svc.spec?.ports ?? []).findIndex((p) =>
			wanted?.name ? p.name === wanted.name : p.port === wanted?.number
		);
		const view = this.ingress.view.get(key(namespace, svcName!));
		const port = portIndex < 0 ? undefined : view?.ports[portIndex];
		const list = port === undefined ? [] : usableEndpoints(port);
		if (list.length === 0) return { ok: false, reason: '503 Service Temporarily Unavailable' };
		// proxy_next_upstream error timeout: a refused or timed-out try moves to the next upstream.
		const upstream = `${namespace}/${svcName}:${portIndex}`;
		let last: RouteOutcome | undefined;
		for (let tries = 0; tries < Math.min(INGRESS_NEXT_UPSTREAM_TRIES, list.length); tries++) {
			last = this.deliver(proxy, list[this.ingress.nextIndex(upstream, list.length)]!);
			if (last.ok) return last;
		}
		return { ...(last as RouteOutcome & { ok: false }), reason: '502 Bad Gateway' };
	}

	/** The connection reaches the pod, or not: what really happens there, not what the rules believe. */
	private deliver(entry: string, e: ProxyEndpoint): RouteOutcome {
		const backend = e.pod ?? e.ip;
		const node = e.node;
		const where = node === undefined ? {} : { node };
		const failed = (reason: 'timeout' | 'connection refused'): RouteOutcome => ({
			ok: false,
			reason,
			backend,
			...where,
			entry,
			stale: true
		});
		if (
			node !== undefined &&
			(!this.cluster.isUp(node) || !this.kernel.network.connected(entry, node))
		)
			return failed('timeout');
		const pod = e.pod === undefined ? undefined : this.api.get<Pod>(PODS, e.namespace, e.pod);
		if (e.pod !== undefined && (pod === undefined || pod.status?.podIP !== e.ip))
			return failed('connection refused');
		if (e.pod !== undefined && !this.cluster.isServing(e.namespace, e.pod))
			return failed('connection refused');
		return { ok: true, backend, node: node ?? '', entry };
	}
}
