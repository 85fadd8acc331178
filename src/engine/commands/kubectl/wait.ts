/**
 * `kubectl wait --for=condition=C[=V]|delete|create|jsonpath=…[=V] TARGET… [--timeout=30s]`
 * (kubectl pkg/cmd/wait): like `rollout status`, the lab's clock runs until every target meets
 * the condition or the shared deadline passes, and a target is met at the instant its object
 * changes (wait.go watches each object; it does not poll). Each target met prints `kind/name condition
 * met`; the first that does not fails with `timed out waiting for the condition on
 * <resource>/<name>`.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { parseDuration } from '../durations';
import { NODES } from '../../kubernetes/node-object';
import { deletableCollection } from './deletion-plan';
import { notFound, unknownFlag } from './errors';
import { NAMESPACES } from './namespaces';
import { findResults, goValue, parseJsonPath, type Json, type Template } from './jsonpath';
import { qualifiedPlural, qualifiedSingular, resolveType, type ResourceType } from './resources';
import { matches, parseSelector } from './selector';
import { asJson } from './template-output';
import { relaxedJsonPath } from './sort-by';
import { LAB_WAIT_LIMIT_MS, runUntilDone } from './lab-wait';
import { contextNamespace } from './kubeconfig-state';

/** wait.go: --timeout defaults to 30s. */
const DEFAULT_TIMEOUT_MS = 30_000;

type Condition =
	| { kind: 'delete' }
	| { kind: 'create' }
	| { kind: 'condition'; name: string; value: string }
	| { kind: 'jsonpath'; template: Template; value: string | undefined };

interface Stored {
	metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; uid?: string };
	status?: { conditions?: { type?: string; status?: string }[] };
}

/** conditionFuncFor: the --for forms kubectl knows. */
function parseCondition(text: string): Condition | { error: string } {
	const lower = text.toLowerCase();
	if (lower === 'delete') return { kind: 'delete' };
	if (lower === 'create') return { kind: 'create' };
	if (lower.startsWith('condition=')) {
		const rest = text.slice('condition='.length);
		const eq = rest.indexOf('=');
		return eq < 0
			? { kind: 'condition', name: rest, value: 'true' }
			: { kind: 'condition', name: rest.slice(0, eq), value: rest.slice(eq + 1) };
	}
	if (lower.startsWith('jsonpath=')) {
		const rest = text.slice('jsonpath='.length);
		// The path ends at its closing brace; what follows `=` is the value to wait for.
		const close = rest.startsWith('{') ? rest.indexOf('}') : -1;
		const eq = close >= 0 ? rest.indexOf('=', close) : rest.indexOf('=');
		const path = eq < 0 ? rest : rest.slice(0, eq);
		const relaxed = relaxedJsonPath(path);
		if (typeof relaxed !== 'string' || relaxed === '')
			return { error: `error: unrecognized condition: ${JSON.stringify(text)}\n` };
		const template = parseJsonPath(relaxed);
		if ('error' in template) return { error: `error: ${template.error}\n` };
		return { kind: 'jsonpath', template, value: eq < 0 ? undefined : rest.slice(eq + 1) };
	}
	return { error: `error: unrecognized condition: ${JSON.stringify(text)}\n` };
}

function collectionOf(type: ResourceType): string | undefined {
	if (type.plural === 'nodes') return NODES;
	if (type.plural === 'namespaces') return NAMESPACES;
	return deletableCollection(type.plural);
}

interface Target {
	type: ResourceType;
	collection: string;
	name: string;
	uid: string | undefined;
}

