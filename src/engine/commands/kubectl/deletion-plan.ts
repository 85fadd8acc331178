/**
 * What `kubectl delete` removes and how: the collections it serves, and the deletion of a
 * planned list (pods gracefully, claims through their finalizer, the rest through the garbage
 * collector with background propagation).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import {
	CRONJOBS,
	DAEMONSETS,
	DEPLOYMENTS,
	INGRESSES,
	JOBS,
	PDBS,
	PODS,
	PVCS,
	REPLICASETS,
	SERVICES,
	STATEFULSETS
} from '../../kubernetes/api/collections';
import { requestPodDeletion } from '../../kubernetes/pod-deletion';
import { requestClaimDeletion } from '../../kubernetes/storage/claim-protection';
import { CONFIGMAPS, SECRETS } from './namespaces';
import { NETWORKPOLICIES, ROLEBINDINGS, ROLES, SERVICEACCOUNTS } from './builtin-kind-printers';
import { PRIORITYCLASSES } from '../../kubernetes/api/priority-class-store';
import { HPAS } from '../../kubernetes/controllers/hpa-controller';
import { STORAGECLASSES } from '../../kubernetes/storage/storage-classes';
import { LIMITRANGES, PVS } from '../../kubernetes/api/collections';
import { requestVolumeDeletion } from '../../kubernetes/storage/volume-protection';
import { QUOTAS } from '../../kubernetes/controllers/resource-quota-controller';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import { CRDS, deleteCustomObjects } from '../../kubernetes/api/custom-resources';
import { customKinds } from '../../manifests/custom-kinds';
import {
	APISERVICES,
	MUTATING_WEBHOOKS,
	VALIDATING_WEBHOOKS
} from '../../kubernetes/api/collections';

/** The collections `kubectl delete` removes objects from, by resource plural. */
const DELETABLE: Record<string, string> = {
	deployments: DEPLOYMENTS,
	replicasets: REPLICASETS,
	pods: PODS,
	services: SERVICES,
	ingresses: INGRESSES,
	daemonsets: DAEMONSETS,
	statefulsets: STATEFULSETS,
	jobs: JOBS,
	cronjobs: CRONJOBS,
	poddisruptionbudgets: PDBS,
	persistentvolumeclaims: PVCS,
	configmaps: CONFIGMAPS,
	secrets: SECRETS,
	serviceaccounts: SERVICEACCOUNTS,
	roles: ROLES,
	rolebindings: ROLEBINDINGS,
	// Cluster-scoped ClusterRoles and ClusterRoleBindings: the delete paths here are namespaced.
	networkpolicies: NETWORKPOLICIES,
	// Cluster-scoped kinds added in session 9: their namespace is '' (collections.ts key).
	priorityclasses: PRIORITYCLASSES,
	horizontalpodautoscalers: HPAS,
	storageclasses: STORAGECLASSES,
	// Through the pv-protection finalizer (kubernetes/storage/volume-protection.ts).
	persistentvolumes: PVS,
	resourcequotas: QUOTAS,
	limitranges: LIMITRANGES,
	validatingwebhookconfigurations: VALIDATING_WEBHOOKS,
	mutatingwebhookconfigurations: MUTATING_WEBHOOKS,
	apiservices: APISERVICES
};

export function deletableCollection(plural: string): string | undefined {
	if (plural === 'customresourcedefinitions') return CRDS;
	return DELETABLE[plural] ?? customKinds().find((k) => k.plural === plural)?.collection;
}

export interface PlannedDeletion {
	collection: string;
	/** '' for a cluster-scoped object. */
	namespace: string;
	name: string;
	/** How kubectl names its kind: `pod`, `deployment.apps`. */
	kind: string;
	/** The resource, as kubectl's wait names it in a timeout (`pods`). */
	plural: string;
	/** Listed and printed but not deleted: something puts it straight back (kube-root-ca.crt). */
	virtual?: boolean;
}

/**
 * Deletes what was planned: pods through graceful termination (with kubectl's --grace-period
 * when one was given, -1 for the pod's own), claims through their protection finalizer,
 * everything else through the garbage collector (its dependents follow).
 */
export function deletePlanned(
	ctx: CommandContext,
	plan: readonly PlannedDeletion[],
	gracePeriod = -1
): void {
	for (const { collection, namespace, name } of plan) {
		if (collection === PODS) {
			const pod = ctx.kubernetes!.apiServer.get<Pod>(PODS, namespace, name)!;
			requestPodDeletion(
				ctx.kernel,
				ctx.kubernetes!.apiServer,
				pod,
				'',
				gracePeriod < 0 ? undefined : gracePeriod
			);
		} else if (collection === PVCS)
			requestClaimDeletion(ctx.kernel, ctx.kubernetes!.apiServer, namespace, name);
		else if (collection === PVS) requestVolumeDeletion(ctx.kernel, ctx.kubernetes!.apiServer, name);
		else {
			// The CRD finalizer deletes every object of the kind first (custom-resources.ts).
			const crd =
				collection === CRDS
					? ctx.kernel.store.get<CustomResourceDefinition>(CRDS, name)
					: undefined;
			if (crd !== undefined) deleteCustomObjects(ctx.kernel, crd);
			ctx.kubernetes!.garbageCollector.delete(collection, namespace, name);
		}
	}
}
