/**
 * Where each kind of Kubernetes object lives in the store. Namespaced objects are keyed
 * `namespace/name`, cluster-scoped ones by name (as etcd's /registry/<resource>/<ns>/<name>).
 */

export const PODS = 'core/v1/pods';
export const REPLICASETS = 'apps/v1/replicasets';
export const DEPLOYMENTS = 'apps/v1/deployments';
export const EVENTS = 'core/v1/events';

export function key(namespace: string, name: string): string {
	return `${namespace}/${name}`;
}

export function splitKey(k: string): { namespace: string; name: string } {
	const slash = k.indexOf('/');
	return { namespace: k.slice(0, slash), name: k.slice(slash + 1) };
}

/** The namespaces every kubeadm cluster has (kubectl get ns). */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
