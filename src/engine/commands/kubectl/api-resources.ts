/**
 * `kubectl api-resources` (kubectl pkg/cmd/apiresources/apiresources.go): NAME SHORTNAMES
 * APIVERSION NAMESPACED KIND, sorted by API group and then name (sortableResource with no
 * --sort-by), for the types this lab's API server serves. `--namespaced` is a bool flag
 * (`--namespaced` alone keeps the namespaced types); `--verbs` keeps the types whose discovery
 * verbs hold every verb named.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { notSimulated, unknownFlag } from './errors';
import { customTypes, RESOURCE_TYPES, type ResourceType } from './resources';

function apiVersion(t: ResourceType): string {
	const version = t.version ?? 'v1';
	return t.group === '' ? version : `${t.group}/${version}`;
}

/** Every verb the API server serves for a stored type's collection (discovery's `verbs`). */
const STANDARD_VERBS = [
	'create',
	'delete',
	'deletecollection',
	'get',
	'list',
	'patch',
	'update',
	'watch'
];

/**
 * The discovery verbs: namespaces have no deletecollection (pkg/registry/core/namespace/storage/
 * storage.go: its REST holds the generic store as a field and implements no DeleteCollection);
 * every other type the lab serves has all eight.
 */
function verbsOf(t: ResourceType): readonly string[] {
	return t.plural === 'namespaces'
		? STANDARD_VERBS.filter((v) => v !== 'deletecollection')
		: STANDARD_VERBS;
}

export function apiResources(_ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespaced', bool: true },
		{ long: 'verbs', repeatable: true },
		{ long: 'no-headers', bool: true },
		{ long: 'output', short: 'o' },
		{ long: 'api-group' },
		{ long: 'sort-by' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'api-resources'));
	const output = flag(parsed.flags, 'output') ?? '';
	if (output === 'wide') return fail(notSimulated('api-resources -o wide'));
	if (output !== '' && output !== 'name')
		return fail(`error: --output ${output} is not available\n`);
	const sortBy = flag(parsed.flags, 'sort-by') ?? '';
	if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind')
		return fail(`error: --sort-by accepts only name or kind\n`);
	// BoolVar: only a flag given (cmd.Flags().Changed) filters.
	const namespaced = parsed.flags.has('namespaced')
		? String(boolFlag(parsed.flags, 'namespaced'))
		: undefined;
	// A StringSlice: comma lists, repeatable; every verb must be served (sets.HasAll).
	const verbs = (parsed.flags.get('verbs') ?? []).flatMap((v) => v.split(','));
	const group = flag(parsed.flags, 'api-group');
	const key = (t: ResourceType) =>
		sortBy === 'kind' ? t.kind : sortBy === 'name' ? t.plural : t.group;
	const rows = [...RESOURCE_TYPES, ...customTypes()]
		.filter((t) => t.simulated)
		.filter((t) => namespaced === undefined || String(t.namespaced) === namespaced)
		.filter((t) => group === undefined || t.group === group)
		.filter((t) => verbs.every((v) => verbsOf(t).includes(v)))
		.sort((a, b) => {
			const ka = key(a);
			const kb = key(b);
			if (ka !== kb) return ka < kb ? -1 : 1;
			return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
		});
	if (output === 'name')
		return ok(
			rows.map((t) => (t.group === '' ? t.plural : `${t.plural}.${t.group}`) + '\n').join('')
		);
	const lines = rows.map((t) =>
		[t.plural, t.shortNames.join(','), apiVersion(t), String(t.namespaced), t.kind].join('\t')
	);
	if (!boolFlag(parsed.flags, 'no-headers'))
		lines.unshift(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'].join('\t'));
	return ok(tabwrite(lines.map((l) => l + '\n').join(''), KUBECTL_GET));
}
