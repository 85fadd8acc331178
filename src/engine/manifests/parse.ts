/**
 * Manifest text → JSON documents, the way kubectl reads `-f FILE` (cli-runtime StreamVisitor,
 * apimachinery util/yaml YAMLOrJSONDecoder + YAMLReader, sigs.k8s.io/yaml on go-yaml v2).
 *
 * - Documents are split on lines that start with `---`, and go-yaml's line numbers count from
 *   the start of each document, as kubectl's do.
 * - Text that starts with `{` is read as a JSON stream first and as YAML when that fails
 *   (kubernetes PR #130666, v1.33+), so KYAML files work with or without a leading `---`.
 * - YAML 1.1 scalars, as go-yaml v2 reads them: `yes`/`on`/`y` are booleans, `010` is octal,
 *   `1:20` and `2001-12-14` stay strings, and merge keys (`<<: *base`) work.
 * - Hostile input meets caps: total size, document count, nesting depth, alias expansion.
 */
import { isCollection, isMap, parseDocument, visit } from 'yaml';
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions } from 'yaml';
import type { JsonObject, JsonValue, ManifestDocument } from './types';
import { goYamlMessage } from './yaml-errors';
import { putOwn } from '../core/own-keys';
import { isObject } from './json';

/** A lab limit, far above any real manifest (the API server itself stops at 3 MiB a request). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_DOCUMENTS = 1000;
export const MAX_DEPTH = 1000;
/** The `yaml` package's alias budget; go-yaml's own check has the same purpose. */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult =
	| { ok: true; documents: ManifestDocument[] }
	/** kubectl still uses the documents it read before the broken one. */
	| { ok: false; error: string; documents: ManifestDocument[] };

interface Chunk {
	text: string;
	/** 1-based file line of the chunk's first line. */
	line: number;
}

class ParseFailure extends Error {}

const DROPPED_TAGS = new Set([
	'tag:yaml.org,2002:timestamp',
	'tag:yaml.org,2002:binary',
	'tag:yaml.org,2002:omap',
	'tag:yaml.org,2002:pairs',
	'tag:yaml.org,2002:set'
]);

/** go's strconv.ParseInt(s, 0, 64) also takes `0o17`, which YAML 1.1 schemas do not. */
const goOctal = {
	tag: 'tag:yaml.org,2002:int',
	format: 'OCT',
	default: true,
	test: /^[-+]?0o[0-7_]+$/,
	resolve: (source: string) => {
		const negative = source.startsWith('-');
		const digits = source.replace(/^[-+]?0o/, '').replace(/_/g, '');
		const value = parseInt(digits, 8);
		return negative ? -value : value;
	}
};

/** YAML 1.1 sexagesimal numbers (`1:20`) are strings to go-yaml. */
export const keepTag = (tag: string, format: string | undefined) =>
	!DROPPED_TAGS.has(tag) && format !== 'TIME';

/** go-yaml v2's reading, shared with Compose files (swarm/stack/yaml.ts); tags differ. */
export const GO_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
	version: '1.1',
	merge: true,
	uniqueKeys: false,
	// Computes the line positions that yaml-errors.ts maps to go-yaml's line numbers.
	prettyErrors: true,
	// The engine writes nothing to the console.
	logLevel: 'silent'
};

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
	...GO_YAML_OPTIONS,
	customTags: (tags) => [
		goOctal,
		...tags.filter((tag) => typeof tag !== 'string' && keepTag(tag.tag, tag.format))
	]
};

const TO_JS: ToJSOptions = { maxAliasCount: MAX_ALIAS_COUNT };

export function parseManifests(text: string, fileName: string): ParseResult {
	const size = utf8Length(text);
	if (size > MAX_MANIFEST_BYTES) {
		const error =
			`error: error reading ${fileName}: the file has ${size} bytes; ` +
			`this lab reads manifests of up to ${MAX_MANIFEST_BYTES} bytes`;
		return { ok: false, error, documents: [] };
	}
	const documents: ManifestDocument[] = [];
	try {
		const values = text.trimStart().startsWith('{') ? jsonStream(text) : undefined;
		if (values) values.forEach((v) => push(documents, v.value, v.line, fileName));
		else readYaml(text, fileName, documents);
		return { ok: true, documents };
	} catch (error) {
		const message =
			error instanceof ParseFailure ? error.message : `error parsing ${fileName}: ${String(error)}`;
		return { ok: false, error: `error: ${message}`, documents };
	}
}

function readYaml(text: string, fileName: string, documents: ManifestDocument[]): void {
	for (const chunk of splitDocuments(text, fileName)) {
		const value = yamlToJson(chunk.text, fileName);
		push(documents, value, chunk.line, fileName);
	}
}

/** Skips empty documents, expands lists, enforces the document cap. */
function push(documents: ManifestDocument[], value: JsonValue, line: number, file: string): void {
	if (value === null) return;
	const items = listItems(value);
	const source = (documents.at(-1)?.source ?? -1) + 1;
	const entries = items
		? items.map((item) => ({ value: item, fromList: true }))
		: [{ value, fromList: false }];
	for (const entry of entries) {
		if (documents.length >= MAX_DOCUMENTS) {
			throw new ParseFailure(
				`error parsing ${file}: more than ${MAX_DOCUMENTS} objects; this lab reads up to ` +
					`${MAX_DOCUMENTS} per file`
			);
		}
		documents.push({ index: documents.length, source, line, ...entry });
	}
}

