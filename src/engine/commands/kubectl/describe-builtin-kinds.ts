/**
 * `kubectl describe serviceaccount|rolebinding|clusterrolebinding` (kubectl pkg/describe/
 * describe.go describeServiceAccount, RoleBindingDescriber, ClusterRoleBindingDescriber).
 * A binding's description has no Namespace line and no Events section, as in the source.
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { Kernel } from '../../core/kernel';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

/**
 * The three secret lists print under headers padded to one width, in sorted order
 * (sets.StringKeySet(types).List()), each `<none>` when empty. Since v1.24 no token Secret is
 * made, so Tokens lists only Secrets a user made for the account.
 */
export function describeServiceAccount(
	kernel: Kernel,
	sa: ServiceAccount,
	showEvents: boolean
): string {
	const w = new DescribeWriter();
	const meta = sa.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const lists: [string, string[]][] = [
		['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
		['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
		['Tokens:            ', []]
	];
	const empty = '                   ';
	for (const [header, names] of lists) {
		if (names.length === 0) w.write(0, `${header}\t<none>\n`);
		names.forEach((name, i) => w.write(0, `${i === 0 ? header : empty}\t${name}\n`));
	}
	const events =
		showEvents &&
		eventsFor(kernel, {
			kind: 'ServiceAccount',
			name: meta.name ?? '',
			namespace: meta.namespace
		});
	writeEvents(w, events, kernel.now);
	return w.toString();
}

export function describeRoleBinding(binding: RoleBinding | ClusterRoleBinding): string {
	const w = new DescribeWriter();
	const meta = binding.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, 'Role:\n');
	w.write(1, `Kind:\t${binding.roleRef?.kind ?? ''}\n`);
	w.write(1, `Name:\t${binding.roleRef?.name ?? ''}\n`);
	w.write(0, 'Subjects:\n');
	w.write(1, 'Kind\tName\tNamespace\n');
	w.write(1, '----\t----\t---------\n');
	for (const s of binding.subjects ?? [])
		w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
	return w.toString();
}
