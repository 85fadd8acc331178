/**
 * Strict decoding, as the API server does it for `kubectl apply/create` (fieldValidation=Strict,
 * the default since v1.27): apimachinery's json serializer on sigs.k8s.io/json.
 *
 * - The first type mismatch wins: `json: cannot unmarshal bool into Go struct field
 *   EnvVar.spec.template.spec.containers.env.value of type string` (Go's UnmarshalTypeError:
 *   the innermost struct, then the path of JSON names without indices).
 * - Otherwise every unknown field is listed, with indices: `strict decoding error: unknown
 *   field "spec.template.spec.containers[0].imagePullPolicyy", unknown field "…"`.
 * - kubectl sends JSON marshalled from a map, so keys arrive sorted; this walk sorts too, and
 *   so reports the same first error.
 * Quantities come out canonical, and JSON nulls come out as absent fields (Go zero values).
 */
import type { JsonObject, JsonValue } from './types';
import type { Schema } from './schema-base';
import { goType } from './schema-base';
import { putOwn } from '../core/own-keys';
import { cloneJson, goQuote, isObject, sortedKeys } from './json';
import { canonicalQuantity, QUANTITY_FORMAT_ERROR } from './quantity';

export type DecodeResult = { ok: true; value: JsonObject } | { ok: false; message: string };

interface Walk {
	/** The Go struct that holds the current field. */
	struct: string;
	/** JSON names from the root, without indices (Go's UnmarshalTypeError.Field). */
	dotted: string;
	/** The same with indices, for unknown-field errors. */
	full: string;
}

class TypeMismatch extends Error {}

export function decodeStrict(
	value: JsonObject,
	schema: Schema,
	kind: string,
	version: string
): DecodeResult {
	const unknown: string[] = [];
	let result: JsonValue | undefined;
	try {
		result = walk(value, schema, { struct: kind, dotted: '', full: '' }, unknown);
	} catch (error) {
		if (!(error instanceof TypeMismatch)) throw error;
		return fail(kind, version, error.message);
	}
	if (unknown.length > 0) {
		const list = unknown.map((path) => `unknown field ${goQuote(path)}`).join(', ');
		return fail(kind, version, `strict decoding error: ${list}`);
	}
	return { ok: true, value: isObject(result) ? result : {} };
}

function fail(kind: string, version: string, reason: string): DecodeResult {
	const message = `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${reason}`;
	return { ok: false, message };
}

function jsonKind(value: JsonValue): string {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'object') return 'object';
	return typeof value === 'boolean' ? 'bool' : typeof value;
}

function mismatch(value: JsonValue, schema: Schema, at: Walk, literal = false): TypeMismatch {
	const what = literal && typeof value === 'number' ? `number ${String(value)}` : jsonKind(value);
	const type = goType(schema);
	return new TypeMismatch(
		`json: cannot unmarshal ${what} into Go struct field ${at.struct}.${at.dotted} of type ${type}`
	);
}

/** Go integer ranges; the upper bound is exclusive so that 2^63 stays exact in a double. */
const INT32 = { min: -(2 ** 31), end: 2 ** 31 };
const INT64 = { min: -(2 ** 63), end: 2 ** 63 };

function integer(value: JsonValue, schema: Schema, at: Walk, range: typeof INT32): number {
	if (typeof value !== 'number') throw mismatch(value, schema, at);
	if (!Number.isInteger(value) || value < range.min || value >= range.end) {
		throw mismatch(value, schema, at, true);
	}
	return value;
}

function walk(
	value: JsonValue,
	schema: Schema,
	at: Walk,
	unknown: string[]
): JsonValue | undefined {
	if (value === null) return undefined;
	switch (schema.type) {
		case 'any':
			return cloneJson(value);
		case 'string':
			if (typeof value !== 'string') throw mismatch(value, schema, at);
			return value;
		case 'bool':
			if (typeof value !== 'boolean') throw mismatch(value, schema, at);
			return value;
		case 'int32':
			return integer(value, schema, at, INT32);
		case 'int64':
			return integer(value, schema, at, INT64);
		case 'time':
			if (typeof value !== 'string') throw goValueMismatch(value, 'string');
			return value;
		case 'bytes':
			return base64(value, schema, at);
		case 'quantity':
			return quantityValue(value);
		case 'intOrString':
			return intOrString(value);
		case 'array':
			return array(value, schema, at, unknown);
		case 'map':
			return map(value, schema, at, unknown);
		case 'object':
			return object(value, schema, at, unknown);
	}
}

