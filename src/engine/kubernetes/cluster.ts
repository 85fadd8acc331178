/**
 * A Kubernetes cluster as kubeadm/kind build it: control-plane node(s) running the API server
 * and controllers, worker nodes `node-1..N`, every node with a kubelet and a Lease.
 */
import { APIServiceAvailability } from './api/apiservice-controller';
import { nodeAddress } from '../core/addresses';
import { cidrText, clusterCidr, nodePodCidr } from './pod-network';
import type { Node } from 'kubernetes-types/core/v1';
import { Hosts } from '../core/hosts';
import { uuid } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { ApiServer } from './api/api-server';
import { Etcd } from './etcd';
import { DeploymentController } from './controllers/deployment-controller';
import { GarbageCollector } from './controllers/garbage-collector';
import { ReplicaSetController } from './controllers/replicaset-controller';
import { TaintEvictionController } from './controllers/taint-eviction-controller';
import { PodGcController } from './controllers/pod-gc-controller';
import { ServiceAccountsController } from './controllers/serviceaccounts-controller';
import { HpaController } from './controllers/hpa-controller';
import { flatText } from './api/names';
import { NamespaceController } from './controllers/namespace-controller';
import { createFramework } from './framework-adapter';
import { DecisionLog } from './decision-log';
import { startWorkloadControllers } from './controllers/workload-controllers';
import { withVolumeBinding } from './storage/volume-binding';
import { Kubelets, type ApiServerLocator } from './kubelets';
import { markPodsNotReady } from './mark-pods-not-ready';
import { PodRuntime } from './kubelet/pod-runtime';
import { SchedulerLoop } from './scheduler-loop';
import { LEASES, NODES, buildLease, buildNode } from './node-object';
import { NodeLifecycleController } from './node-lifecycle-controller';
import { createServiceNetworking, type ServiceNetworking } from './services/index';
import { ResourceQuotaController } from './controllers/resource-quota-controller';
import { installSystemAddons } from './system-addons/install';

export interface KubernetesCluster {
	readonly hosts: Hosts;
	readonly controlPlanes: readonly string[];
	readonly workers: readonly string[];
	/**
	 * The API server as the cluster's own components reach it: a running control plane whose etcd
	 * has a quorum. Without one, their writes and leader-election renewals time out, so the
	 * controllers, the scheduler and the kubelets' heartbeats all stall.
	 */
	readonly api: ApiServerLocator;
	/** The API server kubectl connects to: any running control plane, quorum or not. */
	readonly apiServerHost: () => string | undefined;
	readonly apiServer: ApiServer;
	/** The stacked etcd members on the control planes (`sim raft`, the API server's write gate). */
	readonly etcd: Etcd;
	readonly garbageCollector: GarbageCollector;
	/** The kubelets' container runtime, for `sim crash pod` and `sim unhealthy pod`. */
	readonly runtime: PodRuntime;
	/** Services: EndpointSlices, kube-proxy, ingress, and the `sim traffic` target. */
	readonly services: ServiceNetworking;
	/** The scheduler's latest attempt per pod, with its reasons (the scheduling view). */
	readonly scheduling: DecisionLog;
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
	const nodeIndex = new Map(all.map((name, i) => [name, i]));
	const podCidr = clusterCidr(all.length);
	const ids = kernel.rng.stream('kubernetes/uids');
	all.forEach((name, index) => {
		const identity = {
			name,
			index,
			// Flat (toLowerCase): every node keeps it, a concatenation's pieces cost more.
			podCidr: nodePodCidr(podCidr, index).toLowerCase(),
			controlPlane: index < controlPlanes.length,
			uid: uuid(ids),
			bootID: uuid(ids),
			// Flat, not the chain of pieces replaceAll leaves: every node keeps it.
			machineID: flatText(uuid(ids).replaceAll('-', ''))
		};
		kernel.store.put(NODES, name, (rv) => buildNode(identity, 0, rv));
		const leaseUid = uuid(ids);
		kernel.store.put(LEASES, name, (rv) => buildLease(name, 0, leaseUid, rv, 0));
	});

	// Hosts are created below; the locator only reads them once the lab runs.
	const apiServerHost = () => controlPlanes.find((cp) => hosts.isRunning(cp));
	const api: ApiServerLocator = {
		apiHost: () => (etcd.storageError() === undefined ? apiServerHost() : undefined)
	};
	const apiServer = new ApiServer(kernel);
	new ServiceAccountsController(kernel);
	new NamespaceController(kernel, apiServer);
	new APIServiceAvailability(kernel);
	const etcd = new Etcd(kernel, controlPlanes);
	// The runtime is made below; the kubelets read its images only once the lab runs.
	const kubelets = new Kubelets(kernel, api, all, (node, t) => runtime.statusImages(node, t));
	new NodeLifecycleController(kernel, api, all, (node) =>
		markPodsNotReady(kernel, apiServer, node)
	);
	const scheduling = new DecisionLog(kernel, apiServer);
	new SchedulerLoop(
		kernel,
		apiServer,
		api,
		scheduling.wrap(withVolumeBinding(kernel, apiServer, createFramework(kernel, apiServer)))
	);
	new ReplicaSetController(kernel, apiServer);
	new DeploymentController(kernel, apiServer);
	startWorkloadControllers(kernel, apiServer);
	new HpaController(kernel, apiServer);
	new ResourceQuotaController(kernel, apiServer);
	new TaintEvictionController(kernel, apiServer, api);
	new PodGcController(kernel, apiServer, api);
	const garbageCollector = new GarbageCollector(kernel, apiServer);
	const runtime = new PodRuntime(
		kernel,
		apiServer,
		api,
		(host) => hosts.isRunning(host),
		// A map, not indexOf: the kubelets ask for every pod they set up (5,000 nodes to scan).
		(host) => nodeIndex.get(host) ?? -1,
		podCidr
	);
	const services = createServiceNetworking(kernel, apiServer, api, {
		hosts: all,
		workers: workerNames,
		controlPlaneIPs: controlPlanes.map((_, i) => nodeAddress(i)),
		isUp: (host) => hosts.isRunning(host),
		isServing: (namespace, name) => runtime.isServing(namespace, name)
	});
	const hosts = new Hosts(kernel, all, {
		boot: (host) => {
			etcd.boot(host);
			kubelets.boot(host);
			runtime.boot(host);
			services.boot(host);
		},
		halt: (host) => {
			etcd.halt(host);
			kubelets.halt(host);
			runtime.halt(host);
			services.halt(host);
		}
	});
	for (const host of all) kubelets.boot(host);
	installSystemAddons({
		kernel,
		api: apiServer,
		runtime,
		controlPlanes,
		nodes: all,
		ipOf: (node) => nodeAddress(nodeIndex.get(node)!),
		clusterCidr: cidrText(podCidr)
	});

	return {
		hosts,
		controlPlanes,
		workers: workerNames,
		api,
		apiServerHost,
		apiServer,
		etcd,
		garbageCollector,
		runtime,
		services,
		scheduling,
		node: (name) => kernel.store.get<Node>(NODES, name)
	};
}
