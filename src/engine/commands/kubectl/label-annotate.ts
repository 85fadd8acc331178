/**
 * `kubectl label` and `kubectl annotate` on any object the lab stores (label.go, annotate.go):
 * `TYPE NAME… k=v k2-`, `TYPE/NAME …` or `TYPE -l SELECTOR|--all …`, `--overwrite`, `-n`. A pod relabelled out of its
 * ReplicaSet's selector is orphaned and replaced, and drops out of its Service's endpoints, as
 * in a real cluster: the controllers see the new labels like any other change.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { unknownFlag } from './errors';
import { qualifiedSingular } from './resources';
import { resourceTargets, type Target } from './resource-targets';
import { contextNamespace } from './kubeconfig-state';
import { checkErrors } from './check-errors';
import { hasOwnKey, putOwn } from '../../core/own-keys';
import { goQuote } from '../../manifests/json';
import { movesGeneration } from '../../kubernetes/api/unchanged';

type Kind = 'label' | 'annotate';

/** polymorphichelpers.ChangeCauseAnnotation: annotate may rewrite it without --overwrite. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

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

/**
 * cmdutil.GetResourcesAndPairs: the resource words come first, then the `k=v` / `k-` changes;
 * a resource word after a change is an error.
 */
function resourcesAndPairs(
	args: readonly string[],
	kind: Kind
): { resources: string[]; pairs: string[] } | string {
	const resources: string[] = [];
	const pairs: string[] = [];
	for (const s of args) {
		const pair = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-');
		if (pair) pairs.push(s);
		else if (pairs.length > 0)
			return `error: all resources must be specified before ${kind === 'label' ? 'label' : 'annotation'} changes: ${s}\n`;
		else resources.push(s);
	}
	return { resources, pairs };
}

/** Why the changes may not touch this object (a value they would replace without --overwrite). */
function refusal(
	kind: Kind,
	object: KubeObject,
	changes: Changes,
	overwrite: boolean
): string | undefined {
	const before: Record<string, string> = {
		...object.metadata?.[kind === 'label' ? 'labels' : 'annotations']
	};
	// validateNoOverwrites / validateNoAnnotationOverwrites: a key the object has at all is a
	// clash, even with the same value (only change-cause may always be rewritten).
	const clashes = overwrite
		? []
		: changes.set.filter(
				([k]) => hasOwnKey(before, k) && !(kind === 'annotate' && k === CHANGE_CAUSE)
			);
	if (clashes.length === 0) return undefined;
	if (kind === 'label') {
		const [k] = clashes[0]!;
		return `error: '${k}' already has a value (${before[k]}), and --overwrite is false\n`;
	}
	const list = clashes.map(([k]) => `'${k}' already has a value (${before[k]})`).join('; ');
	return `error: --overwrite is false but found the following declared annotation(s): ${list}\n`;
}

/** The object's labels or annotations with the changes made (not written). */
function changed(kind: Kind, object: KubeObject, changes: Changes): Record<string, string> {
	const after: Record<string, string> = {
		...object.metadata?.[kind === 'label' ? 'labels' : 'annotations']
	};
	for (const k of changes.remove) delete after[k];
	for (const [k, v] of changes.set) putOwn(after, k, v);
	return after;
}

/**
 * `--list`: each object's labels (annotations) with the line's changes made locally, nothing
 * written (label.go and annotate.go take their local path). One object named prints bare
 * `k=v` lines; several get a `Listing labels for Kind.group/name:` heading and an indent. Go
 * ranges over a map in random order: sorted here, so that a lab's output is always the same.
 */
function listing(
	kind: Kind,
	targets: readonly Target[],
	changes: Changes,
	resources: readonly string[]
): string {
	// IntoSingleItemImplied: one TYPE NAME or TYPE/NAME (never a selector).
	const single = resources.length === 1 ? resources[0]!.includes('/') : resources.length === 2;
	const noun = kind === 'label' ? 'labels' : 'annotations';
	let out = '';
	for (const t of targets) {
		if ('missing' in t) continue;
		const values = changed(kind, t.object, changes);
		if (!single) {
			out += `Listing ${noun} for ${t.type.kind}.${t.type.group}/${t.object.metadata?.name ?? ''}:\n`;
		}
		for (const k of Object.keys(values).sort()) out += `${single ? '' : ' '}${k}=${values[k]!}\n`;
	}
	return out;
}

