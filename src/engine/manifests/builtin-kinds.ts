/**
 * ServiceAccount, the four RBAC kinds and NetworkPolicy: their field schemas (k8s.io/api v1.35
 * core/v1, rbac/v1, networking/v1 types.go), the API server's defaulting (pkg/apis/rbac/v1 and
 * pkg/apis/networking/v1 defaults.go) and create validation (pkg/apis/core/validation
 * ValidateServiceAccount, pkg/apis/rbac/validation/validation.go, pkg/apis/networking/validation
 * ValidateNetworkPolicy's metadata and selector checks).
 *
 * What the lab does with them: it stores and prints them. The lab's kubectl speaks as kubeadm's
 * admin.conf user (cluster-admin), so RBAC never refuses it — true of a real kubeadm cluster —
 * and the lab's pod network does not enforce NetworkPolicy (see kubernetes/defaults.ts).
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type {
	ClusterRole,
	ClusterRoleBinding,
	PolicyRule,
	Role,
	RoleBinding,
	Subject
} from 'kubernetes-types/rbac/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { Schema } from './schema-base';
import {
	arr,
	bool,
	i32,
	intOrString,
	labelSelector,
	obj,
	open,
	str,
	strings,
	topLevel
} from './schema-base';
import type { ErrorList } from './field-errors';
import { child, index, invalid, isDNS1123Subdomain, notSupported, required } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { defaultClaim, validateClaim } from './validate-pvc';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { defaultPriorityClass, validatePriorityClass } from './priority-class-kind';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { defaultHpa, validateHpa } from './hpa-kind';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { defaultStorageClass, validateStorageClass } from './storage-class-kind';
import type { IngressClass } from 'kubernetes-types/networking/v1';
import { validateIngressClass } from './ingress-class-kind';
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { defaultPersistentVolume, validatePersistentVolume } from './persistent-volume-kind';
import type { LimitRange, ResourceQuota } from 'kubernetes-types/core/v1';
import { defaultLimitRange, validateLimitRange } from './limit-range-kind';
import { validateResourceQuota } from './resource-quota-kind';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import { defaultCrd, validateCrd } from './custom-kinds';
import {
	defaultAdmissionRegistrationKind,
	validateAPIService,
	validateWebhookConfiguration,
	type APIService,
	type WebhookConfiguration
} from './admission-registration-kinds';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

// ---- schemas -------------------------------------------------------------------------------

const objectReference = open('v1', 'ObjectReference');

const policyRule = obj('v1', 'PolicyRule', () => ({
	apiGroups: strings,
	nonResourceURLs: strings,
	resourceNames: strings,
	resources: strings,
	verbs: strings
}));

const subject = obj('v1', 'Subject', () => ({
	apiGroup: str(),
	kind: str(),
	name: str(),
	namespace: str()
}));

const roleRef = obj('v1', 'RoleRef', () => ({ apiGroup: str(), kind: str(), name: str() }));

const peer = obj('v1', 'NetworkPolicyPeer', () => ({
	ipBlock: open('v1', 'IPBlock'),
	namespaceSelector: labelSelector,
	podSelector: labelSelector
}));

const policyPort = obj('v1', 'NetworkPolicyPort', () => ({
	endPort: i32,
	port: intOrString,
	protocol: str('v1.Protocol')
}));

export const BUILTIN_KIND_SCHEMAS: Record<
	| 'ServiceAccount'
	| 'Role'
	| 'ClusterRole'
	| 'RoleBinding'
	| 'ClusterRoleBinding'
	| 'NetworkPolicy',
	Schema
> = {
	ServiceAccount: topLevel('ServiceAccount', 'v1', {
		automountServiceAccountToken: bool,
		imagePullSecrets: arr(open('v1', 'LocalObjectReference')),
		secrets: arr(objectReference)
	}),
	Role: topLevel('Role', 'v1', { rules: arr(policyRule) }),
	ClusterRole: topLevel('ClusterRole', 'v1', {
		aggregationRule: open('v1', 'AggregationRule'),
		rules: arr(policyRule)
	}),
	RoleBinding: topLevel('RoleBinding', 'v1', { roleRef, subjects: arr(subject) }),
	ClusterRoleBinding: topLevel('ClusterRoleBinding', 'v1', { roleRef, subjects: arr(subject) }),
	NetworkPolicy: topLevel('NetworkPolicy', 'v1', {
		spec: obj('v1', 'NetworkPolicySpec', () => ({
			egress: arr(
				obj('v1', 'NetworkPolicyEgressRule', () => ({ ports: arr(policyPort), to: arr(peer) }))
			),
			ingress: arr(
				obj('v1', 'NetworkPolicyIngressRule', () => ({ from: arr(peer), ports: arr(policyPort) }))
			),
			podSelector: labelSelector,
			policyTypes: arr(str('v1.PolicyType'))
		}))
	})
};

// ---- defaulting ----------------------------------------------------------------------------

type Binding = RoleBinding | ClusterRoleBinding;

/**
 * rbac/v1 SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding (roleRef.apiGroup) and
 * SetDefaults_Subject (User and Group subjects: the RBAC group; ServiceAccount: ""); networking/v1
 * SetDefaults_NetworkPolicy (policyTypes: Ingress, plus Egress when egress rules are given) and
 * SetDefaults_NetworkPolicyPort (protocol TCP).
 */
