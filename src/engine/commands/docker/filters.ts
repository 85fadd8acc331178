/**
 * `--filter key=value` as docker parses it (docker/cli opts/filter.go `FilterOpt.Set`; moby
 * api/types/filters): values of one key are alternatives, different keys must all match, and
 * the daemon refuses a key the list endpoint does not know (`invalid filter 'x'`).
 */
import { unknownFlag } from './errors';
import { ownValue } from '../../core/own-keys';

export type Filters = Map<string, string[]>;

export type ParsedFilters = { ok: true; filters: Filters } | { ok: false; error: string };

/**
 * Parses the `--filter` values. `flagName` is how pflag names the flag in its error
 * (`-f, --filter`); `command` the command path, or its whole usage line when the command takes
 * arguments (`docker stack ps [OPTIONS] STACK`); a bare path means `<path> [OPTIONS]`. A bad
 * value is a flag error, so docker 28's FlagErrorFunc (cli/cobra.go) adds the usage lines.
 */
export function parseFilters(
	values: readonly string[],
	allowed: readonly string[],
	command: string,
	flagName = '-f, --filter'
): ParsedFilters {
	const filters: Filters = new Map();
	const cut = command.indexOf(' [');
	const path = cut < 0 ? command : command.slice(0, cut);
	const usage = cut < 0 ? `${command} [OPTIONS]` : command;
	for (const v of values) {
		const eq = v.indexOf('=');
		if (eq < 0) {
			return {
				ok: false,
				error: unknownFlag(
					`invalid argument "${v}" for "${flagName}" flag: bad format of filter (expected name=value)`,
					path,
					usage
				)
			};
		}
		const key = v.slice(0, eq).trim().toLowerCase();
		const value = v.slice(eq + 1).trim();
		filters.set(key, [...(filters.get(key) ?? []), value]);
	}
	// filters.Args.Validate: the daemon names the first unknown key.
	for (const key of filters.keys()) {
		if (!allowed.includes(key)) {
			return { ok: false, error: `Error response from daemon: invalid filter '${key}'\n` };
		}
	}
	return { ok: true, filters };
}

/** No values for the key, or one of them matches. */
export function anyOf(filters: Filters, key: string, match: (value: string) => boolean): boolean {
	const values = filters.get(key);
	return values === undefined || values.some(match);
}

/**
 * swarmkit filterMatchLabels: every `key` (or `key=value`) given must be on the object: a bare
 * key matches any value.
 */
export function labelsMatch(
	filters: Filters,
	key: string,
	labels: Readonly<Record<string, string>> | undefined
): boolean {
	for (const wanted of filters.get(key) ?? []) {
		const eq = wanted.indexOf('=');
		const k = eq < 0 ? wanted : wanted.slice(0, eq);
		const v = eq < 0 ? undefined : wanted.slice(eq + 1);
		const have = ownValue(labels, k);
		if (have === undefined) return false;
		if (v !== undefined && v !== '' && have !== v) return false;
	}
	return true;
}
