/**
 * kubectl commands on nodes and labels: `cordon`, `uncordon`, `label`, `taint`
 * (drain.go cordon helpers, label.go, taint.go; output per cli-formats.md §4.1).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, parseFlags } from '../flags';
import { NODES } from '../../kubernetes/node-object';
import { notFound, unknownFlag } from './errors';

function node(ctx: CommandContext, name: string): Node | undefined {
	return ctx.kernel.store.get<Node>(NODES, name);
}

function write(ctx: CommandContext, next: Node): void {
	ctx.kernel.store.put<Node>(NODES, next.metadata!.name!, (rv) => ({
		...next,
		metadata: { ...next.metadata, resourceVersion: String(rv) }
	}));
}

/** `kubectl cordon NODE` / `kubectl uncordon NODE`. */
export function cordon(ctx: CommandContext, words: readonly string[], on: boolean): CommandResult {
	const verb = on ? 'cordon' : 'uncordon';
	const parsed = parseFlags(words, []);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, verb));
	if (parsed.args.length === 0)
		return fail(
			`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n`
		);
	const missing = parsed.args.filter((n) => node(ctx, n) === undefined);
	if (missing.length > 0) return fail(missing.map((n) => notFound('nodes', n)).join(''));
	let out = '';
	let changed = false;
	for (const name of parsed.args) {
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

/** `kubectl label nodes NAME k=v [k2-] [--overwrite]` (nodes only in this lab). */
export function label(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'overwrite', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'label'));
	const [typeWord, name, ...changes] = parsed.args;
	if (!['node', 'nodes', 'no'].includes(typeWord ?? '')) {
		return fail(
			`error: "kubectl label ${typeWord ?? ''}" is not simulated in this lab yet: label nodes\n`
		);
	}
	if (name === undefined || changes.length === 0)
		return fail('error: at least one label update is required\n');
	const n = node(ctx, name);
	if (n === undefined) return fail(notFound('nodes', name));
	const labels = { ...n.metadata?.labels };
	let changed = false;
	for (const change of changes) {
		if (change.endsWith('-')) {
			const key = change.slice(0, -1);
			if (key in labels) {
				delete labels[key];
				changed = true;
			}
			continue;
		}
		const eq = change.indexOf('=');
		if (eq <= 0) return fail(`error: at least one label update is required\n`);
		const key = change.slice(0, eq);
		const value = change.slice(eq + 1);
		if (
			!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(
				key
			)
		) {
			return fail(`error: invalid label spec: ${change}\n`);
		}
		if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/.test(value)) {
			return fail(
				`error: invalid label value: "${change}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`
			);
		}
		if (key in labels && labels[key] !== value && !boolFlag(parsed.flags, 'overwrite')) {
			return fail(
				`error: '${key}' already has a value (${labels[key]}), and --overwrite is false\n`
			);
		}
		if (labels[key] !== value) changed = true;
		labels[key] = value;
	}
	if (!changed) return ok(`node/${name} not labeled\n`);
	write(ctx, { ...n, metadata: { ...n.metadata, labels } });
	const removed = changes.every((c) => c.endsWith('-'));
	return ok(`node/${name} ${removed ? 'unlabeled' : 'labeled'}\n`, true);
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `kubectl taint nodes NAME key[=value]:Effect` and `key[:Effect]-` (taint.go). */
export function taint(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'overwrite', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'taint'));
	const [typeWord, name, ...specs] = parsed.args;
	if (!['node', 'nodes', 'no'].includes(typeWord ?? ''))
		return fail('error: at least one taint update is required\n');
	if (name === undefined || specs.length === 0)
		return fail('error: at least one taint update is required\n');
	const n = node(ctx, name);
	if (n === undefined) return fail(notFound('nodes', name));
	let taints: Taint[] = [...(n.spec?.taints ?? [])];
	let added = false;
	let removed = false;
	for (const spec of specs) {
		const remove = spec.endsWith('-');
		const m = /^([^=:]+)(?:=([^:]*))?(?::([A-Za-z]+))?$/.exec(remove ? spec.slice(0, -1) : spec);
		const effect = m?.[3];
		if (
			m === null ||
			(effect !== undefined && !EFFECTS.includes(effect)) ||
			(!remove && effect === undefined)
		) {
			return fail(`error: invalid taint spec: ${spec}, unknown taint effect or missing effect\n`);
		}
		if (remove) {
			const before = taints.length;
			taints = taints.filter(
				(t) => !(t.key === m[1] && (effect === undefined || t.effect === effect))
			);
			if (taints.length === before) return fail(`error: taint "${spec.slice(0, -1)}" not found\n`);
			removed = true;
			continue;
		}
		const existing = taints.find((t) => t.key === m[1] && t.effect === effect);
		if (existing !== undefined && !boolFlag(parsed.flags, 'overwrite')) {
			return fail(
				`error: node ${name} already has ${m[1]} taint(s) with same effect(s) and --overwrite is false\n`
			);
		}
		taints = taints.filter((t) => t !== existing);
		taints.push({ key: m[1]!, ...(m[2] ? { value: m[2] } : {}), effect: effect! });
		added = true;
	}
	const nodeSpec = { ...n.spec };
	if (taints.length > 0) nodeSpec.taints = taints;
	else delete nodeSpec.taints;
	write(ctx, { ...n, spec: nodeSpec });
	const word = added && removed ? 'modified' : added ? 'tainted' : 'untainted';
	ctx.kernel.emit('node.tainted', `node/${name}`, `Node ${name} ${word} by kubectl.`);
	return ok(`node/${name} ${word}\n`, true);
}
