/**
 * The cluster-scoped kinds real add-on installs end with:
 * - ValidatingWebhookConfiguration and MutatingWebhookConfiguration (admissionregistration.k8s.io/v1):
 *   field schema (k8s.io/api admissionregistration/v1 types.go), defaulting
 *   (pkg/apis/admissionregistration/v1/defaults.go) and create validation
 *   (pkg/apis/admissionregistration/validation/validation.go validateValidatingWebhook,
 *   validateMutatingWebhook, validateRuleWithOperations, validateAdmissionReviewVersions;
 *   apimachinery pkg/util/validation IsFullyQualifiedName);
 * - APIService (apiregistration.k8s.io/v1): staging/src/k8s.io/kube-aggregator/pkg/apis/apiregistration
 *   v1/types.go, v1/defaults.go and validation/validation.go ValidateAPIService.
 *
 * What the API server does with them is kubernetes/api/admission-webhooks.ts (the webhooks a write
 * meets) and kubernetes/api/apiservice-controller.ts (the Available condition).
 */
import type {
	MutatingWebhook,
	MutatingWebhookConfiguration,
	RuleWithOperations,
	ValidatingWebhook,
	ValidatingWebhookConfiguration,
	WebhookClientConfig
} from 'kubernetes-types/admissionregistration/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Schema } from './schema-base';
import { arr, bool, bytes, i32, labelSelector, obj, str, strings, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import {
	child,
	duplicate,
	index,
	invalid,
	isDNS1035Label,
	isDNS1123Subdomain,
	isValidPortNum,
	notSupported,
	required
} from './field-errors';
import { validateLabelSelector, validateObjectMeta } from './validate-meta';

/** apiregistration.k8s.io/v1 APIService: not in k8s.io/api, so not in kubernetes-types. */
export interface APIService {
	apiVersion?: 'apiregistration.k8s.io/v1';
	kind?: 'APIService';
	metadata?: ObjectMeta;
	spec?: {
		caBundle?: string;
		group?: string;
		groupPriorityMinimum?: number;
		insecureSkipTLSVerify?: boolean;
		service?: { name?: string; namespace?: string; port?: number };
		version?: string;
		versionPriority?: number;
	};
	status?: { conditions?: APIServiceCondition[] };
}

export interface APIServiceCondition {
	type: string;
	status: string;
	lastTransitionTime?: string;
	reason?: string;
	message?: string;
}

export type WebhookConfiguration = ValidatingWebhookConfiguration | MutatingWebhookConfiguration;

/** kubernetes-types' RuleWithOperations lacks the embedded Rule's resources and scope. */
export type WebhookRule = RuleWithOperations & { resources?: string[]; scope?: string };

// ---- schemas -------------------------------------------------------------------------------

const rule = obj('v1', 'RuleWithOperations', () => ({
	apiGroups: strings,
	apiVersions: strings,
	operations: arr(str('v1.OperationType')),
	resources: strings,
	scope: str('v1.ScopeType')
}));

const clientConfig = obj('v1', 'WebhookClientConfig', () => ({
	caBundle: bytes,
	service: obj('v1', 'ServiceReference', () => ({
		name: str(),
		namespace: str(),
		path: str(),
		port: i32
	})),
	url: str()
}));

const matchCondition = obj('v1', 'MatchCondition', () => ({ expression: str(), name: str() }));

const webhookFields = () => ({
	admissionReviewVersions: strings,
	clientConfig,
	failurePolicy: str('v1.FailurePolicyType'),
	matchConditions: arr(matchCondition),
	matchPolicy: str('v1.MatchPolicyType'),
	name: str(),
	namespaceSelector: labelSelector,
	objectSelector: labelSelector,
	rules: arr(rule),
	sideEffects: str('v1.SideEffectClass'),
	timeoutSeconds: i32
});

export const ADMISSION_REGISTRATION_SCHEMAS: Record<
	'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration' | 'APIService',
	Schema
> = {
	ValidatingWebhookConfiguration: topLevel('ValidatingWebhookConfiguration', 'v1', {
		webhooks: arr(obj('v1', 'ValidatingWebhook', webhookFields))
	}),
	MutatingWebhookConfiguration: topLevel('MutatingWebhookConfiguration', 'v1', {
		webhooks: arr(
			obj('v1', 'MutatingWebhook', () => ({
				...webhookFields(),
				reinvocationPolicy: str('v1.ReinvocationPolicyType')
			}))
		)
	}),
	APIService: topLevel('APIService', 'v1', {
		spec: obj('v1', 'APIServiceSpec', () => ({
			caBundle: bytes,
			group: str(),
			groupPriorityMinimum: i32,
			insecureSkipTLSVerify: bool,
			service: obj('v1', 'ServiceReference', () => ({ name: str(), namespace: str(), port: i32 })),
			version: str(),
			versionPriority: i32
		}))
	})
};

// ---- defaulting ----------------------------------------------------------------------------

/** admissionregistration/v1 defaults.go: TimeoutSeconds 10 (SetDefaults_ValidatingWebhook). */
export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;
/** SetDefaults_ServiceReference (webhooks and APIServices alike): port 443. */
export const DEFAULT_SERVICE_REFERENCE_PORT = 443;

function defaultWebhook(hook: ValidatingWebhook | MutatingWebhook, mutating: boolean): void {
	hook.failurePolicy ??= 'Fail';
	hook.matchPolicy ??= 'Equivalent';
	hook.namespaceSelector ??= {};
	hook.objectSelector ??= {};
	hook.timeoutSeconds ??= DEFAULT_WEBHOOK_TIMEOUT_SECONDS;
	if (mutating) (hook as MutatingWebhook).reinvocationPolicy ??= 'Never';
	// SetDefaults_Rule: scope "*".
	for (const r of (hook.rules ?? []) as WebhookRule[]) r.scope ??= '*';
	const service = hook.clientConfig?.service;
	if (service !== undefined) service.port ??= DEFAULT_SERVICE_REFERENCE_PORT;
}

export function defaultAdmissionRegistrationKind(object: { kind?: string }): void {
	if (object.kind === 'APIService') {
		const service = (object as APIService).spec?.service;
		if (service !== undefined) service.port ??= DEFAULT_SERVICE_REFERENCE_PORT;
		return;
	}
	const mutating = object.kind === 'MutatingWebhookConfiguration';
	for (const hook of (object as WebhookConfiguration).webhooks ?? [])
		defaultWebhook(hook, mutating);
}

// ---- validation ----------------------------------------------------------------------------

// sets.NewString(...).List(): sorted.
const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
/** noSideEffectClasses: what a v1 create accepts (requireNoSideEffects). */
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
/** AcceptedAdmissionReviewVersions. */
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** utilvalidation.IsFullyQualifiedName. */
function fullyQualifiedName(field: string, name: string): ErrorList {
	if (name === '') return [required(field)];
	const dns = isDNS1123Subdomain(name);
	if (dns.length > 0) return [invalid(field, name, dns.join(','))];
	if (name.split('.').length < 3)
		return [
			invalid(field, name, 'should be a domain with at least three segments separated by dots')
		];
	return [];
}

/** validateRuleWithOperations and validateRule (apiGroups, apiVersions, resources, scope). */
function validateRule(r: WebhookRule, at: string): ErrorList {
	const errs: ErrorList = [];
	const ops = r.operations ?? [];
	if (ops.length === 0) errs.push(required(child(at, 'operations')));
	if (ops.length > 1 && ops.includes('*'))
		errs.push(
			invalid(child(at, 'operations'), ops, "if '*' is present, must not specify other operations")
		);
	ops.forEach((op, i) => {
		if (!OPERATIONS.includes(op))
			errs.push(notSupported(index(child(at, 'operations'), i), op, OPERATIONS));
	});
	const lists: [string, string[] | undefined, string][] = [
		['apiGroups', r.apiGroups, 'API groups'],
		['apiVersions', r.apiVersions, 'API versions']
	];
	for (const [name, list, what] of lists) {
		const values = list ?? [];
		if (values.length === 0) errs.push(required(child(at, name)));
		else if (values.length > 1 && values.includes('*'))
			errs.push(
				invalid(child(at, name), values, `if '*' is present, must not specify other ${what}`)
			);
	}
	(r.apiVersions ?? []).forEach((v, i) => {
		if (v === '') errs.push(required(index(child(at, 'apiVersions'), i)));
	});
	if ((r.resources ?? []).length === 0) errs.push(required(child(at, 'resources')));
	if (r.scope !== undefined && !SCOPES.includes(r.scope))
		errs.push(notSupported(child(at, 'scope'), r.scope, SCOPES));
	return errs;
}

/** ValidateWebhookService / ValidateWebhookURL's common checks (apiserver pkg/util/webhook). */
function validateClientConfig(cc: WebhookClientConfig | undefined, at: string): ErrorList {
	const field = child(at, 'clientConfig');
	const url = cc?.url;
	const service = cc?.service;
	if ((url === undefined) === (service === undefined))
		return [required(field, 'exactly one of url or service is required')];
	if (service === undefined) return [];
	const errs: ErrorList = [];
	const path = child(field, 'service');
	if (!service.name) errs.push(required(child(path, 'name'), 'service name is required'));
	if (!service.namespace)
		errs.push(required(child(path, 'namespace'), 'service namespace is required'));
	if (service.port !== undefined) {
		for (const msg of isValidPortNum(service.port))
			errs.push(invalid(child(path, 'port'), service.port, `port is not valid: ${msg}`));
	}
	return errs;
}

function validateWebhook(
	hook: ValidatingWebhook | MutatingWebhook,
	at: string,
	mutating: boolean
): ErrorList {
	const errs = fullyQualifiedName(child(at, 'name'), hook.name ?? '');
	(hook.rules ?? []).forEach((r, i) => errs.push(...validateRule(r, index(child(at, 'rules'), i))));
	if (hook.failurePolicy !== undefined && !FAILURE_POLICIES.includes(hook.failurePolicy))
		errs.push(notSupported(child(at, 'failurePolicy'), hook.failurePolicy, FAILURE_POLICIES));
	if (hook.matchPolicy !== undefined && !MATCH_POLICIES.includes(hook.matchPolicy))
		errs.push(notSupported(child(at, 'matchPolicy'), hook.matchPolicy, MATCH_POLICIES));
	if (hook.sideEffects === undefined)
		errs.push(
			required(child(at, 'sideEffects'), `must specify one of ${NO_SIDE_EFFECTS.join(', ')}`)
		);
	else if (!NO_SIDE_EFFECTS.includes(hook.sideEffects))
		errs.push(notSupported(child(at, 'sideEffects'), hook.sideEffects, NO_SIDE_EFFECTS));
	const timeout = hook.timeoutSeconds;
	if (timeout !== undefined && (timeout > 30 || timeout < 1))
		errs.push(
			invalid(
				child(at, 'timeoutSeconds'),
				timeout,
				'the timeout value must be between 1 and 30 seconds'
			)
		);
	errs.push(...validateLabelSelector(hook.namespaceSelector, child(at, 'namespaceSelector')));
	errs.push(...validateLabelSelector(hook.objectSelector, child(at, 'objectSelector')));
	const reinvocation = (hook as MutatingWebhook).reinvocationPolicy;
	if (mutating && reinvocation !== undefined && !REINVOCATION_POLICIES.includes(reinvocation))
		errs.push(notSupported(child(at, 'reinvocationPolicy'), reinvocation, REINVOCATION_POLICIES));
	errs.push(...validateClientConfig(hook.clientConfig, at));
	return errs;
}

/** validateAdmissionReviewVersions (a create: a recognised version is required). */
function validateReviewVersions(versions: readonly string[] | undefined, at: string): ErrorList {
	if (versions === undefined || versions.length === 0)
		return [required(at, `must specify one of ${REVIEW_VERSIONS.join(', ')}`)];
	const errs: ErrorList = [];
	const seen = new Set<string>();
	versions.forEach((v, i) => {
		if (seen.has(v)) {
			errs.push(invalid(index(at, i), v, 'duplicate version'));
			return;
		}
		seen.add(v);
		for (const msg of isDNS1035Label(v)) errs.push(invalid(index(at, i), v, msg));
	});
	if (!versions.some((v) => REVIEW_VERSIONS.includes(v)))
		errs.push(
			invalid(at, [...versions], `must include at least one of ${REVIEW_VERSIONS.join(', ')}`)
		);
	return errs;
}

export function validateWebhookConfiguration(config: WebhookConfiguration): ErrorList {
	const mutating = config.kind === 'MutatingWebhookConfiguration';
	const errs = validateObjectMeta(config.metadata, false, isDNS1123Subdomain);
	const names = new Set<string>();
	(config.webhooks ?? []).forEach((hook, i) => {
		const at = index('webhooks', i);
		errs.push(...validateWebhook(hook, at, mutating));
		errs.push(
			...validateReviewVersions(hook.admissionReviewVersions, child(at, 'admissionReviewVersions'))
		);
		const name = hook.name ?? '';
		if (name !== '') {
			if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
			names.add(name);
		}
	});
	return errs;
}

/** path.IsValidPathSegmentName. */
function pathSegmentName(name: string): string[] {
	if (name === '.' || name === '..') return [`may not be '${name}'`];
	for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`];
	return [];
}

export function validateAPIService(api: APIService): ErrorList {
	const spec = api.spec ?? {};
	const group = spec.group ?? '';
	const version = spec.version ?? '';
	const requiredName = `${version}.${group}`;
	const errs = validateObjectMeta(api.metadata, false, (name) => {
		const minimal = pathSegmentName(name);
		if (minimal.length > 0) return minimal;
		return name === requiredName
			? []
			: [`must be \`spec.version+"."+spec.group\`: ${JSON.stringify(requiredName)}`];
	});
	if (group === '' && version !== 'v1')
		errs.push(
			required('spec.group', 'only v1 may have an empty group and it better be legacy kube')
		);
	if (group !== '')
		for (const msg of isDNS1123Subdomain(group)) errs.push(invalid('spec.group', group, msg));
	for (const msg of isDNS1035Label(version)) errs.push(invalid('spec.version', version, msg));
	const gpm = spec.groupPriorityMinimum ?? 0;
	if (gpm <= 0 || gpm > 20000)
		errs.push(invalid('spec.groupPriorityMinimum', gpm, 'must be positive and less than 20000'));
	const vp = spec.versionPriority ?? 0;
	if (vp <= 0 || vp > 1000)
		errs.push(invalid('spec.versionPriority', vp, 'must be positive and less than 1000'));
	const service = spec.service;
	if (service === undefined) return errs;
	if (!service.namespace) errs.push(required('spec.service.namespace'));
	if (!service.name) errs.push(required('spec.service.name'));
	const port = service.port ?? DEFAULT_SERVICE_REFERENCE_PORT;
	const portErrs = isValidPortNum(port);
	if (portErrs.length > 0)
		errs.push(invalid('spec.service.port', port, `port is not valid: ${portErrs.join(', ')}`));
	if (spec.insecureSkipTLSVerify === true && (spec.caBundle ?? '') !== '')
		errs.push(
			invalid('spec.insecureSkipTLSVerify', true, 'may not be true if caBundle is present')
		);
	return errs;
}
