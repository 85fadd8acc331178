/**
 * The three patch types the API server applies for `kubectl patch` (apiserver
 * pkg/endpoints/handlers/patch.go):
 * - `merge`: JSON merge patch, RFC 7386 (evanphx/json-patch MergePatch): objects merge,
 *   `null` deletes, anything else (lists included) replaces.
 * - `strategic`: strategic merge patch (apimachinery pkg/util/strategicpatch): a merge patch
 *   whose lists with a patch merge key (`containers` by `name`, container `ports` by
 *   `containerPort`, Service `ports` by `port`, …; the `patchMergeKey` tags of k8s.io/api)
 *   merge item by item, and `$patch: delete|replace` directives.
 * - `json`: JSON patch, RFC 6902 (add, remove, replace, move, copy, test).
 */
import type { JsonObject, JsonValue } from '../../manifests/types';
import { hasOwnKey, ownValue, putOwn } from '../../core/own-keys';
import { cloneJson, isObject } from '../../manifests/json';

export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
	if (!isObject(patch)) return cloneJson(patch);
	const out: JsonObject = isObject(target) ? { ...target } : {};
	for (const [k, v] of Object.entries(patch)) {
		if (v === null) delete out[k];
		else putOwn(out, k, mergePatch(ownValue(out, k), v));
	}
	return out;
}

/** Patch merge keys of the list fields a lab object has (k8s.io/api `patchMergeKey` tags). */
export function mergeKeyOf(kind: string, path: string): string | undefined {
	const field = path.slice(path.lastIndexOf('.') + 1);
	if (field === 'ports') {
		if (kind === 'Service' && path === 'spec.ports') return 'port';
		return path.includes('ontainers') ? 'containerPort' : undefined;
	}
	const keys: Record<string, string> = {
		containers: 'name',
		initContainers: 'name',
		ephemeralContainers: 'name',
		volumes: 'name',
		env: 'name',
		imagePullSecrets: 'name',
		volumeMounts: 'mountPath',
		volumeDevices: 'devicePath',
		hostAliases: 'ip',
		conditions: 'type',
		topologySpreadConstraints: 'topologyKey'
	};
	return keys[field];
}

export function strategicMergePatch(
	kind: string,
	target: JsonValue | undefined,
	patch: JsonValue,
	path = ''
): JsonValue {
	if (!isObject(patch)) return cloneJson(patch);
	if (patch['$patch'] === 'replace') {
		const copy = cloneJson(patch) as JsonObject;
		delete copy['$patch'];
		return copy;
	}
	const out: JsonObject = isObject(target) ? { ...target } : {};
	for (const [k, v] of Object.entries(patch)) {
		if (k.startsWith('$')) continue;
		const at = path === '' ? k : `${path}.${k}`;
		if (v === null) delete out[k];
		else if (Array.isArray(v)) {
			const key = mergeKeyOf(kind, at);
			const current = ownValue(out, k);
			putOwn(
				out,
				k,
				key !== undefined && Array.isArray(current)
					? mergeList(kind, current, v, key, at)
					: cloneJson(v)
			);
		} else putOwn(out, k, strategicMergePatch(kind, ownValue(out, k), v, at));
	}
	return out;
}

/** Items merge by their key; new ones go last; `$patch: delete` removes one. */
function mergeList(
	kind: string,
	current: JsonValue[],
	patch: JsonValue[],
	key: string,
	path: string
): JsonValue[] {
	const out = [...current];
	for (const item of patch) {
		if (!isObject(item) || item[key] === undefined) {
			out.push(cloneJson(item));
			continue;
		}
		const at = out.findIndex((x) => isObject(x) && x[key] === item[key]);
		if (item['$patch'] === 'delete') {
			if (at >= 0) out.splice(at, 1);
		} else if (at >= 0) out[at] = strategicMergePatch(kind, out[at], item, path);
		else out.push(strategicMergePatch(kind, undefined, item, path));
	}
	return out;
}

export type JsonPatchResult = { ok: true; value: JsonValue } | { ok: false; error: string };

