/**
 * `kubectl create role NAME --verb=… --resource=…[.group][/subresource] [--resource-name=…]` and
 * `kubectl create clusterrole NAME (… | --non-resource-url=… | --aggregation-rule=k=v)`
 * (kubectl pkg/cmd/create/create_role.go, create_clusterrole.go, kubectl v1.35).
 *
 * Complete: duplicate verbs dropped (`*` stands for all of them), `--resource` read as
 * `resource.group/subresource` (a bare `*` replaces every resource given). Validate: a verb
 * outside the standard list is only a warning on stderr since kubernetes PR #92492 (v1.19;
 * before, `invalid verb`); each resource is mapped through discovery, so `po` becomes `pods` and
 * `deployments` gets the `apps` group, and an unknown one fails with the RESTMapper's
 * NoResourceMatchError, which CheckErr prints without `error: `. generateResourcePolicyRules
 * makes one rule per API group, groups sorted.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, type FlagValues } from '../flags';
import { warnedFirst } from '../terminal';
import type { JsonObject } from '../../manifests/types';
import { unknownFlag } from './errors';
import { RESOURCE_TYPES } from './resources';
import { sendGenerated, sliceFlag, startGenerator, withSaveConfig } from './create-generated';
import { sortedMap } from '../../manifests/json';
import { contextNamespace } from './kubeconfig-state';
import { ownValue, putOwn } from '../../core/own-keys';

/** create_role.go validResourceVerbs. */
const RESOURCE_VERBS = [
	'*',
	'get',
	'delete',
	'list',
	'create',
	'update',
	'patch',
	'watch',
	'proxy',
	'deletecollection',
	'use',
	'bind',
	'escalate',
	'impersonate'
];

/** create_clusterrole.go validNonResourceVerbs. */
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** create_role.go specialVerbs: verbs that only make sense on these group/resource pairs. */
const SPECIAL_VERBS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
	use: [
		['policy', 'podsecuritypolicies'],
		['extensions', 'podsecuritypolicies']
	],
	bind: [
		['rbac.authorization.k8s.io', 'roles'],
		['rbac.authorization.k8s.io', 'clusterroles']
	],
	escalate: [
		['rbac.authorization.k8s.io', 'roles'],
		['rbac.authorization.k8s.io', 'clusterroles']
	],
	impersonate: [
		['', 'users'],
		['', 'serviceaccounts'],
		['', 'groups'],
		['authentication.k8s.io', 'userextras']
	]
};

interface ResourceOption {
	group: string;
	resource: string;
	subresource: string;
}

/** Complete: the verbs without duplicates, or just `*` once `*` is among them. */
function completeVerbs(verbs: readonly string[]): string[] {
	const out: string[] = [];
	for (const v of verbs) {
		if (v === '*') return ['*'];
		if (!out.includes(v)) out.push(v);
	}
	return out;
}

/** Complete: `--resource` values split into resource, group and subresource. */
function completeResources(values: readonly string[]): ResourceOption[] {
	let out: ResourceOption[] = [];
	for (const value of values) {
		const slash = value.indexOf('/');
		const head = slash < 0 ? value : value.slice(0, slash);
		const dot = head.indexOf('.');
		const option = {
			resource: dot < 0 ? head : head.slice(0, dot),
			group: dot < 0 ? '' : head.slice(dot + 1),
			subresource: slash < 0 ? '' : value.slice(slash + 1)
		};
		if (option.resource === '*' && dot < 0 && slash < 0) {
			out = [option];
			break;
		}
		out.push(option);
	}
	return out;
}

/**
 * The RESTMapper's ResourceFor over the types the lab's API server serves (api-resources):
 * plural, singular or short name, case-insensitive, within the group when one is given.
 */
function resourceFor(r: ResourceOption): { group: string; resource: string } | undefined {
	const name = r.resource.toLowerCase();
	const type = RESOURCE_TYPES.find(
		(t) =>
			(t.plural === name || t.singular === name || t.shortNames.includes(name)) &&
			(r.group === '' || t.group === r.group)
	);
	return type === undefined ? undefined : { group: type.group, resource: type.plural };
}

/** helpers.go checkErr's text for a NoResourceMatchError (no `error: ` prefix). */
function noMatch(r: ResourceOption): string {
	const name = r.resource.toLowerCase();
	return r.group === ''
		? `the server doesn't have a resource type "${name}"\n`
		: `the server doesn't have a resource type "${name}" in group "${r.group}"\n`;
}

