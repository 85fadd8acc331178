// Property tests of the stack loader: whatever stack file a learner pastes, loadStack never
// throws; it either loads (as docker would) or answers with one docker-style error and nothing
// else. Inputs are mutations of the real corpus stacks (shared/corpus/swarm): broken YAML, wrong
// types, missing and extra fields, huge values, hostile names and labels. Where docker's answer
// is known (an extra key, a non-integer replica count, a hostile service name or label), the
// exact answer is checked. Fixed seeds make failures reproducible.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadStack, type LoadResult } from '../../../../src/engine/swarm/stack';
import { parseComposeYaml } from '../../../../src/engine/swarm/stack/yaml';
import type { Dict, Value } from '../../../../src/engine/swarm/stack/types';
import { SKIP_REASON, swarmCorpusAvailable, swarmCorpusFiles } from './corpus';
import {
	HOSTILE_VALUES,
	mutate,
	mutationArbitrary,
	splice,
	textMutationArbitrary,
	YAML_SNIPPETS
} from '../../document-mutations';

const SEED = 20_261_125;
const files = swarmCorpusFiles();
const readFile = (path: string) => (path.endsWith('nothing-here') ? undefined : `K=v\n`);
const load = (text: string) =>
	loadStack(text, { stackName: 'fz', readFile, path: 'stacks/fuzz.yml' });

/** One service of one corpus file, with the file's top-level sections: small, fast to parse. */
interface Unit {
	name: string;
	doc: Dict;
	/** Whether the unmutated unit loads: the oracle checks need a clean start. */
	loads: boolean;
}

function plain(value: Value): Value {
	return JSON.parse(JSON.stringify(value)) as Value;
}

const units: Unit[] = files.flatMap((file) => {
	const dict = parseComposeYaml(file.text);
	const services = dict.services as Dict;
	return Object.keys(services).map((name) => {
		const doc: Dict = {};
		for (const [key, value] of Object.entries(dict)) {
			if (key !== 'services') doc[key] = plain(value);
		}
		doc.services = { [name]: plain(services[name] ?? null) };
		return { name, doc, loads: load(JSON.stringify(doc)).ok };
	});
});

const HOSTILE: Value[] = [
	...HOSTILE_VALUES,
	'"><script>alert(1)</script>',
	'$',
	'${',
	'${X:?boom}',
	'$$',
	'constructor',
	'80:http',
	'99999:99999',
	'1-65535:1',
	'5 minutes',
	'-1s'
];

/** Hostile text with no `$`, so interpolation leaves it as it is. */
const HOSTILE_TEXT = [
	'<img src=x onerror=alert(1)>',
	'"><script>alert(1)</script>',
	"'; DROP TABLE stacks; --",
	'../../etc/passwd',
	'\u202eevil',
	'名前',
	'a\nb',
	'x'.repeat(5000)
];

const TEXT_SNIPPETS = [
	...YAML_SNIPPETS,
	'*default-opts',
	'<<: *default-opts\n',
	'$',
	'${',
	'$$',
	'${X:?no}',
	'x-'
];

const tally = { loaded: 0, refused: 0 };

/** Runs the loader and checks its contract. */
function check(text: string): LoadResult {
	let result: LoadResult;
	try {
		result = load(text);
	} catch (error) {
		throw new Error(`loadStack threw on ${JSON.stringify(text.slice(0, 300))}: ${String(error)}`, {
			cause: error
		});
	}
	if (result.ok) {
		tally.loaded++;
		for (const spec of result.services) {
			expect(spec.Name.startsWith('fz_')).toBe(true);
			expect(spec.Labels?.['com.docker.stack.namespace']).toBe('fz');
		}
	} else {
		tally.refused++;
		// A failed load produces nothing but the error.
		expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
		expect(result.error.length).toBeGreaterThan(0);
		// Anything else would be a lab bug caught by the loader's last-resort handler.
		expect(result.error.startsWith('lab:')).toBe(false);
	}
	return result;
}

function serviceOf(doc: Dict, name: string): Dict {
	return (doc.services as Dict)[name] as Dict;
}

