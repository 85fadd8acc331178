/** JSON and YAML as the real tools print them. */
import { stringify } from 'yaml';
import { escapeLikeGo, sortKeysDeep as sortKeys } from '../manifests/json';

/** kubectl -o json: json.MarshalIndent(obj, "", "    ") of a map, so keys are sorted. */
export function kubectlJson(value: unknown): string {
	return escapeLikeGo(JSON.stringify(sortKeys(value), null, 4)) + '\n';
}

/**
 * kubectl -o yaml (sigs.k8s.io/yaml, go-yaml): sorted keys, list items flush with their key, and
 * YAML 1.1 quoting, so strings that would read as timestamps or booleans are quoted.
 */
export function kubectlYaml(value: unknown): string {
	return stringify(sortKeys(value), { version: '1.1', indentSeq: false, lineWidth: 0 });
}

/** docker --format '{{json .}}': one compact line, keys sorted, no HTML escaping. */
export function dockerJsonLine(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

/** A List as kubectl prints several objects. */
export function kubectlList(items: readonly unknown[]): Record<string, unknown> {
	return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
