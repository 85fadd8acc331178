/**
 * `kubectl create poddisruptionbudget|pdb NAME --selector=SEL (--min-available=N|N% |
 * --max-unavailable=N|N%)` (kubectl pkg/cmd/create/create_pdb.go, v1.35): Validate checks the
 * selector and the one budget (`^[0-9]+%?$`); the selector goes through
 * metav1.ParseToLabelSelector (`k=v` into matchLabels, set-based requirements into
 * matchExpressions with their values sorted, `!=` refused); the budget through intstr.Parse (a
 * number, else the string). Server errors are wrapped: `failed to create poddisruptionbudgets: …`.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag } from '../flags';
import type { JsonObject } from '../../manifests/types';
import { parseSelector } from './selector';
import { sendGenerated, startGenerator, withSaveConfig } from './create-generated';
import { sortedMap } from '../../manifests/json';
import { contextNamespace } from './kubeconfig-state';

const OPERATORS = { in: 'In', notin: 'NotIn', exists: 'Exists', notexists: 'DoesNotExist' };

/** metav1.ParseToLabelSelector, or its error. */
function labelSelector(text: string): JsonObject | string {
	const parsed = parseSelector(text);
	if (!parsed.ok) return `couldn't parse the selector string "${text}": ${parsed.error}`;
	const matchLabels: Record<string, string> = {};
	const matchExpressions: JsonObject[] = [];
	for (const r of parsed.selector) {
		if (r.op === 'eq') matchLabels[r.key] = r.values[0];
		else if (r.op === 'neq') return '"!=" is not a valid label selector operator';
		else
			matchExpressions.push({
				key: r.key,
				operator: OPERATORS[r.op],
				...('values' in r ? { values: [...new Set(r.values)].sort() } : {})
			});
	}
	// Both start empty and are omitempty.
	return {
		...(Object.keys(matchLabels).length > 0 ? { matchLabels: sortedMap(matchLabels) } : {}),
		...(matchExpressions.length > 0 ? { matchExpressions } : {})
	};
}

/** intstr.Parse: a whole number as an int, anything else as a string. */
function intOrString(text: string): number | string {
	return /^\d+$/.test(text) && Number(text) < 2 ** 31 ? Number(text) : text;
}

export function createPodDisruptionBudget(
	ctx: CommandContext,
	words: readonly string[]
): CommandResult {
	const started = startGenerator(
		ctx,
		words,
		[{ long: 'min-available' }, { long: 'max-unavailable' }, { long: 'selector' }],
		'poddisruptionbudget'
	);
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const selectorText = flag(flags, 'selector') ?? '';
	const min = flag(flags, 'min-available') ?? '';
	const max = flag(flags, 'max-unavailable') ?? '';
	if (selectorText === '') return fail('error: a selector must be specified\n');
	if (min === '' && max === '')
		return fail('error: one of min-available or max-unavailable must be specified\n');
	if (min !== '' && max !== '')
		return fail('error: min-available and max-unavailable cannot be both specified\n');
	const format = /^[0-9]+%?$/;
	if (min !== '' && !format.test(min))
		return fail('error: invalid format specified for min-available\n');
	if (max !== '' && !format.test(max))
		return fail('error: invalid format specified for max-unavailable\n');
	const selector = labelSelector(selectorText);
	if (typeof selector === 'string') return fail(`error: ${selector}\n`);
	const namespaceFlag = flag(flags, 'namespace');
	// policyv1 field order; the status counters have no omitempty.
	const built = withSaveConfig(flags, {
		kind: 'PodDisruptionBudget',
		apiVersion: 'policy/v1',
		metadata: { name, ...(namespaceFlag !== undefined ? { namespace: namespaceFlag } : {}) },
		spec: {
			...(min !== '' ? { minAvailable: intOrString(min) } : {}),
			selector,
			...(max !== '' ? { maxUnavailable: intOrString(max) } : {})
		},
		status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }
	});
	return sendGenerated(
		ctx,
		printing,
		{
			built,
			namespace: namespaceFlag ?? contextNamespace(ctx),
			wrap: 'failed to create poddisruptionbudgets'
		},
		`poddisruptionbudget.policy/${name}`
	);
}
