/**
 * Service networking of a Kubernetes lab: the `kubernetes` Service, the EndpointSlice and
 * Endpoints controllers, a kube-proxy per node, the optional ingress controller, and the
 * `sim traffic` target that routes through them.
 */
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import type { ApiServerLocator } from '../kubelets';
import { EndpointSliceController } from './endpointslice-controller';
import { IngressController } from './ingress-controller';
import { KubeProxies } from './kube-proxy';
import { createKubernetesService } from './kubernetes-service';
import { KubernetesTrafficTarget } from './traffic-target';
import { attachTraffic } from '../../traffic/generator';

export { admitService, admitServiceObject } from './service-admission';
export type { ProxyMode } from './kube-proxy';

export interface ServiceNetworking {
	readonly proxies: KubeProxies;
	readonly ingress: IngressController;
	readonly endpointSlices: EndpointSliceController;
	readonly target: KubernetesTrafficTarget;
	boot(host: string): void;
	halt(host: string): void;
}

export interface ServiceNetworkingOptions {
	hosts: readonly string[];
	workers: readonly string[];
	controlPlaneIPs: readonly string[];
	isUp(host: string): boolean;
	isServing(namespace: string, name: string): boolean;
}

export function createServiceNetworking(
	kernel: Kernel,
	api: ApiServer,
	locator: ApiServerLocator,
	options: ServiceNetworkingOptions
): ServiceNetworking {
	createKubernetesService(kernel, options.controlPlaneIPs);
	const endpointSlices = new EndpointSliceController(kernel, api, locator);
	const proxies = new KubeProxies(kernel, locator, options.hosts, options.isUp);
	const ingress = new IngressController(kernel, api, locator, options.isUp);
	const target = new KubernetesTrafficTarget(kernel, api, proxies, ingress, options);
	attachTraffic(kernel, target);
	return {
		proxies,
		ingress,
		endpointSlices,
		target,
		boot: (host) => proxies.boot(host),
		halt: (host) => proxies.halt(host)
	};
}
