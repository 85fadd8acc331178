/**
 * Scheduling fields of a pod spec (pkg/apis/core/validation/validation.go: validateAffinity,
 * ValidateNodeSelector, validatePodAffinityTerm, ValidateTolerations,
 * validateTopologySpreadConstraints).
 */
import type { Affinity, NodeSelectorTerm, PodAffinityTerm } from 'kubernetes-types/core/v1';
import type { PodAntiAffinity, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import {
	child,
	duplicate,
	index,
	invalid,
	invalidGoValue,
	isDNS1123Label,
	isValidLabelValue,
	notSupported,
	required
} from './field-errors';
import { goStruct } from './json';
import { setOperatorValues, validateLabelName, validateLabelSelector } from './validate-meta';

const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

function nodeSelectorTerm(term: NodeSelectorTerm, path: string): ErrorList {
	const errs: ErrorList = [];
	for (const list of ['matchExpressions', 'matchFields'] as const) {
		(term[list] ?? []).forEach((req, j) => {
			const at = index(child(path, list), j);
			const values = req.values ?? [];
			errs.push(...setOperatorValues(req.operator, values, at, NODE_SELECTOR_OPERATORS));
			if (list === 'matchExpressions')
				errs.push(...validateLabelName(req.key ?? '', child(at, 'key')));
		});
	}
	return errs;
}

function weight(value: number | undefined = 0, field: string): ErrorList {
	return value <= 0 || value > 100 ? [invalid(field, value, 'must be in the range 1-100')] : [];
}

/** Decoded manifests may omit fields that the Go types hold as zero values. */
const EMPTY_TERM = { topologyKey: '' } satisfies PodAffinityTerm;

function podAffinityTerm(term: PodAffinityTerm, path: string): ErrorList {
	const errs: ErrorList = [
		...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')),
		...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector'))
	];
	for (const name of term.namespaces ?? []) {
		for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, 'namespace'), name, msg));
	}
	if (!term.topologyKey) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
	errs.push(...validateLabelName(term.topologyKey ?? '', child(path, 'topologyKey')));
	return errs;
}

function podAffinity(affinity: PodAntiAffinity, path: string): ErrorList {
	const errs: ErrorList = [];
	const requiredPath = child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
	(affinity.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
		errs.push(...podAffinityTerm(term, index(requiredPath, i)));
	});
	const preferredPath = child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
	(affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
		const at = index(preferredPath, i);
		errs.push(...weight(term.weight, child(at, 'weight')));
		errs.push(...podAffinityTerm(term.podAffinityTerm ?? EMPTY_TERM, child(at, 'podAffinityTerm')));
	});
	return errs;
}

export function validateAffinity(affinity: Affinity | undefined, path: string): ErrorList {
	const errs: ErrorList = [];
	const node = affinity?.nodeAffinity;
	if (node) {
		const nodePath = child(path, 'nodeAffinity');
		const requiredTerms = node.requiredDuringSchedulingIgnoredDuringExecution;
		if (requiredTerms) {
			const terms = child(
				child(nodePath, 'requiredDuringSchedulingIgnoredDuringExecution'),
				'nodeSelectorTerms'
			);
			const list = requiredTerms.nodeSelectorTerms ?? [];
			if (list.length === 0)
				errs.push(required(terms, 'must have at least one node selector term'));
			list.forEach((t, i) => errs.push(...nodeSelectorTerm(t, index(terms, i))));
		}
		const preferred = child(nodePath, 'preferredDuringSchedulingIgnoredDuringExecution');
		(node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
			const at = index(preferred, i);
			errs.push(...weight(term.weight, child(at, 'weight')));
			errs.push(...nodeSelectorTerm(term.preference ?? {}, child(at, 'preference')));
		});
	}
	if (affinity?.podAffinity)
		errs.push(...podAffinity(affinity.podAffinity, child(path, 'podAffinity')));
	if (affinity?.podAntiAffinity) {
		errs.push(...podAffinity(affinity.podAntiAffinity, child(path, 'podAntiAffinity')));
	}
	return errs;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** The internal core.Toleration, marshalled without JSON tags (Go field names). */
function goToleration(t: Toleration): string {
	return goStruct([
		['Key', t.key ?? ''],
		['Operator', t.operator ?? ''],
		['Value', t.value ?? ''],
		['Effect', t.effect ?? ''],
		['TolerationSeconds', t.tolerationSeconds ?? null]
	]);
}

export function validateTolerations(spec: PodSpec, path: string): ErrorList {
	const errs: ErrorList = [];
	(spec.tolerations ?? []).forEach((t, i) => {
		const at = index(path, i);
		if (t.key) errs.push(...validateLabelName(t.key, child(at, 'key')));
		if (!t.key && t.operator !== 'Exists') {
			const msg =
				'operator must be Exists when `key` is empty, which means "match all values and all keys"';
			errs.push(invalid(child(at, 'operator'), t.operator ?? '', msg));
		}
		if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
			const msg = "effect must be 'NoExecute' when `tolerationSeconds` is set";
			errs.push(invalid(child(at, 'effect'), t.effect ?? '', msg));
		}
		const op = child(at, 'operator');
		if (!t.operator || t.operator === 'Equal') {
			const msgs = isValidLabelValue(t.value ?? '');
			if (msgs.length > 0) errs.push(invalid(op, t.value ?? '', msgs.join(';')));
		} else if (t.operator === 'Exists') {
			const msg = "value must be empty when `operator` is 'Exists'";
			if (t.value) errs.push(invalidGoValue(op, goToleration(t), msg));
		} else errs.push(notSupported(op, t.operator, ['Equal', 'Exists']));
		if (t.effect && !EFFECTS.includes(t.effect)) {
			errs.push(notSupported(child(at, 'effect'), t.effect, EFFECTS));
		}
	});
	return errs;
}

export function validateTopologySpread(spec: PodSpec, path: string): ErrorList {
	const errs: ErrorList = [];
	const constraints = spec.topologySpreadConstraints ?? [];
	constraints.forEach((c, i) => {
		const at = index(path, i);
		const skew = c.maxSkew ?? 0;
		if (skew <= 0) errs.push(invalid(child(at, 'maxSkew'), skew, 'must be greater than zero'));
		if (!c.topologyKey) errs.push(required(child(at, 'topologyKey'), 'can not be empty'));
		const actions = ['DoNotSchedule', 'ScheduleAnyway'];
		if (!actions.includes(c.whenUnsatisfiable ?? '')) {
			errs.push(notSupported(child(at, 'whenUnsatisfiable'), c.whenUnsatisfiable ?? '', actions));
		}
		const repeated = constraints
			.slice(i + 1)
			.some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
		if (repeated) {
			const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
			errs.push(duplicate(child(at, '{topologyKey, whenUnsatisfiable}'), pair));
		}
	});
	return errs;
}
