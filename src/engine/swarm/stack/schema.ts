/**
 * Schema validation with docker's error texts. docker/cli cli/compose/schema/schema.go runs
 * github.com/xeipuuv/gojsonschema and prints only its "most specific" error:
 * `<field> <description>`, where an invalid type reads `must be a string` / `must be a
 * mapping` / `must be a string, number or null`, and a failed `oneOf` shows the error of the
 * closest alternative. This module re-implements the part of gojsonschema that the compose
 * schema uses (type, properties, patternProperties, additionalProperties, required, items,
 * uniqueItems, oneOf, enum, minimum, format) with gojsonschema's own texts (locales.go), in its
 * order: a node's oneOf first, then its own keys, then its properties' values.
 */
import { parseDuration } from '../../commands/durations';
import { DEFINITIONS, ROOT, type Schema } from './schema-v3';
import { StackError, isDict, type Value } from './types';
import { versionAtLeast } from './values';
import { hasOwnKey, ownValue } from '../../core/own-keys';

interface ResultError {
	type:
		| 'invalid_type'
		| 'number_one_of'
		| 'required'
		| 'additional_property_not_allowed'
		| 'enum'
		| 'format'
		| 'array_not_unique'
		| 'number_gte';
	/** gojsonschema Field(): the context without its `(root).` prefix. */
	field: string;
	description: string;
	expected?: string;
}

interface Result {
	errors: ResultError[];
	score: number;
	/** The file's `3.x` version: keys the schema gained later are not declared for it. */
	version: string;
}

const ROOT_CONTEXT = '(root)';

function field(context: readonly string[]): string {
	return context.length === 0 ? ROOT_CONTEXT : context.join('.');
}

/** gojsonschema's names for a value's JSON type. */
function typeOf(value: Value): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'object') return 'object';
	return typeof value;
}

function typeList(schema: Schema): readonly string[] {
	if (schema.type === undefined) return [];
	return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

/** jsonSchemaType.String(): one type alone, several as `[a,b]`. */
function typesString(types: readonly string[]): string {
	return types.length === 1 ? (types[0] ?? '') : `[${types.join(',')}]`;
}

function typeMatches(types: readonly string[], value: Value): boolean {
	if (types.length === 0) return true;
	const actual = typeOf(value);
	if (types.includes(actual)) return true;
	return actual === 'integer' && types.includes('number');
}

function add(result: Result, context: readonly string[], error: Omit<ResultError, 'field'>) {
	result.errors.push({ ...error, field: field(context) });
}

function resolve(schema: Schema): Schema {
	let current = schema;
	// The compose schema's $refs point at definitions that are not themselves $refs.
	if (current.$ref !== undefined) current = DEFINITIONS[current.$ref] ?? {};
	return current;
}

/** marshalWithoutNumber: JSON with sorted keys, so equal values give equal text. */
function canonical(value: Value): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
	const keys = Object.keys(value).sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k] ?? null)}`).join(',')}}`;
}

function validateOneOf(schema: Schema, value: Value, result: Result, context: string[]) {
	const options = schema.oneOf;
	if (options === undefined) return;
	let valid = 0;
	let best: Result | undefined;
	for (const option of options) {
		const sub: Result = { errors: [], score: 0, version: result.version };
		validate(option, value, sub, context);
		if (sub.errors.length === 0) valid++;
		else if (valid === 0 && (best === undefined || sub.score > best.score)) best = sub;
	}
	if (valid !== 1) {
		add(result, context, {
			type: 'number_one_of',
			description: 'Must validate one and only one schema (oneOf)'
		});
		if (valid === 0 && best !== undefined) result.errors.push(...best.errors);
	}
}

function validateEnum(schema: Schema, value: Value, result: Result, context: string[]) {
	if (schema.enum === undefined || (typeof value === 'string' && schema.enum.includes(value))) {
		return;
	}
	const allowed = schema.enum.map((v) => JSON.stringify(v)).join(', ');
	add(result, context, {
		type: 'enum',
		description: `${field(context)} must be one of the following: ${allowed}`
	});
}

const PATTERNS = new Map<string, RegExp>();

/** The schema's few patterns, compiled once. */
function patternRegExp(pattern: string): RegExp {
	let compiled = PATTERNS.get(pattern);
	if (compiled === undefined) {
		compiled = new RegExp(pattern, 'u');
		PATTERNS.set(pattern, compiled);
	}
	return compiled;
}

/** Whether the file's version has the property or pattern (own keys only: `__proto__` is data). */
function declaredFor(schema: Schema, name: string, version: string): boolean {
	const since = ownValue(schema.since, name);
	return since === undefined || versionAtLeast(version, since);
}

