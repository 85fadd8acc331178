/**
 * A compact field schema for strict decoding: for every field, its JSON shape and the Go type
 * the API server decodes it into (Go names appear in `json: cannot unmarshal …` errors).
 * Field lists follow k8s.io/api v1.35 types.go. Rarely used sub-objects are `open`: their
 * type is checked, their contents are not, so nothing the real API server accepts is refused.
 */

export type Schema =
	| { type: 'string'; go: string }
	| { type: 'int32' | 'int64' | 'bool' | 'quantity' | 'intOrString' | 'time' | 'bytes' }
	| { type: 'any' }
	| { type: 'array'; of: Schema }
	| { type: 'map'; of: Schema; go?: string }
	| { type: 'object'; struct: string; go: string; fields?: () => Fields };

export type Fields = Record<string, Schema>;

export const str = (go = 'string'): Schema => ({ type: 'string', go });
export const i32: Schema = { type: 'int32' };
export const i64: Schema = { type: 'int64' };
export const bool: Schema = { type: 'bool' };
export const quantity: Schema = { type: 'quantity' };
export const intOrString: Schema = { type: 'intOrString' };
export const time: Schema = { type: 'time' };
export const bytes: Schema = { type: 'bytes' };
export const any: Schema = { type: 'any' };
export const arr = (of: Schema): Schema => ({ type: 'array', of });
export const strings: Schema = arr(str());
export const mapOf = (of: Schema, go?: string): Schema =>
	go === undefined ? { type: 'map', of } : { type: 'map', of, go };
export const stringMap: Schema = mapOf(str());

/** A Go struct `pkg.Struct` with known fields (given lazily, so schemas can share parts). */
export const obj = (pkg: string, struct: string, fields: () => Fields): Schema => ({
	type: 'object',
	struct,
	go: `${pkg}.${struct}`,
	fields
});

/** A struct whose fields the lab does not check (securityContext, status, …). */
export const open = (pkg: string, struct: string): Schema => ({
	type: 'object',
	struct,
	go: `${pkg}.${struct}`
});

/** Go's name for a schema's type, as in `of type []v1.Container`. */
export function goType(schema: Schema): string {
	switch (schema.type) {
		case 'string':
		case 'object':
			return schema.go;
		case 'quantity':
			return 'resource.Quantity';
		case 'intOrString':
			return 'intstr.IntOrString';
		case 'time':
			return 'v1.Time';
		case 'bytes':
			return '[]uint8';
		case 'any':
			return 'interface {}';
		case 'array':
			return `[]${goType(schema.of)}`;
		case 'map':
			return schema.go ?? `map[string]${goType(schema.of)}`;
		default:
			return schema.type;
	}
}

export const resourceList: Schema = mapOf(quantity, 'v1.ResourceList');

export const labelSelector: Schema = obj('v1', 'LabelSelector', () => ({
	matchExpressions: arr(
		obj('v1', 'LabelSelectorRequirement', () => ({
			key: str(),
			operator: str('v1.LabelSelectorOperator'),
			values: strings
		}))
	),
	matchLabels: stringMap
}));

export const objectMeta: Schema = obj('v1', 'ObjectMeta', () => ({
	annotations: stringMap,
	creationTimestamp: time,
	deletionGracePeriodSeconds: i64,
	deletionTimestamp: time,
	finalizers: strings,
	generateName: str(),
	generation: i64,
	labels: stringMap,
	managedFields: arr(open('v1', 'ManagedFieldsEntry')),
	name: str(),
	namespace: str(),
	ownerReferences: arr(open('v1', 'OwnerReference')),
	resourceVersion: str(),
	selfLink: str(),
	uid: str('types.UID')
}));

/** apiVersion, kind, metadata and status: what every top-level kind has. */
export function topLevel(kind: string, pkg: string, fields: Fields): Schema {
	return obj(pkg, kind, () => ({
		apiVersion: str(),
		kind: str(),
		metadata: objectMeta,
		status: open(pkg, `${kind}Status`),
		...fields
	}));
}