/** RFC 6901 pointer segments (`~1` is `/`, `~0` is `~`). */
function pointer(path: string): string[] | undefined {
	if (path === '') return [];
	if (!path.startsWith('/')) return undefined;
	return path
		.slice(1)
		.split('/')
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(
	doc: JsonValue,
	segments: readonly string[]
): { parent: JsonValue; last: string } | undefined {
	let node: JsonValue | undefined = doc;
	for (const s of segments.slice(0, -1)) {
		if (Array.isArray(node)) node = node[Number(s)];
		else if (isObject(node)) node = ownValue(node, s);
		else return undefined;
		if (node === undefined) return undefined;
	}
	return node === undefined ? undefined : { parent: node, last: segments[segments.length - 1]! };
}

function getAt(doc: JsonValue, segments: readonly string[]): JsonValue | undefined {
	let node: JsonValue | undefined = doc;
	for (const s of segments) {
		if (Array.isArray(node)) node = /^\d+$/.test(s) ? node[Number(s)] : undefined;
		else if (isObject(node)) node = ownValue(node, s);
		else return undefined;
		if (node === undefined) return undefined;
	}
	return node;
}

/**
 * evanphx/json-patch Apply. Errors read as the library words them
 * (`replace operation does not apply: doc is missing key: /spec/x`).
 */
export function jsonPatch(doc: JsonValue, ops: JsonValue): JsonPatchResult {
	if (!Array.isArray(ops))
		return {
			ok: false,
			error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'
		};
	let out = cloneJson(doc);
	for (const op of ops) {
		if (!isObject(op)) return { ok: false, error: 'Unexpected kind: invalid operation' };
		const kind = typeof op.op === 'string' ? op.op : '';
		const path = typeof op.path === 'string' ? op.path : '';
		const segments = pointer(path);
		const missing = (what: string) => ({
			ok: false as const,
			error: `${what} operation does not apply: doc is missing path: "${path}": missing value`
		});
		if (segments === undefined) return missing(kind);
		switch (kind) {
			case 'add':
			case 'replace': {
				if (op.value === undefined)
					return { ok: false, error: `missing value for ${kind} operation` };
				if (segments.length === 0) {
					out = cloneJson(op.value);
					break;
				}
				const p = parentOf(out, segments);
				if (p === undefined) return missing(kind);
				const value = cloneJson(op.value);
				if (Array.isArray(p.parent)) {
					const i = p.last === '-' ? p.parent.length : Number(p.last);
					if (
						!/^(\d+|-)$/.test(p.last) ||
						i > p.parent.length ||
						(kind === 'replace' && i >= p.parent.length)
					)
						return missing(kind);
					if (kind === 'add') p.parent.splice(i, 0, value);
					else p.parent[i] = value;
				} else if (isObject(p.parent)) {
					if (kind === 'replace' && !hasOwnKey(p.parent, p.last)) return missing(kind);
					putOwn(p.parent, p.last, value);
				} else return missing(kind);
				break;
			}
			case 'remove': {
				const p = parentOf(out, segments);
				if (p === undefined || getAt(out, segments) === undefined) return missing(kind);
				if (Array.isArray(p.parent)) p.parent.splice(Number(p.last), 1);
				else if (isObject(p.parent)) delete p.parent[p.last];
				break;
			}
			case 'test': {
				const v = getAt(out, segments);
				if (JSON.stringify(v) !== JSON.stringify(op.value))
					return { ok: false, error: `testing value ${path} failed: test failed` };
				break;
			}
			case 'move':
			case 'copy': {
				const from = typeof op.from === 'string' ? pointer(op.from) : undefined;
				const v = from === undefined ? undefined : getAt(out, from);
				if (v === undefined || from === undefined) return missing(kind);
				if (kind === 'move') {
					const r = jsonPatch(out, [{ op: 'remove', path: op.from as string }]);
					if (!r.ok) return r;
					out = r.value;
				}
				const r = jsonPatch(out, [{ op: 'add', path, value: v }]);
				if (!r.ok) return r;
				out = r.value;
				break;
			}
			default:
				return { ok: false, error: `Unexpected kind: ${kind}` };
		}
	}
	return { ok: true, value: out };
}
