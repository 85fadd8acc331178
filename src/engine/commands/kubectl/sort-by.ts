/**
 * `kubectl get --sort-by=JSONPATH` (kubectl pkg/cmd/get/sorter.go RuntimeSort, TableSorter):
 * objects ordered by the first value the path finds; an object without it sorts first.
 * Strings that both parse as quantities compare by value ("500m" < "2"), other strings in
 * natural order ("web-9" < "web-10"; RFC 3339 timestamps therefore chronologically), numbers
 * numerically.
 */
import { parseQuantity } from '../../manifests/quantity';
import { findResults, parseJsonPath, type Json, type Template } from './jsonpath';

/** printers.RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(expression: string): string | { error: string } {
	if (expression === '') return expression;
	const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/s.exec(expression);
	if (m === null)
		return {
			error:
				"unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
		};
	return `{.${m[1] ?? m[2]}}`;
}

/** sortorder.NaturalLess (github.com/fvbommel/sortorder), bytewise with runs of digits as numbers. */
export function naturalLess(a: string, b: string): boolean {
	let i = 0;
	let j = 0;
	const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
	while (i < a.length && j < b.length) {
		const d1 = digit(a[i]);
		const d2 = digit(b[j]);
		if (d1 !== d2) return d1;
		if (!d1) {
			if (a[i] !== b[j]) return a[i]! < b[j]!;
			i++;
			j++;
			continue;
		}
		while (i < a.length && a[i] === '0') i++;
		while (j < b.length && b[j] === '0') j++;
		const nz1 = i;
		const nz2 = j;
		while (i < a.length && digit(a[i])) i++;
		while (j < b.length && digit(b[j])) j++;
		if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
		const n1 = a.slice(nz1, i);
		const n2 = b.slice(nz2, j);
		if (n1 !== n2) return n1 < n2;
		if (nz1 !== nz2) return nz1 < nz2;
	}
	return a.length < b.length;
}

/** sorter.go isLess for decoded JSON values; undefined: kubectl would refuse ("unsortable"). */
function isLess(a: Json, b: Json): boolean | undefined {
	if (a === null && b === null) return false;
	if (a === null) return true;
	if (b === null) return false;
	if (typeof a === 'number' && typeof b === 'number') return a < b;
	if (typeof a === 'string' && typeof b === 'string') {
		const qa = parseQuantity(a);
		const qb = parseQuantity(b);
		if ('error' in qa || 'error' in qb) return naturalLess(a, b);
		return qa.milli < qb.milli;
	}
	if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
	return undefined;
}

/**
 * Orders objects by the path; the error is kubectl's when no object has the field at all or the
 * path does not parse.
 */
export function sortByPath<T>(
	objects: readonly T[],
	expression: string,
	asJson: (o: T) => Json
): T[] | { error: string } {
	const relaxed = relaxedJsonPath(expression);
	if (typeof relaxed !== 'string') return relaxed;
	const template = parseJsonPath(relaxed);
	if ('error' in template) return { error: `sorting error: ${template.error}` };
	const keys = objects.map((o) => firstValue(template, asJson(o)));
	if (objects.length > 0 && keys.every((k) => k === undefined))
		return { error: `couldn't find any field with path "${relaxed}" in the list of objects` };
	const order = objects.map((_, i) => i);
	// Go's sort on these small lists is an insertion sort, so equal keys keep their order.
	order.sort((x, y) => {
		const a = keys[x];
		const b = keys[y];
		if (a === undefined) return b === undefined ? x - y : -1;
		if (b === undefined) return 1;
		if (isLess(a, b) === true) return -1;
		if (isLess(b, a) === true) return 1;
		return x - y;
	});
	return order.map((i) => objects[i]!);
}

function firstValue(template: Template, data: Json): Json | undefined {
	const results = findResults(template, data, true);
	if ('error' in results) return undefined;
	return results[0]?.[0];
}
