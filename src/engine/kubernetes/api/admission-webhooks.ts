/**
 * The API server's dynamic admission (staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook):
 * a write is sent to every webhook whose configuration matches it, mutating ones first
 * (MutatingAdmissionWebhook), then validating ones (ValidatingAdmissionWebhook), configurations
 * in name order (configuration/*_manager.go sorts them), webhooks in their order.
 *
 * Matching (webhook/predicates/rules/rules.go Matcher, namespace/matcher.go, object/matcher.go):
 * a rule matches when its operations, apiGroups, apiVersions and resources hold the request's
 * (or `*`) and its scope allows the object's (`*`, `Cluster`, `Namespaced`); the
 * namespaceSelector is tested against the namespace's labels (a cluster-scoped object other than
 * a Namespace always passes it; a Namespace is tested against its own), the objectSelector
 * against the object's labels. Webhook configurations and admission policies are never sent to
 * webhooks (rules.IsExemptAdmissionConfigurationResource).
 *
 * Calling a webhook: the URL is `https://NAME.NAMESPACE.svc:PORT/PATH?timeout=Ns`, dialled at the
 * address the kube-apiserver's service resolver gives. A kubeadm API server resolves a Service to
 * its cluster IP (--enable-aggregator-routing=false: aggregator NewClusterIPServiceResolver, so
 * a missing Service fails with the lister's `service "NAME" not found`), and kube-proxy rejects a
 * connection to a cluster IP whose Service has no ready endpoint (`connect: connection refused`).
 * Such a failure refuses the write when the webhook's failurePolicy is Fail
 * (dispatcher.go: `failed calling webhook "NAME": failed to call webhook: …`, an InternalError),
 * and is ignored when it is Ignore.
 *
 * When the Service does have a ready endpoint, the lab cannot run the webhook's own code (the
 * controller's Ingress checks, a policy engine's rules): it takes the webhook to allow the write.
 * A webhook given by `url` is taken to allow it too (the lab has no outside servers to call).
 *
 * With no webhook configuration stored, the check costs two size reads (pod writes at 150,000
 * pods go through the API server's own paths, not here).
 */
import type { Namespace, Service } from 'kubernetes-types/core/v1';
import type {
	MutatingWebhookConfiguration,
	ValidatingWebhook,
	ValidatingWebhookConfiguration
} from 'kubernetes-types/admissionregistration/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Store } from '../../core/store';
import {
	DEFAULT_SERVICE_REFERENCE_PORT,
	DEFAULT_WEBHOOK_TIMEOUT_SECONDS,
	type WebhookRule
} from '../../manifests/admission-registration-kinds';
import { asSelector, selectorMatches } from '../../manifests/validate-meta';
import { hasAvailableEndpoint, serviceSlices } from './apiservice-controller';
import { MUTATING_WEBHOOKS, NAMESPACES, SERVICES, VALIDATING_WEBHOOKS, key } from './collections';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** What the request is: its resource (as discovery names it) and object. */
export interface AdmissionRequest {
	operation: AdmissionOperation;
	group: string;
	version: string;
	/** The plural resource (`ingresses`). */
	resource: string;
	namespaced: boolean;
	object: {
		kind?: string;
		metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
	};
	oldObject?: { metadata?: { labels?: Record<string, string> } };
}

/** rules.IsExemptAdmissionConfigurationResource. */
const EXEMPT = new Set([
	'validatingwebhookconfigurations',
	'mutatingwebhookconfigurations',
	'validatingadmissionpolicies',
	'validatingadmissionpolicybindings',
	'mutatingadmissionpolicies',
	'mutatingadmissionpolicybindings'
]);

/** The label the API server gives every namespace (NamespaceDefaultLabelName). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The refusal of the first webhook that fails with failurePolicy Fail, as the API server words it
 * after `Internal error occurred: ` (the caller adds kubectl's prefix), or undefined when the
 * write is admitted.
 */
