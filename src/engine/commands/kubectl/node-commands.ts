/**
 * kubectl commands on nodes: `cordon`, `uncordon`, `taint` (drain.go cordon helpers,
 * taint.go; output per cli-formats.md §4.1). `label` is in ./label-annotate.ts.
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
