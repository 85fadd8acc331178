/**
 * ResourceQuota (v1, namespaced): its field schema (k8s.io/api core/v1 types.go ResourceQuotaSpec)
 * and create validation (pkg/apis/core/validation/validation.go ValidateResourceQuota,
 * ValidateResourceQuotaResourceName, validateResourceName, ValidateResourceQuantityValue,
 * validateResourceQuotaScopes): every name in spec.hard is a standard quota resource or a
 * fully qualified one (`count/deployments.apps`, `example.com/gpu`), no value is negative, and
 * the object counts are integers.
 *
 * What the cluster does with a quota is kubernetes/controllers/resource-quota-controller.ts's.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { Schema } from './schema-base';
import { arr, obj, open, resourceList, str, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import { invalid, isDNS1123Subdomain, isQualifiedName, key } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { parseQuantity } from './quantity';
import { ownValue } from '../core/own-keys';

export const RESOURCE_QUOTA_SCHEMAS: Record<'ResourceQuota', Schema> = {
	ResourceQuota: topLevel('ResourceQuota', 'v1', {
		spec: obj('v1', 'ResourceQuotaSpec', () => ({
			hard: resourceList,
			scopeSelector: open('v1', 'ScopeSelector'),
			scopes: arr(str('v1.ResourceQuotaScope'))
		}))
	})
};

/** pkg/apis/core/helper standardResources: the names allowed without a domain. */
const STANDARD_RESOURCES = new Set([
	'cpu',
	'memory',
	'ephemeral-storage',
	'requests.cpu',
	'requests.memory',
	'requests.ephemeral-storage',
	'limits.cpu',
	'limits.memory',
	'limits.ephemeral-storage',
	'pods',
	'resourcequotas',
	'services',
	'replicationcontrollers',
	'secrets',
	'persistentvolumeclaims',
	'configmaps',
	'storage',
	'requests.storage',
	'services.nodeports',
	'services.loadbalancers'
]);

/** helper standardQuotaResources (IsStandardQuotaResourceName): all but bare `storage`. */
const STANDARD_QUOTA_RESOURCES = new Set([...STANDARD_RESOURCES].filter((r) => r !== 'storage'));

/** helper integerResources (IsIntegerResourceName): the counted objects. */
const INTEGER_RESOURCES = new Set([
	'pods',
	'resourcequotas',
	'services',
	'replicationcontrollers',
	'secrets',
	'configmaps',
	'persistentvolumeclaims',
	'services.nodeports',
	'services.loadbalancers'
]);

/** helper.IsStandardResourceQuotaScope. */
const SCOPES = [
	'BestEffort',
	'CrossNamespacePodAffinity',
	'NotBestEffort',
	'NotTerminating',
	'PriorityClass',
	'Terminating',
	'VolumeAttributesClass'
];

/** helper.IsResourceQuotaScopeValidForResource, for the pod scopes: what each may limit. */
const POD_RESOURCES = [
	'pods',
	'cpu',
	'memory',
	'requests.cpu',
	'requests.memory',
	'limits.cpu',
	'limits.memory'
];
const SCOPE_RESOURCES: Record<string, readonly string[]> = {
	BestEffort: ['pods'],
	NotBestEffort: POD_RESOURCES,
	Terminating: POD_RESOURCES,
	NotTerminating: POD_RESOURCES,
	PriorityClass: POD_RESOURCES
};

/** validateResourceQuotaScopes: each error's value is the whole list of scopes. */
function validateScopes(quota: ResourceQuota): ErrorList {
	const scopes = quota.spec?.scopes ?? [];
	const hard = Object.keys(quota.spec?.hard ?? {}).sort();
	const errs: ErrorList = [];
	for (const scope of scopes) {
		if (!SCOPES.includes(scope)) errs.push(invalid('spec.scopes', scopes, 'unsupported scope'));
		const allowed = ownValue(SCOPE_RESOURCES, scope);
		if (allowed === undefined) continue;
		for (const name of hard)
			if (STANDARD_QUOTA_RESOURCES.has(name) && !allowed.includes(name))
				errs.push(invalid('spec.scopes', scopes, 'unsupported scope applied to resource'));
	}
	for (const [a, b] of [
		['BestEffort', 'NotBestEffort'],
		['Terminating', 'NotTerminating']
	])
		if (scopes.includes(a!) && scopes.includes(b!))
			errs.push(invalid('spec.scopes', scopes, 'conflicting scopes'));
	return errs;
}

const isHugePages = (name: string) => /^(requests\.)?hugepages-/.test(name);

function validateQuotaResourceName(name: string, path: string): ErrorList {
	const errs: ErrorList = [];
	// validateResourceName: a qualified name, standard when it has no domain.
	for (const msg of isQualifiedName(name)) errs.push(invalid(path, name, msg));
	if (!name.includes('/')) {
		if (!STANDARD_RESOURCES.has(name) && !isHugePages(name))
			errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
		if (!STANDARD_QUOTA_RESOURCES.has(name) && !isHugePages(name))
			errs.push(invalid(path, name, 'must be a standard resource for quota'));
	}
	return errs;
}

export function validateResourceQuota(quota: ResourceQuota): ErrorList {
	const errs = validateObjectMeta(quota.metadata, true, isDNS1123Subdomain);
	const hard = quota.spec?.hard ?? {};
	for (const name of Object.keys(hard).sort()) {
		const path = key('spec.hard', name);
		errs.push(...validateQuotaResourceName(name, path));
		const parsed = parseQuantity(hard[name]!);
		if ('error' in parsed) continue;
		if (parsed.milli < 0n)
			errs.push(invalid(path, hard[name], 'must be greater than or equal to 0'));
		if (INTEGER_RESOURCES.has(name) && parsed.milli % 1000n !== 0n)
			errs.push(invalid(path, hard[name], 'must be an integer'));
	}
	errs.push(...validateScopes(quota));
	return errs;
}
