/**
 * `kubectl delete TYPE --all` and `kubectl delete TYPE -l SELECTOR` (kubectl pkg/cmd/delete:
 * the builder lists what matches, every object gets its `… deleted` line, and nothing matching
 * prints "No resources found"), and `kubectl delete namespace NAME` with the namespace
 * controller's work (pkg/controller/namespace/deletion): the namespace turns Terminating, its
 * contents are deleted, and it goes once they are gone. kubectl waits for that (--wait is on by
 * default), so the lab's clock runs until then, as `rollout status` lets it run; with
 * --wait=false the line returns and the namespace stays Terminating until it is empty.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { rfc3339 } from '../../core/time';
import { customKinds } from '../../manifests/custom-kinds';
import { deletableCollection, deletePlanned, type PlannedDeletion } from './deletion-plan';
import { carryOutDeletion, deletedLine, type DeleteOptions } from './delete-options';
import { TerminalWriter } from '../terminal';
import { LAB_WAIT_LIMIT_MS, runUntilDone } from './lab-wait';
import { notFound, notSimulated } from './errors';
import { NAMESPACES, ROOT_CA_CONFIGMAP, findNamespace, rootCaConfigMaps } from './namespaces';
import { qualifiedPlural, qualifiedSingular, resolveType, type ResourceType } from './resources';
import { matches, parseSelector, type Selector } from './selector';
import { splitResourceArgument } from './resource-args';
import { checkErrors } from './check-errors';

/** namespace lifecycle admission: these three may never be deleted. */
const IMMORTAL = ['default', 'kube-system', 'kube-public'];

interface Named {
	metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}

export function deleteSelected(
	ctx: CommandContext,
	typeWord: string,
	namespace: string,
	selectorText: string,
	options: DeleteOptions
): CommandResult {
	// `pods,services -l …`: each type's matches in turn (./resource-args.ts).
	const types: ResourceType[] = [];
	for (const word of splitResourceArgument(typeWord)) {
		const type = resolveType(word);
		if (type === undefined)
			return fail(`error: the server doesn't have a resource type "${word}"\n`);
		types.push(type);
	}
	const selector = parseSelector(selectorText);
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	if (types.some((t) => t.plural === 'namespaces')) {
		if (types.length > 1) return fail(notSimulated(`delete ${typeWord}`));
		const names = (ctx.kernel.store.list<Namespace>(NAMESPACES) as Named[])
			.filter((n) => matches(selector.selector, n.metadata?.labels ?? {}))
			.map((n) => n.metadata!.name!);
		if (names.length === 0) return ok('No resources found\n');
		return deleteNamespaces(ctx, names, options);
	}
	const plan: PlannedDeletion[] = [];
	for (const type of types) {
		const planned = selectedPlan(ctx, type, namespace, selector.selector);
		if (typeof planned === 'string') return fail(planned);
		plan.push(...planned);
	}
	if (plan.length === 0) return ok('No resources found\n');
	return carryOutDeletion(ctx, plan, options);
}

/** The objects of one type the selector picks, in name order as the API server lists them. */
function selectedPlan(
	ctx: CommandContext,
	type: ResourceType,
	namespace: string,
	selector: Selector
): PlannedDeletion[] | string {
	const collection = deletableCollection(type.plural);
	if (collection === undefined) return notSimulated(`delete ${type.plural}`);
	const stored = ctx.kubernetes!.apiServer.list<Named>(
		collection,
		type.namespaced ? namespace : undefined
	);
	// kube-root-ca.crt is listed and deleted too; its publisher puts it straight back.
	const virtual =
		type.plural === 'configmaps'
			? (rootCaConfigMaps(ctx) as Named[]).filter((c) => c.metadata?.namespace === namespace)
			: [];
	return [...stored, ...virtual]
		.filter((o) => matches(selector, o.metadata?.labels ?? {}))
		.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
		.map((o) => ({
			collection,
			namespace: type.namespaced ? namespace : '',
			name: o.metadata!.name!,
			kind: qualifiedSingular(type),
			plural: type.plural,
			virtual: type.plural === 'configmaps' && o.metadata!.name === ROOT_CA_CONFIGMAP
		}));
}

/**
 * `kubectl delete namespace NAME…`: each name the API server accepts is deleted, and the refused
 * ones (NotFound, Forbidden, Conflict) are reported after them, as delete.go's ContinueOnError
 * builder has it (no wait then: DeleteResult returns the errors before waiting).
 */
