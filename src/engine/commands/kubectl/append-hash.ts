/**
 * `--append-hash` of `kubectl create configmap|secret`: the name gets `-` and a 10-character
 * hash of the object's content (kubectl pkg/util/hash/hash.go ConfigMapHash, SecretHash,
 * encodeConfigMap, encodeSecret, encodeHash): json.Marshal of a map (keys sorted) with the
 * kind, name, data and, for a Secret, type; its SHA-256 in hex; the first ten characters with
 * 0, 1, 3, a and e mapped to g, h, k, m and t so that no words form.
 */
import { goJson } from '../../manifests/json';
import type { JsonObject } from '../../manifests/types';
import { sha256Hex } from '../../images/sha256';

const SWAPS: Readonly<Record<string, string>> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

function encodeHash(hex: string): string {
	return [...hex.slice(0, 10)].map((c) => SWAPS[c] ?? c).join('');
}

/** The hashed name of a ConfigMap (`data` as strings) or a Secret (`data` base64-encoded). */
export function nameWithHash(
	object: { kind: 'ConfigMap' } | { kind: 'Secret'; type: string },
	name: string,
	data: Readonly<Record<string, string>>
): string {
	const encoded: JsonObject = { kind: object.kind, name, data: { ...data } };
	if (object.kind === 'Secret') encoded.type = object.type;
	return `${name}-${encodeHash(sha256Hex(goJson(encoded, true)))}`;
}
