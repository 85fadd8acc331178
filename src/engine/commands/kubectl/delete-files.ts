/**
 * `kubectl delete -f FILE…` (delete.go with a resource builder over files): every object the
 * files name, by kind, name and namespace, is deleted; what it says is what `kubectl delete TYPE
 * NAME` says. The objects' specs are not validated (delete reads only what identifies them); a
 * file that cannot be read or parsed, or a kind the lab does not serve, fails the line before
 * anything is deleted, while an object that is not there is reported after the others are
 * deleted (the builder's ContinueOnError), as `kubectl delete TYPE NAME…` does.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { mappingError } from '../../manifests/registry';
import { qualifiedPlural, qualifiedSingular } from './resources';
import { deletableCollection, type PlannedDeletion } from './deletion-plan';
import { carryOutDeletion, type DeleteOptions } from './delete-options';
import { objectRefsInFiles } from './file-objects';

export function deleteFromFiles(
	ctx: CommandContext,
	files: readonly string[],
	namespaceFlag: string | undefined,
	options: DeleteOptions,
	recursive = false
): CommandResult {
	const refs = objectRefsInFiles(ctx, files, namespaceFlag, recursive);
	if (typeof refs === 'string') return fail(refs);
	const plan: PlannedDeletion[] = [];
	const notFound: string[] = [];
	for (const ref of refs) {
		const { type, name, namespace, file } = ref;
		const collection = deletableCollection(type.plural);
		if (collection === undefined)
			return fail(
				`error: ${mappingError(type.kind, ref.apiVersion, name, ref.ownNamespace, file)}\n`
			);
		const object = ctx.kubernetes!.apiServer.get(collection, namespace, name);
		if (object === undefined) {
			if (options.ignoreNotFound) continue;
			notFound.push(
				`Error from server (NotFound): error when deleting ${JSON.stringify(file)}: ${qualifiedPlural(type)} "${name}" not found\n`
			);
			continue;
		}
		plan.push({
			collection,
			namespace,
			name,
			kind: qualifiedSingular(type),
			plural: type.plural
		});
	}
	if (plan.length === 0 && notFound.length === 0 && !options.ignoreNotFound)
		return fail('error: no objects passed to delete\n');
	// The objects that are there are deleted, the missing ones reported after them (delete.go's
	// builder visits with ContinueOnError; ./delete-options.ts carryOutDeletion).
	// Every object a file names counts as found (no GET before the DELETE), so the ones
	// --ignore-not-found passes over print nothing, not "No resources found".
	if (plan.length === 0 && notFound.length === 0) return ok('');
	return carryOutDeletion(ctx, plan, options, notFound);
}
