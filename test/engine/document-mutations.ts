// The mutations both document fuzzers apply (Kubernetes manifests and Swarm stack files): walk into
// a copy of a parsed document and break what is found there, or splice snippets into the raw text.
import fc from 'fast-check';

/** A JSON-shaped value: what a YAML document parses to. */
export type Doc = string | number | boolean | null | Doc[] | { [key: string]: Doc };

/** Values that are wrong almost anywhere in a manifest or a stack file. */
export const HOSTILE_VALUES: Doc[] = [
	'<img src=x onerror=alert(1)>',
	'../../etc/passwd',
	'x'.repeat(10_000),
	'',
	' ',
	'-',
	'\u0000\u2028',
	'名前',
	'1e400',
	'__proto__',
	true,
	false,
	null,
	0,
	-1,
	1.5,
	2 ** 31,
	2 ** 63,
	Number.MAX_SAFE_INTEGER,
	[],
	[1, 'two', null],
	{},
	{ name: 'x', extra: { deep: [1, { deeper: true }] } },
	JSON.parse('{"__proto__": "polluted"}') as Doc
];

/** Snippets that break YAML in either kind of file. */
export const YAML_SNIPPETS = [
	'\t',
	': ',
	'- ',
	'---\n',
	'{',
	'}',
	'[',
	']',
	'"',
	"'",
	'&a ',
	'*a',
	'!!binary ',
	'\n  ',
	'# comment\n',
	'<img src=x onerror=alert(1)>',
	'\u00e9\u4e2d'
];

export interface Mutation {
	/** Which key to follow at each level (taken modulo the keys there). */
	choices: readonly number[];
	/** 0 delete, 1 replace the value, 2 add an extra key, 3 rename the key. */
	op: number;
	value: Doc;
}

/** Structural mutations: `value` drawn from the hostile list or any small JSON value. */
export function mutationArbitrary<T extends Doc>(
	hostile: readonly T[],
	maxDepth: number
): fc.Arbitrary<Mutation> {
	return fc.record({
		choices: fc.array(fc.nat({ max: 40 }), { maxLength: maxDepth }),
		op: fc.nat({ max: 3 }),
		value: fc.oneof(fc.constantFrom(...hostile), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Doc>)
	});
}

/**
 * Follows the mutation's choices into a copy of `doc` and changes what it finds there.
 * `renameSuffix` is what a renamed key gets appended (a near-miss of a real field name).
 */
export function mutate<T extends Doc>(doc: T, mutation: Mutation, renameSuffix: string): T {
	const root = structuredClone(doc);
	let node: Doc = root;
	for (const choice of mutation.choices) {
		const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
		const key = keys[choice % Math.max(keys.length, 1)];
		const child: Doc | undefined =
			key === undefined ? undefined : (node as Record<string, Doc>)[key];
		if (key === undefined || child === null || child === undefined || typeof child !== 'object') {
			change(node, key, mutation, renameSuffix);
			return root;
		}
		node = child;
	}
	change(node, Object.keys(node ?? {})[0], mutation, renameSuffix);
	return root;
}

function change(node: Doc, key: string | undefined, m: Mutation, renameSuffix: string): void {
	if (node === null || typeof node !== 'object') return;
	const target = node as Record<string, Doc>;
	if (m.op === 0 && key !== undefined) delete target[key];
	else if (m.op === 1 && key !== undefined) target[key] = m.value;
	else if (m.op === 2) target[`extra${String(key)}`] = m.value;
	else if (key !== undefined) {
		const moved = target[key] ?? null;
		delete target[key];
		target[`${key}${renameSuffix}`] = moved;
	}
}

export interface TextMutation {
	file: number;
	at: number;
	cut: number;
	insert: string;
}

/** A splice into one of `fileCount` texts: cut up to 40 characters, insert a snippet. */
export function textMutationArbitrary(
	fileCount: number,
	snippets: readonly string[]
): fc.Arbitrary<TextMutation> {
	return fc.record({
		file: fc.nat({ max: fileCount - 1 }),
		at: fc.nat(),
		cut: fc.nat({ max: 40 }),
		insert: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 8 }))
	});
}

export function splice(text: string, m: TextMutation): string {
	const position = m.at % (text.length + 1);
	return text.slice(0, position) + m.insert + text.slice(position + m.cut);
}
