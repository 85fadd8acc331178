/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1) as the API server reads them: their own
 * field schema for strict decoding (k8s.io/apiextensions-apiserver pkg/apis/apiextensions/v1
 * types.go and types_jsonschema.go), their defaulting (v1 defaults.go: singular, listKind,
 * conversion None) and their create validation (pkg/apis/apiextensions/validation
 * validation.go ValidateCustomResourceDefinition, validateCustomResourceDefinitionSpec and
 * the structural-schema checks of pkg/apiserver/schema validation.go).
 *
 * It also holds the kinds the established CRDs serve, as kubectl's discovery sees them while
 * one command runs (`useCustomKinds`, set by the kubectl dispatcher from the lab's store).
 */
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { ErrorList } from './field-errors';
import {
	child,
	index,
	invalid,
	isDNS1035Label,
	isDNS1123Label,
	isDNS1123Subdomain,
	notSupported,
	required
} from './field-errors';
import type { Fields, Schema } from './schema-base';
import { any, arr, bool, i32, i64, mapOf, obj, open, str, strings, topLevel } from './schema-base';
import { validateObjectMeta } from './validate-meta';
import type { JsonObject, JsonValue, ResourceInfo } from './types';
import { goJson, isObject } from './json';
import { describeError } from './render';

export const CRD_GROUP = 'apiextensions.k8s.io';

// ---- the CRD's own schema (strict decoding) --------------------------------------------------

const V1 = 'v1';
const props: Schema = obj(V1, 'JSONSchemaProps', (): Fields => ({
	id: str(),
	$schema: str('v1.JSONSchemaURL'),
	$ref: str(),
	description: str(),
	type: str(),
	format: str(),
	title: str(),
	default: any,
	maximum: any,
	exclusiveMaximum: bool,
	minimum: any,
	exclusiveMinimum: bool,
	maxLength: i64,
	minLength: i64,
	pattern: str(),
	maxItems: i64,
	minItems: i64,
	uniqueItems: bool,
	multipleOf: any,
	enum: arr(any),
	maxProperties: i64,
	minProperties: i64,
	required: strings,
	items: any,
	allOf: arr(props),
	oneOf: arr(props),
	anyOf: arr(props),
	not: props,
	properties: mapOf(props),
	additionalProperties: any,
	patternProperties: mapOf(props),
	dependencies: any,
	additionalItems: any,
	definitions: mapOf(props),
	externalDocs: open(V1, 'ExternalDocumentation'),
	example: any,
	nullable: bool,
	'x-kubernetes-preserve-unknown-fields': bool,
	'x-kubernetes-embedded-resource': bool,
	'x-kubernetes-int-or-string': bool,
	'x-kubernetes-list-map-keys': strings,
	'x-kubernetes-list-type': str(),
	'x-kubernetes-map-type': str(),
	'x-kubernetes-validations': arr(open(V1, 'ValidationRule'))
}));

export const CRD_SCHEMAS = {
	CustomResourceDefinition: topLevel('CustomResourceDefinition', V1, {
		spec: obj(V1, 'CustomResourceDefinitionSpec', () => ({
			group: str(),
			names: obj(V1, 'CustomResourceDefinitionNames', () => ({
				plural: str(),
				singular: str(),
				shortNames: strings,
				kind: str(),
				listKind: str(),
				categories: strings
			})),
			scope: str('v1.ResourceScope'),
			versions: arr(
				obj(V1, 'CustomResourceDefinitionVersion', () => ({
					name: str(),
					served: bool,
					storage: bool,
					deprecated: bool,
					deprecationWarning: str(),
					schema: obj(V1, 'CustomResourceValidation', () => ({ openAPIV3Schema: props })),
					subresources: obj(V1, 'CustomResourceSubresources', () => ({
						status: open(V1, 'CustomResourceSubresourceStatus'),
						scale: open(V1, 'CustomResourceSubresourceScale')
					})),
					additionalPrinterColumns: arr(
						obj(V1, 'CustomResourceColumnDefinition', () => ({
							name: str(),
							type: str(),
							format: str(),
							description: str(),
							priority: i32,
							jsonPath: str()
						}))
					),
					selectableFields: arr(open(V1, 'SelectableField'))
				}))
			),
			conversion: open(V1, 'CustomResourceConversion'),
			preserveUnknownFields: bool
		}))
	})
};

// ---- defaulting ----------------------------------------------------------------------------

/**
 * apiextensions v1 defaults.go: SetDefaults_CustomResourceDefinitionSpec (singular is the
 * lower-cased kind, listKind is kind+"List", conversion strategy None) and
 * SetDefaults_ServiceReference; nothing else.
 */
export function defaultCrd(crd: CustomResourceDefinition): void {
	const spec = crd.spec;
	if (spec === undefined) return;
	const names = spec.names;
	if (names !== undefined) {
		if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
		if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
	}
	spec.conversion ??= { strategy: 'None' };
}

// ---- validation ----------------------------------------------------------------------------

const SCOPES = ['Cluster', 'Namespaced'];
const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];