/** validateResource, or undefined when every resource may be used. */
function validateResources(
	resources: readonly ResourceOption[],
	verbs: readonly string[]
): string | undefined {
	for (const r of resources) {
		if (r.resource === '')
			return 'error: resource must be specified if apiGroup/subresource specified\n';
		if (r.resource === '*') return undefined;
		const mapped = resourceFor(r);
		const resource = mapped ?? { group: r.group, resource: r.resource };
		let error = mapped === undefined ? noMatch(r) : undefined;
		for (const v of verbs) {
			const pairs = ownValue(SPECIAL_VERBS, v);
			if (pairs === undefined) continue;
			if (!pairs.some(([g, res]) => res === resource.resource && g === resource.group))
				return `error: can not perform '${v}' on '${resource.resource}' in group '${resource.group}'\n`;
			error = undefined;
		}
		if (error !== undefined) return error;
	}
	return undefined;
}

/** generateResourcePolicyRules: one rule per API group (sorted), then one for the URLs. */
function policyRules(
	verbs: readonly string[],
	resources: readonly ResourceOption[],
	names: readonly string[],
	urls: readonly string[]
): JsonObject[] {
	const byGroup = new Map<string, string[]>();
	for (const r of resources) {
		const mapped = resourceFor(r) ?? { group: r.group, resource: r.resource };
		const resource = r.subresource ? `${mapped.resource}/${r.subresource}` : mapped.resource;
		const list = byGroup.get(mapped.group) ?? [];
		if (!list.includes(resource)) list.push(resource);
		byGroup.set(mapped.group, list);
	}
	// rbacv1.PolicyRule field order; empty resourceNames are omitempty.
	const rules: JsonObject[] = [...byGroup.keys()].sort().map((group) => ({
		verbs: [...verbs],
		apiGroups: [group],
		resources: byGroup.get(group)!,
		...(names.length > 0 ? { resourceNames: [...names] } : {})
	}));
	if (urls.length > 0) rules.push({ verbs: [...verbs], nonResourceURLs: [...urls] });
	return rules;
}

/** The values of a repeated StringArray flag, duplicates dropped (create_role.go Complete). */
function uniqueArray(flags: FlagValues, long: string): string[] {
	return [...new Set(flags.get(long) ?? [])];
}

/** The `Warning: 'x' is not a standard resource verb` lines Validate writes. */
function verbWarnings(verbs: readonly string[]): string {
	return verbs
		.filter((v) => !RESOURCE_VERBS.includes(v))
		.map((v) => `Warning: '${v}' is not a standard resource verb\n`)
		.join('');
}

const ROLE_FLAGS = [
	{ long: 'verb', repeatable: true },
	{ long: 'resource', repeatable: true },
	{ long: 'resource-name', repeatable: true }
];

export function createRole(ctx: CommandContext, words: readonly string[]): CommandResult {
	const started = startGenerator(ctx, words, ROLE_FLAGS, 'role');
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const verbs = completeVerbs(sliceFlag(flags, 'verb'));
	const resources = completeResources(sliceFlag(flags, 'resource'));
	if (verbs.length === 0) return fail('error: at least one verb must be specified\n');
	const warning = printing.warning + verbWarnings(verbs);
	const invalid =
		resources.length === 0
			? 'error: at least one resource must be specified\n'
			: validateResources(resources, verbs);
	if (invalid !== undefined) return warnedFirst(fail(invalid), warning);
	const namespaceFlag = flag(flags, 'namespace');
	// The namespace goes into the object only with -n (EnforceNamespace).
	const built = withSaveConfig(flags, {
		kind: 'Role',
		apiVersion: 'rbac.authorization.k8s.io/v1',
		metadata: { name, ...(namespaceFlag !== undefined ? { namespace: namespaceFlag } : {}) },
		rules: policyRules(verbs, resources, uniqueArray(flags, 'resource-name'), [])
	});
	return sendGenerated(
		ctx,
		{ ...printing, warning },
		{ built, namespace: namespaceFlag ?? contextNamespace(ctx), wrap: undefined },
		`role.rbac.authorization.k8s.io/${name}`
	);
}

