/**
 * The resource types kubectl resolves (api-resources): names, short names, and what the lab
 * can answer for each. A type the lab does not model yet says so instead of pretending.
 */
import { customKinds, type CustomKind } from '../../manifests/custom-kinds';

export interface ResourceType {
	/** Plural resource name, as in `kubectl get <plural>`. */
	plural: string;
	singular: string;
	shortNames: readonly string[];
	kind: string;
	/** API group ('' for core). */
	group: string;
	namespaced: boolean;
	/** Whether the lab holds objects of this type (false: answering would be a guess). */
	simulated: boolean;
	/** Simulated but with no objects at all in this lab yet: `No resources found`. */
	alwaysEmpty?: boolean;
	/** The preferred version when it is not v1 (autoscaling/v2). */
	version?: string;
	/** A kind an established CustomResourceDefinition serves. */
	custom?: CustomKind;
}

const T = (
	plural: string,
	singular: string,
	shortNames: string[],
	kind: string,
	group: string,
	namespaced: boolean,
	simulated = false,
	alwaysEmpty = false
): ResourceType => ({
	plural,
	singular,
	shortNames,
	kind,
	group,
	namespaced,
	simulated,
	alwaysEmpty
});

// kubectl api-resources of a v1.35 kubeadm cluster (the types the lessons touch).
export const RESOURCE_TYPES: readonly ResourceType[] = [
	T('nodes', 'node', ['no'], 'Node', '', false, true),
	T('pods', 'pod', ['po'], 'Pod', '', true, true),
	T('deployments', 'deployment', ['deploy'], 'Deployment', 'apps', true, true),
	T('replicasets', 'replicaset', ['rs'], 'ReplicaSet', 'apps', true, true),
	T('daemonsets', 'daemonset', ['ds'], 'DaemonSet', 'apps', true, true),
	T('statefulsets', 'statefulset', ['sts'], 'StatefulSet', 'apps', true, true),
	T('jobs', 'job', [], 'Job', 'batch', true, true),
	T('cronjobs', 'cronjob', ['cj'], 'CronJob', 'batch', true, true),
	T('controllerrevisions', 'controllerrevision', [], 'ControllerRevision', 'apps', true, true),
	T('services', 'service', ['svc'], 'Service', '', true, true),
	T('endpoints', 'endpoints', ['ep'], 'Endpoints', '', true, true),
	T('endpointslices', 'endpointslice', [], 'EndpointSlice', 'discovery.k8s.io', true, true),
	T('ingresses', 'ingress', ['ing'], 'Ingress', 'networking.k8s.io', true, true),
	T('ingressclasses', 'ingressclass', [], 'IngressClass', 'networking.k8s.io', false, true),
	T('events', 'event', ['ev'], 'Event', '', true, true),
	T('namespaces', 'namespace', ['ns'], 'Namespace', '', false, true),
	T('leases', 'lease', [], 'Lease', 'coordination.k8s.io', true),
	T('configmaps', 'configmap', ['cm'], 'ConfigMap', '', true, true),
	T('secrets', 'secret', [], 'Secret', '', true, true),
	T(
		'poddisruptionbudgets',
		'poddisruptionbudget',
		['pdb'],
		'PodDisruptionBudget',
		'policy',
		true,
		true
	),
	T(
		'persistentvolumeclaims',
		'persistentvolumeclaim',
		['pvc'],
		'PersistentVolumeClaim',
		'',
		true,
		true
	),
	// kubeadm makes no PersistentVolume and no StorageClass (corpus SOURCES.md); the lab stores
	// those a user makes (pv-printer.ts, storage-class-printer.ts).
	T('persistentvolumes', 'persistentvolume', ['pv'], 'PersistentVolume', '', false, true),
	T('storageclasses', 'storageclass', ['sc'], 'StorageClass', 'storage.k8s.io', false, true),
	// quota-printer.ts, kubernetes/controllers/resource-quota-controller.ts.
	T('resourcequotas', 'resourcequota', ['quota'], 'ResourceQuota', '', true, true),
	T('limitranges', 'limitrange', ['limits'], 'LimitRange', '', true, true),
	T('priorityclasses', 'priorityclass', ['pc'], 'PriorityClass', 'scheduling.k8s.io', false, true),
	{
		...T(
			'horizontalpodautoscalers',
			'horizontalpodautoscaler',
			['hpa'],
			'HorizontalPodAutoscaler',
			'autoscaling',
			true,
			true
		),
		version: 'v2'
	},
	// builtin-kind-printers.ts (stored and printed; see service-accounts.ts for what is not).
	T('serviceaccounts', 'serviceaccount', ['sa'], 'ServiceAccount', '', true, true),
	T('roles', 'role', [], 'Role', 'rbac.authorization.k8s.io', true, true),
	T('rolebindings', 'rolebinding', [], 'RoleBinding', 'rbac.authorization.k8s.io', true, true),
	T('clusterroles', 'clusterrole', [], 'ClusterRole', 'rbac.authorization.k8s.io', false, true),
	T(
		'clusterrolebindings',
		'clusterrolebinding',
		[],
		'ClusterRoleBinding',
		'rbac.authorization.k8s.io',
		false,
		true
	),
	T(
		'networkpolicies',
		'networkpolicy',
		['netpol'],
		'NetworkPolicy',
		'networking.k8s.io',
		true,
		true
	),
	// custom-resource-printers.ts; the kinds they define come from customTypes().
	T(
		'customresourcedefinitions',
		'customresourcedefinition',
		['crd', 'crds'],
		'CustomResourceDefinition',
		'apiextensions.k8s.io',
		false,
		true
	),
	// admission-registration-printers.ts (kubernetes/api/admission-webhooks.ts,
	// kubernetes/api/apiservice-controller.ts). None has a short name.
	T(
		'validatingwebhookconfigurations',
		'validatingwebhookconfiguration',
		[],
		'ValidatingWebhookConfiguration',
		'admissionregistration.k8s.io',
		false,
		true
	),
	T(
		'mutatingwebhookconfigurations',
		'mutatingwebhookconfiguration',
		[],
		'MutatingWebhookConfiguration',
		'admissionregistration.k8s.io',
		false,
		true
	),
	T('apiservices', 'apiservice', [], 'APIService', 'apiregistration.k8s.io', false, true)
];