describe.skipIf(!swarmCorpusAvailable)(
	`stack loader fuzzing (${swarmCorpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		const clean = units.filter((u) => u.loads);

		afterAll(() => {
			// Both outcomes must be common, or the mutations test little.
			expect(tally.loaded).toBeGreaterThan(1000);
			expect(tally.refused).toBeGreaterThan(2000);
			console.log(`stack fuzzing: ${tally.loaded} loaded, ${tally.refused} refused`);
		});

		it('every corpus service loads on its own (the oracle checks start from these)', () => {
			expect(units.length).toBeGreaterThan(20);
			expect(clean.map((u) => u.name)).toEqual(units.map((u) => u.name));
		});

		it('survives structural mutations: wrong types, missing and extra fields, huge values', () => {
			const arbitrary = fc.record({
				unit: fc.nat({ max: units.length - 1 }),
				mutation: mutationArbitrary(HOSTILE, 10),
				yaml: fc.nat({ max: 9 })
			});
			fc.assert(
				fc.property(arbitrary, ({ unit, mutation, yaml }) => {
					const mutated = mutate(units[unit]!.doc, mutation, '_');
					// Mostly JSON (a YAML subset, quick to parse); now and then block YAML.
					const text = yaml === 0 ? stringify(mutated) : JSON.stringify(mutated);
					const first = check(text);
					if (yaml === 1) expect(load(text)).toEqual(first);
				}),
				{ seed: SEED, numRuns: 7000 }
			);
		}, 120_000);

		it("answers docker's exact error for an extra key, a bad replica count, a hostile service name", () => {
			const arbitrary = fc.record({
				unit: fc.nat({ max: clean.length - 1 }),
				kind: fc.nat({ max: 2 }),
				text: fc.constantFrom(...HOSTILE_TEXT),
				replicas: fc.oneof(
					fc.string({ maxLength: 6 }),
					fc.double({ noInteger: true, noNaN: true }),
					fc.boolean()
				)
			});
			fc.assert(
				fc.property(arbitrary, ({ unit, kind, text, replicas }) => {
					const { name, doc } = clean[unit]!;
					const copy = structuredClone(doc);
					const service = serviceOf(copy, name);
					let expected: string;
					if (kind === 0) {
						service.bogus_key = text;
						expected = `services.${name} Additional property bogus_key is not allowed`;
					} else if (kind === 1) {
						const deploy = (service.deploy ?? {}) as Dict;
						if (deploy.mode === 'global') delete deploy.mode;
						deploy.replicas = replicas;
						service.deploy = deploy;
						// A string that interpolates to itself is still a string: schema checks types.
						if (typeof replicas === 'string' && replicas.includes('$')) return;
						expected = `services.${name}.deploy.replicas must be a integer`;
					} else {
						(copy.services as Dict)[text] = service;
						// The schema's service-name pattern; a long plain name is allowed.
						expected = /^[a-zA-Z0-9._-]+$/.test(text)
							? 'loaded'
							: `services Additional property ${text} is not allowed`;
					}
					const result = check(JSON.stringify(copy));
					expect(result.ok ? 'loaded' : result.error).toBe(expected);
				}),
				{ seed: SEED + 1, numRuns: 1000 }
			);
		}, 120_000);

		it('keeps hostile label values exactly, as docker passes them on', () => {
			const arbitrary = fc.record({
				unit: fc.nat({ max: clean.length - 1 }),
				text: fc.constantFrom(...HOSTILE_TEXT),
				key: fc.constantFrom('com.example.note', 'traefik.http.routers.x.rule', 'a'.repeat(200))
			});
			fc.assert(
				fc.property(arbitrary, ({ unit, text, key }) => {
					const { name, doc } = clean[unit]!;
					const copy = structuredClone(doc);
					const service = serviceOf(copy, name);
					service.labels = { [key]: text };
					const deploy = (service.deploy ?? {}) as Dict;
					deploy.labels = [`${key}=${text}`];
					service.deploy = deploy;
					const result = check(JSON.stringify(copy));
					if (!result.ok) throw new Error(result.error);
					const spec = result.services[0]!;
					expect(spec.Labels?.[key]).toBe(text);
					expect(spec.TaskTemplate.ContainerSpec.Labels?.[key]).toBe(text);
				}),
				{ seed: SEED + 2, numRuns: 500 }
			);
		}, 120_000);

		it('survives text mutations of whole corpus files: broken YAML and hostile strings', () => {
			fc.assert(
				fc.property(textMutationArbitrary(files.length, TEXT_SNIPPETS), (m) => {
					check(splice(files[m.file]?.text ?? '', m));
				}),
				{ seed: SEED + 3, numRuns: 1000 }
			);
		}, 120_000);

		it('survives arbitrary text', () => {
			fc.assert(
				fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
					check(text);
				}),
				{ seed: SEED + 4, numRuns: 500 }
			);
		}, 60_000);
	}
);