export function deleteNamespaces(
	ctx: CommandContext,
	names: readonly string[],
	options: DeleteOptions
): CommandResult {
	const errors: string[] = [];
	const accepted: string[] = [];
	for (const name of names) {
		// A namespace the lab lists but does not store: the whole line is refused, lab-only.
		if (
			!IMMORTAL.includes(name) &&
			findNamespace(ctx, name) !== undefined &&
			ctx.kernel.store.get(NAMESPACES, name) === undefined
		)
			return fail(notSimulated(`delete namespace ${name}`));
	}
	for (const name of names) {
		if (IMMORTAL.includes(name))
			errors.push(
				`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted\n`
			);
		else if (findNamespace(ctx, name) === undefined) {
			if (!options.ignoreNotFound)
				errors.push(notFound(qualifiedPlural(resolveType('namespaces')!), name));
		} else if (ctx.kernel.store.get<Namespace>(NAMESPACES, name)!.status?.phase === 'Terminating')
			errors.push(stillTerminating(name));
		else accepted.push(name);
	}
	// A name counts as found before its DELETE answers (delete.go: no GET first), so names that
	// --ignore-not-found passes over print nothing.
	if (accepted.length === 0) return errors.length > 0 ? fail(checkErrors(errors)) : ok('');
	const term = new TerminalWriter();
	term.err(options.warning);
	for (const name of accepted) {
		terminate(ctx, name);
		term.out(deletedLine({ namespace: '', name, kind: 'namespace' }, options));
	}
	if (errors.length > 0) {
		term.err(checkErrors(errors));
		return { ...term.result(false), mutates: true };
	}
	// The namespace controller removes each namespace once it is empty
	// (kubernetes/controllers/namespace-controller.ts); kubectl waits for that unless --wait=false.
	if (options.wait) {
		const limit = options.timeoutMs > 0 ? options.timeoutMs : LAB_WAIT_LIMIT_MS;
		const deadline = ctx.kernel.now + limit;
		for (const name of accepted) {
			const gone = () => ctx.kernel.store.get(NAMESPACES, name) === undefined;
			if (!runUntilDone(ctx, gone, deadline)) {
				term.err(`error: timed out waiting for the condition on namespaces/${name}\n`);
				return { ...term.result(false), mutates: true };
			}
		}
	}
	return { ...term.result(true), mutates: true };
}

/**
 * The API server's answer to deleting a namespace that is already Terminating
 * (pkg/registry/core/namespace/storage/storage.go Delete: a Conflict while spec.finalizers
 * still holds `kubernetes`).
 */
function stillTerminating(name: string): string {
	return `Error from server (Conflict): Operation cannot be fulfilled on namespaces "${name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n`;
}

/** Namespaced collections the namespace controller empties (the kinds the lab deletes). */
const CONTENT = [
	'deployments',
	'statefulsets',
	'daemonsets',
	'cronjobs',
	'jobs',
	'replicasets',
	'pods',
	'services',
	'ingresses',
	'poddisruptionbudgets',
	'persistentvolumeclaims',
	'configmaps',
	'secrets',
	'serviceaccounts',
	'roles',
	'rolebindings',
	'networkpolicies',
	'horizontalpodautoscalers',
	'resourcequotas',
	'limitranges'
];

function terminate(ctx: CommandContext, name: string): void {
	const api = ctx.kubernetes!.apiServer;
	const ns = ctx.kernel.store.get<Namespace>(NAMESPACES, name)!;
	api.update(NAMESPACES, {
		...ns,
		metadata: { ...ns.metadata, deletionTimestamp: rfc3339(ctx.kernel.now) },
		status: { phase: 'Terminating' }
	});
	const plan: PlannedDeletion[] = [];
	for (const plural of CONTENT) {
		const collection = deletableCollection(plural);
		if (collection === undefined) continue;
		for (const o of api.list<Named>(collection, name))
			plan.push({ collection, namespace: name, name: o.metadata!.name!, kind: '', plural });
	}
	// The custom kinds' objects too: the controller deletes every namespaced resource discovery
	// lists (namespaced_resources_deleter.go deleteAllContent), CRD-defined ones included.
	for (const k of customKinds()) {
		if (!k.namespaced) continue;
		for (const o of api.list<Named>(k.collection, name))
			plan.push({
				collection: k.collection,
				namespace: name,
				name: o.metadata!.name!,
				kind: '',
				plural: k.plural
			});
	}
	// Owners go first, so the garbage collector takes their dependents with them.
	for (const p of plan) {
		if (api.get(p.collection, p.namespace, p.name) !== undefined) deletePlanned(ctx, [p]);
	}
}
