/**
 * Compose text → plain data, as docker/cli's `loader.ParseYAML` does it
 * (cli/compose/loader/loader.go): gopkg.in/yaml.v2 Unmarshal into `interface{}`, then
 * `convertToStringKeysRecursive`, which refuses keys that are not strings.
 *
 * go-yaml v2 reads YAML 1.1 (`yes`/`on` are booleans, `010` is octal), merges `<<: *anchor`,
 * keeps timestamps as strings when decoding into `interface{}`, lets a repeated key win, and
 * reads only the first document of a stream. Errors keep go-yaml's words
 * (manifests/yaml-errors.ts maps the `yaml` package's codes to them).
 */
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import {
	GO_YAML_OPTIONS,
	MAX_ALIAS_COUNT,
	MAX_DEPTH,
	MAX_MANIFEST_BYTES,
	keepTag
} from '../../manifests/parse';
import { goYamlMessage } from '../../manifests/yaml-errors';
import { goQuote } from '../../manifests/json';
import { StackError, type Dict, type Value } from './types';

/**
 * go-yaml v2 resolves a plain scalar as a float only when, underscores removed, it matches
 * `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (resolve.go yamlStyleFloat); the
 * `yaml` package's YAML 1.1 float also takes `.` or `1.` forms that go-yaml leaves as strings.
 */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const goFloat = {
	tag: 'tag:yaml.org,2002:float',
	default: true,
	test: /^[-+]?[0-9_.]*[0-9][0-9_.]*(?:[eE][-+]?[0-9_]+)?$/,
	resolve: (source: string) => {
		const plain = source.replace(/_/g, '');
		return GO_FLOAT.test(plain) ? Number(plain) : source;
	}
};

/** The package's own float tags, except the `.inf` / `.nan` one (go-yaml has those too). */
const isPlainFloat = (tag: { tag: string; test?: RegExp }) =>
	tag.tag === 'tag:yaml.org,2002:float' && !(tag.test?.source.includes('inf') ?? false);

// The same YAML 1.1 reading as manifests/parse.ts (both mirror go-yaml v2), with go-yaml's floats.
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
	...GO_YAML_OPTIONS,
	customTags: (tags) => [
		...tags.filter(
			(tag) => typeof tag !== 'string' && keepTag(tag.tag, tag.format) && !isPlainFloat(tag)
		),
		goFloat
	]
};

export function parseComposeYaml(text: string): Dict {
	if (text.length > MAX_MANIFEST_BYTES) {
		throw new StackError(
			`the compose file has ${text.length} characters; this lab reads files of up to ${MAX_MANIFEST_BYTES}`
		);
	}
	if (bracketDepth(text) > MAX_DEPTH)
		throw new StackError(`yaml: exceeded max depth of ${MAX_DEPTH}`);
	const docs = parseAllDocuments(text, YAML_OPTIONS);
	// An empty stream parses to nothing: Unmarshal leaves `cfg` nil.
	const doc = Array.isArray(docs) ? docs[0] : undefined;
	if (doc === undefined) throw new StackError('top-level object must be a mapping');
	if (doc.errors.length > 0) {
		throw new StackError(goYamlMessage(doc.errors, text.split(/\r?\n/)));
	}
	let value: unknown;
	try {
		value = doc.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIAS_COUNT });
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (message.startsWith('Excessive alias count')) {
			throw new StackError('yaml: document contains excessive aliasing');
		}
		const anchor = /Unresolved alias.*: (.*)$/.exec(message);
		if (anchor) throw new StackError(`yaml: unknown anchor '${anchor[1] ?? ''}' referenced`);
		throw new StackError(`yaml: ${message}`);
	}
	if (!(value instanceof Map) || !isMap(doc.contents)) {
		throw new StackError('top-level object must be a mapping');
	}
	return toDict(value, '', 0);
}

/** convertToStringKeysRecursive: keys must be strings; the error names where the bad key is. */
function convert(value: unknown, prefix: string, depth: number): Value {
	if (depth > MAX_DEPTH) throw new StackError(`yaml: exceeded max depth of ${MAX_DEPTH}`);
	if (value instanceof Map) return toDict(value, prefix, depth);
	if (Array.isArray(value)) {
		return value.map((item: unknown, i) => convert(item, `${prefix}[${i}]`, depth + 1));
	}
	if (value === undefined || value === null) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		return value;
	}
	if (isScalar(value)) return convert(value.value, prefix, depth);
	return String(value);
}

function toDict(map: Map<unknown, unknown>, prefix: string, depth: number): Dict {
	const dict: Dict = Object.create(null) as Dict;
	for (const [key, entry] of map) {
		if (typeof key !== 'string') {
			const where = prefix === '' ? 'at top level' : `in ${prefix}`;
			throw new StackError(`non-string key ${where}: ${goSharpV(key)}`);
		}
		const next = prefix === '' ? key : `${prefix}.${key}`;
		dict[key] = convert(entry, next, depth + 1);
	}
	return dict;
}

/** Go's %#v for the key types go-yaml produces. */
function goSharpV(key: unknown): string {
	if (key === null || key === undefined) return '<nil>';
	if (typeof key === 'number') {
		if (Number.isInteger(key)) return String(key);
		if (Number.isNaN(key)) return 'NaN';
		if (!Number.isFinite(key)) return key > 0 ? '+Inf' : '-Inf';
		return String(key);
	}
	if (typeof key === 'bigint' || typeof key === 'boolean') return String(key);
	if (typeof key === 'string') return goQuote(key);
	if (Array.isArray(key)) return '[]interface {}{…}';
	return 'map[interface {}]interface {}{…}';
}

/** Bracket nesting, regardless of quoting: cheap, and only errs on the safe side. */
function bracketDepth(text: string): number {
	let depth = 0;
	let max = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
		else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
	}
	return max;
}
