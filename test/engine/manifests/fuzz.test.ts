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
import {
	HOSTILE_VALUES,
	mutate,
	mutationArbitrary,
	splice,
	textMutationArbitrary,
	YAML_SNIPPETS
} from '../document-mutations';

const SEED = 20_260_611;
const files = corpusFiles();
const documents: JsonValue[] = files.flatMap((f) =>
	parseManifests(f.text, f.name).documents.map((d) => d.value)
);

const HOSTILE: JsonValue[] = [...HOSTILE_VALUES, 'UPPER', 'a.b.c', '25%', '101%', '-1', -(2 ** 53)];

const TEXT_SNIPPETS = [
	...YAML_SNIPPETS,
	'---x\n',
	'%YAML 1.1\n',
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
				mutation: mutationArbitrary(HOSTILE, 12),
				json: fc.boolean()
			});
			fc.assert(
				fc.property(arbitrary, ({ doc, mutation, json }) => {
					const mutated = mutate(documents[doc] ?? null, mutation, 'y');
					check(json ? JSON.stringify(mutated) : stringify(mutated));
				}),
				{ seed: SEED, numRuns: 5000 }
			);
		}, 180_000);

		it('survives text mutations of the corpus: broken YAML and hostile strings', () => {
			fc.assert(
				fc.property(textMutationArbitrary(files.length, TEXT_SNIPPETS), (m) => {
					check(splice(files[m.file]?.text ?? '', m));
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