/** ValidateCustomResourceDefinition on create: metadata, then the spec, in the source's order. */
export function validateCrd(crd: CustomResourceDefinition): ErrorList {
	const spec = crd.spec ?? ({} as NonNullable<CustomResourceDefinition['spec']>);
	const names = spec.names ?? ({} as NonNullable<typeof spec.names>);
	const wanted = `${names.plural ?? ''}.${spec.group ?? ''}`;
	const errs = validateObjectMeta(crd.metadata, false, (name) => [
		...isDNS1123Subdomain(name),
		...(name === wanted ? [] : ['must be spec.names.plural+"."+spec.group'])
	]);
	const at = 'spec';
	if (!spec.group) errs.push(required(child(at, 'group')));
	else {
		const bad = isDNS1123Subdomain(spec.group);
		if (bad.length > 0) errs.push(invalid(child(at, 'group'), spec.group, bad.join(',')));
		else if (!spec.group.includes('.'))
			errs.push(
				invalid(child(at, 'group'), spec.group, 'should be a domain with at least one dot')
			);
	}
	if (!spec.scope) errs.push(required(child(at, 'scope')));
	else if (!SCOPES.includes(spec.scope))
		errs.push(notSupported(child(at, 'scope'), spec.scope, SCOPES));
	const versions = spec.versions ?? [];
	const versionsAt = child(at, 'versions');
	versions.forEach((v, i) => {
		if (v.schema?.openAPIV3Schema === undefined)
			errs.push(
				required(
					child(child(index(versionsAt, i), 'schema'), 'openAPIV3Schema'),
					'schemas are required'
				)
			);
	});
	const seen = new Set<string>();
	let unique = true;
	versions.forEach((v, i) => {
		if (seen.has(v.name)) unique = false;
		seen.add(v.name);
		const bad = isDNS1035Label(v.name ?? '');
		if (bad.length > 0)
			errs.push(invalid(child(index(versionsAt, i), 'name'), v.name, bad.join(',')));
		const schema = v.schema?.openAPIV3Schema as JsonValue | undefined;
		const schemaAt = child(child(index(versionsAt, i), 'schema'), 'openAPIV3Schema');
		if (isObject(schema)) errs.push(...structural(schema, schemaAt, 'root'));
		(v.additionalPrinterColumns ?? []).forEach((c, j) => {
			const colAt = index(child(index(versionsAt, i), 'additionalPrinterColumns'), j);
			if (!c.name) errs.push(required(child(colAt, 'name')));
			if (!c.type) errs.push(required(child(colAt, 'type')));
			else if (!COLUMN_TYPES.includes(c.type))
				errs.push(notSupported(child(colAt, 'type'), c.type, COLUMN_TYPES));
			if (!c.jsonPath) errs.push(required(child(colAt, 'JSONPath')));
		});
	});
	// The version list prints as JSON of the internal type (apimachinery's v1.34 value rendering).
	const listed = internalVersions(spec.versions as unknown as JsonValue);
	if (versions.length === 0) errs.push(required(versionsAt, 'must have at least one version'));
	if (!unique) errs.push(invalid(versionsAt, listed, 'must contain unique version names'));
	if (versions.filter((v) => v.storage).length !== 1)
		errs.push(
			invalid(versionsAt, listed, 'must have exactly one version marked as storage version')
		);
	const namesAt = child(at, 'names');
	if (!names.plural) errs.push(required(child(namesAt, 'plural')));
	if (!names.singular) errs.push(required(child(namesAt, 'singular')));
	if (!names.kind) errs.push(required(child(namesAt, 'kind')));
	if (!names.listKind) errs.push(required(child(namesAt, 'listKind')));
	// ValidateCustomResourceDefinitionNames: plural, singular and short names are DNS labels.
	for (const [field, value] of [
		['plural', names.plural],
		['singular', names.singular]
	] as const) {
		const bad = value ? isDNS1123Label(value) : [];
		if (bad.length > 0) errs.push(invalid(child(namesAt, field), value, bad.join(',')));
	}
	(names.shortNames ?? []).forEach((s, i) => {
		const bad = isDNS1123Label(s);
		if (bad.length > 0)
			errs.push(invalid(index(child(namesAt, 'shortNames'), i), s, bad.join(',')));
	});
	return errs;
}

