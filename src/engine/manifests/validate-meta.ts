/**
 * Object metadata, labels and selectors (apimachinery api/validation/objectmeta.go,
 * apis/meta/v1/validation/validation.go), and the selector matching that workloads check
 * their templates against (apimachinery apis/meta/v1 LabelSelectorAsSelector).
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';
import type { JsonObject, JsonValue } from './types';
import type { ErrorList } from './field-errors';
import {
	byteLength,
	child,
	forbidden,
	index,
	invalid,
	isDNS1123Label,
	isQualifiedName,
	isValidLabelValue,
	required,
	tooLong
} from './field-errors';
import { sortedKeys, sortedMap } from './json';

export type NameCheck = (name: string) => string[];

export const IS_NEGATIVE = 'must be greater than or equal to 0';

export function nonNegative(field: string, value: number | undefined): ErrorList {
	return value !== undefined && value < 0 ? [invalid(field, value, IS_NEGATIVE)] : [];
}

/** NameIsDNSSubdomain(name, prefix=true) checks a generateName with its trailing '-' masked. */
function maskTrailingDash(name: string): string {
	return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export function validateObjectMeta(
	meta: ObjectMeta | undefined,
	namespaced: boolean,
	nameCheck: NameCheck,
	path = 'metadata'
): ErrorList {
	const errs: ErrorList = [];
	const m = meta ?? {};
	if (m.generateName) {
		for (const msg of nameCheck(maskTrailingDash(m.generateName))) {
			errs.push(invalid(child(path, 'generateName'), m.generateName, msg));
		}
	}
	// With generateName, the API server makes up the name before validating (rest.BeforeCreate);
	// the lab's store does that, so an object may leave here with generateName only.
	if (m.name)
		for (const msg of nameCheck(m.name)) errs.push(invalid(child(path, 'name'), m.name, msg));
	else if (!m.generateName) {
		errs.push(required(child(path, 'name'), 'name or generateName is required'));
	}
	if (namespaced) {
		if (!m.namespace) errs.push(required(child(path, 'namespace')));
		else {
			for (const msg of isDNS1123Label(m.namespace)) {
				errs.push(invalid(child(path, 'namespace'), m.namespace, msg));
			}
		}
	} else if (m.namespace)
		errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
	errs.push(...nonNegative(child(path, 'generation'), m.generation));
	errs.push(...validateLabels(m.labels, child(path, 'labels')));
	errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
	return errs;
}

export function validateLabelName(name: string, field: string): ErrorList {
	return isQualifiedName(name).map((msg) => invalid(field, name, msg));
}

/** Keys in sorted order: Go walks the map in random order, the lab in a stable one. */
export function validateLabels(labels: Record<string, string> | undefined, field: string) {
	const errs: ErrorList = [];
	for (const key of sortedKeys(labels ?? {})) {
		const value = labels?.[key] ?? '';
		errs.push(...validateLabelName(key, field));
		for (const msg of isValidLabelValue(value)) errs.push(invalid(field, value, msg));
	}
	return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(
	annotations: Record<string, string> | undefined,
	field: string
) {
	const errs: ErrorList = [];
	let total = 0;
	for (const key of sortedKeys(annotations ?? {})) {
		for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(field, key, msg));
		total += byteLength(key) + byteLength(annotations?.[key] ?? '');
	}
	if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
	return errs;
}

/**
 * The values a selector requirement may carry for its operator (validation.go: In/NotIn need
 * values, Exists/DoesNotExist none, Gt/Lt — node selectors only — exactly one).
 */
export function setOperatorValues(
	operator: string | undefined,
	values: readonly string[],
	at: string,
	allowed: readonly string[]
): ErrorList {
	if (!allowed.includes(operator ?? '')) {
		return [invalid(child(at, 'operator'), operator ?? '', 'not a valid selector operator')];
	}
	if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
		return [required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'")];
	}
	if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
		const msg = "may not be specified when `operator` is 'Exists' or 'DoesNotExist'";
		return [forbidden(child(at, 'values'), msg)];
	}
	if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) {
		const msg = "must be specified single value when `operator` is 'Lt' or 'Gt'";
		return [required(child(at, 'values'), msg)];
	}
	return [];
}

export function validateLabelSelector(selector: LabelSelector | undefined, field: string) {
	const errs: ErrorList = [];
	if (!selector) return errs;
	errs.push(...validateLabels(selector.matchLabels, child(field, 'matchLabels')));
	(selector.matchExpressions ?? []).forEach((expr, i) => {
		const at = index(child(field, 'matchExpressions'), i);
		const values = expr.values ?? [];
		errs.push(
			...setOperatorValues(expr.operator, values, at, ['In', 'NotIn', 'Exists', 'DoesNotExist'])
		);
		errs.push(...validateLabelName(expr.key ?? '', child(at, 'key')));
		// AllowInvalidLabelValueInSelector is false for workloads created through the API.
		for (const value of values) {
			for (const msg of isValidLabelValue(value))
				errs.push(invalid(child(at, 'values'), value, msg));
		}
	});
	return errs;
}

/** What LabelSelectorAsSelector makes of a selector: nothing, everything, or an error. */
export type Selector =
	| { kind: 'nothing' }
	| { kind: 'everything' }
	| { kind: 'invalid' }
	| { kind: 'match'; selector: LabelSelector };

export function asSelector(selector: LabelSelector | undefined): Selector {
	if (!selector) return { kind: 'nothing' };
	const labels = selector.matchLabels ?? {};
	const exprs = selector.matchExpressions ?? [];
	if (Object.keys(labels).length + exprs.length === 0) return { kind: 'everything' };
	const badLabel = Object.entries(labels).some(
		([k, v]) => isQualifiedName(k).length > 0 || isValidLabelValue(v).length > 0
	);
	const badExpr = exprs.some((e) => {
		const values = e.values ?? [];
		const valuesOk =
			e.operator === 'In' || e.operator === 'NotIn'
				? values.length > 0
				: e.operator === 'Exists' || e.operator === 'DoesNotExist'
					? values.length === 0
					: false;
		return !valuesOk || isQualifiedName(e.key ?? '').length > 0;
	});
	return badLabel || badExpr ? { kind: 'invalid' } : { kind: 'match', selector };
}

export function selectorMatches(selector: Selector, labels: Record<string, string> = {}): boolean {
	if (selector.kind !== 'match') return selector.kind === 'everything';
	const sel = selector.selector;
	const byLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
	return (
		byLabels &&
		(sel.matchExpressions ?? []).every((e) => {
			const has = Object.hasOwn(labels, e.key);
			const value = labels[e.key] ?? '';
			if (e.operator === 'In') return has && (e.values ?? []).includes(value);
			if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(value);
			return e.operator === 'Exists' ? has : !has;
		})
	);
}

/** A *metav1.LabelSelector as json.Marshal prints it: struct order, sorted maps, omitempty. */
export function selectorJson(selector: LabelSelector | undefined): JsonValue {
	if (!selector) return null;
	const out: JsonObject = {};
	const labels = selector.matchLabels ?? {};
	if (Object.keys(labels).length > 0) out.matchLabels = sortedMap(labels);
	if ((selector.matchExpressions ?? []).length > 0) {
		out.matchExpressions = (selector.matchExpressions ?? []).map((e) => {
			const expr: JsonObject = { key: e.key ?? '', operator: e.operator ?? '' };
			if ((e.values ?? []).length > 0) expr.values = e.values ?? [];
			return expr;
		});
	}
	return out;
}