function validateObject(
	schema: Schema,
	value: Record<string, Value>,
	result: Result,
	context: string[]
) {
	for (const property of schema.required ?? []) {
		if (!hasOwnKey(value, property)) {
			add(result, context, { type: 'required', description: `${property} is required` });
		}
	}
	const known = (name: string) => declaredFor(schema, name, result.version);
	for (const [key, item] of Object.entries(value)) {
		const declared = hasOwnKey(schema.properties, key) && known(key);
		let patternMatch = false;
		for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
			if (known(pattern) && patternRegExp(pattern).test(key)) {
				patternMatch = true;
				validate(sub, item, result, [...context, key]);
			}
		}
		if (!declared && !patternMatch && schema.additionalProperties === false) {
			add(result, context, {
				type: 'additional_property_not_allowed',
				description: `Additional property ${key} is not allowed`
			});
		}
	}
}

/** validateArray: the items first, then uniqueItems (each repeat reported, in one pass). */
function validateArray(schema: Schema, value: Value[], result: Result, context: string[]) {
	if (schema.items !== undefined) {
		const items = schema.items;
		value.forEach((item, i) => validate(items, item, result, [...context, String(i)]));
	}
	if (schema.uniqueItems === true) {
		const seen = new Map<string, number>();
		value.forEach((item, j) => {
			const key = canonical(item);
			const i = seen.get(key);
			if (i !== undefined) {
				add(result, context, {
					type: 'array_not_unique',
					description: `array items[${i},${j}] must be unique`
				});
			}
			seen.set(key, j);
		});
	}
}

function validateScalar(schema: Schema, value: Value, result: Result, context: string[]) {
	if (schema.format === 'duration' && typeof value === 'string' && !parseDuration(value).ok) {
		add(result, context, { type: 'format', description: "Does not match format 'duration'" });
	}
	if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) {
		add(result, context, {
			type: 'number_gte',
			description: `Must be greater than or equal to ${schema.minimum}`
		});
	}
}

function validate(raw: Schema, value: Value, result: Result, context: string[]): void {
	const schema = resolve(raw);
	const types = typeList(schema);
	if (!typeMatches(types, value)) {
		add(result, context, {
			type: 'invalid_type',
			description: `Invalid type. Expected: ${typesString(types)}, given: ${typeOf(value)}`,
			expected: typesString(types)
		});
		return;
	}
	result.score++;
	validateOneOf(schema, value, result, context);
	if (isDict(value)) {
		validateObject(schema, value, result, context);
		validateEnum(schema, value, result, context);
		for (const [key, sub] of Object.entries(schema.properties ?? {})) {
			const item = value[key];
			if (hasOwnKey(value, key) && item !== undefined && declaredFor(schema, key, result.version)) {
				validate(sub, item, result, [...context, key]);
			}
		}
		return;
	}
	validateEnum(schema, value, result, context);
	if (Array.isArray(value)) validateArray(schema, value, result, context);
	else validateScalar(schema, value, result, context);
}

// --- schema.go -------------------------------------------------------------------------------

/** humanReadableType: `object` → mapping, `array` → list, `[a,b,c]` → `a, b or c`. */
function humanReadableType(definition: string): string {
	if (definition.startsWith('[')) {
		const all = definition
			.slice(1, -1)
			.split(',')
			.map((t) => humanReadableType(t));
		return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1] ?? ''}`;
	}
	if (definition === 'object') return 'mapping';
	if (definition === 'array') return 'list';
	return definition;
}

function description(parent: ResultError, child?: ResultError): string {
	if (parent.type === 'invalid_type' && parent.expected !== undefined) {
		return `must be a ${humanReadableType(parent.expected)}`;
	}
	if (parent.type === 'number_one_of' && child !== undefined) return child.description;
	return parent.description;
}

const specificity = (e: ResultError) => e.field.split('.').length;

/** getMostSpecificError: the deepest field wins; among equals, an invalid type wins. */
function mostSpecific(errors: readonly ResultError[]): string {
	let best = 0;
	errors.forEach((error, i) => {
		const current = errors[best]!;
		if (specificity(error) > specificity(current)) best = i;
		else if (
			specificity(error) === specificity(current) &&
			error.type === 'invalid_type' &&
			current.type !== 'invalid_type'
		) {
			best = i;
		}
	});
	const parent = errors[best]!;
	const child = parent.type === 'number_one_of' ? errors[best + 1] : undefined;
	return `${parent.field} ${description(parent, child)}`;
}

/**
 * schema.Validate: throws docker's one-line message when the config does not conform to the
 * schema of its version (config_schema_v<version>.json).
 */
export function validateSchema(config: Value, version = '3.13'): void {
	const result: Result = { errors: [], score: 0, version };
	validate(ROOT, config, result, []);
	if (result.errors.length > 0) throw new StackError(mostSpecific(result.errors));
}
