/**
 * A Kubernetes cluster as kubeadm/kind build it: control-plane node(s) running the API server
 * and controllers, worker nodes `node-1..N`, every node with a kubelet and a Lease.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { Hosts } from '../core/hosts';
import { uuid } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { ApiServer } from './api/api-server';
import { DeploymentController } from './controllers/deployment-controller';
import { GarbageCollector } from './controllers/garbage-collector';
import { ReplicaSetController } from './controllers/replicaset-controller';
import { TaintEvictionController } from './controllers/taint-eviction-controller';
import { createFramework } from './framework-adapter';
import { Kubelets, type ApiServerLocator } from './kubelets';
import { markPodsNotReady } from './mark-pods-not-ready';
import { PodRuntime } from './kubelet/pod-runtime';
import { SchedulerLoop } from './scheduler-loop';
import { LEASES, NODES, buildLease, buildNode } from './node-object';
import { NodeLifecycleController } from './node-lifecycle-controller';

export interface KubernetesCluster {
	readonly hosts: Hosts;
	readonly controlPlanes: readonly string[];
	readonly workers: readonly string[];
	readonly api: ApiServerLocator;
	readonly apiServer: ApiServer;
	readonly garbageCollector: GarbageCollector;
	/** The kubelets' container runtime, for `sim crash pod` and `sim unhealthy pod`. */
	readonly runtime: PodRuntime;
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
	const apiServer = new ApiServer(kernel);
	const kubelets = new Kubelets(kernel, api, all);
	new NodeLifecycleController(kernel, api, all, (node) =>
		markPodsNotReady(kernel, apiServer, node)
	);
	new SchedulerLoop(kernel, apiServer, api, createFramework(kernel, apiServer));
	new ReplicaSetController(kernel, apiServer);
	new DeploymentController(kernel, apiServer);
	new TaintEvictionController(kernel, apiServer, api);
	const garbageCollector = new GarbageCollector(kernel, apiServer);
	const runtime = new PodRuntime(
		kernel,
		apiServer,
		api,
		(host) => hosts.isRunning(host),
		(host) => all.indexOf(host)
	);
	const hosts = new Hosts(kernel, all, {
		boot: (host) => {
			kubelets.boot(host);
			runtime.boot(host);
		},
		halt: (host) => {
			kubelets.halt(host);
			runtime.halt(host);
		}
	});
	for (const host of all) kubelets.boot(host);

	return {
		hosts,
		controlPlanes,
		workers: workerNames,
		api,
		apiServer,
		garbageCollector,
		runtime,
		node: (name) => kernel.store.get<Node>(NODES, name)
	};
}
