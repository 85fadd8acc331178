/**
 * `kubectl label` and `kubectl annotate` on any object the lab stores (label.go, annotate.go):
 * `TYPE NAME k=v k2-` or `TYPE/NAME …`, `--overwrite`, `-n`. A pod relabelled out of its
 * ReplicaSet's selector is orphaned and replaced, and drops out of its Service's endpoints, as
 * in a real cluster: the controllers see the new labels like any other change.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { NODES } from '../../kubernetes/node-object';
import { collectionFor } from './apply';
import { notFound, unknownFlag } from './errors';
import { qualifiedPlural, qualifiedSingular, resolveType, type ResourceType } from './resources';

type Kind = 'label' | 'annotate';

/** apimachinery IsQualifiedName: an optional DNS-1123 subdomain prefix and a 63-char name. */
const QUALIFIED_NAME =
	/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** apimachinery IsValidLabelValue. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

const INVALID_VALUE = (change: string) =>
	`error: invalid label value: "${change}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`;

interface Changes {
	set: [string, string][];
	remove: string[];
}

/** parseLabels / parseAnnotations: `k=v` sets, `k-` removes; anything else is an error. */
function parseChanges(kind: Kind, words: readonly string[]): Changes | string {
	const set: [string, string][] = [];
	const remove: string[] = [];
	for (const word of words) {
		if (word.endsWith('-') && !word.includes('=')) {
			remove.push(word.slice(0, -1));
			continue;
		}
		const eq = word.indexOf('=');
		if (eq <= 0)
			return `error: invalid ${kind === 'label' ? 'label' : 'annotation'} spec: ${word}\n`;
		const key = word.slice(0, eq);
		const value = word.slice(eq + 1);
		if (!QUALIFIED_NAME.test(key)) {
			return `error: invalid ${kind === 'label' ? 'label' : 'annotation'} spec: ${word}\n`;
		}
		if (kind === 'label' && !LABEL_VALUE.test(value)) return INVALID_VALUE(word);
		set.push([key, value]);
	}
	return { set, remove };
}

/** The args split into the object (TYPE NAME or TYPE/NAME) and the changes after it. */
function target(args: readonly string[]): { type: string; name: string; rest: string[] } | string {
	const [first, ...more] = args;
	if (first === undefined)
		return 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n';
	if (first.includes('/')) {
		const [type, name] = first.split('/', 2) as [string, string];
		return { type, name, rest: more };
	}
	const [name, ...rest] = more;
	if (name === undefined || name.includes('=') || name.endsWith('-'))
		return 'error: resource(s) were provided, but no name was specified\n';
	return { type: first, name, rest };
}

function collectionOf(type: ResourceType): string | undefined {
	return type.plural === 'nodes' ? NODES : collectionFor(type.kind);
}

function run(ctx: CommandContext, words: readonly string[], kind: Kind): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'overwrite', bool: true },
		{ long: 'namespace', short: 'n' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, kind));
	const t = target(parsed.args);
	if (typeof t === 'string') return fail(t);
	const type = resolveType(t.type);
	if (type === undefined)
		return fail(`error: the server doesn't have a resource type "${t.type}"\n`);
	const noun = kind === 'label' ? 'label' : 'annotation';
	if (t.rest.length === 0) return fail(`error: at least one ${noun} update is required\n`);
	const changes = parseChanges(kind, t.rest);
	if (typeof changes === 'string') return fail(changes);
	const collection = collectionOf(type);
	if (collection === undefined)
		return fail(`error: "kubectl ${kind} ${type.plural}" is not simulated in this lab yet\n`);
	const namespace = type.namespaced ? (flag(parsed.flags, 'namespace') ?? 'default') : undefined;
	const object =
		namespace === undefined
			? ctx.kernel.store.get<KubeObject>(collection, t.name)
			: ctx.kubernetes!.apiServer.get<KubeObject>(collection, namespace, t.name);
	if (object === undefined) return fail(notFound(qualifiedPlural(type), t.name));

	const field = kind === 'label' ? 'labels' : 'annotations';
	const before: Record<string, string> = { ...object.metadata?.[field] };
	const after = { ...before };
	const overwrite = boolFlag(parsed.flags, 'overwrite');
	const clashes = changes.set.filter(([k, v]) => k in before && before[k] !== v && !overwrite);
	if (clashes.length > 0) {
		if (kind === 'label') {
			const [k] = clashes[0]!;
			return fail(`error: '${k}' already has a value (${before[k]}), and --overwrite is false\n`);
		}
		const list = clashes.map(([k]) => `'${k}' already has a value (${before[k]})`).join(', ');
		return fail(
			`error: --overwrite is false but found the following declared annotation(s): ${list}\n`
		);
	}
	for (const k of changes.remove) delete after[k];
	for (const [k, v] of changes.set) after[k] = v;

	const ref = `${qualifiedSingular(type)}/${t.name}`;
	const same =
		Object.keys(after).length === Object.keys(before).length &&
		Object.keys(after).every((k) => before[k] === after[k]);
	// annotate.go prints "annotated" whatever the patch changed; label.go says "not labeled".
	if (same) return ok(kind === 'label' ? `${ref} not labeled\n` : `${ref} annotated\n`);
	const metadata = { ...object.metadata, [field]: after };
	if (Object.keys(after).length === 0) delete metadata[field];
	ctx.kubernetes!.apiServer.update(collection, { ...object, metadata });
	if (kind === 'annotate') return ok(`${ref} annotated\n`, true);
	// label.go updateDataChangeMsg: "unlabeled" when, without --overwrite, the object shrank.
	const shrank = JSON.stringify(metadata).length < JSON.stringify(object.metadata ?? {}).length;
	return ok(`${ref} ${!overwrite && shrank ? 'unlabeled' : 'labeled'}\n`, true);
}

export function label(ctx: CommandContext, words: readonly string[]): CommandResult {
	return run(ctx, words, 'label');
}

export function annotate(ctx: CommandContext, words: readonly string[]): CommandResult {
	return run(ctx, words, 'annotate');
}
