/**
 * `kubectl delete -f FILE…` (delete.go with a resource builder over files): every object the
 * files name, by kind, name and namespace, is deleted; what it says is what `kubectl delete TYPE
 * NAME` says. The objects' specs are not validated (delete reads only what identifies them), but
 * a file that cannot be read or parsed, a kind the API server does not serve, or an object that
 * is not there fails the line before anything is deleted, as the lab's other deletes do.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { parseManifests, lookupResource } from '../../manifests/index';
import { kindMissingError, mappingError } from '../../manifests/registry';
import type { JsonValue } from '../../manifests/types';
import { qualifiedPlural, qualifiedSingular, resolveType } from './resources';
import { deletableCollection, type PlannedDeletion } from './deletion-plan';
import { carryOutDeletion, type DeleteOptions } from './delete-options';

function field(value: JsonValue, key: string): JsonValue | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? value[key]
		: undefined;
}

function text(value: JsonValue | undefined): string {
	return typeof value === 'string' ? value : '';
}

export function deleteFromFiles(
	ctx: CommandContext,
	files: readonly string[],
	namespaceFlag: string | undefined,
	options: DeleteOptions
): CommandResult {
	const plan: PlannedDeletion[] = [];
	let notFound = '';
	for (const file of files) {
		const source = ctx.readFile(file);
		if (source === undefined)
			return fail(`error: the path ${JSON.stringify(file)} does not exist\n`);
		const parsed = parseManifests(source, file);
		if (!parsed.ok) return fail(`${parsed.error}\n`);
		for (const doc of parsed.documents) {
			const kind = text(field(doc.value, 'kind'));
			const apiVersion = text(field(doc.value, 'apiVersion'));
			const metadata = field(doc.value, 'metadata') ?? null;
			const name = text(field(metadata, 'name'));
			const own = text(field(metadata, 'namespace'));
			if (kind === '') return fail(`error: ${kindMissingError(doc.value, file)}\n`);
			const type = lookupResource(apiVersion, kind) && resolveType(kind);
			const collection = type ? deletableCollection(type.plural) : undefined;
			if (!type || collection === undefined) {
				return fail(`error: ${mappingError(kind, apiVersion, name, own, file)}\n`);
			}
			if (name === '') return fail('error: resource name may not be empty\n');
			if (namespaceFlag !== undefined && own !== '' && own !== namespaceFlag) {
				return fail(
					`error: the namespace from the provided object "${own}" does not match the namespace "${namespaceFlag}". You must pass '--namespace=${own}' to perform this operation.\n`
				);
			}
			const namespace = type.namespaced ? own || namespaceFlag || 'default' : '';
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
	}
	if (notFound !== '') return fail(notFound);
	if (plan.length === 0 && !options.ignoreNotFound)
		return fail('error: no objects passed to delete\n');
	return carryOutDeletion(ctx, plan, options);
}
