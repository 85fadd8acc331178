/**
 * Where ServiceAccounts, the RBAC kinds and NetworkPolicies live in the store, and kubectl's
 * columns for them (kubernetes pkg/printers/internalversion/printers.go):
 * - serviceAccountColumnDefinitions / printServiceAccount: NAME SECRETS AGE, SECRETS counting
 *   `secrets` (0 since v1.24 stopped auto-creating token Secrets);
 * - roleBindingsColumnDefinitions / printRoleBinding (and the ClusterRoleBinding twins): NAME ROLE
 *   AGE, ROLE as `Kind/name`, `-o wide` adding USERS GROUPS SERVICEACCOUNTS from
 *   rbac.SubjectsStrings (service accounts as `namespace/name`), each joined with ", ";
 * - Role and ClusterRole have no printer there: the API server's default table
 *   (apiserver registry/rest/table.go DefaultTableConvertor) answers NAME CREATED AT, the
 *   creation time as RFC 3339 in UTC;
 * - networkPolicyColumnDefinitioins / printNetworkPolicy: NAME POD-SELECTOR AGE, the selector
 *   by metav1.FormatLabelSelector (`<none>` when empty).
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type {
	ClusterRole,
	ClusterRoleBinding,
	Role,
	RoleBinding,
	Subject
} from 'kubernetes-types/rbac/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { formatSelector } from '../../kubernetes/pods';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

// Same keys apply.ts collectionFor derives from the registry (`group/version/resource`).
// ServiceAccounts' is the API layer's own (its serviceaccounts controller writes there).
export { SERVICEACCOUNTS } from '../../kubernetes/api/collections';
export const ROLES = 'rbac.authorization.k8s.io/v1/roles';
export const CLUSTERROLES = 'rbac.authorization.k8s.io/v1/clusterroles';
export const ROLEBINDINGS = 'rbac.authorization.k8s.io/v1/rolebindings';
export const CLUSTERROLEBINDINGS = 'rbac.authorization.k8s.io/v1/clusterrolebindings';
export const NETWORKPOLICIES = 'networking.k8s.io/v1/networkpolicies';

export const SERVICEACCOUNT_PRINTER: Printer<ServiceAccount> = {
	columns: ['NAME', 'SECRETS', 'AGE'],
	wide: [],
	row: (sa, now) => [
		sa.metadata?.name ?? '',
		String((sa.secrets ?? []).length),
		ageOf(sa.metadata?.creationTimestamp, now)
	]
};

export const ROLE_PRINTER: Printer<Role | ClusterRole> = {
	columns: ['NAME', 'CREATED AT'],
	wide: [],
	row: (role) => [role.metadata?.name ?? '', role.metadata?.creationTimestamp ?? '']
};

/** rbac.SubjectsStrings: users, groups and service accounts, each in the order given. */
export function subjectsStrings(subjects: readonly Subject[]): [string, string, string] {
	const users: string[] = [];
	const groups: string[] = [];
	const sas: string[] = [];
	for (const s of subjects) {
		if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
		else if (s.kind === 'User') users.push(s.name);
		else if (s.kind === 'Group') groups.push(s.name);
	}
	return [users.join(', '), groups.join(', '), sas.join(', ')];
}

export const ROLEBINDING_PRINTER: Printer<RoleBinding | ClusterRoleBinding> = {
	columns: ['NAME', 'ROLE', 'AGE'],
	wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
	row(b, now, wide) {
		const row = [
			b.metadata?.name ?? '',
			`${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
			ageOf(b.metadata?.creationTimestamp, now)
		];
		if (wide) row.push(...subjectsStrings(b.subjects ?? []));
		return row;
	}
};

export const NETWORKPOLICY_PRINTER: Printer<NetworkPolicy> = {
	columns: ['NAME', 'POD-SELECTOR', 'AGE'],
	wide: [],
	row: (np, now) => [
		np.metadata?.name ?? '',
		formatSelector(np.spec?.podSelector ?? {}),
		ageOf(np.metadata?.creationTimestamp, now)
	]
};
