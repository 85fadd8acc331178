/**
 * `kubectl create rolebinding NAME (--role=R | --clusterrole=CR) [--user=U] [--group=G]
 * [--serviceaccount=NS:NAME]` and `kubectl create clusterrolebinding NAME --clusterrole=CR …`
 * (kubectl pkg/cmd/create/create_rolebinding.go, create_clusterrolebinding.go, v1.35): subjects
 * in the order users, groups, service accounts, each in the order given; a User or Group subject
 * names the rbac API group, a ServiceAccount none. --clusterrole is a required flag of
 * clusterrolebinding (cobra MarkFlagRequired). Server errors are wrapped:
 * `failed to create rolebinding: …`.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, type FlagValues } from '../flags';
import type { JsonObject } from '../../manifests/types';
import { sendGenerated, startGenerator, withSaveConfig } from './create-generated';
import { reservedClusterRbacName } from './create-role';
import { contextNamespace } from './kubeconfig-state';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const BINDING_FLAGS = [
	{ long: 'clusterrole' },
	{ long: 'user', repeatable: true },
	{ long: 'group', repeatable: true },
	{ long: 'serviceaccount', repeatable: true }
];

/** The subjects, or kubectl's error for a service account not written `<namespace>:<name>`. */
function subjects(flags: FlagValues): JsonObject[] | string {
	const out: JsonObject[] = [];
	for (const name of flags.get('user') ?? [])
		out.push({ kind: 'User', apiGroup: RBAC_GROUP, name });
	for (const name of flags.get('group') ?? [])
		out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name });
	for (const sa of flags.get('serviceaccount') ?? []) {
		const tokens = sa.split(':');
		if (tokens.length !== 2 || tokens[0] === '' || tokens[1] === '')
			return 'error: serviceaccount must be <namespace>:<name>\n';
		out.push({ kind: 'ServiceAccount', name: tokens[1]!, namespace: tokens[0]! });
	}
	return out;
}

export function createRoleBinding(ctx: CommandContext, words: readonly string[]): CommandResult {
	const started = startGenerator(ctx, words, [...BINDING_FLAGS, { long: 'role' }], 'rolebinding');
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const role = flag(flags, 'role') ?? '';
	const clusterRole = flag(flags, 'clusterrole') ?? '';
	if ((role === '') === (clusterRole === ''))
		return fail('error: exactly one of clusterrole or role must be specified\n');
	const subjectList = subjects(flags);
	if (typeof subjectList === 'string') return fail(subjectList);
	const namespaceFlag = flag(flags, 'namespace');
	// rbacv1.RoleBinding field order: subjects (omitempty) before roleRef.
	const built = withSaveConfig(flags, {
		kind: 'RoleBinding',
		apiVersion: `${RBAC_GROUP}/v1`,
		metadata: { name, ...(namespaceFlag !== undefined ? { namespace: namespaceFlag } : {}) },
		...(subjectList.length > 0 ? { subjects: subjectList } : {}),
		roleRef: {
			apiGroup: RBAC_GROUP,
			kind: role !== '' ? 'Role' : 'ClusterRole',
			name: role !== '' ? role : clusterRole
		}
	});
	return sendGenerated(
		ctx,
		printing,
		{
			built,
			namespace: namespaceFlag ?? contextNamespace(ctx),
			wrap: 'failed to create rolebinding'
		},
		`rolebinding.${RBAC_GROUP}/${name}`
	);
}

export function createClusterRoleBinding(
	ctx: CommandContext,
	words: readonly string[]
): CommandResult {
	// cobra checks required flags before the command runs.
	const started = startGenerator(ctx, words, BINDING_FLAGS, 'clusterrolebinding', (flags) =>
		flag(flags, 'clusterrole') === undefined
			? 'error: required flag(s) "clusterrole" not set\n'
			: undefined
	);
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const clusterRole = flag(flags, 'clusterrole')!;
	const subjectList = subjects(flags);
	if (typeof subjectList === 'string') return fail(subjectList);
	const reserved = reservedClusterRbacName('clusterrolebindings', name, 'clusterrolebinding');
	if (reserved !== undefined && printing.strategy !== 'client')
		return fail(
			reserved.startsWith('error: ')
				? reserved
				: `error: failed to create clusterrolebinding: ${reserved}\n`
		);
	const built = withSaveConfig(flags, {
		kind: 'ClusterRoleBinding',
		apiVersion: `${RBAC_GROUP}/v1`,
		metadata: { name },
		...(subjectList.length > 0 ? { subjects: subjectList } : {}),
		roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRole }
	});
	return sendGenerated(
		ctx,
		printing,
		{ built, namespace: undefined, wrap: 'failed to create clusterrolebinding' },
		`clusterrolebinding.${RBAC_GROUP}/${name}`
	);
}
