/**
 * JSON as Go's encoding/json writes it for docker's output: a struct's fields in their order, a
 * map's keys sorted (encode.go mapEncoder sorts the keys, byte order). The lab's objects are
 * plain JS objects, so which ones are maps is told by the caller: by the Go type where the
 * template knows it, else by the field's name — the API fields that are Go maps (moby
 * api/types: Labels, Options, DriverOpts, Sysctls, Annotations; container inspect's
 * ExposedPorts, Volumes, Ports, Networks, PortBindings; network inspect's Containers). A name
 * that is a struct elsewhere is left out (Config, Status). Arrays keep their order.
 */

const MAP_FIELDS: ReadonlySet<string> = new Set([
	'Labels',
	'Options',
	'DriverOpts',
	'Sysctls',
	'Annotations',
	'ExposedPorts',
	'Volumes',
	'Ports',
	'Networks',
	'PortBindings',
	'Containers'
]);

/** Whether the object under `key` is a Go map by its name (arrays never are). */
export function isMapField(key: string): boolean {
	return MAP_FIELDS.has(key);
}

export interface GoJsonOptions {
	/** Whether `obj`, found under `key`, is a map (its keys are then sorted). */
	isMap(key: string, obj: object): boolean;
	/** A scalar's JSON value (e.g. times as Go marshals them); the value itself by default. */
	scalar?(value: unknown): unknown;
	/** Each level indented by this (json.Indent's), or compact when undefined. */
	indent?: string;
	/** Values to print as they are (a template's nil and Stringer values). */
	special?(value: unknown): { json: unknown } | undefined;
}

export function goJsonText(value: unknown, o: GoJsonOptions): string {
	return write(value, '', '', o) ?? 'null';
}

function write(v: unknown, key: string, pad: string, o: GoJsonOptions): string | undefined {
	const special = o.special?.(v);
	if (special !== undefined) return JSON.stringify(special.json) ?? 'null';
	if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
	if (v === null || typeof v !== 'object') return JSON.stringify(o.scalar ? o.scalar(v) : v);
	const inner = o.indent === undefined ? '' : pad + o.indent;
	const nl = o.indent === undefined ? '' : '\n';
	const sep = o.indent === undefined ? ':' : ': ';
	if (Array.isArray(v)) {
		if (v.length === 0) return '[]';
		const items = v.map((x) => write(x, '', inner, o) ?? 'null');
		return `[${nl}${items.map((s) => inner + s).join(`,${nl}`)}${nl}${pad}]`;
	}
	const keys = Object.keys(v);
	if (o.isMap(key, v)) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const parts: string[] = [];
	for (const k of keys) {
		const text = write((v as Record<string, unknown>)[k], k, inner, o);
		if (text !== undefined) parts.push(`${inner}${JSON.stringify(k)}${sep}${text}`);
	}
	if (parts.length === 0) return '{}';
	return `{${nl}${parts.join(`,${nl}`)}${nl}${pad}}`;
}
