/** JSON and YAML as the real tools print them. */
import { Document, Scalar, visit, type ScalarTag } from 'yaml';
import { escapeLikeGo, sortKeysDeep as sortKeys } from '../manifests/json';

/** kubectl -o json: json.MarshalIndent(obj, "", "    ") of a map, so keys are sorted. */
export function kubectlJson(value: unknown): string {
	return escapeLikeGo(JSON.stringify(sortKeys(value), null, 4)) + '\n';
}

/** YAML 1.1's implicit types other than strings: a plain scalar matching one reads as it. */
let otherTypes: RegExp[] | undefined;

/**
 * kubectl -o yaml (sigs.k8s.io/yaml, go-yaml v2): sorted keys, list items flush with their key,
 * and go-yaml's quoting. A string that would read as another YAML 1.1 type (a number, a
 * boolean, null, a timestamp: `"49"`, `"2026-01-05T09:00:00Z"`, `""`) is double-quoted
 * (encode.go stringv); one that cannot be plain for its characters (a cron schedule, `a: b`, a
 * leading space) is single-quoted (emitterc.go yaml_emitter_select_scalar_style).
 */
export function kubectlYaml(value: unknown): string {
	const doc = new Document(sortKeys(value), { version: '1.1' });
	otherTypes ??= doc.schema.tags.flatMap((t) => {
		const tag = t as ScalarTag;
		return tag.default === true && tag.test !== undefined && tag.tag !== 'tag:yaml.org,2002:str'
			? [tag.test]
			: [];
	});
	const readsAsOther = otherTypes;
	visit(doc, {
		Scalar(_, node) {
			const v = node.value;
			if (typeof v === 'string' && !v.includes('\n') && readsAsOther.some((test) => test.test(v)))
				node.type = Scalar.QUOTE_DOUBLE;
		}
	});
	return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** docker --format '{{json .}}': one compact line, keys sorted, no HTML escaping. */
export function dockerJsonLine(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

/** A List as kubectl prints several objects. */
export function kubectlList(items: readonly unknown[]): Record<string, unknown> {
	return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
