/**
 * JSON helpers, and Go's two ways of printing a value in an error: `%q` (strconv.Quote) for
 * strings and encoding/json for everything else (apimachinery field.Error.ErrorBody, v1.34+).
 */
import { putOwn } from '../core/own-keys';
import type { JsonObject, JsonValue } from './types';

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go sorts strings by bytes; for UTF-16 text this order matches except in rare astral cases. */
export function goCompare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedKeys(object: Readonly<Record<string, unknown>>): string[] {
	return Object.keys(object).sort(goCompare);
}

/** A copy of a Go map with its keys sorted, as encoding/json writes it (`__proto__` a key). */
export function sortedMap<T>(map: Readonly<Record<string, T>>): Record<string, T> {
	const out: Record<string, T> = {};
	for (const key of sortedKeys(map)) putOwn(out, key, map[key] as T);
	return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<string, string> = {
	'\u0007': '\\a',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\v': '\\v',
	'"': '\\"',
	'\\': '\\\\'
};

/** Go's strconv.Quote: printable Unicode stays as is, the rest is escaped. */
export function goQuote(text: string): string {
	let out = '"';
	for (const ch of text) {
		const short = SHORT_ESCAPES[ch];
		const code = ch.codePointAt(0) ?? 0;
		if (short !== undefined) out += short;
		else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD';
		else if (PRINTABLE.test(ch)) out += ch;
		else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
		else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += `\\U${code.toString(16).padStart(8, '0')}`;
	}
	return `${out}"`;
}

/** encoding/json's string form: like JSON.stringify, plus Go's HTML-safe escapes. */
export function goJsonString(text: string): string {
	return escapeLikeGo(JSON.stringify(text));
}

/** encoding/json escapes <, > and & (HTML-safe) and the JS line separators unless told not to. */
export function escapeLikeGo(json: string): string {
	return json.replace(
		/[<>&\u2028\u2029]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
}

/**
 * A copy of `value` with every object's keys sorted, as encoding/json and go-yaml print Go maps.
 * Keys go in with putOwn: a `__proto__` key (a valid ConfigMap key) stays a key.
 */
export function sortKeysDeep<T>(value: T): T {
	if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
	if (!isObject(value)) return value;
	const out: JsonObject = {};
	for (const key of sortedKeys(value)) putOwn(out, key, sortKeysDeep(value[key]!));
	return out as T;
}

/**
 * json.Marshal. Objects print their keys in insertion order, which callers set to the Go
 * struct's field order; `sortMaps` sorts them instead, as Go does for maps.
 */
export function goJson(value: JsonValue | undefined, sortMaps = false): string {
	if (value === undefined || value === null) return 'null';
	if (typeof value === 'string') return goJsonString(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map((item) => goJson(item, sortMaps)).join(',')}]`;
	const keys = sortMaps ? sortedKeys(value) : Object.keys(value);
	const parts = keys.map((key) => `${goJsonString(key)}:${goJson(value[key], sortMaps)}`);
	return `{${parts.join(',')}}`;
}

/** A deep copy of JSON data (structuredClone is not in the engine's ES2023 lib). */
export function cloneJson<T extends JsonValue>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
	const out: JsonObject = {};
	for (const [key, item] of Object.entries(value)) putOwn(out, key, cloneJson(item));
	return out as T;
}

/**
 * An internal (untagged) Go struct as json.Marshal prints it: Go field names, in field order.
 * Validation of internal API types reports some bad values this way.
 */
export function goStruct(fields: [string, JsonValue | undefined][]): string {
	return `{${fields.map(([name, value]) => `${goJsonString(name)}:${goJson(value)}`).join(',')}}`;
}
