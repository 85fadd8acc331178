/**
 * ServiceAccounts as kubectl sees them, and the ServiceAccount admission plugin's one refusal.
 *
 * The `default` account of every active namespace is a stored object, made and remade by the
 * serviceaccounts controller (kubernetes/controllers/serviceaccounts-controller.ts), so kubectl
 * lists, describes and deletes it like any other.
 *
 * Admission (plugin/pkg/admission/serviceaccount/admission.go Admit): a pod naming a service
 * account its namespace does not hold is refused with
 * `pods "x" is forbidden: error looking up service account ns/name: serviceaccount "name" not found`
 * (manifests/admission.ts podRefusal, which controllers' pods go through too).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import { SERVICEACCOUNTS } from './builtin-kind-printers';
import { serviceAccountRefusal } from '../../manifests/admission';

export function serviceAccountExists(
	ctx: CommandContext,
	namespace: string,
	name: string
): boolean {
	return ctx.kernel.store.get(SERVICEACCOUNTS, `${namespace}/${name}`) !== undefined;
}

/** The admission plugin's refusal of a pod, or undefined when its service account exists. */
export function serviceAccountAdmission(ctx: CommandContext, pod: Pod): string | undefined {
	return serviceAccountRefusal(pod, pod.metadata?.namespace ?? 'default', (ns, name) =>
		serviceAccountExists(ctx, ns, name)
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
