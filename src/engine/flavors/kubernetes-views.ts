/**
 * What a snapshot shows of a Kubernetes cluster (../snapshot.ts adds what every lab shows): its
 * nodes, the learner's pods, and the workloads the widget's −/+ controls scale — Deployments,
 * StatefulSets and ReplicaSets no Deployment owns. DaemonSets run one per node and have no
 * replica count to change; the cluster's own add-ons (kube-proxy, CoreDNS, static pods) are not
 * the learner's. The Kubernetes flavour brings this module (./kubernetes.ts), so a Swarm page
 * does not download the pod printers and add-on manifests it reads.
 */
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { podStatus } from '../commands/kubectl/workload-printers';
import type { Kernel } from '../core/kernel';
import { LAB_EPOCH_MS } from '../core/time';
import { DEPLOYMENTS, PODS, REPLICASETS, STATEFULSETS } from '../kubernetes/api/collections';
import type { KubernetesCluster } from '../kubernetes/cluster';
import { LEASES, NODES, nodeStatusWord } from '../kubernetes/node-object';
import { isReady } from '../kubernetes/pods';
import { isClusterAddon } from '../kubernetes/system-addons/addon-objects';
import type { SnapshotSource } from '../snapshot';
import type { NodeView, UnitView, WorkloadView } from '../types';
import type { ClusterViews } from './registry';

export function kubernetesViews(src: SnapshotSource): ClusterViews {
	const cluster = src.kubernetes;
	if (cluster === undefined) throw new Error('a Kubernetes lab without its cluster');
	return {
		nodes: kubernetesNodes(src, cluster),
		units: learnerUnits(src.kernel.store.list<Pod>(PODS)),
		workloads: kubernetesWorkloads(src.kernel)
	};
}

function kubernetesNodes(src: SnapshotSource, cluster: KubernetesCluster): NodeView[] {
	return src.kernel.store.list<Node>(NODES).map((node) => {
		const name = node.metadata!.name!;
		// The Lease renewal is the kubelet's heartbeat (status is posted only on change or every 5m).
		const heartbeat = src.kernel.store.get<Lease>(LEASES, name)?.spec?.renewTime;
		return {
			name,
			role: cluster.controlPlanes.includes(name) ? 'control-plane' : 'worker',
			running: src.hosts.isRunning(name),
			status: nodeStatusWord(node),
			lastHeartbeat: heartbeat === undefined ? 0 : Date.parse(heartbeat) - LAB_EPOCH_MS
		};
	});
}

// Store objects are immutable and replaced on every write, so a pod's view is built once per
// version: a snapshot of a big cluster only re-reads the pods that changed since the last one.
const unitCache = new WeakMap<Pod, UnitView>();

/**
 * The units the views show: every pod but the cluster's own add-ons (kube-proxy, CoreDNS, static
 * pods). One pass and one array: a big lab's snapshot is built every frame.
 */
function learnerUnits(pods: readonly Pod[]): UnitView[] {
	const units: UnitView[] = [];
	for (const pod of pods) if (!isClusterAddon(pod)) units.push(podUnit(pod));
	return units;
}

function podUnit(pod: Pod): UnitView {
	let unit = unitCache.get(pod);
	if (unit === undefined) {
		const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
		let restarts = 0;
		for (const c of pod.status?.containerStatuses ?? []) restarts += c.restartCount;
		const view: UnitView = {
			name: pod.metadata!.name!,
			namespace: pod.metadata!.namespace ?? 'default',
			status: podStatus(pod),
			ready: isReady(pod),
			restarts
		};
		if (pod.spec?.nodeName) view.node = pod.spec.nodeName;
		if (owner !== undefined) view.owner = `${owner.kind}/${owner.name}`;
		unit = Object.freeze(view);
		unitCache.set(pod, unit);
	}
	return unit;
}

type Scalable = Deployment | StatefulSet | ReplicaSet;

function kubernetesView(kind: WorkloadView['kind'], object: Scalable): WorkloadView {
	return Object.freeze({
		kind,
		namespace: object.metadata?.namespace ?? 'default',
		name: object.metadata?.name ?? '',
		// The API server defaults spec.replicas to 1 for all three kinds.
		desired: object.spec?.replicas ?? 1,
		ready: object.status?.readyReplicas ?? 0
	});
}

function kubernetesWorkloads(kernel: Kernel): WorkloadView[] {
	const store = kernel.store;
	const unowned = (rs: ReplicaSet) =>
		!(rs.metadata?.ownerReferences ?? []).some((r) => r.controller === true);
	return [
		...store
			.list<Deployment>(DEPLOYMENTS)
			.filter((d) => !isClusterAddon(d))
			.map((d) => kubernetesView('Deployment', d)),
		...store.list<StatefulSet>(STATEFULSETS).map((s) => kubernetesView('StatefulSet', s)),
		...store
			.list<ReplicaSet>(REPLICASETS)
			.filter(unowned)
			.map((r) => kubernetesView('ReplicaSet', r))
	];
}
