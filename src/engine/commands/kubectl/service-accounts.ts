/**
 * ServiceAccounts as kubectl sees them, and the ServiceAccount admission plugin's one refusal.
 *
 * kube-controller-manager's serviceaccounts controller (pkg/controller/serviceaccount
 * serviceaccounts_controller.go) puts a `default` ServiceAccount in every active namespace and
 * puts it back when it is deleted. The lab does not store those: like kube-root-ca.crt
 * (namespaces.ts) they are drawn from their namespace, so they exist exactly while it is active.
 *
 * Admission (plugin/pkg/admission/serviceaccount/admission.go Admit): a pod naming a service
 * account its namespace does not hold is refused with
 * `pods "x" is forbidden: error looking up service account ns/name: serviceaccount "name" not found`.
 */
import type { Pod, ServiceAccount } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import { hashedUid, perActiveNamespace } from './namespaces';
import { SERVICEACCOUNTS } from './builtin-kind-printers';

/** serviceaccount.DefaultServiceAccountName. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The `default` ServiceAccount of each active namespace, made with the namespace. */
export function defaultServiceAccounts(ctx: CommandContext): ServiceAccount[] {
	return perActiveNamespace(ctx, (namespace, ns) => {
		return {
			apiVersion: 'v1',
			kind: 'ServiceAccount',
			metadata: {
				creationTimestamp: ns.metadata?.creationTimestamp,
				name: DEFAULT_SERVICE_ACCOUNT,
				namespace,
				resourceVersion: ns.metadata?.resourceVersion,
				uid: hashedUid(ctx.seed, `serviceaccount/${namespace}`)
			}
		};
	});
}

/** Stored ServiceAccounts plus the default ones, sorted by namespace and name. */
export function withDefaultServiceAccounts<T>(ctx: CommandContext, stored: T[]): T[] {
	const key = (o: T) => {
		const m = (o as { metadata?: { namespace?: string; name?: string } }).metadata;
		return `${m?.namespace}/${m?.name}`;
	};
	const taken = new Set(stored.map(key));
	const virtual = (defaultServiceAccounts(ctx) as T[]).filter((v) => !taken.has(key(v)));
	return [...stored, ...virtual].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

export function serviceAccountExists(
	ctx: CommandContext,
	namespace: string,
	name: string
): boolean {
	if (name === DEFAULT_SERVICE_ACCOUNT)
		return defaultServiceAccounts(ctx).some((sa) => sa.metadata?.namespace === namespace);
	return ctx.kernel.store.get(SERVICEACCOUNTS, `${namespace}/${name}`) !== undefined;
}

/** The admission plugin's refusal of a pod, or undefined when its service account exists. */
export function serviceAccountAdmission(ctx: CommandContext, pod: Pod): string | undefined {
	const namespace = pod.metadata?.namespace ?? 'default';
	const name = pod.spec?.serviceAccountName || DEFAULT_SERVICE_ACCOUNT;
	if (serviceAccountExists(ctx, namespace, name)) return undefined;
	return (
		`pods ${JSON.stringify(pod.metadata?.name ?? '')} is forbidden: error looking up service ` +
		`account ${namespace}/${name}: serviceaccount ${JSON.stringify(name)} not found`
	);
}

/** The namespaces whose RBAC objects and ServiceAccounts kubeadm and the controllers make. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public'];

/**
 * A listing the lab would answer wrongly: kubeadm and kube-controller-manager create many
 * ClusterRoles, ClusterRoleBindings, Roles and RoleBindings (kube-system, kube-public) and one
 * ServiceAccount per controller in kube-system, none of which the lab models. Rather than print a
 * list missing them, such a request says the lab does not simulate it. Returns the reason.
 */
export function unmodeledListing(
	plural: string,
	namespace: string,
	allNamespaces: boolean,
	names: readonly string[]
): string | undefined {
	const rbacCluster = plural === 'clusterroles' || plural === 'clusterrolebindings';
	if (rbacCluster) {
		// kubeadm's and the bootstrap policy's own: cluster-admin, admin, edit, view, system:*, kubeadm:*.
		const builtin = (n: string) =>
			['cluster-admin', 'admin', 'edit', 'view'].includes(n) || /^(system|kubeadm):/.test(n);
		if (names.length === 0 || names.some(builtin)) return `get ${plural}`;
		return undefined;
	}
	const rbacNamespaced = plural === 'roles' || plural === 'rolebindings';
	const systemScoped =
		(rbacNamespaced && SYSTEM_NAMESPACES.includes(namespace)) ||
		(plural === 'serviceaccounts' && namespace === 'kube-system');
	if ((rbacNamespaced || plural === 'serviceaccounts') && (allNamespaces || systemScoped))
		return `get ${plural} ${allNamespaces ? '-A' : `-n ${namespace}`}`;
	return undefined;
}
