/**
 * Which objects a kubectl verb's resource arguments name, as kubectl's resource.Builder
 * resolves them (ResourceTypeOrNameArgs, LabelSelectorParam, SelectAllParam): `TYPE NAME…`,
 * `TYPE/NAME…` (types may differ), or `TYPE -l SELECTOR` / `TYPE --all`, with the builder's
 * errors. Shared by label, annotate, scale and set env.
 */
import type { CommandContext } from '../context';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { NODES } from '../../kubernetes/node-object';
import { collectionFor } from './apply';
import { notFound } from './errors';
import { qualifiedPlural, resolveType, type ResourceType } from './resources';
import { matches, parseSelector } from './selector';
import { normalizeResourceArgs, splitResourceArgument } from './resource-args';

/** One object the arguments name, or (`missing`) the NotFound error of one they name in vain. */
export type Target =
	| {
			type: ResourceType;
			collection: string;
			/** Undefined for a cluster-scoped type. */
			namespace: string | undefined;
			object: KubeObject;
	  }
	| { missing: string };

export interface TargetOptions {
	namespace: string;
	selector: string | undefined;
	all: boolean;
	/** The collection a type's objects live in, undefined for a type the verb does not serve. */
	collectionOf?: (type: ResourceType) => string | undefined;
}

const SLASH_AND_TYPE =
	"error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>')\n";

/** Every stored kind's collection (nodes live in their own). */
export function storedCollection(type: ResourceType): string | undefined {
	return type.plural === 'nodes' ? NODES : collectionFor(type.kind);
}

/**
 * The objects named, in the order named (a missing one as its error), or those the selector (or
 * --all) picks, in name order as the API server lists them; or the line's error.
 */
export function resourceTargets(
	ctx: CommandContext,
	verb: string,
	resources: readonly string[],
	options: TargetOptions
): Target[] | string {
	// `pods,services a b` names a/… and b/… of each type (./resource-args.ts).
	resources = normalizeResourceArgs(resources);
	const [first, ...names] = resources;
	if (first === undefined)
		return 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n';
	const selecting = options.selector !== undefined || options.all;
	if (options.selector !== undefined && options.all)
		return 'error: cannot set --all and --selector at the same time\n';
	const slashed = resources.some((r) => r.includes('/'));
	if (selecting && slashed)
		return 'error: selectors and the all flag cannot be used when passing resource/name arguments\n';
	if (selecting && names.length > 0)
		return 'error: name cannot be provided when a selector is specified\n';
	if (slashed && !resources.every((r) => r.includes('/'))) return SLASH_AND_TYPE;
	const named = slashed
		? resources.map((r) => ({
				typeWord: r.slice(0, r.indexOf('/')),
				name: r.slice(r.indexOf('/') + 1)
			}))
		: names.map((name) => ({ typeWord: first, name }));
	if (!selecting && named.length === 0)
		return 'error: resource(s) were provided, but no name was specified\n';
	const collectionOf = options.collectionOf ?? storedCollection;
	const resolve = (typeWord: string) => {
		const type = resolveType(typeWord);
		if (type === undefined) return `error: the server doesn't have a resource type "${typeWord}"\n`;
		const collection = collectionOf(type);
		if (collection === undefined)
			return `error: "kubectl ${verb} ${type.plural}" is not simulated in this lab yet\n`;
		return { type, collection, namespace: type.namespaced ? options.namespace : undefined };
	};
	if (selecting) {
		const selector = parseSelector(options.selector ?? '');
		const picked: Target[] = [];
		// `pods,services -l …`: each type's matches in turn.
		for (const typeWord of splitResourceArgument(first)) {
			const where = resolve(typeWord);
			if (typeof where === 'string') return where;
			if (!selector.ok) return `error: ${selector.error}\n`;
			const listed =
				where.namespace === undefined
					? ctx.kernel.store.list<KubeObject>(where.collection)
					: ctx.kubernetes!.apiServer.list<KubeObject>(where.collection, where.namespace);
			for (const object of listed
				.filter((o) => matches(selector.selector, o.metadata?.labels ?? {}))
				.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1)))
				picked.push({ ...where, object });
		}
		return picked;
	}
	const out: Target[] = [];
	for (const { typeWord, name } of named) {
		const where = resolve(typeWord);
		if (typeof where === 'string') return where;
		const object =
			where.namespace === undefined
				? ctx.kernel.store.get<KubeObject>(where.collection, name)
				: ctx.kubernetes!.apiServer.get<KubeObject>(where.collection, where.namespace, name);
		out.push(
			object === undefined
				? { missing: notFound(qualifiedPlural(where.type), name) }
				: { ...where, object }
		);
	}
	return out;
}