type Level = 'root' | 'field' | 'item';

/**
 * pkg/apiserver/schema validation.go validateStructuralInvariants/validateStructuralCompleteness:
 * every node names its type (unless it preserves unknown fields or is int-or-string), the root is
 * an object, and arrays say what their items are.
 */
function structural(node: JsonObject, at: string, level: Level): ErrorList {
	const errs: ErrorList = [];
	const type = typeof node.type === 'string' ? node.type : '';
	const open =
		node['x-kubernetes-preserve-unknown-fields'] === true ||
		node['x-kubernetes-int-or-string'] === true;
	if (type === '' && !open)
		errs.push(
			required(
				child(at, 'type'),
				level === 'root'
					? 'must not be empty at the root'
					: level === 'item'
						? 'must not be empty for specified array items'
						: 'must not be empty for specified object fields'
			)
		);
	if (level === 'root' && type !== '' && type !== 'object')
		errs.push(invalid(child(at, 'type'), type, 'must be object at the root'));
	if (type === 'array' && node.items === undefined)
		errs.push(required(child(at, 'items'), 'must be specified'));
	const properties = isObject(node.properties) ? node.properties : {};
	for (const name of Object.keys(properties).sort()) {
		const p = properties[name];
		if (isObject(p)) errs.push(...structural(p, `${child(at, 'properties')}[${name}]`, 'field'));
	}
	if (isObject(node.items)) errs.push(...structural(node.items, child(at, 'items'), 'item'));
	if (isObject(node.additionalProperties))
		errs.push(...structural(node.additionalProperties, child(at, 'additionalProperties'), 'field'));
	return errs;
}

// ---- the kinds the established CRDs serve ----------------------------------------------------

export interface CustomKind {
	crd: CustomResourceDefinition;
	group: string;
	kind: string;
	plural: string;
	singular: string;
	shortNames: readonly string[];
	categories: readonly string[];
	namespaced: boolean;
	/** Served version names, in kube-aware priority order: the first is the preferred. */
	served: readonly string[];
	storage: string;
	/** Where the lab keeps the objects, whatever version they were written in. */
	collection: string;
}

let active: readonly CustomKind[] = [];

/** The kinds the cluster's established CRDs serve, for the command now running. */
export function useCustomKinds(kinds: readonly CustomKind[]): void {
	active = kinds;
}

export function customKinds(): readonly CustomKind[] {
	return active;
}

/** The REST mapping of a custom kind in a served version (`stable.example.com/v1`, `CronTab`). */
export function customResourceInfo(apiVersion: string, kind: string): ResourceInfo | undefined {
	const slash = apiVersion.indexOf('/');
	if (slash < 0) return undefined;
	const group = apiVersion.slice(0, slash);
	const version = apiVersion.slice(slash + 1);
	const k = active.find((c) => c.group === group && c.kind === kind && c.served.includes(version));
	return k === undefined ? undefined : infoFor(k, version);
}

export function customResourceForKind(kind: string, apiVersion?: string): ResourceInfo | undefined {
	if (apiVersion !== undefined) return customResourceInfo(apiVersion, kind);
	const k = active.find((c) => c.kind === kind);
	return k === undefined ? undefined : infoFor(k, k.storage);
}

function infoFor(k: CustomKind, version: string): ResourceInfo {
	return {
		kind: k.kind as ResourceInfo['kind'],
		apiVersion: `${k.group}/${version}`,
		group: k.group,
		version,
		resource: k.plural,
		namespaced: k.namespaced,
		readOnly: false,
		custom: k
	};
}

/** The served version's schema, printer columns and subresources. */
export function customVersion(k: CustomKind, version: string) {
	return (k.crd.spec?.versions ?? []).find((v) => v.name === version);
}

