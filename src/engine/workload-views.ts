/**
 * The scalable workloads of a lab, for the widget's −/+ controls: Kubernetes Deployments,
 * StatefulSets and ReplicaSets no Deployment owns; Swarm's replicated services. Global
 * services and DaemonSets run one per node and have no replica count to change. The cluster's
 * own add-ons (CoreDNS) are not the learner's to scale here.
 */
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Kernel } from './core/kernel';
import { DEPLOYMENTS, REPLICASETS, STATEFULSETS } from './kubernetes/api/collections';
import { SWARM_SERVICES, SWARM_TASKS, type SwarmService, type SwarmTask } from './swarm/objects';
import type { WorkloadView } from './types';
import { isClusterAddon } from './kubernetes/system-addons/addon-objects';

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

export function kubernetesWorkloads(kernel: Kernel): WorkloadView[] {
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

export function swarmWorkloads(kernel: Kernel): WorkloadView[] {
	const running = new Map<string, number>();
	for (const task of kernel.store.list<SwarmTask>(SWARM_TASKS)) {
		if (task.Status.State === 'running' && task.DesiredState === 'running') {
			running.set(task.ServiceID, (running.get(task.ServiceID) ?? 0) + 1);
		}
	}
	return kernel.store.list<SwarmService>(SWARM_SERVICES).flatMap((service) => {
		const mode = service.Spec.Mode;
		if (!('Replicated' in mode)) return [];
		return [
			Object.freeze({
				kind: 'Service' as const,
				namespace: '',
				name: service.Spec.Name,
				// docker service create defaults a replicated service to 1 replica.
				desired: mode.Replicated.Replicas ?? 1,
				ready: running.get(service.ID) ?? 0
			})
		];
	});
}