export function defaultBuiltinKind(object: { kind?: string }): void {
	switch (object.kind) {
		case 'PersistentVolumeClaim':
			defaultClaim(object as PersistentVolumeClaim);
			break;
		case 'PriorityClass':
			defaultPriorityClass(object as PriorityClass);
			break;
		case 'HorizontalPodAutoscaler':
			defaultHpa(object as HorizontalPodAutoscaler);
			break;
		case 'StorageClass':
			defaultStorageClass(object as StorageClass);
			break;
		case 'PersistentVolume':
			defaultPersistentVolume(object as PersistentVolume);
			break;
		case 'LimitRange':
			defaultLimitRange(object as LimitRange);
			break;
		case 'CustomResourceDefinition':
			defaultCrd(object as CustomResourceDefinition);
			break;
		case 'ValidatingWebhookConfiguration':
		case 'MutatingWebhookConfiguration':
		case 'APIService':
			defaultAdmissionRegistrationKind(object);
			break;
		case 'RoleBinding':
		case 'ClusterRoleBinding': {
			const b = object as Binding;
			// roleRef is a struct, not a pointer, in rbac/v1: it is defaulted even when absent.
			const ref = (b.roleRef ??= { apiGroup: '', kind: '', name: '' });
			ref.apiGroup ||= RBAC_GROUP;
			for (const s of b.subjects ?? [])
				if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
			break;
		}
		case 'NetworkPolicy': {
			const np = object as NetworkPolicy;
			const spec = (np.spec ??= { podSelector: {} });
			spec.podSelector ??= {};
			if (spec.policyTypes === undefined || spec.policyTypes.length === 0) {
				spec.policyTypes = ['Ingress'];
				if ((spec.egress ?? []).length > 0) spec.policyTypes.push('Egress');
			}
			const rules = [...(spec.ingress ?? []), ...(spec.egress ?? [])];
			for (const rule of rules) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
			break;
		}
	}
}

// ---- validation ----------------------------------------------------------------------------