/** The types the established CRDs serve during this command (manifests/custom-kinds.ts). */
export function customTypes(): ResourceType[] {
	return customKinds().map((k) => ({
		plural: k.plural,
		singular: k.singular,
		shortNames: k.shortNames,
		kind: k.kind,
		group: k.group,
		namespaced: k.namespaced,
		simulated: true,
		version: k.served[0],
		custom: k
	}));
}

/** Resolves `nodes`, `node`, `no`, `Node`, `nodes.` or `deployments.apps` to a type. */
export function resolveType(word: string): ResourceType | undefined {
	const custom = customKinds();
	const types = custom.length === 0 ? RESOURCE_TYPES : [...RESOURCE_TYPES, ...customTypes()];
	const lower = word.toLowerCase();
	const [name, ...groupParts] = lower.split('.');
	const named = (t: ResourceType) =>
		t.plural === name ||
		t.singular === name ||
		t.shortNames.includes(name!) ||
		t.kind.toLowerCase() === name;
	// apimachinery ParseResourceArg: with three parts or more, `resource.version.group`
	// (`deployment.v1.apps`) is tried first, then `resource.group`. Every group the lab serves
	// has v1; autoscaling also its preferred v2.
	if (groupParts.length >= 2) {
		const [version, ...rest] = groupParts;
		const group = rest.join('.');
		const exact = types.find(
			(t) =>
				named(t) &&
				t.group === group &&
				(t.custom?.served.includes(version!) ??
					(version === 'v1' || version === (t.version ?? 'v1')))
		);
		if (exact !== undefined) return exact;
	}
	const group = groupParts.join('.');
	return types.find((t) => named(t) && (group === '' || t.group === group));
}

/** `deployments.apps`, or `pods` for the core group: how API errors name a type. */
export function qualifiedPlural(t: ResourceType): string {
	return t.group === '' ? t.plural : `${t.plural}.${t.group}`;
}

/** `deployment.apps`, or `pod` for the core group: the `-o name` prefix. */
export function qualifiedSingular(t: ResourceType): string {
	return t.group === '' ? t.singular : `${t.singular}.${t.group}`;
}
