/**
 * `kubectl delete TYPE NAME…` (also `TYPE/NAME`), `-f FILE…`, `TYPE -l SELECTOR|--all` and
 * `namespace NAME` (delete.go). An object that is not there (or may not be deleted) is reported
 * after the others are deleted, as the builder's ContinueOnError has it; then it prints and
 * waits as delete-options.ts does.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { notFound, unknownFlag } from './errors';
import { DELETE_FLAGS, carryOutDeletion, deleteOptions } from './delete-options';
import { deleteFromFiles } from './delete-files';
import { deleteNamespaces, deleteSelected } from './delete-selected';
import { deletableCollection, type PlannedDeletion } from './deletion-plan';
import { typeAndName } from './mutate';
import { resolveType } from './resources';
import { systemClassDeletion } from './priority-class-printer';
import { contextNamespace } from './kubeconfig-state';
import { normalizeResourceArgs } from './resource-args';

export function deleteCommand(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, DELETE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'delete'));
	const selecting = boolFlag(parsed.flags, 'all') || parsed.flags.has('selector');
	const checked = deleteOptions(parsed.flags, selecting);
	if (!checked.ok) return fail(checked.error);
	const options = checked.options;
	const files = parsed.flags.get('filename') ?? [];
	if (files.length > 0) {
		if (parsed.args.length > 0) {
			return fail(
				'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'
			);
		}
		return deleteFromFiles(
			ctx,
			files,
			flag(parsed.flags, 'namespace'),
			options,
			boolFlag(parsed.flags, 'recursive')
		);
	}
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	// `pods,services a b` names a/… and b/… of each type (./resource-args.ts).
	const [first, ...rest] = normalizeResourceArgs(parsed.args);
	if (first === undefined) {
		return fail(
			"error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"
		);
	}
	const targets = first.includes('/')
		? [first, ...rest].map((w) => typeAndName([w]))
		: rest.map((n) => typeAndName([first, n]));
	if (selecting && first.includes('/'))
		return fail(
			'error: selectors and the all flag cannot be used when passing resource/name arguments\n'
		);
	if (selecting && rest.length > 0)
		return fail('error: name cannot be provided when a selector is specified\n');
	// --all and -l list what matches (./delete-selected.ts).
	if (selecting)
		return deleteSelected(ctx, first, namespace, flag(parsed.flags, 'selector') ?? '', options);
	if (targets.length > 0 && targets.every((t) => 'plural' in t && t.plural === 'namespaces'))
		return deleteNamespaces(
			ctx,
			targets.map((t) => ('name' in t ? t.name : '')),
			options
		);
	if (targets.length === 0)
		return fail('error: resource(s) were provided, but no name was specified\n');
	// The builder's errors (an unknown type) fail the line before anything is deleted; an
	// object the API server refuses (NotFound, Forbidden) does not stop the others: delete.go
	// builds its Result with ContinueOnError and deletes each object it visits
	// (./delete-options.ts carryOutDeletion reports the refused ones last).
	const plan: PlannedDeletion[] = [];
	const errors: string[] = [];
	for (const t of targets) {
		if ('error' in t) return fail(t.error);
		const collection = deletableCollection(t.plural);
		if (collection === undefined)
			return fail(`error: "kubectl delete ${t.plural}" is not simulated in this lab yet\n`);
	}
	for (const t of targets) {
		if ('error' in t) continue;
		const collection = deletableCollection(t.plural)!;
		const forbidden = systemClassDeletion(t.plural, t.name);
		if (forbidden !== undefined) {
			errors.push(forbidden);
			continue;
		}
		// A cluster-scoped object has no namespace (kubernetes/api/collections.ts key).
		const ns = resolveType(t.plural)?.namespaced === false ? '' : namespace;
		const object = ctx.kubernetes!.apiServer.get(collection, ns, t.name);
		if (object === undefined) {
			if (!options.ignoreNotFound) errors.push(notFound(t.qualifiedPlural, t.name));
		} else
			plan.push({
				collection,
				namespace: ns,
				name: t.name,
				kind: t.qualifiedSingular,
				plural: t.plural
			});
	}
	// Named objects count as found before their DELETE answers NotFound (RequireObject(false):
	// no GET), so with --ignore-not-found nothing is printed, not "No resources found".
	if (plan.length === 0 && errors.length === 0) return ok('');
	return carryOutDeletion(ctx, plan, options, errors);
}