/** `kind: List` (and typed lists such as `DeploymentList`) are flattened, as kubectl does. */
function listItems(value: JsonValue): JsonValue[] | undefined {
	if (!isObject(value) || !Array.isArray(value.items)) return undefined;
	const kind = value.kind;
	return typeof kind === 'string' && kind.endsWith('List') ? value.items : undefined;
}

/** apimachinery YAMLReader: a line starting with `---` ends the document before it */
function splitDocuments(text: string, fileName: string): Chunk[] {
	const chunks: Chunk[] = [];
	const lines = text.split(/(?<=\n)/);
	let current: string[] = [];
	let start = 1;
	lines.forEach((line, i) => {
		if (!line.startsWith('---')) {
			current.push(line);
			return;
		}
		const rest = line.slice(3).trim();
		if (rest !== '' && !rest.startsWith('#')) {
			throw new ParseFailure(`error parsing ${fileName}: invalid Yaml document separator: ${rest}`);
		}
		if (current.length > 0) chunks.push({ text: current.join(''), line: start });
		current = [];
		start = i + 2;
	});
	if (current.length > 0) chunks.push({ text: current.join(''), line: start });
	return chunks;
}

function yamlToJson(text: string, fileName: string): JsonValue {
	const fail = (message: string) =>
		new ParseFailure(`error parsing ${fileName}: error converting YAML to JSON: ${message}`);
	if (maxBracketDepth(text) > MAX_DEPTH) throw fail(`yaml: exceeded max depth of ${MAX_DEPTH}`);
	const doc = parseDocument(text, YAML_OPTIONS);
	if (doc.errors.length > 0) throw fail(goYamlMessage(doc.errors, text.split(/\r?\n/)));
	const badKey = collectionKey(doc);
	if (badKey) throw fail(badKey);
	let value: unknown;
	try {
		value = doc.toJS(TO_JS);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (message.startsWith('Excessive alias count')) {
			throw fail('yaml: document contains excessive aliasing');
		}
		const anchor = /Unresolved alias.*: (.*)$/.exec(message);
		if (anchor) throw fail(`yaml: unknown anchor '${anchor[1] ?? ''}' referenced`);
		throw fail(`yaml: ${message}`);
	}
	return toJson(value, 0, fail);
}

/** sigs.k8s.io/yaml refuses map keys that are maps or lists (JSON keys are strings). */
function collectionKey(doc: ReturnType<typeof parseDocument>): string | undefined {
	let found: string | undefined;
	visit(doc, {
		Pair(_, pair) {
			if (!isCollection(pair.key)) return undefined;
			const type = isMap(pair.key) ? 'map[interface {}]interface {}' : '[]interface {}';
			found = `unsupported map key of type: ${type}, key: ${String(pair.key)}`;
			return visit.BREAK;
		}
	});
	return found;
}

/** Checks what JSON cannot hold (go: `json: unsupported value: +Inf`) and the depth cap. */
function toJson(value: unknown, depth: number, fail: (m: string) => ParseFailure): JsonValue {
	if (depth > MAX_DEPTH) throw fail(`yaml: exceeded max depth of ${MAX_DEPTH}`);
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return value;
		const text = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
		throw fail(`json: unsupported value: ${text}`);
	}
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return Number(value);
	if (Array.isArray(value)) return value.map((item: unknown) => toJson(item, depth + 1, fail));
	if (typeof value === 'object') {
		const out: JsonObject = {};
		for (const [key, item] of Object.entries(value)) {
			putOwn(out, key, toJson(item, depth + 1, fail));
		}
		return out;
	}
	return String(value);
}

/** Bracket nesting, counted without regard to quoting: cheap, and only errs on the safe side. */
function maxBracketDepth(text: string): number {
	let depth = 0;
	let max = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
		else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
	}
	return max;
}

/** A JSON stream (`{…}{…}`), or undefined when the text is not one (then it is YAML). */
function jsonStream(text: string): { value: JsonValue; line: number }[] | undefined {
	if (maxBracketDepth(text) > MAX_DEPTH) return undefined;
	const values: { value: JsonValue; line: number }[] = [];
	let i = 0;
	let line = 1;
	let counted = 0;
	while (i < text.length) {
		while (i < text.length && /\s/.test(text.charAt(i))) i++;
		if (i >= text.length) break;
		const end = jsonValueEnd(text, i);
		if (end === undefined) return undefined;
		line += newlines(text, counted, i);
		counted = i;
		try {
			values.push({ value: JSON.parse(text.slice(i, end)) as JsonValue, line });
		} catch {
			return undefined;
		}
		i = end;
	}
	return values;
}

/** End offset of the object or array that starts at `start`, tracking strings and escapes. */
function jsonValueEnd(text: string, start: number): number | undefined {
	const open = text.charAt(start);
	if (open !== '{' && open !== '[') return undefined;
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text.charAt(i);
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
	}
	return undefined;
}

function newlines(text: string, from: number, to: number): number {
	let count = 0;
	for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
	return count;
}

function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}