/**
 * apimachinery version.CompareKubeAwareVersionStrings: GA before beta before alpha, higher
 * numbers first, and anything that is not a Kubernetes version last, alphabetically.
 */
export function kubeAwareOrder(a: string, b: string): number {
	const parse = (v: string) => {
		const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
		if (m === null) return undefined;
		const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
		return [stage, Number(m[1]), Number(m[3] ?? 0)];
	};
	const pa = parse(a);
	const pb = parse(b);
	if (pa === undefined || pb === undefined) {
		if (pa !== undefined) return -1;
		if (pb !== undefined) return 1;
		return a < b ? -1 : a > b ? 1 : 0;
	}
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i]! - pa[i]!;
	return 0;
}

/** The kind an established CRD serves. */
export function customKindOf(crd: CustomResourceDefinition): CustomKind {
	const spec = crd.spec!;
	const names = spec.names;
	const versions = spec.versions ?? [];
	return {
		crd,
		group: spec.group,
		kind: names.kind,
		plural: names.plural,
		singular: names.singular ?? names.kind.toLowerCase(),
		shortNames: names.shortNames ?? [],
		categories: names.categories ?? [],
		namespaced: spec.scope === 'Namespaced',
		served: versions
			.filter((v) => v.served)
			.map((v) => v.name)
			.sort(kubeAwareOrder),
		storage: versions.find((v) => v.storage)?.name ?? '',
		collection: `custom/${spec.group}/${names.plural}`
	};
}

/**
 * validateCustomResourceDefinitionSpecUpdate's immutable fields: scope and names.kind once the
 * CRD is established (they shape storage), group and names.plural always (they make its name).
 * The refusal as kubectl prints it, or undefined.
 */
export function crdImmutableChange(
	kind: string,
	name: string,
	existing: object,
	object: object
): string | undefined {
	if (kind !== 'CustomResourceDefinition') return undefined;
	const before = (existing as CustomResourceDefinition).spec;
	const after = (object as CustomResourceDefinition).spec;
	const causes: ErrorList = [];
	const check = (path: string, a: string | undefined, b: string | undefined) => {
		if (a !== b) causes.push(invalid(path, b ?? '', 'field is immutable'));
	};
	check('spec.scope', before?.scope, after?.scope);
	check('spec.names.kind', before?.names?.kind, after?.names?.kind);
	check('spec.group', before?.group, after?.group);
	check('spec.names.plural', before?.names?.plural, after?.names?.plural);
	if (causes.length === 0) return undefined;
	const error = { stage: 'invalid' as const, kind, group: CRD_GROUP, name, causes };
	return describeError(error, '', 'patching').standalone;
}

// ---- the internal version list, as field.Invalid renders it ----------------------------------

type Go = JsonValue;
const ptr = (v: JsonValue | undefined): Go => (v === undefined ? null : v);
const text = (v: JsonValue | undefined): Go => (typeof v === 'string' ? v : '');
const flag = (v: JsonValue | undefined): Go => v === true;
const list = (v: JsonValue | undefined, each: (x: JsonValue) => Go): Go =>
	Array.isArray(v) ? v.map(each) : null;
const map = (v: JsonValue | undefined): Go =>
	isObject(v)
		? Object.fromEntries(
				Object.keys(v)
					.sort()
					.map((k) => [k, internalSchema(v[k])])
			)
		: null;
const orBool = (v: JsonValue | undefined): Go =>
	v === undefined ? null : { Allows: v !== false, Schema: isObject(v) ? internalSchema(v) : null };

/**
 * apiextensions' internal JSONSchemaProps (types_jsonschema.go: no json tags, so Go's field
 * names in declaration order, nil pointers and slices as null), from the v1 schema.
 */