/** apimachinery api/validation/path IsValidPathSegmentName: the RBAC kinds' name rule. */
export function isValidPathSegmentName(name: string): string[] {
	for (const bad of ['.', '..']) if (name === bad) return [`may not be '${bad}'`];
	return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** ValidatePolicyRule. */
function validateRule(rule: PolicyRule, namespaced: boolean, path: string): ErrorList {
	const errs: ErrorList = [];
	if ((rule.verbs ?? []).length === 0)
		errs.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
	const urls = rule.nonResourceURLs ?? [];
	if (urls.length > 0) {
		if (namespaced)
			errs.push(
				invalid(
					child(path, 'nonResourceURLs'),
					urls,
					'namespaced rules cannot apply to non-resource URLs'
				)
			);
		const resourceFields = [rule.apiGroups, rule.resources, rule.resourceNames];
		if (resourceFields.some((f) => (f ?? []).length > 0))
			errs.push(
				invalid(
					child(path, 'nonResourceURLs'),
					urls,
					'rules cannot apply to both regular resources and non-resource URLs'
				)
			);
		return errs;
	}
	if ((rule.apiGroups ?? []).length === 0)
		errs.push(
			required(child(path, 'apiGroups'), 'resource rules must supply at least one api group')
		);
	if ((rule.resources ?? []).length === 0)
		errs.push(
			required(child(path, 'resources'), 'resource rules must supply at least one resource')
		);
	return errs;
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: Subject, namespaced: boolean, path: string): ErrorList {
	const errs: ErrorList = [];
	if (!s.name) errs.push(required(child(path, 'name')));
	switch (s.kind) {
		case 'ServiceAccount':
			if (s.name)
				for (const msg of isDNS1123Subdomain(s.name))
					errs.push(invalid(child(path, 'name'), s.name, msg));
			if (s.apiGroup) errs.push(notSupported(child(path, 'apiGroup'), s.apiGroup, ['']));
			if (!namespaced && !s.namespace) errs.push(required(child(path, 'namespace')));
			break;
		case 'User':
		case 'Group':
			if (s.apiGroup !== RBAC_GROUP)
				errs.push(notSupported(child(path, 'apiGroup'), s.apiGroup ?? '', [RBAC_GROUP]));
			break;
		default:
			errs.push(
				notSupported(child(path, 'kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group'])
			);
	}
	return errs;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding (a ClusterRoleBinding names a ClusterRole). */
function validateBinding(b: Binding, namespaced: boolean): ErrorList {
	const errs: ErrorList = [];
	const ref = b.roleRef ?? { apiGroup: '', kind: '', name: '' };
	if (ref.apiGroup !== RBAC_GROUP)
		errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
	const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
	if (!kinds.includes(ref.kind ?? '')) errs.push(notSupported('roleRef.kind', ref.kind, kinds));
	if (!ref.name) errs.push(required('roleRef.name'));
	else
		for (const msg of isValidPathSegmentName(ref.name))
			errs.push(invalid('roleRef.name', ref.name, msg));
	(b.subjects ?? []).forEach((s, i) =>
		errs.push(...validateSubject(s, namespaced, index('subjects', i)))
	);
	return errs;
}

export function validateBuiltinKind(
	object: { kind?: string; metadata?: ServiceAccount['metadata'] },
	namespaced: boolean
): ErrorList | undefined {
	switch (object.kind) {
		case 'ServiceAccount':
			// ValidateServiceAccountName is NameIsDNSSubdomain.
			return validateObjectMeta(object.metadata, namespaced, isDNS1123Subdomain);
		case 'Role':
		case 'ClusterRole': {
			const role = object as Role | ClusterRole;
			const errs = validateObjectMeta(role.metadata, namespaced, isValidPathSegmentName);
			(role.rules ?? []).forEach((r, i) =>
				errs.push(...validateRule(r, namespaced, index('rules', i)))
			);
			return errs;
		}
		case 'RoleBinding':
		case 'ClusterRoleBinding': {
			const b = object as Binding;
			return [
				...validateObjectMeta(b.metadata, namespaced, isValidPathSegmentName),
				...validateBinding(b, namespaced)
			];
		}
		case 'NetworkPolicy':
			return validateObjectMeta(object.metadata, namespaced, isDNS1123Subdomain);
		case 'PersistentVolumeClaim':
			return validateClaim(object as PersistentVolumeClaim, namespaced);
		case 'PriorityClass':
			return validatePriorityClass(object as PriorityClass);
		case 'HorizontalPodAutoscaler':
			return validateHpa(object as HorizontalPodAutoscaler);
		case 'StorageClass':
			return validateStorageClass(object as StorageClass);
		case 'IngressClass':
			return validateIngressClass(object as IngressClass);
		case 'PersistentVolume':
			return validatePersistentVolume(object as PersistentVolume);
		case 'ResourceQuota':
			return validateResourceQuota(object as ResourceQuota);
		case 'LimitRange':
			return validateLimitRange(object as LimitRange);
		case 'CustomResourceDefinition':
			return validateCrd(object as CustomResourceDefinition);
		case 'ValidatingWebhookConfiguration':
		case 'MutatingWebhookConfiguration':
			return validateWebhookConfiguration(object as WebhookConfiguration);
		case 'APIService':
			return validateAPIService(object as APIService);
		default:
			return undefined;
	}
}

/**
 * ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: `roleRef: Invalid value: {…}:
 * cannot change roleRef`. The value is the internal rbac.RoleRef, a struct without JSON tags,
 * so since v1.34's JSON rendering its keys print as the Go field names.
 */
export function roleRefChange(
	kind: string,
	name: string,
	before: { roleRef?: Binding['roleRef'] },
	after: { roleRef?: Binding['roleRef'] }
): string | undefined {
	if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') return undefined;
	const a = before.roleRef;
	const b = after.roleRef;
	if (a?.apiGroup === b?.apiGroup && a?.kind === b?.kind && a?.name === b?.name) return undefined;
	const value = JSON.stringify({ APIGroup: b?.apiGroup, Kind: b?.kind, Name: b?.name });
	return `The ${kind} ${JSON.stringify(name)} is invalid: roleRef: Invalid value: ${value}: cannot change roleRef\n`;
}
