/**
 * The kinds the lab's API server serves, and kubectl's two checks before it sends anything:
 * the schema check of apiVersion/kind (kubectl pkg/validation/schema.go `getObjectKind`) and
 * the REST mapping (cli-runtime pkg/resource/mapper.go `infoForData`).
 */
import type { JsonValue, KubeKind, ResourceInfo } from './types';
import { goJson, goQuote, isObject } from './json';
import { customResourceForKind, customResourceInfo } from './custom-kinds';

function info(
	kind: KubeKind,
	apiVersion: string,
	resource: string,
	namespaced = true,
	readOnly = false
): ResourceInfo {
	const slash = apiVersion.indexOf('/');
	const group = slash < 0 ? '' : apiVersion.slice(0, slash);
	const version = apiVersion.slice(slash + 1);
	return { kind, apiVersion, group, version, resource, namespaced, readOnly };
}

export const RESOURCES: readonly ResourceInfo[] = [
	info('Pod', 'v1', 'pods'),
	info('Service', 'v1', 'services'),
	info('Namespace', 'v1', 'namespaces', false),
	info('ConfigMap', 'v1', 'configmaps'),
	info('Secret', 'v1', 'secrets'),
	info('Deployment', 'apps/v1', 'deployments'),
	info('ReplicaSet', 'apps/v1', 'replicasets'),
	info('DaemonSet', 'apps/v1', 'daemonsets'),
	info('StatefulSet', 'apps/v1', 'statefulsets'),
	info('Job', 'batch/v1', 'jobs'),
	info('CronJob', 'batch/v1', 'cronjobs'),
	info('Ingress', 'networking.k8s.io/v1', 'ingresses'),
	info('IngressClass', 'networking.k8s.io/v1', 'ingressclasses', false),
	info('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets'),
	// builtin-kinds.ts (issue 3: kinds every real manifest carries).
	info('ServiceAccount', 'v1', 'serviceaccounts'),
	info('Role', 'rbac.authorization.k8s.io/v1', 'roles'),
	info('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false),
	info('RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings'),
	info('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false),
	info('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies'),
	info('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims'),
	info('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false),
	// Stored as autoscaling/v2 (hpa-kind.ts converts v1 documents); v2 first: the storage version.
	info('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers'),
	info('HorizontalPodAutoscaler', 'autoscaling/v1', 'horizontalpodautoscalers'),
	info('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false),
	// Session 10: persistent-volume-kind.ts.
	info('PersistentVolume', 'v1', 'persistentvolumes', false),
	info('ResourceQuota', 'v1', 'resourcequotas'),
	info('LimitRange', 'v1', 'limitranges'),
	info('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', false),
	// admission-registration-kinds.ts: what add-on installs (ingress-nginx, metrics-server) end with.
	info(
		'ValidatingWebhookConfiguration',
		'admissionregistration.k8s.io/v1',
		'validatingwebhookconfigurations',
		false
	),
	info(
		'MutatingWebhookConfiguration',
		'admissionregistration.k8s.io/v1',
		'mutatingwebhookconfigurations',
		false
	),
	info('APIService', 'apiregistration.k8s.io/v1', 'apiservices', false),
	// The lab's EndpointSlice controller owns these; a file may not create them.
	info('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true, true)
];

/** Kind lookups are case-sensitive, like the discovery REST mapper's. */
export function lookupResource(apiVersion: string, kind: string): ResourceInfo | undefined {
	return (
		RESOURCES.find((r) => r.apiVersion === apiVersion && r.kind === kind) ??
		customResourceInfo(apiVersion, kind)
	);
}

/** The built-in kind, else a kind an established CRD serves (custom-kinds.ts). */
export function resourceForKind(kind: string): ResourceInfo | undefined {
	return RESOURCES.find((r) => r.kind === kind) ?? customResourceForKind(kind);
}

const STOP_VALIDATE =
	'if you choose to ignore these errors, turn validation off with --validate=false';

/**
 * kubectl's client-side check of apiVersion and kind (run with the default --validate=strict).
 * Returns the full error text, or undefined when both are set.
 */
export function checkTypeMeta(value: JsonValue, fileName: string): string | undefined {
	const problems: string[] = [];
	if (!isObject(value)) problems.push('invalid object to validate');
	else {
		const { apiVersion, kind } = value;
		if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
		else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
		else if (apiVersion.split('/').length > 2) {
			problems.push(`unexpected GroupVersion string: ${apiVersion}`);
		}
		if (kind === undefined || kind === null) problems.push('kind not set');
		else if (typeof kind !== 'string') problems.push("kind isn't string type");
	}
	if (problems.length === 0) return undefined;
	// utilerrors.NewAggregate prints one error as is and several as `[a, b]`.
	const text = problems.length === 1 ? (problems[0] ?? '') : `[${problems.join(', ')}]`;
	return `error validating ${goQuote(fileName)}: error validating data: ${text}; ${STOP_VALIDATE}`;
}

/** cli-runtime mapper.go: a kind this API server does not serve. */
export function mappingError(
	kind: string,
	apiVersion: string,
	name: string,
	namespace: string,
	fileName: string
): string {
	return (
		`resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(namespace)} ` +
		`from ${goQuote(fileName)}: no matches for kind ${goQuote(kind)} in version ` +
		`${goQuote(apiVersion)}\nensure CRDs are installed first`
	);
}

/** apimachinery unstructured decoding of an object whose kind is empty. */
export function kindMissingError(value: JsonValue, fileName: string): string {
	return `unable to decode ${goQuote(fileName)}: Object 'Kind' is missing in '${goJson(value, true)}'`;
}
