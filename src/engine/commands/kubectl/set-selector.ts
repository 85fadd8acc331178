/**
 * `kubectl set selector TYPE NAME EXPRESSIONS` (kubectl pkg/cmd/set/set_selector.go): the last
 * argument is a label selector (metav1.ParseToLabelSelector) that replaces the Service's
 * selector outright — kubectl sends the two-way strategic merge patch from the old object to
 * the new one, so keys the new selector lacks are removed. Only Services take one; a set-based
 * requirement (`app in (a,b)`, `!app`) has no place in a Service's map and is refused.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { putOwn } from '../../core/own-keys';
import type { JsonObject } from '../../manifests/types';
import { notFound, unknownFlag } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { typeAndName } from './mutate';
import { patchObject, storedTarget } from './patch';
import { parseSelector, type Requirement } from './selector';

/** metav1.LabelSelectorOperator's names, as Go prints a requirement. */
const OPERATORS: Record<Requirement['op'], string> = {
	eq: 'In',
	neq: 'NotIn',
	in: 'In',
	notin: 'NotIn',
	exists: 'Exists',
	notexists: 'DoesNotExist'
};

export function setSelector(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'namespace', short: 'n' }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'set selector'));
	const expression = parsed.args.at(-1);
	if (expression === undefined) return fail('error: one selector is required\n');
	const selector = parseSelector(expression);
	if (!selector.ok)
		return fail(`error: couldn't parse the selector string "${expression}": ${selector.error}\n`);
	const target = typeAndName(parsed.args.slice(0, -1));
	if ('error' in target) return fail(target.error);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const found = storedTarget(ctx, target, namespace)?.object;
	if (found === undefined) return fail(notFound(target.qualifiedPlural, target.name));
	if (target.kind !== 'Service')
		return fail('error: setting a selector is only supported for Services\n');
	// ParseToLabelSelector: `k=v` and `k==v` are matchLabels; anything else an expression.
	const labels: JsonObject = {};
	const expressions: Requirement[] = [];
	for (const r of selector.selector) {
		if (r.op === 'eq') putOwn(labels, r.key, r.values[0]);
		else expressions.push(r);
	}
	if (expressions.length > 0)
		return fail(
			`error: match expression [${expressions.map(goRequirement).join(' ')}] not supported on this object\n`
		);
	// The two-way merge patch: every old key the new selector lacks is deleted (null).
	const selectorPatch: JsonObject = { ...labels };
	const old = (found as StoredObject & { spec?: JsonObject }).spec?.selector;
	if (old !== null && typeof old === 'object' && !Array.isArray(old))
		for (const key of Object.keys(old)) if (!Object.hasOwn(labels, key)) selectorPatch[key] = null;
	const done = patchObject(ctx, target, namespace, 'strategic', {
		spec: { selector: selectorPatch }
	});
	if ('error' in done) return fail(done.error);
	return ok(`${done.what} selector updated\n`, done.changed);
}

/** A requirement as Go's %v prints a LabelSelectorRequirement: `{app In [a b]}`. */
function goRequirement(r: Requirement): string {
	const values = 'values' in r ? r.values : [];
	return `{${r.key} ${OPERATORS[r.op]} [${values.join(' ')}]}`;
}
