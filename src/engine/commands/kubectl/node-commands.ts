/**
 * kubectl commands on nodes: `cordon`, `uncordon`, `taint` (drain.go cordon helpers,
 * taint.go, taint/utils.go; output per cli-formats.md §4.1). `label` is in ./label-annotate.ts.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { NODES } from '../../kubernetes/node-object';
import { guaranteedUpdate } from '../../kubernetes/api/unchanged';
import { isQualifiedName, isValidLabelValue } from '../../manifests/field-errors';
import { goQuote } from '../../manifests/json';
import { notFound, unknownFlag } from './errors';
import { resolveType } from './resources';
import { matches, parseSelector } from './selector';
import { checkErrors } from './check-errors';
import { PRINT_FLAGS, printed, printingFor, withBareDryRun } from './dry-run';
import { warnedFirst } from '../terminal';

function node(ctx: CommandContext, name: string): Node | undefined {
	return ctx.kernel.store.get<Node>(NODES, name);
}

function write(ctx: CommandContext, next: Node): void {
	guaranteedUpdate<Node>(ctx.kernel.store, NODES, next.metadata!.name!, {
		...next
	});
}

/**
 * The nodes a `cordon`, `uncordon` or `drain` line names (drain.go Complete, which the three
 * share): `NODE…`, or `-l SELECTOR` for the matching ones in name order; a name with a selector,
 * or neither, is a usage error. The builder visits without ContinueOnError: the first node that
 * is not there is the whole answer, and nothing is changed.
 */
export function nodeTargets(
	ctx: CommandContext,
	verb: string,
	names: readonly string[],
	selector: string | undefined
): string[] | string {
	const usage = (message: string) =>
		`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples\n`;
	if (names.length === 0 && selector === undefined) return usage(`USAGE: ${verb} NODE [flags]`);
	if (names.length > 0 && selector !== undefined && selector !== '')
		return usage('cannot specify both a node name and a --selector option');
	if (names.length === 0) {
		const parsed = parseSelector(selector ?? '');
		if (!parsed.ok) return `error: ${parsed.error}\n`;
		return ctx.kernel.store
			.list<Node>(NODES)
			.filter((n) => matches(parsed.selector, n.metadata?.labels ?? {}))
			.map((n) => n.metadata!.name!)
			.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	}
	const missing = names.find((n) => node(ctx, n) === undefined);
	if (missing !== undefined) return notFound('nodes', missing);
	return [...names];
}

/** RunCordonOrUncordon: each node in turn, `cordoned` or `already cordoned`. */
export function cordonNodes(
	ctx: CommandContext,
	names: readonly string[],
	on: boolean
): CommandResult {
	const verb = on ? 'cordon' : 'uncordon';
	let out = '';
	let changed = false;
	for (const name of names) {
		const n = node(ctx, name)!;
		if ((n.spec?.unschedulable === true) === on) {
			out += `node/${name} already ${verb}ed\n`;
			continue;
		}
		const spec = { ...n.spec };
		if (on) spec.unschedulable = true;
		else delete spec.unschedulable;
		write(ctx, { ...n, spec });
		ctx.kernel.emit(`node.${verb}ed`, `node/${name}`, `Node ${name} ${verb}ed.`);
		out += `node/${name} ${verb}ed\n`;
		changed = true;
	}
	return ok(out, changed);
}

/** `kubectl cordon NODE…|-l SELECTOR` / `kubectl uncordon NODE…|-l SELECTOR`. */
export function cordon(ctx: CommandContext, words: readonly string[], on: boolean): CommandResult {
	const verb = on ? 'cordon' : 'uncordon';
	const parsed = parseFlags(words, [{ long: 'selector', short: 'l' }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, verb));
	const names = nodeTargets(ctx, verb, parsed.args, flag(parsed.flags, 'selector'));
	if (typeof names === 'string') return fail(names);
	return cordonNodes(ctx, names, on);
}