export function wait(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'for' },
		{ long: 'timeout' },
		{ long: 'namespace', short: 'n' },
		{ long: 'selector', short: 'l' },
		{ long: 'all', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'wait'));
	const forText = flag(parsed.flags, 'for');
	if (forText === undefined || forText === '') return fail('error: --for must be specified\n');
	const condition = parseCondition(forText);
	if ('error' in condition) return fail(condition.error);
	const timeoutText = flag(parsed.flags, 'timeout') ?? `${DEFAULT_TIMEOUT_MS / 1000}s`;
	const timeout = parseDuration(timeoutText);
	if (!timeout.ok)
		return fail(
			`error: invalid argument ${JSON.stringify(timeoutText)} for "--timeout" flag: ${timeout.error}\n`
		);
	// A negative timeout means a week (wait.go); the lab gives up after its own limit instead, as
	// its other endless waits do (./lab-wait.ts).
	const timeoutMs = timeout.ms < 0 ? LAB_WAIT_LIMIT_MS : timeout.ms;
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const selector = parseSelector(flag(parsed.flags, 'selector') ?? '');
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const targets = findTargets(ctx, parsed.args, namespace, {
		selecting: boolFlag(parsed.flags, 'all') || parsed.flags.has('selector'),
		matchLabels: (labels) => matches(selector.selector, labels)
	});
	if ('error' in targets) return fail(targets.error);
	if (targets.length === 0 && condition.kind !== 'delete')
		return fail('error: no matching resources found\n');
	// Waiting on a state needs the object; only delete and create wait on its absence.
	const missing = targets.find((t) => t.uid === undefined);
	if (missing !== undefined && (condition.kind === 'condition' || condition.kind === 'jsonpath'))
		return fail(notFound(qualifiedPlural(missing.type), missing.name));
	const deadline = ctx.kernel.now + timeoutMs;
	let out = '';
	for (const t of targets) {
		const objectKey = t.type.namespaced ? `${namespace}/${t.name}` : t.name;
		const met = () => isMet(condition, ctx.kernel.store.get<Stored>(t.collection, objectKey), t);
		// The watch sees each change as it happens: the line returns at that instant.
		if (!runUntilDone(ctx, met, deadline)) {
			return {
				ok: false,
				output: out,
				error: `error: timed out waiting for the condition on ${t.type.plural}/${t.name}\n`
			};
		}
		out += `${qualifiedSingular(t.type)}/${t.name} condition met\n`;
	}
	return { ok: true, output: out };
}

function isMet(condition: Condition, object: Stored | undefined, t: Target): boolean {
	if (condition.kind === 'delete') return object === undefined || object.metadata?.uid !== t.uid;
	if (object === undefined) return false;
	if (condition.kind === 'create') return true;
	if (condition.kind === 'condition') {
		// Condition types and statuses compare without regard to case (strings.EqualFold).
		return (object.status?.conditions ?? []).some(
			(c) =>
				(c.type ?? '').toLowerCase() === condition.name.toLowerCase() &&
				(c.status ?? '').toLowerCase() === condition.value.toLowerCase()
		);
	}
	const results = findResults(condition.template, asJson(object), true);
	if ('error' in results) return false;
	const values: Json[] = results.flat();
	if (condition.value === undefined) return values.length > 0;
	return values.length === 1 && goValue(values[0]!) === condition.value;
}

function findTargets(
	ctx: CommandContext,
	args: readonly string[],
	namespace: string,
	sel: { selecting: boolean; matchLabels: (labels: Record<string, string>) => boolean }
): Target[] | { error: string } {
	const [first, ...rest] = args;
	if (first === undefined)
		return {
			error:
				"error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"
		};
	const pairs: [string, string | undefined][] = first.includes('/')
		? args.map((a) => [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)])
		: rest.length > 0
			? rest.map((n) => [first, n])
			: [[first, undefined]];
	const targets: Target[] = [];
	for (const [typeWord, name] of pairs) {
		const type = resolveType(typeWord);
		if (type === undefined)
			return { error: `error: the server doesn't have a resource type "${typeWord}"\n` };
		const collection = collectionOf(type);
		if (collection === undefined)
			return {
				error: `error: "kubectl wait" on ${type.plural} is not simulated in this lab yet\n`
			};
		const listed = ctx.kernel.store
			.list<Stored>(collection)
			.filter((o) => !type.namespaced || (o.metadata?.namespace ?? 'default') === namespace);
		if (name === undefined) {
			if (!sel.selecting)
				return { error: 'error: resource(s) were provided, but no name was specified\n' };
			for (const o of listed.filter((x) => sel.matchLabels(x.metadata?.labels ?? {})))
				targets.push({ type, collection, name: o.metadata!.name!, uid: o.metadata?.uid });
			continue;
		}
		const o = listed.find((x) => x.metadata?.name === name);
		targets.push({ type, collection, name, uid: o?.metadata?.uid });
	}
	return targets;
}