/** cliflag.MapStringString.Set for --aggregation-rule, or pflag's error for the flag. */
function aggregationRule(values: readonly string[]): Record<string, string> | string {
	const map: Record<string, string> = {};
	for (const value of values)
		for (const raw of value.split(',')) {
			const pair = raw.trim();
			if (pair === '') continue;
			const eq = pair.indexOf('=');
			if (eq < 0)
				return unknownFlag(
					`invalid argument ${JSON.stringify(value)} for "--aggregation-rule" flag: malformed pair, expect string=string`,
					'create clusterrole'
				);
			putOwn(map, pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
	return map;
}

/** create_clusterrole.go Validate for non-resource URLs. */
function validateUrls(urls: readonly string[], verbs: readonly string[]): string | undefined {
	const verb = verbs.find((v) => !NON_RESOURCE_VERBS.includes(v));
	if (verb !== undefined) return `error: invalid verb: '${verb}' for nonResourceURL\n`;
	for (const url of urls) {
		if (url === '*') continue;
		if (!url.startsWith('/')) return 'error: nonResourceURL should start with /\n';
		if (url.slice(0, -1).includes('*'))
			return "error: nonResourceURL only supports wildcard matches when '*' is at the end\n";
	}
	return undefined;
}

/**
 * ClusterRoles kube-apiserver's bootstrap policy always has (plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy/policy.go ClusterRoles): the lab does not store them, but a create of one of
 * these names meets them. `system:` and `kubeadm:` names are too many to list: refused honestly.
 */
const BOOTSTRAP_CLUSTER_ROLES = ['cluster-admin', 'admin', 'edit', 'view'];

export function reservedClusterRbacName(
	kind: 'clusterroles' | 'clusterrolebindings',
	name: string,
	command: string
): string | undefined {
	const exists =
		kind === 'clusterroles' ? BOOTSTRAP_CLUSTER_ROLES.includes(name) : name === 'cluster-admin';
	if (exists) return `${kind}.rbac.authorization.k8s.io "${name}" already exists`;
	if (/^(system|kubeadm):/.test(name))
		return `error: "kubectl create ${command} ${name}": the cluster's own ${kind} are not simulated in this lab yet\n`;
	return undefined;
}

export function createClusterRole(ctx: CommandContext, words: readonly string[]): CommandResult {
	let aggregation: Record<string, string> = {};
	// pflag sets --aggregation-rule while it parses, so its error comes before any other.
	const started = startGenerator(
		ctx,
		words,
		[
			...ROLE_FLAGS,
			{ long: 'non-resource-url', repeatable: true },
			{ long: 'aggregation-rule', repeatable: true }
		],
		'clusterrole',
		(flags) => {
			const rule = aggregationRule(flags.get('aggregation-rule') ?? []);
			if (typeof rule === 'string') return rule;
			aggregation = rule;
			return undefined;
		}
	);
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const urls = [...new Set(sliceFlag(flags, 'non-resource-url'))];
	const verbs = completeVerbs(sliceFlag(flags, 'verb'));
	const resources = completeResources(sliceFlag(flags, 'resource'));
	const names = uniqueArray(flags, 'resource-name');
	const aggregated = Object.keys(aggregation).length > 0;
	let warning = printing.warning;
	if (aggregated) {
		if (urls.length + verbs.length + resources.length + names.length > 0)
			return fail(
				'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n'
			);
	} else {
		if (verbs.length === 0) return fail('error: at least one verb must be specified\n');
		if (resources.length === 0 && urls.length === 0)
			return fail('error: one of resource or nonResourceURL must be specified\n');
		if (resources.length > 0) warning += verbWarnings(verbs);
		const invalid =
			(resources.length > 0 ? validateResources(resources, verbs) : undefined) ??
			(urls.length > 0 ? validateUrls(urls, verbs) : undefined);
		if (invalid !== undefined) return warnedFirst(fail(invalid), warning);
	}
	const reserved = reservedClusterRbacName('clusterroles', name, 'clusterrole');
	if (reserved !== undefined && printing.strategy !== 'client')
		return warnedFirst(
			fail(
				reserved.startsWith('error: ')
					? reserved
					: `Error from server (AlreadyExists): ${reserved}\n`
			),
			warning
		);
	// rbacv1.ClusterRole: `rules` has no omitempty, so an aggregated role says `rules: null`.
	const built = withSaveConfig(flags, {
		kind: 'ClusterRole',
		apiVersion: 'rbac.authorization.k8s.io/v1',
		metadata: { name },
		rules: aggregated ? null : policyRules(verbs, resources, names, urls),
		...(aggregated
			? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: sortedMap(aggregation) }] } }
			: {})
	});
	return sendGenerated(
		ctx,
		{ ...printing, warning },
		{ built, namespace: undefined, wrap: undefined },
		`clusterrole.rbac.authorization.k8s.io/${name}`
	);
}