/** validateTaintEffect: the three effects corev1 knows. */
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: `key=value:effect`, `key:effect`, `key=value` or `key`. */
function taintText(t: Taint): string {
	return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** taint/utils.go parseTaint: `key[=value][:effect]`; returns its error text otherwise. */
function parseTaint(spec: string): Taint | string {
	const parts = spec.split(':');
	let key: string;
	let value = '';
	let effect = '';
	if (parts.length === 1) key = parts[0]!;
	else if (parts.length === 2) {
		effect = parts[1]!;
		if (!EFFECTS.includes(effect))
			return `invalid taint effect: ${effect}, unsupported taint effect`;
		const kv = parts[0]!.split('=');
		if (kv.length > 2) return `invalid taint spec: ${spec}`;
		key = kv[0]!;
		if (kv.length === 2) {
			value = kv[1]!;
			const errs = isValidLabelValue(value);
			if (errs.length > 0) return `invalid taint spec: ${spec}, ${errs.join('; ')}`;
		}
	} else return `invalid taint spec: ${spec}`;
	const errs = isQualifiedName(key);
	if (errs.length > 0) return `invalid taint spec: ${spec}, ${errs.join('; ')}`;
	return { key, ...(value !== '' ? { value } : {}), effect };
}

/** fmt's %v of a corev1.Taint value: its fields in order, a nil TimeAdded as `<nil>`. */
const goTaint = (t: Taint) => `{${t.key} ${t.value ?? ''} ${t.effect} <nil>}`;

/** taint/utils.go parseTaints: the taints to add (each needs an effect) and to remove. */
function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } | string {
	const add: Taint[] = [];
	const remove: Taint[] = [];
	for (const spec of specs) {
		const removing = spec.endsWith('-');
		const taint = parseTaint(removing ? spec.slice(0, -1) : spec);
		if (typeof taint === 'string') return taint;
		if (removing) {
			remove.push({ key: taint.key, effect: taint.effect });
			continue;
		}
		if (taint.effect === '') return `invalid taint spec: ${spec}`;
		if (add.some((t) => t.key === taint.key && t.effect === taint.effect))
			return `duplicated taints with the same key and effect: ${goTaint(taint)}`;
		add.push(taint);
	}
	return { add, remove };
}

/** Taint.MatchTaint: the same key and effect. */
const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * taint/utils.go reorganizeTaints: the new taints first, then the old ones they do not replace,
 * less the removed ones. `modified` with --overwrite or when taints were both added and
 * removed, else `tainted` or `untainted`.
 */
function reorganizeTaints(
	old: readonly Taint[],
	overwrite: boolean,
	add: readonly Taint[],
	remove: readonly Taint[]
): { word: string; taints: Taint[] } | { errors: string[] } {
	let taints = [...add, ...old.filter((o) => !add.some((t) => sameTaint(t, o)))];
	const added = old.length !== taints.length;
	const errors: string[] = [];
	let deleted = false;
	for (const r of remove) {
		const before = taints.length;
		taints = taints.filter((t) => !(t.key === r.key && (r.effect === '' || t.effect === r.effect)));
		// deleteTaints keeps only the last removal's outcome.
		deleted = taints.length !== before;
		if (!deleted) errors.push(`error: taint ${goQuote(taintText(r))} not found\n`);
	}
	if (errors.length > 0) return { errors };
	const word = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
	return { word, taints };
}

const usage = (message: string) =>
	`error: ${message}\nSee 'kubectl taint -h' for help and examples\n`;

/**
 * `kubectl taint nodes NAME… | --all | -l SELECTOR  KEY[=VALUE]:EFFECT… KEY[:EFFECT]-…`
 * (taint.go Complete, Validate, RunTaint). The taint specs and flags are checked before any node
 * is changed; then each node in turn, a missing or refused one reported after the others are
 * changed (the builder's ContinueOnError), as kubectl's aggregate prints (./check-errors.ts).
 */
