/**
 * The workloads whose pod template `kubectl set image|resources|env` change in the lab (set.go's
 * polymorphichelpers.UpdatePodSpecForObject lists these and more), by plural: where each is
 * stored and its kind in the apps group.
 */
import {
	DAEMONSETS,
	DEPLOYMENTS,
	REPLICASETS,
	STATEFULSETS
} from '../../kubernetes/api/collections';

export const TEMPLATE_WORKLOADS: Readonly<Record<string, { collection: string; kind: string }>> = {
	deployments: { collection: DEPLOYMENTS, kind: 'Deployment' },
	replicasets: { collection: REPLICASETS, kind: 'ReplicaSet' },
	daemonsets: { collection: DAEMONSETS, kind: 'DaemonSet' },
	statefulsets: { collection: STATEFULSETS, kind: 'StatefulSet' }
};