/** label.go's `label "k" not found.` lines: the removed labels the object does not have. */
function notFoundLabels(object: KubeObject, changes: Changes): string {
	const labels = object.metadata?.labels ?? {};
	return changes.remove
		.filter((k) => !hasOwnKey(labels, k))
		.map((k) => `label ${goQuote(k)} not found.\n`)
		.join('');
}

/** Applies the changes to one object (refusal() has passed) and returns the printed line. */
function change(
	ctx: CommandContext,
	kind: Kind,
	target: Exclude<Target, { missing: string }>,
	changes: Changes,
	overwrite: boolean
): { line: string; changed: boolean } {
	const { object } = target;
	const field = kind === 'label' ? 'labels' : 'annotations';
	const before: Record<string, string> = { ...object.metadata?.[field] };
	const after = changed(kind, object, changes);

	const ref = `${qualifiedSingular(target.type)}/${object.metadata?.name ?? ''}`;
	// label.go tells which removed labels the object did not have, before its result line.
	const missing = kind === 'label' ? notFoundLabels(object, changes) : '';
	const same =
		Object.keys(after).length === Object.keys(before).length &&
		Object.keys(after).every((k) => before[k] === after[k]);
	// annotate.go prints "annotated" whatever the patch changed; label.go says "not labeled".
	if (same)
		return {
			line: missing + (kind === 'label' ? `${ref} not labeled\n` : `${ref} annotated\n`),
			changed: false
		};
	const metadata = { ...object.metadata, [field]: after };
	if (Object.keys(after).length === 0) delete metadata[field];
	const next = { ...object, metadata };
	ctx.kubernetes!.apiServer.update(target.collection, next, movesGeneration(next, object));
	if (kind === 'annotate') return { line: `${ref} annotated\n`, changed: true };
	// label.go updateDataChangeMsg: "unlabeled" when, without --overwrite, the object shrank.
	const shrank = JSON.stringify(metadata).length < JSON.stringify(object.metadata ?? {}).length;
	return {
		line: `${missing}${ref} ${!overwrite && shrank ? 'unlabeled' : 'labeled'}\n`,
		changed: true
	};
}

function run(ctx: CommandContext, words: readonly string[], kind: Kind): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'overwrite', bool: true },
		{ long: 'namespace', short: 'n' },
		{ long: 'selector', short: 'l' },
		{ long: 'all', bool: true },
		{ long: 'list', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, kind));
	const split = resourcesAndPairs(parsed.args, kind);
	if (typeof split === 'string') return fail(split);
	const noun = kind === 'label' ? 'label' : 'annotation';
	const list = boolFlag(parsed.flags, 'list');
	if (split.resources.length > 0 && split.pairs.length === 0 && !list)
		return fail(`error: at least one ${noun} update is required\n`);
	const changes = parseChanges(kind, split.pairs);
	if (typeof changes === 'string') return fail(changes);
	const t = resourceTargets(ctx, kind, split.resources, {
		namespace: flag(parsed.flags, 'namespace') ?? contextNamespace(ctx),
		selector: flag(parsed.flags, 'selector'),
		all: boolFlag(parsed.flags, 'all')
	});
	if (typeof t === 'string') return fail(t);
	// label.go and annotate.go visit each object with the builder's ContinueOnError: a missing
	// object (NotFound from its GET) or a refused one (a value --overwrite would replace) is
	// reported after the others are changed, the errors gathered as checkErr prints them.
	const overwrite = boolFlag(parsed.flags, 'overwrite');
	const errors: string[] = [];
	const accepted: Exclude<Target, { missing: string }>[] = [];
	let output = '';
	for (const o of t) {
		if ('missing' in o) {
			errors.push(o.missing);
			continue;
		}
		const refused = refusal(kind, o.object, changes, overwrite);
		if (refused === undefined) {
			accepted.push(o);
			continue;
		}
		// label.go prints which removed labels the object lacks before labelFunc refuses it.
		if (kind === 'label' && !list) output += notFoundLabels(o.object, changes);
		errors.push(refused);
	}
	let changed = false;
	if (list) output = listing(kind, accepted, changes, split.resources);
	else
		for (const target of accepted) {
			const r = change(ctx, kind, target, changes, overwrite);
			output += r.line;
			changed ||= r.changed;
		}
	if (errors.length === 0) return ok(output, changed);
	return fail(checkErrors(errors), output, changed);
}

export function label(ctx: CommandContext, words: readonly string[]): CommandResult {
	return run(ctx, words, 'label');
}

export function annotate(ctx: CommandContext, words: readonly string[]): CommandResult {
	return run(ctx, words, 'annotate');
}