function internalSchema(s: JsonValue | undefined): Go {
	if (!isObject(s)) return null;
	return {
		ID: text(s.id),
		Schema: text(s.$schema),
		Ref: ptr(s.$ref),
		Description: text(s.description),
		Type: text(s.type),
		Nullable: flag(s.nullable),
		Format: text(s.format),
		Title: text(s.title),
		Default: ptr(s.default),
		Maximum: ptr(s.maximum),
		ExclusiveMaximum: flag(s.exclusiveMaximum),
		Minimum: ptr(s.minimum),
		ExclusiveMinimum: flag(s.exclusiveMinimum),
		MaxLength: ptr(s.maxLength),
		MinLength: ptr(s.minLength),
		Pattern: text(s.pattern),
		MaxItems: ptr(s.maxItems),
		MinItems: ptr(s.minItems),
		UniqueItems: flag(s.uniqueItems),
		MultipleOf: ptr(s.multipleOf),
		Enum: ptr(s.enum),
		MaxProperties: ptr(s.maxProperties),
		MinProperties: ptr(s.minProperties),
		Required: ptr(s.required),
		Items:
			s.items === undefined
				? null
				: Array.isArray(s.items)
					? { Schema: null, JSONSchemas: s.items.map(internalSchema) }
					: { Schema: internalSchema(s.items), JSONSchemas: null },
		AllOf: list(s.allOf, internalSchema),
		OneOf: list(s.oneOf, internalSchema),
		AnyOf: list(s.anyOf, internalSchema),
		Not: internalSchema(s.not),
		Properties: map(s.properties),
		AdditionalProperties: orBool(s.additionalProperties),
		PatternProperties: map(s.patternProperties),
		Dependencies: ptr(s.dependencies),
		AdditionalItems: orBool(s.additionalItems),
		Definitions: map(s.definitions),
		ExternalDocs: isObject(s.externalDocs)
			? { Description: text(s.externalDocs.description), URL: text(s.externalDocs.url) }
			: null,
		Example: ptr(s.example),
		XPreserveUnknownFields: ptr(s['x-kubernetes-preserve-unknown-fields']),
		XEmbeddedResource: flag(s['x-kubernetes-embedded-resource']),
		XIntOrString: flag(s['x-kubernetes-int-or-string']),
		XListMapKeys: ptr(s['x-kubernetes-list-map-keys']),
		XListType: ptr(s['x-kubernetes-list-type']),
		XMapType: ptr(s['x-kubernetes-map-type']),
		XValidations: list(s['x-kubernetes-validations'], (r) =>
			isObject(r)
				? {
						Rule: text(r.rule),
						Message: text(r.message),
						MessageExpression: text(r.messageExpression),
						Reason: ptr(r.reason),
						FieldPath: text(r.fieldPath),
						OptionalOldSelf: ptr(r.optionalOldSelf)
					}
				: null
		)
	};
}

/**
 * spec.versions as the internal type holds it (what `Invalid value: [...]` prints): the v1
 * conversion (apiextensions v1 conversion.go) moves a schema, subresources or printer columns
 * that every version shares up to the spec, leaving null in each version.
 */
export function internalVersions(versions: JsonValue | undefined): JsonValue {
	if (!Array.isArray(versions)) return null;
	const vs = versions.map((v) => (isObject(v) ? v : {}));
	const shared = (field: string) =>
		vs.length > 0 && vs.every((v) => goJson(v[field] ?? null) === goJson(vs[0]![field] ?? null));
	const [schema, sub, columns] = ['schema', 'subresources', 'additionalPrinterColumns'].map(shared);
	return vs.map((v) => {
		const s = isObject(v.schema) ? v.schema : undefined;
		const r = isObject(v.subresources) ? v.subresources : undefined;
		const scale = isObject(r?.scale) ? r.scale : undefined;
		return {
			Name: text(v.name),
			Served: flag(v.served),
			Storage: flag(v.storage),
			Deprecated: flag(v.deprecated),
			DeprecationWarning: ptr(v.deprecationWarning),
			Schema:
				schema || s === undefined ? null : { OpenAPIV3Schema: internalSchema(s.openAPIV3Schema) },
			Subresources:
				sub || r === undefined
					? null
					: {
							Status: r.status === undefined ? null : {},
							Scale:
								scale === undefined
									? null
									: {
											SpecReplicasPath: text(scale.specReplicasPath),
											StatusReplicasPath: text(scale.statusReplicasPath),
											LabelSelectorPath: ptr(scale.labelSelectorPath)
										}
						},
			AdditionalPrinterColumns: columns
				? null
				: list(v.additionalPrinterColumns, (c) =>
						isObject(c)
							? {
									Name: text(c.name),
									Type: text(c.type),
									Format: text(c.format),
									Description: text(c.description),
									Priority: typeof c.priority === 'number' ? c.priority : 0,
									JSONPath: text(c.jsonPath)
								}
							: null
					),
			SelectableFields: list(v.selectableFields, (f) =>
				isObject(f) ? { JSONPath: text(f.jsonPath) } : null
			)
		};
	});
}
