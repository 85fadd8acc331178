/**
 * `kubectl delete -f FILE…` (delete.go with a resource builder over files): every object the
 * files name, by kind, name and namespace, is deleted; what it says is what `kubectl delete TYPE
 * NAME` says. The objects' specs are not validated (delete reads only what identifies them), but
 * a file that cannot be read or parsed, a kind the API server does not serve, or an object that
 * is not there fails the line before anything is deleted, as the lab's other deletes do.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
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
	let notFound = '';
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
			notFound += `Error from server (NotFound): error when deleting ${JSON.stringify(file)}: ${qualifiedPlural(type)} "${name}" not found\n`;
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
	if (notFound !== '') return fail(notFound);
	if (plan.length === 0 && !options.ignoreNotFound)
		return fail('error: no objects passed to delete\n');
	return carryOutDeletion(ctx, plan, options);
}
