/**
 * A kubeadm cluster is never empty: before anyone types a command, kube-system runs kube-proxy
 * on every node (a DaemonSet), CoreDNS (a Deployment of 2 behind the kube-dns Service) and the
 * control plane's static pods (etcd, kube-apiserver, kube-controller-manager, kube-scheduler).
 * `kubectl get pods -A`, `describe node` and `drain` (which refuses DaemonSet pods without
 * `--ignore-daemonsets`) show them as on a real cluster.
 *
 * They are installed settled, as the lab's first moment finds them: created, bound and running
 * since time 0, with the objects the controllers would have made (the DaemonSet's revision, the
 * Deployment's ReplicaSet) so that the controllers' first syncs find nothing to do but write
 * status. Their names and uids come from the API server's boot streams (api-server.ts), so the
 * learner's objects get the names they got before the add-ons existed.
 */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Node, Pod, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { serverDefaults } from '../../manifests/index';
import { admitPod } from '../../manifests/admission';
import type { ApiServer } from '../api/api-server';
import type { KubeObject } from '../../manifests/types';
import {
	CONFIGMAPS,
	DAEMONSETS,
	DEPLOYMENTS,
	PODS,
	REPLICASETS,
	SERVICEACCOUNTS,
	SERVICES
} from '../api/collections';
import { podTemplateHash } from '../api/names';
import { hashOf, syncRevision } from '../controllers/controller-revisions';
import { DAEMONSET_KIND, daemonPod } from '../controllers/daemonset-controller';
import { pinnedToNode, withDaemonTolerations } from '../controllers/daemon-nodes';
import { newReplicaSet } from '../controllers/deployment-controller';
import { resolveIntOrPercent } from '../controllers/int-or-percent';
import { classesOf, podFromTemplate, type WorkloadKind } from '../controllers/workload-pods';
import type { PodRuntime } from '../kubelet/pod-runtime';
import { NODES } from '../node-object';
import { admitService } from '../services/service-admission';
import { API_SERVER_PORT } from '../defaults';
import {
	SYSTEM,
	addonConfigMaps,
	addonServiceAccounts,
	coreDnsDeployment,
	kubeDnsService,
	kubeProxyDaemonSet
} from './addon-manifests';
import { staticPods } from './static-pods';

const REPLICASET_KIND: WorkloadKind = {
	kind: 'ReplicaSet',
	apiVersion: 'apps/v1',
	source: 'replicaset-controller'
};

export interface AddonCluster {
	kernel: Kernel;
	api: ApiServer;
	runtime: PodRuntime;
	controlPlanes: readonly string[];
	/** Every node, control planes first. */
	nodes: readonly string[];
	/** A node's address (kind's docker network). */
	ipOf(node: string): string;
	/** --cluster-cidr (../pod-network.ts), e.g. 10.244.0.0/16. */
	clusterCidr: string;
}

export function installSystemAddons(c: AddonCluster): void {
	const { api } = c;
	const apiServerUrl = `https://${c.ipOf(c.controlPlanes[0]!)}:${API_SERVER_PORT}`;
	for (const cm of addonConfigMaps(apiServerUrl, c.clusterCidr))
		api.create<ConfigMap>(CONFIGMAPS, cm);
	for (const sa of addonServiceAccounts()) api.create<ServiceAccount>(SERVICEACCOUNTS, sa);
	installKubeProxy(c);
	installCoreDns(c);
	for (const node of c.controlPlanes) installStaticPods(c, node);
}

function defaulted<T extends KubeObject>(object: T): T {
	serverDefaults(object, SYSTEM, true);
	return object;
}

/** Stores a pod bound to `node` whose containers have run since the lab began. */
function runningPod(c: AddonCluster, pod: Pod, node: string, admit = true): void {
	if (admit) admitPod(pod, classesOf(c.api));
	pod.spec!.nodeName = node;
	c.runtime.settled(() => c.api.create<Pod>(PODS, pod));
}

function installKubeProxy(c: AddonCluster): void {
	const ds = c.api.create<DaemonSet>(DAEMONSETS, defaulted(kubeProxyDaemonSet()));
	// The revision the DaemonSet controller's first sync would make (constructHistory).
	const hash = hashOf(syncRevision(c.api, DAEMONSET_KIND, ds));
	// One pod made and admitted as the controller would, whose parts every node's pod shares
	// (stored objects never change in place): only the node it is pinned to is its own. A
	// 5,000-node lab would otherwise hold 5,000 copies of the same spec.
	const shared = podFromTemplate(DAEMONSET_KIND, ds, ds.spec!.template, {
		labels: daemonPod(ds, '', hash).labels,
		spec: withDaemonTolerations
	});
	admitPod(shared, classesOf(c.api));
	// Its token volume too, so every node's pod shares it: one volume name for all of them, where
	// in Kubernetes each pod draws its own (api/token-volume.ts, as for a ReplicaSet's pods).
	const mounted = c.api.withTokenVolume(shared, SYSTEM);
	for (const node of c.nodes) {
		const pod = {
			...mounted,
			metadata: { ...mounted.metadata },
			spec: pinnedToNode(mounted.spec!, node)
		};
		runningPod(c, pod, node, false);
	}
}

function installCoreDns(c: AddonCluster): void {
	const d = c.api.create<Deployment>(DEPLOYMENTS, defaulted(coreDnsDeployment()));
	const replicas = d.spec!.replicas!;
	const surge = resolveIntOrPercent(
		d.spec!.strategy!.rollingUpdate!.maxSurge ?? '25%',
		replicas,
		true
	);
	const hash = podTemplateHash(d.spec!.template);
	const rs = c.api.create<ReplicaSet>(
		REPLICASETS,
		newReplicaSet(d, hash, 1, replicas, replicas, replicas + surge)
	);
	// kubeadm installs CoreDNS before any worker joins: its pods run on the control plane(s),
	// which they tolerate, one per control plane while there are several (their anti-affinity).
	for (let i = 0; i < replicas; i++) {
		const pod = podFromTemplate(REPLICASET_KIND, rs, rs.spec!.template!);
		runningPod(c, pod, c.controlPlanes[i % c.controlPlanes.length]!);
	}
	const service = defaulted(kubeDnsService());
	const admitted = admitService(c.kernel, service);
	if (!admitted.ok) throw new Error('kube-dns: the lab could not admit its own Service');
	c.api.create<Service>(SERVICES, admitted.service);
}

function installStaticPods(c: AddonCluster, name: string): void {
	const node = c.kernel.store.get<Node>(NODES, name)!;
	const members = c.controlPlanes.map((cp): [string, string] => [cp, c.ipOf(cp)]);
	const hashes = c.kernel.rng.stream('kubelet/static-pod-hashes');
	const hex = () =>
		Array.from({ length: 32 }, () => '0123456789abcdef'[hashes.int(0, 15)]).join('');
	for (const pod of staticPods(node, c.ipOf(name), c.clusterCidr, members, hex)) {
		serverDefaults(pod, SYSTEM, true);
		// A mirror pod passes no ServiceAccount admission (mirror pods name none); its priority
		// and QoS are set as for any pod.
		const status = { phase: 'Pending', qosClass: 'Burstable' };
		runningPod(c, { ...pod, status }, name, false);
	}
}
