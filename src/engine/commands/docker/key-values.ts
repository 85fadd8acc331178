/**
 * docker's `k=v` list flags (--label, --container-label, --opt, --driver-opt, --log-opt,
 * --sysctl, --label-add) as Go maps: a user's key such as `__proto__` or `toString` is a key.
 */
import { putOwn } from '../../core/own-keys';

/**
 * Adds each `k=v` to `into` (a bare `k` is an empty value, the last one wins): docker/cli
 * opts.ConvertKVStringsToMap, `k, v, _ := strings.Cut(value, "=")`, as `service update
 * --label-add` and `node update --label-add` merge it into the spec's labels.
 */
export function addKeyValues(into: Record<string, string>, values: readonly string[]): void {
	for (const kv of values) {
		const eq = kv.indexOf('=');
		putOwn(into, eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
	}
}

/** opts.ConvertKVStringsToMap: the `k=v` list as a new map. */
export function keyValues(values: readonly string[]): Record<string, string> {
	const out: Record<string, string> = {};
	addKeyValues(out, values);
	return out;
}