function goValueMismatch(value: JsonValue, type: string, literal = false): TypeMismatch {
	const what = literal && typeof value === 'number' ? `number ${String(value)}` : jsonKind(value);
	return new TypeMismatch(`json: cannot unmarshal ${what} into Go value of type ${type}`);
}

/** intstr.IntOrString.UnmarshalJSON: strings stay strings, anything else must be an int32. */
function intOrString(value: JsonValue): JsonValue {
	if (typeof value === 'string') return value;
	if (typeof value !== 'number') throw goValueMismatch(value, 'int32');
	if (!Number.isInteger(value) || value < INT32.min || value >= INT32.end) {
		throw goValueMismatch(value, 'int32', true);
	}
	return value;
}

/** resource.Quantity.UnmarshalJSON hands any JSON text to ParseQuantity. */
function quantityValue(value: JsonValue): string {
	const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new TypeMismatch(QUANTITY_FORMAT_ERROR);
	}
	const result = canonicalQuantity(text);
	if ('error' in result) throw new TypeMismatch(result.error);
	return result.value;
}

/** []byte fields (Secret.data) hold standard base64; Go reports the first bad byte. */
function base64(value: JsonValue, schema: Schema, at: Walk): string {
	if (typeof value !== 'string') throw mismatch(value, schema, at);
	const text = value.replace(/[\r\n]/g, '');
	const bad = /[^A-Za-z0-9+/=]|=[^=]/.exec(text);
	const padding = text.length % 4 !== 0 ? text.length - (text.length % 4) : -1;
	const offset = bad ? bad.index + (bad[0].length - 1) : padding;
	if (offset >= 0) throw new TypeMismatch(`illegal base64 data at input byte ${offset}`);
	return value;
}

function array(value: JsonValue, schema: Schema & { type: 'array' }, at: Walk, unknown: string[]) {
	if (!Array.isArray(value)) throw mismatch(value, schema, at);
	return value.map((item, i) => {
		const next = { ...at, full: `${at.full}[${i}]` };
		return walk(item, schema.of, next, unknown) ?? zero(schema.of);
	});
}

function map(value: JsonValue, schema: Schema & { type: 'map' }, at: Walk, unknown: string[]) {
	if (!isObject(value)) throw mismatch(value, schema, at);
	const out: JsonObject = {};
	for (const key of sortedKeys(value)) {
		const item = value[key] ?? null;
		const next = { ...at, full: `${at.full}[${key}]` };
		putOwn(out, key, walk(item, schema.of, next, unknown) ?? zero(schema.of));
	}
	return out;
}

function object(
	value: JsonValue,
	schema: Schema & { type: 'object' },
	at: Walk,
	unknown: string[]
) {
	if (!isObject(value)) throw mismatch(value, schema, at);
	if (!schema.fields) return cloneJson(value);
	const fields = schema.fields();
	const out: JsonObject = {};
	for (const key of sortedKeys(value)) {
		const full = at.full ? `${at.full}.${key}` : key;
		const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
		if (!field) {
			unknown.push(full);
			continue;
		}
		const dotted = at.dotted ? `${at.dotted}.${key}` : key;
		const decoded = walk(
			value[key] ?? null,
			field,
			{ struct: schema.struct, dotted, full },
			unknown
		);
		if (decoded !== undefined) putOwn(out, key, decoded);
	}
	return out;
}

/** Go's zero value for a null list item or map value. */
function zero(schema: Schema): JsonValue {
	switch (schema.type) {
		case 'string':
		case 'bytes':
		case 'time':
			return '';
		case 'int32':
		case 'int64':
			return 0;
		case 'bool':
			return false;
		case 'array':
			return [];
		case 'quantity':
			return '0';
		case 'object':
		case 'map':
			return {};
		default:
			return null;
	}
}