export function taint(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		{ long: 'overwrite', bool: true },
		{ long: 'all', bool: true },
		{ long: 'selector', short: 'l' },
		...PRINT_FLAGS
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'taint'));
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	// Complete: the resources come first, then the taint changes.
	const resources: string[] = [];
	const specs: string[] = [];
	for (const arg of parsed.args) {
		const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-');
		if (isTaint) specs.push(arg);
		else if (specs.length > 0)
			return fail(`error: all resources must be specified before taint changes: ${arg}\n`);
		else resources.push(arg);
	}
	if (resources.length < 1)
		return fail('error: one or more resources must be specified as <resource> <name>\n');
	if (specs.length < 1) return fail('error: at least one taint update is required\n');
	const changes = parseTaints(specs);
	if (typeof changes === 'string') return fail(usage(changes));
	// Validate: a node type, no taint both added and removed, then the flags.
	const typeWord = resources[0]!.toLowerCase();
	const type = resolveType(typeWord);
	if (type === undefined)
		return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
	if (type.kind !== 'Node')
		return fail(`error: invalid resource type ${typeWord}, only node types are supported\n`);
	const conflicts = changes.add.flatMap((a) =>
		changes.remove
			.filter((r) => r.key === a.key && (r.effect === '' || r.effect === a.effect))
			.map((r) => `{"${r.key}":"${r.effect}"}`)
	);
	if (conflicts.length > 0)
		return fail(
			`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}\n`
		);
	const all = boolFlag(parsed.flags, 'all');
	const selectorText = flag(parsed.flags, 'selector') ?? '';
	if (all && selectorText !== '')
		return fail("error: setting 'all' parameter with a non empty selector is prohibited\n");
	if (!all && selectorText === '' && resources.length < 2)
		return fail(
			"error: at least one resource name must be specified since 'all' parameter is not set\n"
		);
	const targets = taintTargets(ctx, resources.slice(1), all, selectorText);
	if ('error' in targets) return fail(targets.error);
	// RunTaint: updateTaints on each node, in the order the builder visits them.
	const overwrite = boolFlag(parsed.flags, 'overwrite');
	const errors: string[] = [];
	const updates: { node: Node; word: string; taints: Taint[] }[] = [];
	for (const n of targets.nodes) {
		if (typeof n === 'string') {
			errors.push(n);
			continue;
		}
		const old = n.spec?.taints ?? [];
		const name = n.metadata!.name!;
		const clashes = changes.add.filter((a) => old.some((o) => sameTaint(a, o)));
		if (!overwrite && clashes.length > 0) {
			const keys = clashes.map((t) => t.key).join(',');
			errors.push(
				`error: node ${name} already has ${keys} taint(s) with same effect(s) and --overwrite is false\n`
			);
			continue;
		}
		const result = reorganizeTaints(old, overwrite, changes.add, changes.remove);
		if ('errors' in result) errors.push(...result.errors);
		else updates.push({ node: n, ...result });
	}
	// The builder visits with ContinueOnError (taint.go Complete): the nodes that can take the
	// change get it, and the missing or refused ones are reported after them.
	if (updates.length === 0 && errors.length > 0) return fail(checkErrors(errors));
	let out = '';
	for (const { node: n, word, taints } of updates) {
		const name = n.metadata!.name!;
		const nodeSpec = { ...n.spec };
		if (taints.length > 0) nodeSpec.taints = taints;
		else delete nodeSpec.taints;
		const changed = { ...n, spec: nodeSpec };
		// RunTaint: a dry run prints the node as it would be (`tainted (dry run)`), writes nothing.
		if (printing.strategy === 'none') {
			write(ctx, changed);
			ctx.kernel.emit('node.tainted', `node/${name}`, `Node ${name} ${word} by kubectl.`);
		}
		const stored =
			printing.strategy === 'none' ? ctx.kernel.store.get<Node>(NODES, name) : undefined;
		const shown = printed(printing, stored ?? changed, `node/${name}`, word);
		if (!shown.ok) return { ...shown, mutates: printing.strategy === 'none' };
		out += shown.output;
	}
	const mutates = printing.strategy === 'none' && updates.length > 0;
	if (errors.length > 0)
		return warnedFirst(fail(checkErrors(errors), out, mutates), printing.warning);
	return warnedFirst(ok(out, mutates), printing.warning);
}

/**
 * The nodes the builder visits: every node (--all) or those the selector picks, in the API
 * server's name order; otherwise the named ones in order, a missing one as its NotFound error.
 */
function taintTargets(
	ctx: CommandContext,
	names: readonly string[],
	all: boolean,
	selectorText: string
): { nodes: (Node | string)[] } | { error: string } {
	if (!all && selectorText === '')
		return { nodes: names.map((n) => node(ctx, n) ?? notFound('nodes', n)) };
	const selector = parseSelector(selectorText);
	if (!selector.ok) return { error: `error: ${selector.error}\n` };
	const nodes = ctx.kernel.store
		.list<Node>(NODES)
		.filter((n) => matches(selector.selector, n.metadata?.labels ?? {}))
		.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
	return { nodes };
}
