/**
 * `kubectl delete TYPE --all` and `kubectl delete TYPE -l SELECTOR` (kubectl pkg/cmd/delete:
 * the builder lists what matches, every object gets its `… deleted` line, and nothing matching
 * prints "No resources found"), and `kubectl delete namespace NAME` with the namespace
 * controller's work (pkg/controller/namespace/deletion): the namespace turns Terminating, its
 * contents are deleted, and it goes once they are gone. kubectl waits for that (--wait is on by
 * default), so the lab's clock runs until then, as `rollout status` lets it run.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { rfc3339 } from '../../core/time';
import { deletableCollection, deletePlanned, type PlannedDeletion } from './mutate';
import { notFound, notSimulated } from './errors';
import { NAMESPACES, ROOT_CA_CONFIGMAP, findNamespace, rootCaConfigMaps } from './namespaces';
import { qualifiedPlural, qualifiedSingular, resolveType } from './resources';
import { matches, parseSelector } from './selector';

/** namespace lifecycle admission: these three may never be deleted. */
const IMMORTAL = ['default', 'kube-system', 'kube-public'];

/** How long the lab lets a namespace's contents take to go before it stops waiting. */
const NAMESPACE_WAIT_LIMIT_MS = 10 * 60_000;

interface Named {
	metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}

export function deleteSelected(
	ctx: CommandContext,
	typeWord: string,
	namespace: string,
	selectorText: string
): CommandResult {
	const type = resolveType(typeWord);
	if (type === undefined)
		return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
	const selector = parseSelector(selectorText);
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	if (type.plural === 'namespaces') {
		const names = (ctx.kernel.store.list<Namespace>(NAMESPACES) as Named[])
			.filter((n) => matches(selector.selector, n.metadata?.labels ?? {}))
			.map((n) => n.metadata!.name!);
		if (names.length === 0) return ok('No resources found\n');
		return deleteNamespaces(ctx, names);
	}
	const collection = deletableCollection(type.plural);
	if (collection === undefined) return fail(notSimulated(`delete ${type.plural}`));
	const stored = ctx.kubernetes!.apiServer.list<Named>(collection, namespace);
	// kube-root-ca.crt is listed and deleted too; its publisher puts it straight back.
	const virtual =
		type.plural === 'configmaps'
			? (rootCaConfigMaps(ctx) as Named[]).filter((c) => c.metadata?.namespace === namespace)
			: [];
	const found = [...stored, ...virtual]
		.filter((o) => matches(selector.selector, o.metadata?.labels ?? {}))
		.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
	if (found.length === 0) return ok('No resources found\n');
	const plan: PlannedDeletion[] = found.map((o) => ({
		collection,
		namespace,
		name: o.metadata!.name!,
		line: `${qualifiedSingular(type)} "${o.metadata!.name}" deleted from ${namespace} namespace\n`
	}));
	deletePlanned(
		ctx,
		plan.filter((p) => !(type.plural === 'configmaps' && p.name === ROOT_CA_CONFIGMAP))
	);
	return ok(plan.map((p) => p.line).join(''), true);
}

/** `kubectl delete namespace NAME…`: every name checked first, then each one deleted. */
export function deleteNamespaces(ctx: CommandContext, names: readonly string[]): CommandResult {
	let errors = '';
	for (const name of names) {
		if (IMMORTAL.includes(name))
			errors += `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted\n`;
		else if (findNamespace(ctx, name) === undefined)
			errors += notFound(qualifiedPlural(resolveType('namespaces')!), name);
		else if (ctx.kernel.store.get(NAMESPACES, name) === undefined)
			errors += notSimulated(`delete namespace ${name}`);
	}
	if (errors !== '') return fail(errors);
	let output = '';
	for (const name of names) {
		terminate(ctx, name);
		output += `namespace "${name}" deleted\n`;
	}
	return ok(output, true);
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
	'networkpolicies'
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
			plan.push({ collection, namespace: name, name: o.metadata!.name!, line: '' });
	}
	// Owners go first, so the garbage collector takes their dependents with them.
	for (const p of plan) {
		if (api.get(p.collection, p.namespace, p.name) !== undefined) deletePlanned(ctx, [p]);
	}
	const empty = () => plan.every((p) => api.get(p.collection, p.namespace, p.name) === undefined);
	const started = ctx.kernel.now;
	while (!empty() && ctx.kernel.now - started < NAMESPACE_WAIT_LIMIT_MS) ctx.advance(1000);
	if (empty()) ctx.kernel.store.delete(NAMESPACES, name);
}
