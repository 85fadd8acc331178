/**
 * What `kubectl apply` does to an object that exists (apply/patcher.go: strategicpatch
 * CreateThreeWayMergePatch(original, modified, current), sent as a strategic merge patch):
 * - `original` is the last applied configuration (the annotation), `modified` the file now;
 * - a field the file sets is set; a field the last configuration had and the file no longer has
 *   is deleted (a list item with a merge key gets `$patch: delete`);
 * - everything else the live object holds stays: replicas set by `kubectl scale`, labels added by
 *   `kubectl label`, a Service's type or cluster IP, the server's defaults and annotations.
 * The server then defaults and validates the result.
 */
import type { JsonObject, JsonValue } from '../../manifests/types';
import { isObject } from '../../manifests/json';
import { mergeKeyOf, strategicMergePatch } from './patch-apply';
import { hasOwnKey, ownValue, putOwn } from '../../core/own-keys';

/** The patch from `original` to `modified`: modified's fields, plus nulls and delete directives. */
function patchFor(
	kind: string,
	original: JsonValue | undefined,
	modified: JsonValue,
	path: string
): JsonValue {
	if (Array.isArray(modified) && Array.isArray(original)) {
		const key = mergeKeyOf(kind, path);
		if (key === undefined) return modified;
		const same = (a: JsonValue, b: JsonValue) => isObject(a) && isObject(b) && a[key] === b[key];
		const kept = modified.map((item) => {
			const before = original.find((o) => same(o, item));
			return before === undefined ? item : patchFor(kind, before, item, path);
		});
		const gone = original
			.filter((o) => isObject(o) && o[key] !== undefined && !modified.some((m) => same(o, m)))
			.map((o) => ({ [key]: (o as JsonObject)[key]!, $patch: 'delete' }));
		return [...kept, ...gone];
	}
	if (!isObject(modified) || !isObject(original)) return modified;
	const out: JsonObject = {};
	for (const [k, v] of Object.entries(modified))
		putOwn(out, k, patchFor(kind, ownValue(original, k), v, path === '' ? k : `${path}.${k}`));
	for (const k of Object.keys(original)) if (!hasOwnKey(modified, k)) putOwn(out, k, null);
	return out;
}

export function threeWayMerge(
	kind: string,
	original: JsonObject,
	modified: JsonObject,
	current: JsonObject
): JsonObject {
	const merged = strategicMergePatch(kind, current, patchFor(kind, original, modified, ''));
	return isObject(merged) ? merged : current;
}
