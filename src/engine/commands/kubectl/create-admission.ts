/**
 * The admission a new object meets at the API server, whichever command sends it (`apply`,
 * `create -f`, the `create` generators, `expose`, `run`, `replace --force`) and whether it is
 * stored or only answered (`--dry-run=server`, `diff`): a dry run runs every admission plugin,
 * it only skips the write (KEP 576). Mutating plugins refuse first, then validating ones, in
 * kube-apiserver's order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins): ServiceAccount
 * and Priority (Admit), then LimitRanger's and ResourceQuota's checks (./quota-admission.ts).
 * Returns the Forbidden message (`pods "x" is forbidden: …`), or undefined when admitted.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import { resourceForKind } from '../../manifests/index';
import { priorityAdmission } from '../../manifests/priority-classes';
import { serviceAccountAdmission } from './service-accounts';
import { priorityClassesOf } from './priority-class-admission';
import { quotaAdmission } from './quota-admission';
import { webhookRefusal, type AdmissionOperation } from '../../kubernetes/api/admission-webhooks';

export function createAdmission(
	ctx: CommandContext,
	object: { kind?: string; metadata?: { name?: string; namespace?: string } }
): string | undefined {
	const resource = resourceForKind(object.kind ?? '');
	if (resource === undefined) return undefined;
	const podRefused =
		object.kind === 'Pod'
			? (serviceAccountAdmission(ctx, object as Pod) ??
				priorityAdmission(object as Pod, priorityClassesOf(ctx)))
			: undefined;
	return podRefused ?? quotaAdmission(ctx.kubernetes!.apiServer, resource, object);
}

/**
 * The admission webhooks a write meets (kubernetes/api/admission-webhooks.ts), after the
 * built-in plugins: the API server's InternalError text (`Internal error occurred: failed calling
 * webhook …`), or undefined when admitted.
 */
export function webhookAdmission(
	ctx: CommandContext,
	object: { kind?: string; metadata?: { name?: string; namespace?: string } },
	operation: AdmissionOperation,
	oldObject?: { metadata?: { labels?: Record<string, string> } }
): string | undefined {
	const resource = resourceForKind(object.kind ?? '');
	if (resource === undefined) return undefined;
	const refused = webhookRefusal(ctx.kernel.store, {
		operation,
		group: resource.group,
		version: resource.version,
		resource: resource.resource,
		namespaced: resource.namespaced,
		object,
		oldObject
	});
	return refused === undefined ? undefined : `Internal error occurred: ${refused}`;
}
