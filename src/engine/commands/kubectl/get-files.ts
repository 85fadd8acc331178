/**
 * `kubectl get -f FILE` and `kubectl describe -f FILE` (get.go and describe.go over the resource
 * builder's FilenameParam): the objects the files name, looked up on the server in file order.
 * One that is not there is the server's NotFound (`deployments.apps "x" not found`), reported
 * after what was found; `-l` keeps the documents whose labels match (builder.go visitByPaths
 * FilterByLabelSelector, on the objects as the file gives them).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { CommandContext } from '../context';
import { boolFlag, flag, type FlagValues } from '../flags';
import { notFound, notSimulated } from './errors';
import { objectRefsInFiles, PATHS_AND_ARGS } from './file-objects';
import { withVirtualObjects } from './namespaces';
import { qualifiedPlural, type ResourceType } from './resources';
import { matches, type Selector } from './selector';

interface Obj {
	metadata?: ObjectMeta;
}

/** A run of objects of one type, in file order: get prints each run as its own table. */
export interface FileSection<T> {
	type: ResourceType;
	objects: T[];
	listed: false;
}

/**
 * The objects `-f` names, when the line gives files: undefined without `-f`, else the sections
 * and NotFound errors, or kubectl's error. `collectionOf` is where the verb finds a type's
 * objects (undefined: the lab does not answer the verb for that type).
 */
export function fileSections(
	ctx: CommandContext,
	verb: 'get' | 'describe',
	flags: FlagValues,
	args: readonly string[],
	selector: Selector,
	collectionOf: (plural: string) => string | undefined
): { sections: FileSection<Obj>[]; errors: string } | string | undefined {
	const files = flags.get('filename') ?? [];
	if (files.length === 0) return undefined;
	if (args.length > 0) return PATHS_AND_ARGS;
	const refs = objectRefsInFiles(
		ctx,
		files,
		flag(flags, 'namespace'),
		boolFlag(flags, 'recursive')
	);
	if (typeof refs === 'string') return refs;
	const sections: FileSection<Obj>[] = [];
	let errors = '';
	for (const ref of refs.filter((r) => matches(selector, r.labels))) {
		const collection = collectionOf(ref.type.plural);
		if (collection === undefined) return notSimulated(`${verb} ${ref.type.plural}`);
		const found = withVirtualObjects(
			ctx,
			ref.type.plural,
			ctx.kernel.store.list<Obj>(collection)
		).find(
			(o) =>
				o.metadata?.name === ref.name &&
				(!ref.type.namespaced || (o.metadata?.namespace ?? 'default') === ref.namespace)
		);
		if (found === undefined) {
			errors += notFound(qualifiedPlural(ref.type), ref.name);
			continue;
		}
		// get.go starts a new table whenever the mapping changes from the object before.
		const last = sections[sections.length - 1];
		if (last?.type.plural === ref.type.plural) last.objects.push(found);
		else sections.push({ type: ref.type, objects: [found], listed: false });
	}
	return { sections, errors };
}
