/**
 * The LimitRanger and ResourceQuota admission plugins for what kubectl sends (`apply`/`create -f`,
 * `run`): LimitRanger defaults and bounds a pod's or claim's resources
 * (kubernetes/controllers/limit-ranger-admission.ts); then a pod is checked for its compute
 * resources and count, any other namespaced object for the counts
 * (kubernetes/controllers/resource-quota-controller.ts). Returns the Forbidden text, or undefined.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../kubernetes/api/api-server';
import {
	objectQuotaRefusal,
	podQuotaRefusal
} from '../../kubernetes/controllers/resource-quota-controller';
import type { ResourceInfo } from '../../manifests/types';
import { limitRangerRefusal } from '../../kubernetes/controllers/limit-ranger-admission';

export function quotaAdmission(
	api: ApiServer,
	resource: ResourceInfo,
	object: { kind?: string; metadata?: { name?: string; namespace?: string } }
): string | undefined {
	if (!resource.namespaced) return undefined;
	// LimitRanger first: it defaults what the quota then counts (AllOrderedPlugins).
	const limited = limitRangerRefusal(api, resource.resource, object);
	if (limited !== undefined) return limited;
	if (object.kind === 'Pod') return podQuotaRefusal(api, object as Pod);
	return objectQuotaRefusal(api, resource.resource, resource.group, object);
}
