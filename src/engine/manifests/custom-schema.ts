/**
 * A custom object as the API server takes it in (apiextensions-apiserver
 * pkg/apiserver/customresource_handler.go): decoded against the version's structural schema —
 * unknown fields found by pruning (pkg/apiserver/schema/pruning) are a strict decoding error
 * under kubectl's default --validate=strict (fieldValidation=Strict), and are dropped otherwise —
 * then defaulted from the schema's `default`s, then validated by kube-openapi's schema validator,
 * whose errors pkg/apiserver/validation kubeOpenAPIResultToFieldErrors turns into field errors:
 *
 *   spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
 *
 * (kube-openapi pkg/validation/errors/schema.go for the texts; `[i]` for array items, as
 * kube-openapi's slice validator writes them).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { ErrorList } from './field-errors';
import { invalid, isDNS1123Subdomain, notSupported, required, tooLong } from './field-errors';
import type { FieldError, JsonObject, JsonValue, ManifestError, ResourceInfo } from './types';
import { cloneJson, goJson, goQuote, isObject, sortedKeys } from './json';
import { decodeStrict } from './decode';
import { obj, objectMeta, str } from './schema-base';
import { validateObjectMeta } from './validate-meta';
import { customVersion, type CustomKind } from './custom-kinds';

type Node = JsonObject;

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';
const INT_OR_STRING = 'x-kubernetes-int-or-string';

const join = (path: string, name: string) => (path === '' ? name : `${path}.${name}`);

/** The fields every object has, whatever its schema says (pruning keeps them). */
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Prunes `value` in place by `schema` and returns the paths of the fields it dropped (sorted, as
 * kubectl's map-marshalled JSON arrives), with their indices: `spec.x`, `spec.list[0].y`.
 */
export function prune(
	value: JsonValue,
	schema: Node | undefined,
	path = '',
	root = true
): string[] {
	const dropped: string[] = [];
	if (schema === undefined) return dropped;
	if (Array.isArray(value)) {
		const items = isObject(schema.items) ? schema.items : undefined;
		value.forEach((v, i) => dropped.push(...prune(v, items, `${path}[${i}]`, false)));
		return dropped;
	}
	if (!isObject(value)) return dropped;
	const properties = isObject(schema.properties) ? schema.properties : undefined;
	const additional = schema.additionalProperties;
	for (const name of sortedKeys(value)) {
		if (root && ROOT_FIELDS.has(name)) continue;
		const sub = properties?.[name];
		if (isObject(sub)) dropped.push(...prune(value[name]!, sub, join(path, name), false));
		else if (isObject(additional))
			dropped.push(...prune(value[name]!, additional, join(path, name), false));
		else if (additional === true || schema[PRESERVE] === true) continue;
		else {
			dropped.push(join(path, name));
			delete value[name];
		}
	}
	return dropped;
}

/** structuraldefaulting.Default: a missing property with a `default` gets it (a deep copy). */
export function applySchemaDefaults(value: JsonValue, schema: Node | undefined): void {
	if (schema === undefined) return;
	if (Array.isArray(value)) {
		const items = isObject(schema.items) ? schema.items : undefined;
		for (const v of value) applySchemaDefaults(v, items);
		return;
	}
	if (!isObject(value) || !isObject(schema.properties)) return;
	for (const [name, sub] of Object.entries(schema.properties)) {
		if (!isObject(sub)) continue;
		if (value[name] === undefined && sub.default !== undefined)
			value[name] = cloneJson(sub.default);
		if (value[name] !== undefined) applySchemaDefaults(value[name], sub);
	}
}

/** The JSON type name kube-openapi's type validator reports for a value. */
function typeOf(value: JsonValue): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** Go's %v of a float64 bound (`5`, `1.5`). */
const bound = (n: JsonValue | undefined) => (typeof n === 'number' ? String(n) : goJson(n ?? null));

/** kube-openapi's schema validator over one node, as field errors. */
export function validateBySchema(value: JsonValue, schema: Node, path: string): ErrorList {
	const errs: ErrorList = [];
	const name = path === '' ? '.' : path;
	const msg = (text: string) => `${name} in body ${text}`;
	const intOrString = schema[INT_OR_STRING] === true;
	const type = typeof schema.type === 'string' ? schema.type : '';
	const actual = typeOf(value);
	if (value === null && schema.nullable === true) return errs;
	const allowed = intOrString ? ['integer', 'string'] : type === '' ? [] : [type];
	const fits =
		allowed.length === 0 ||
		allowed.includes(actual) ||
		(actual === 'integer' && allowed.includes('number'));
	if (!fits) {
		// errors.InvalidType: `%s in %s must be of type %s: %q`, with the value's own type.
		const detail = msg(`must be of type ${allowed.join(',')}: ${goQuote(actual)}`);
		return [invalid(path, actual, detail)];
	}
	if (typeof value === 'string') {
		const length = [...value].length;
		if (typeof schema.maxLength === 'number' && length > schema.maxLength)
			errs.push(tooLong(path, schema.maxLength));
		if (typeof schema.minLength === 'number' && length < schema.minLength)
			errs.push(invalid(path, value, msg(`should be at least ${schema.minLength} chars long`)));
		if (typeof schema.pattern === 'string' && !matchesPattern(schema.pattern, value))
			errs.push(invalid(path, value, msg(`should match '${schema.pattern}'`)));
	}
	if (typeof value === 'number') {
		const { maximum, minimum } = schema;
		if (typeof maximum === 'number') {
			const exclusive = schema.exclusiveMaximum === true;
			if (exclusive ? value >= maximum : value > maximum)
				errs.push(
					invalid(
						path,
						value,
						msg(`should be less than ${exclusive ? '' : 'or equal to '}${bound(maximum)}`)
					)
				);
		}
		if (typeof minimum === 'number') {
			const exclusive = schema.exclusiveMinimum === true;
			if (exclusive ? value <= minimum : value < minimum)
				errs.push(
					invalid(
						path,
						value,
						msg(`should be greater than ${exclusive ? '' : 'or equal to '}${bound(minimum)}`)
					)
				);
		}
	}
	if (Array.isArray(value)) {
		// The slice validator: the items first, then the bounds.
		if (isObject(schema.items)) {
			const items = schema.items;
			value.forEach((v, i) => errs.push(...validateBySchema(v, items, `${path}[${i}]`)));
		}
		if (typeof schema.minItems === 'number' && value.length < schema.minItems)
			errs.push(invalid(path, value, msg(`should have at least ${schema.minItems} items`)));
		if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
			errs.push(tooMany(path, value.length, schema.maxItems));
	}
	// The common validator (enum) runs after the string, number and slice validators.
	if (Array.isArray(schema.enum) && !schema.enum.some((e) => goJson(e) === goJson(value))) {
		const values = schema.enum.map((e) => (typeof e === 'string' ? e : goJson(e)));
		errs.push(notSupported(path, value, values));
	}
	if (isObject(value)) {
		for (const r of Array.isArray(schema.required) ? schema.required : []) {
			if (typeof r === 'string' && value[r] === undefined) errs.push(required(join(path, r)));
		}
		const properties = isObject(schema.properties) ? schema.properties : {};
		for (const key of sortedKeys(value)) {
			const sub = properties[key];
			const at = join(path, key);
			if (isObject(sub)) errs.push(...validateBySchema(value[key]!, sub, at));
			else if (isObject(schema.additionalProperties))
				errs.push(...validateBySchema(value[key]!, schema.additionalProperties, at));
		}
	}
	return errs;
}

/** field.TooMany: `Too many: 3: must have at most 2 items`. */
function tooMany(path: string, actual: number, max: number): FieldError {
	return {
		type: 'Too many',
		field: path,
		body: `Too many: ${actual}: must have at most ${max} items`
	};
}

/**
 * ECMA-262 patterns, as kube-openapi compiles them (Go's regexp, which takes the common
 * subset); a pattern JavaScript cannot compile matches nothing, as an invalid one never would
 * have been accepted by the CRD's validation.
 */
function matchesPattern(pattern: string, value: string): boolean {
	try {
		return new RegExp(pattern, 'u').test(value);
	} catch {
		return false;
	}
}

/** What serving one custom object came to: the object to store, or why it is refused. */
export type CustomServed = { object: JsonObject } | { error: ManifestError };

/**
 * The API server's create path for a custom object read from a file: strict decoding (metadata
 * by ObjectMeta's own fields, the rest by the version's schema), the storage version's
 * apiVersion (conversion strategy None only rewrites it), schema defaults, the namespace, then
 * metadata and schema validation.
 */
export function serveCustom(
	raw: JsonObject,
	resource: ResourceInfo,
	namespace: string,
	strict = true
): CustomServed {
	const k = resource.custom!;
	const { kind, version } = resource;
	const schema = openAPISchema(k, version);
	const meta = decodeStrict(
		{ kind, apiVersion: resource.apiVersion, metadata: raw.metadata ?? null },
		METADATA_ONLY,
		kind,
		version
	);
	const object = cloneJson(raw);
	const dropped = prune(object, schema);
	if (!meta.ok) return { error: { stage: 'decode', kind, version, message: meta.message } };
	if (dropped.length > 0 && strict) {
		const list = dropped.map((p) => `unknown field ${goQuote(p)}`).join(', ');
		const message = `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: strict decoding error: ${list}`;
		return { error: { stage: 'decode', kind, version, message } };
	}
	object.apiVersion = `${k.group}/${k.storage}`;
	object.kind = kind;
	const metadata = (isObject(meta.value.metadata) ? meta.value.metadata : {}) as ObjectMeta;
	if (k.namespaced) metadata.namespace ||= namespace;
	else delete metadata.namespace;
	object.metadata = metadata as JsonObject;
	// The status subresource: a create or update of the main resource ignores status.
	if (customVersion(k, version)?.subresources?.status !== undefined) delete object.status;
	applySchemaDefaults(object, schema);
	const causes = validateCustomObject(object, k, version);
	if (causes.length > 0)
		return {
			error: { stage: 'invalid', kind, group: k.group, name: metadata.name ?? '', causes }
		};
	return { object };
}

/** ObjectMeta (the name as a DNS subdomain) then the version's schema. */
export function validateCustomObject(object: JsonObject, k: CustomKind, version = k.storage) {
	const metadata = (isObject(object.metadata) ? object.metadata : {}) as ObjectMeta;
	const schema = openAPISchema(k, version);
	return [
		...validateObjectMeta(metadata, k.namespaced, isDNS1123Subdomain),
		...(schema === undefined ? [] : validateBySchema(object, schema, ''))
	];
}

function openAPISchema(k: CustomKind, version: string): Node | undefined {
	const schema = customVersion(k, version)?.schema?.openAPIV3Schema as JsonValue | undefined;
	return isObject(schema) ? schema : undefined;
}

const METADATA_ONLY = obj('v1', 'Unstructured', () => ({
	apiVersion: str(),
	kind: str(),
	metadata: objectMeta
}));

/**
 * The update path of a custom object (a patch's result): the fields pruning would drop, else the
 * validation causes, else the object with its schema defaults.
 */
export function checkCustomUpdate(
	next: JsonObject,
	k: CustomKind
): { object: JsonObject } | { unknown: string[] } | { causes: FieldError[] } {
	const schema = openAPISchema(k, k.storage);
	const object = cloneJson(next);
	const unknown = prune(object, schema);
	if (unknown.length > 0) return { unknown };
	applySchemaDefaults(object, schema);
	const causes = validateCustomObject(object, k);
	return causes.length > 0 ? { causes } : { object };
}
