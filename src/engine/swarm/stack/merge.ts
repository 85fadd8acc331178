/**
 * Several `-c` files: later files override earlier ones. docker/cli merges the loaded configs
 * (cli/compose/loader/merge.go, mergo with override); the lab merges the validated dicts the
 * same way for maps, and a later list replaces an earlier one, except the keyed lists docker
 * merges entry by entry (ports by published port, volumes by target, secrets and configs by
 * source), where later entries replace earlier ones with the same key.
 */
import { goSprint } from './values';
import { isDict, type Dict, type Value } from './types';
import { ownValue } from '../../core/own-keys';

type KeyOf = (entry: Value) => string;

const keyed: Readonly<Record<string, KeyOf>> = {
	ports: (e) => (isDict(e) ? `${goSprint(e.published)}/${goSprint(e.protocol)}` : goSprint(e)),
	volumes: (e) => (isDict(e) ? goSprint(e.target) : (goSprint(e).split(':')[1] ?? goSprint(e))),
	secrets: (e) => (isDict(e) ? goSprint(e.source) : goSprint(e)),
	configs: (e) => (isDict(e) ? goSprint(e.source) : goSprint(e))
};

function mergeKeyed(base: Value[], override: Value[], key: KeyOf): Value[] {
	const out = new Map<string, Value>();
	for (const entry of [...base, ...override]) out.set(key(entry), entry);
	return [...out.values()];
}

function mergeValue(base: Value | undefined, override: Value, key?: string): Value {
	if (isDict(base) && isDict(override)) return mergeDicts(base, override);
	const keyOf = key !== undefined ? ownValue(keyed, key) : undefined;
	if (keyOf && Array.isArray(base) && Array.isArray(override)) {
		return mergeKeyed(base, override, keyOf);
	}
	return override;
}

export function mergeDicts(base: Dict, override: Dict): Dict {
	const out: Dict = Object.create(null) as Dict;
	for (const [key, value] of Object.entries(base)) out[key] = value;
	for (const [key, value] of Object.entries(override)) out[key] = mergeValue(out[key], value, key);
	return out;
}
