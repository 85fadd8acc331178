/** Small conversions the loader's mapstructure hooks make (cli/compose/loader/loader.go). */
import { isDict, type Value } from './types';

/** fmt.Sprint / %v of a decoded YAML value. */
export function goSprint(value: Value | undefined): string {
	if (value === undefined || value === null) return '<nil>';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map((v) => goSprint(v)).join(' ')}]`;
	const keys = Object.keys(value).sort();
	return `map[${keys.map((k) => `${k}:${goSprint(value[k])}`).join(' ')}]`;
}

export function str(value: Value | undefined): string {
	return typeof value === 'string' ? value : '';
}

/**
 * transformMappingOrList(sep, allowNil): a map's values printed with %v (null → "" or null), a
 * list's `key<sep>value` entries split at the first separator.
 */
export function mappingOrList(
	value: Value | undefined,
	sep: string,
	allowNil: boolean
): Map<string, string | null> {
	const out = new Map<string, string | null>();
	if (isDict(value)) {
		for (const [key, item] of Object.entries(value)) {
			out.set(key, item === null ? (allowNil ? null : '') : goSprint(item));
		}
	} else if (Array.isArray(value)) {
		for (const item of value) {
			const text = typeof item === 'string' ? item : goSprint(item);
			const at = text.indexOf(sep);
			if (at < 0) out.set(text, allowNil ? null : '');
			else out.set(text.slice(0, at), text.slice(at + sep.length));
		}
	}
	return out;
}

/** Labels / driver options as a plain record (undefined when there are none). */
export function labels(value: Value | undefined): Record<string, string> | undefined {
	const map = mappingOrList(value, '=', false);
	if (map.size === 0) return undefined;
	// fromEntries defines own properties, so a `__proto__` label stays a plain label.
	return Object.fromEntries([...map].map(([key, item]) => [key, item ?? '']));
}

/** transformStringList: one string or a list of strings. */
export function stringList(value: Value | undefined): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return [];
}

/** versions.GreaterThanOrEqualTo: dotted numeric comparison. */
export function versionAtLeast(version: string, wanted: string): boolean {
	const a = version.split('.');
	const b = wanted.split('.');
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = Number.parseInt(a[i] ?? '0', 10) || 0;
		const y = Number.parseInt(b[i] ?? '0', 10) || 0;
		if (x !== y) return x > y;
	}
	return true;
}
