// Property tests: whatever a learner pastes, readManifests never throws, and answers either with
// valid objects or with a non-empty kubectl error. Inputs are mutations of the real corpus files
// (shared/corpus/kubernetes): broken text, wrong types, missing and extra fields, huge numbers,
// hostile strings. Fixed seeds make failures reproducible (fast-check prints seed and path).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { readManifests } from '../../../src/engine/manifests/index';
import type { JsonValue } from '../../../src/engine/manifests/index';
import { parseManifests } from '../../../src/engine/manifests/parse';
import { corpusAvailable, corpusFiles, SKIP_REASON } from './corpus';

const SEED = 20_260_611;
const files = corpusFiles();
const documents: JsonValue[] = files.flatMap((f) =>
	parseManifests(f.text, f.name).documents.map((d) => d.value)
);

const HOSTILE: JsonValue[] = [
	'<img src=x onerror=alert(1)>',
	'../../etc/passwd',
	'x'.repeat(10_000),
	'',
	' ',
	'-',
	'UPPER',
	'a.b.c',
	'\u0000\u2028',
	'名前',
	'25%',
	'101%',
	'-1',
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
	-(2 ** 53),
	Number.MAX_SAFE_INTEGER,
	[],
	[1, 'two', null],
	{},
	{ name: 'x', extra: { deep: [1, { deeper: true }] } },
	JSON.parse('{"__proto__": "polluted"}') as JsonValue
];

const TEXT_SNIPPETS = [
	'\t',
	': ',
	'- ',
	'---\n',
	'---x\n',
	'{',
	'}',
	'[',
	']',
	'"',
	"'",
	'&a ',
	'*a',
	'<<: *a\n',
	'!!binary ',
	'%YAML 1.1\n',
	'\n  ',
	'# comment\n',
	'\u00e9\u4e2d',
	'<img src=x onerror=alert(1)>',
	'../../etc/passwd',
	'x'.repeat(10_000)
];

const tally = { accepted: 0, refused: 0 };

/** A stored object read back is accepted unchanged: defaults and canonical forms are stable. */
function roundTrips(object: unknown): void {
	const again = readManifests(JSON.stringify(object), 'again.json');
	expect(again.ok ? '' : again.error).toBe('');
	expect(again.objects[0]).toEqual(object);
}

/** Runs readManifests and checks its contract; returns whether the document was accepted. */
function check(text: string): boolean {
	let result: ReturnType<typeof readManifests>;
	try {
		result = readManifests(text, 'fuzz.yaml');
	} catch (error) {
		throw new Error(
			`readManifests threw on ${JSON.stringify(text.slice(0, 300))}: ${String(error)}`,
			{ cause: error }
		);
	}
	for (const object of result.objects) {
		expect(typeof object.kind).toBe('string');
		expect(typeof (object.metadata?.name ?? object.metadata?.generateName)).toBe('string');
	}
	if (!result.ok) {
		expect(typeof result.error).toBe('string');
		expect(result.error.length).toBeGreaterThan(0);
		expect(result.entries.some((e) => e.error) || result.error.startsWith('error: ')).toBe(true);
	}
	expect(result.objects.length).toBeLessThanOrEqual(result.entries.length);
	result.objects.forEach(roundTrips);
	tally[result.ok ? 'accepted' : 'refused']++;
	return result.ok;
}

/** Walks `choices` down into a copy of the document and changes what it finds there. */
function mutate(doc: JsonValue, choices: number[], op: number, value: JsonValue): JsonValue {
	const root = structuredClone(doc);
	let node: JsonValue = root;
	for (const choice of choices) {
		const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
		const key = keys[choice % Math.max(keys.length, 1)];
		const child = key === undefined ? undefined : (node as Record<string, JsonValue>)[key];
		if (key === undefined || child === null || typeof child !== 'object') {
			apply(node, key, op, value);
			return root;
		}
		node = child;
	}
	apply(node, Object.keys(node ?? {})[0], op, value);
	return root;
}

function apply(node: JsonValue, key: string | undefined, op: number, value: JsonValue): void {
	if (node === null || typeof node !== 'object') return;
	const target = node as Record<string, JsonValue>;
	if (op === 0 && key !== undefined) delete target[key];
	else if (op === 1 && key !== undefined) target[key] = value;
	else if (op === 2) target[`extra${String(key)}`] = value;
	else if (key !== undefined) {
		const moved = target[key] ?? null;
		delete target[key];
		target[`${key}y`] = moved;
	}
}

describe.skipIf(!corpusAvailable)(
	`manifest fuzzing (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		afterAll(() => {
			// Both outcomes must be common, or the mutations test little.
			expect(tally.accepted).toBeGreaterThan(500);
			expect(tally.refused).toBeGreaterThan(2000);
			console.log(`manifest fuzzing: ${tally.accepted} accepted, ${tally.refused} refused`);
		});

		it('survives structural mutations of the corpus: wrong types, missing and extra fields', () => {
			const arbitrary = fc.record({
				doc: fc.nat({ max: documents.length - 1 }),
				choices: fc.array(fc.nat({ max: 40 }), { maxLength: 12 }),
				op: fc.nat({ max: 3 }),
				value: fc.oneof(
					fc.constantFrom(...HOSTILE),
					fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>
				),
				json: fc.boolean()
			});
			fc.assert(
				fc.property(arbitrary, ({ doc, choices, op, value, json }) => {
					const mutated = mutate(documents[doc] ?? null, choices, op, value);
					check(json ? JSON.stringify(mutated) : stringify(mutated));
				}),
				{ seed: SEED, numRuns: 5000 }
			);
		}, 180_000);

		it('survives text mutations of the corpus: broken YAML and hostile strings', () => {
			const arbitrary = fc.record({
				file: fc.nat({ max: files.length - 1 }),
				at: fc.nat(),
				cut: fc.nat({ max: 40 }),
				insert: fc.oneof(fc.constantFrom(...TEXT_SNIPPETS), fc.string({ maxLength: 8 }))
			});
			fc.assert(
				fc.property(arbitrary, ({ file, at, cut, insert }) => {
					const text = files[file]?.text ?? '';
					const position = at % (text.length + 1);
					check(text.slice(0, position) + insert + text.slice(position + cut));
				}),
				{ seed: SEED + 1, numRuns: 4000 }
			);
		}, 180_000);

		it('survives arbitrary text', () => {
			fc.assert(
				fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
					check(text);
				}),
				{ seed: SEED + 2, numRuns: 1000 }
			);
		}, 180_000);
	}
);
