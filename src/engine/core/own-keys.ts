/**
 * Maps keyed by user-named strings (labels, annotations, ConfigMap keys, env names, Swarm labels
 * and options) live in plain objects, which inherit Object.prototype: `m['toString']` is a
 * function, `'constructor' in m` is true and `m['__proto__'] = v` changes the prototype instead
 * of adding a key. Go maps have none of that, so every read, test and write of such a key goes
 * through these helpers. Object.hasOwn is a property lookup: fine in a per-pod-per-node match.
 */

/** The map's own value for `key`, or undefined (never an inherited Object.prototype member). */
export function ownValue<T>(
	map: Readonly<Record<string, T>> | undefined,
	key: string
): T | undefined {
	return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Whether the map has `key` as its own key (Go's `_, ok := m[key]`). */
export function hasOwnKey(
	map: Readonly<Record<string, unknown>> | undefined,
	key: string
): boolean {
	return map !== undefined && Object.hasOwn(map, key);
}

/** Sets a key without letting `__proto__` change the object's prototype: it stays a key. */
export function putOwn<T>(map: Record<string, T>, key: string, value: T): void {
	if (key === '__proto__') {
		Object.defineProperty(map, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true
		});
	} else {
		map[key] = value;
	}
}
