/**
 * A Kubernetes cluster as kubeadm/kind build it: control-plane node(s) running the API server
 * and controllers, worker nodes `node-1..N`, every node with a kubelet and a Lease.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { Hosts } from '../core/hosts';
import { uuid } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { Kubelets, type ApiServerLocator } from './kubelets';
import { LEASES, NODES, buildLease, buildNode } from './node-object';
import { NodeLifecycleController } from './node-lifecycle-controller';

export interface KubernetesCluster {
	readonly hosts: Hosts;
	readonly controlPlanes: readonly string[];
	readonly workers: readonly string[];
	readonly api: ApiServerLocator;
	node(name: string): Node | undefined;
}

export function controlPlaneNames(count: number): string[] {
	return count <= 1 ? ['control-plane'] : range(count).map((i) => `control-plane-${i + 1}`);
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

export function createKubernetesCluster(
	kernel: Kernel,
	managers: number,
	workers: number
): KubernetesCluster {
	const controlPlanes = controlPlaneNames(managers);
	const workerNames = range(workers).map((i) => `node-${i + 1}`);
	const all = [...controlPlanes, ...workerNames];
	const ids = kernel.rng.stream('kubernetes/uids');
	all.forEach((name, index) => {
		const identity = {
			name,
			index,
			controlPlane: index < controlPlanes.length,
			uid: uuid(ids),
			bootID: uuid(ids),
			machineID: uuid(ids).replaceAll('-', '')
		};
		kernel.store.put(NODES, name, (rv) => buildNode(identity, 0, rv));
		const leaseUid = uuid(ids);
		kernel.store.put(LEASES, name, (rv) => buildLease(name, 0, leaseUid, rv, 0));
	});

	// Hosts are created below; the locator only reads them once the lab runs.
	const api: ApiServerLocator = {
		apiHost: () => controlPlanes.find((cp) => hosts.isRunning(cp))
	};
	const kubelets = new Kubelets(kernel, api, all);
	new NodeLifecycleController(kernel, api, all);
	const hosts = new Hosts(kernel, all, {
		boot: (host) => kubelets.boot(host),
		halt: (host) => kubelets.halt(host)
	});
	for (const host of all) kubelets.boot(host);

	return {
		hosts,
		controlPlanes,
		workers: workerNames,
		api,
		node: (name) => kernel.store.get<Node>(NODES, name)
	};
}
