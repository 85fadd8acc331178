/**
 * `kubectl describe role|clusterrole` (kubectl pkg/describe/describe.go RoleDescriber,
 * ClusterRoleDescriber, with pkg/util/rbac BreakdownRule, CompactRules and SortableRuleSlice):
 * each rule broken into one verb on one resource, rules that differ only by verb merged again,
 * then sorted by the rule's Go string, which begins with its verbs.
 */
import type { ClusterRole, PolicyRule, Role } from 'kubernetes-types/rbac/v1';
import type { Kernel } from '../../core/kernel';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';
import { CLUSTERROLES, ROLES } from './builtin-kind-printers';

interface Rule {
	verbs: string[];
	apiGroups: string[];
	resources: string[];
	resourceNames: string[];
	nonResourceURLs: string[];
}

/** BreakdownRule: one rule per group × resource × verb (× name), then per URL × verb. */
function breakdown(rule: PolicyRule): Rule[] {
	const out: Rule[] = [];
	const names = rule.resourceNames ?? [];
	for (const group of rule.apiGroups ?? [])
		for (const resource of rule.resources ?? [])
			for (const verb of rule.verbs) {
				const base = {
					verbs: [verb],
					apiGroups: [group],
					resources: [resource],
					nonResourceURLs: []
				};
				if (names.length === 0) out.push({ ...base, resourceNames: [] });
				else for (const name of names) out.push({ ...base, resourceNames: [name] });
			}
	for (const url of rule.nonResourceURLs ?? [])
		for (const verb of rule.verbs)
			out.push({
				verbs: [verb],
				apiGroups: [],
				resources: [],
				resourceNames: [],
				nonResourceURLs: [url]
			});
	return out;
}

/** CompactRules: simple rules (one group, one resource, at most one name) merge their verbs. */
function compact(rules: readonly Rule[]): Rule[] {
	const compacted: Rule[] = [];
	const simple = new Map<string, Rule>();
	for (const rule of rules) {
		const isSimple =
			rule.resourceNames.length <= 1 &&
			rule.nonResourceURLs.length === 0 &&
			rule.apiGroups.length === 1 &&
			rule.resources.length === 1;
		if (!isSimple) {
			compacted.push(rule);
			continue;
		}
		const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames]);
		const existing = simple.get(key);
		if (existing !== undefined) existing.verbs.push(...rule.verbs);
		else simple.set(key, { ...rule, verbs: [...rule.verbs] });
	}
	return [...compacted, ...simple.values()];
}

/** Go's %v of a string slice. */
function goList(values: readonly string[]): string {
	return `[${values.join(' ')}]`;
}

/** PolicyRule.String(), the generated protobuf form SortableRuleSlice compares. */
function goString(rule: Rule): string {
	return `&PolicyRule{Verbs:${goList(rule.verbs)},APIGroups:${goList(rule.apiGroups)},Resources:${goList(rule.resources)},ResourceNames:${goList(rule.resourceNames)},NonResourceURLs:${goList(rule.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `deployments.apps`, `configmaps` for the core group, '' for none. */
function resourceGroup(rule: Rule): string {
	const resource = rule.resources[0];
	if (resource === undefined) return '';
	const [name, sub] = resource.split(/\/(.*)/s);
	const group = rule.apiGroups[0];
	return `${name}${group ? `.${group}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

export function describeRole(role: Role | ClusterRole): string {
	const w = new DescribeWriter();
	const meta = role.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const rules = compact((role.rules ?? []).flatMap(breakdown));
	// sort.Stable by the Go string; byte order, as strings.Compare.
	const sorted = rules
		.map((rule) => ({ rule, key: goString(rule) }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	w.write(0, 'PolicyRule:\n');
	w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
	w.write(1, '---------\t-----------------\t--------------\t-----\n');
	for (const { rule } of sorted)
		w.write(
			1,
			`${resourceGroup(rule)}\t${goList(rule.nonResourceURLs)}\t${goList(rule.resourceNames)}\t${goList(rule.verbs)}\n`
		);
	return w.toString();
}

/** describe.ts registry entries. */
export const ROLE_DESCRIBER = {
	collection: ROLES,
	describe: (_kernel: Kernel, object: object) => describeRole(object as Role)
};

export const CLUSTERROLE_DESCRIBER = {
	collection: CLUSTERROLES,
	describe: (_kernel: Kernel, object: object) => describeRole(object as ClusterRole)
};