export function webhookRefusal(store: Store, request: AdmissionRequest): string | undefined {
	// The cost when nothing is configured: two size reads.
	if (store.size(MUTATING_WEBHOOKS) === 0 && store.size(VALIDATING_WEBHOOKS) === 0)
		return undefined;
	if (request.group === 'admissionregistration.k8s.io' && EXEMPT.has(request.resource))
		return undefined;
	for (const collection of [MUTATING_WEBHOOKS, VALIDATING_WEBHOOKS]) {
		const configs = store
			.list<ValidatingWebhookConfiguration | MutatingWebhookConfiguration>(collection)
			.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
		for (const config of configs) {
			for (const hook of config.webhooks ?? []) {
				if (!matches(store, hook, request)) continue;
				const failure = callFailure(store, hook);
				if (failure !== undefined && (hook.failurePolicy ?? 'Fail') === 'Fail')
					return `failed calling webhook ${JSON.stringify(hook.name)}: failed to call webhook: ${failure}`;
			}
		}
	}
	return undefined;
}

const has = (list: readonly string[] | undefined, value: string) =>
	(list ?? []).some((v) => v === '*' || v === value);

function matches(store: Store, hook: ValidatingWebhook, request: AdmissionRequest): boolean {
	const ruleMatches = (hook.rules ?? []).some((r) => {
		const rule = r as WebhookRule;
		const scope = rule.scope ?? '*';
		return (
			has(rule.operations, request.operation) &&
			has(rule.apiGroups, request.group) &&
			has(rule.apiVersions, request.version) &&
			has(rule.resources, request.resource) &&
			(scope === '*' || (scope === 'Namespaced') === request.namespaced)
		);
	});
	if (!ruleMatches) return false;
	if (!namespaceMatches(store, hook.namespaceSelector, request)) return false;
	const objectSelector = selectorOf(hook.objectSelector);
	return (
		selectorMatches(objectSelector, request.object.metadata?.labels) ||
		(request.oldObject !== undefined &&
			selectorMatches(objectSelector, request.oldObject.metadata?.labels))
	);
}

/** An unset selector is the defaulted `{}`: everything. */
function selectorOf(selector: LabelSelector | undefined) {
	return asSelector(selector ?? {});
}

function namespaceMatches(
	store: Store,
	selector: LabelSelector | undefined,
	request: AdmissionRequest
): boolean {
	const isNamespace = request.group === '' && request.resource === 'namespaces';
	if (!request.namespaced && !isNamespace) return true;
	const name = isNamespace
		? (request.object.metadata?.name ?? '')
		: (request.object.metadata?.namespace ?? 'default');
	const stored = store.get<Namespace>(NAMESPACES, name);
	const labels = {
		...(isNamespace ? request.object.metadata?.labels : stored?.metadata?.labels),
		[NAMESPACE_NAME_LABEL]: name
	};
	return selectorMatches(selectorOf(selector), labels);
}

/** Why calling the webhook fails (the error after `failed to call webhook: `), or undefined. */
function callFailure(store: Store, hook: ValidatingWebhook): string | undefined {
	const ref = hook.clientConfig?.service;
	if (ref === undefined) return undefined;
	const port = ref.port ?? DEFAULT_SERVICE_REFERENCE_PORT;
	const timeout = hook.timeoutSeconds ?? DEFAULT_WEBHOOK_TIMEOUT_SECONDS;
	const url = `https://${ref.name}.${ref.namespace}.svc:${port}${ref.path ?? ''}?timeout=${timeout}s`;
	const post = `Post ${JSON.stringify(url)}`;
	const service = store.get<Service>(SERVICES, key(ref.namespace, ref.name));
	if (service === undefined) return `${post}: service ${JSON.stringify(ref.name)} not found`;
	const servicePort = (service.spec?.ports ?? []).find((p) => p.port === port);
	if (servicePort === undefined)
		return `${post}: no service port ${port} found for service ${JSON.stringify(ref.name)}`;
	if (hasAvailableEndpoint(servicePort.name ?? '', serviceSlices(store, ref.namespace, ref.name)))
		return undefined;
	return `${post}: dial tcp ${service.spec?.clusterIP ?? ''}:${port}: connect: connection refused`;
}
