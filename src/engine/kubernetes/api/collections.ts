/**
 * Where each kind of Kubernetes object lives in the store. Namespaced objects are keyed
 * `namespace/name`, cluster-scoped ones by name (as etcd's /registry/<resource>/<ns>/<name>).
 */

export const PODS = 'core/v1/pods';
export const REPLICASETS = 'apps/v1/replicasets';
export const DEPLOYMENTS = 'apps/v1/deployments';
export const EVENTS = 'core/v1/events';
// DaemonSets, StatefulSets, Jobs, PodDisruptionBudgets and PersistentVolumeClaims (same keys as
// commands/kubectl/apply.ts collectionFor gives them).
export const DAEMONSETS = 'apps/v1/daemonsets';
export const STATEFULSETS = 'apps/v1/statefulsets';
export const JOBS = 'batch/v1/jobs';
export const CRONJOBS = 'batch/v1/cronjobs';
export const PDBS = 'policy/v1/poddisruptionbudgets';
export const PVCS = 'core/v1/persistentvolumeclaims';
export const PVS = 'core/v1/persistentvolumes';
export const LIMITRANGES = 'core/v1/limitranges';
// Services and their routing (kubernetes/services): same names apply.ts derives from the kind.
export const SERVICES = 'core/v1/services';
export const ENDPOINTS = 'core/v1/endpoints';
export const ENDPOINTSLICES = 'discovery.k8s.io/v1/endpointslices';
export const INGRESSES = 'networking.k8s.io/v1/ingresses';
export const INGRESSCLASSES = 'networking.k8s.io/v1/ingressclasses';
// Namespaces and ServiceAccounts (the serviceaccounts controller; same names kubectl's get uses).
export const NAMESPACES = 'core/v1/namespaces';
export const SERVICEACCOUNTS = 'core/v1/serviceaccounts';
export const CONFIGMAPS = 'core/v1/configmaps';
export const SECRETS = 'core/v1/secrets';
// The admission and aggregation kinds (manifests/admission-registration-kinds.ts).
export const VALIDATING_WEBHOOKS =
	'admissionregistration.k8s.io/v1/validatingwebhookconfigurations';
export const MUTATING_WEBHOOKS = 'admissionregistration.k8s.io/v1/mutatingwebhookconfigurations';
export const APISERVICES = 'apiregistration.k8s.io/v1/apiservices';

/** A cluster-scoped object (namespace '') is keyed by its name alone. */
export function key(namespace: string, name: string): string {
	return namespace === '' ? name : `${namespace}/${name}`;
}

export function splitKey(k: string): { namespace: string; name: string } {
	const slash = k.indexOf('/');
	return { namespace: k.slice(0, slash), name: k.slice(slash + 1) };
}

/** The namespaces every kubeadm cluster has (kubectl get ns). */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
