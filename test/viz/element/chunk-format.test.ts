/**
 * The element's heavy half as classic-script chunks: a wrapped chunk registers its CommonJS code
 * under its name and runs as the module it was (strict, its exports, its requires), and a lab
 * fetches exactly the chunks its flavours reach.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CHUNK_GLOBAL,
	chunkName,
	chunksFor,
	wrapChunk,
	type ChunkManifest
} from '../../../src/viz/element/chunk-format';

type Factory = (require: (s: string) => unknown, exports: object, module: object) => void;

/** Runs wrapped chunk scripts as a page would (one shared `self`), returns what they registered. */
function runScripts(...scripts: string[]): Record<string, Factory> {
	const self: Record<string, unknown> = {};
	for (const script of scripts) new Function('self', script)(self);
	return self[CHUNK_GLOBAL] as Record<string, Factory>;
}

/** A CommonJS `require` over registered factories, run once each (as the loader does). */
function requirer(factories: Record<string, Factory>) {
	const cache = new Map<string, { exports: object }>();
	const require = (specifier: string): unknown => {
		const name = chunkName(specifier);
		const known = cache.get(name);
		if (known) return known.exports;
		const module = { exports: {} };
		cache.set(name, module);
		const factory = factories[name];
		if (!factory) throw new Error(`no chunk ${name}`);
		factory(require, module.exports, module);
		return module.exports;
	};
	return require;
}

describe('wrapChunk', () => {
	it('registers chunks under their names; requires between them resolve, each runs once', () => {
		const shared = wrapChunk(
			'shared-a1.js',
			'globalThis.__runs=(globalThis.__runs??0)+1;exports.twice=n=>n*2; // trailing comment'
		);
		const core = wrapChunk(
			'core-b2.js',
			'const s=require("./shared-a1.js");const t=require("./shared-a1.js");exports.answer=s.twice(21)+(s===t?0:1);'
		);
		const factories = runScripts(shared, core);
		expect(Object.keys(factories).sort()).toEqual(['core-b2.js', 'shared-a1.js']);
		const g = globalThis as { __runs?: number };
		delete g.__runs;
		expect(requirer(factories)('core-b2.js')).toEqual({ answer: 42 });
		expect(g.__runs).toBe(1);
		delete g.__runs;
	});

	it('runs the code in strict mode, as the ES modules it was built from', () => {
		const factories = runScripts(wrapChunk('x.js', 'undeclared = 1;'));
		expect(() => requirer(factories)('x.js')).toThrow(ReferenceError);
	});

	it('keeps chunks another script registered, and a module.exports replacement', () => {
		const factories = runScripts(
			wrapChunk('one.js', 'exports.n=1;'),
			wrapChunk('two.js', 'module.exports={n:2};')
		);
		const require = requirer(factories);
		expect([require('./one.js'), require('./two.js')]).toEqual([{ n: 1 }, { n: 2 }]);
	});

	it('quotes the file name, whatever it holds', () => {
		const name = 'we"ird\\name.js';
		expect(Object.keys(runScripts(wrapChunk(name, '')))).toEqual([name]);
	});
});

describe('chunksFor', () => {
	const manifest: ChunkManifest = {
		core: 'core.js',
		flavors: { kubernetes: 'k8s.js', swarm: 'swarm.js' },
		imports: {
			'core.js': ['shared.js', 'network.js'],
			'k8s.js': ['shared.js', 'program.js', 'network.js'],
			'swarm.js': ['program.js', 'local-store.js'],
			'shared.js': ['network.js'],
			'program.js': ['network.js'],
			'local-store.js': ['network.js'],
			'network.js': []
		}
	};

	it('fetches the core and the asked flavours with what they import, and nothing else', () => {
		expect(chunksFor(manifest, ['kubernetes'])).toEqual([
			'core.js',
			'k8s.js',
			'network.js',
			'program.js',
			'shared.js'
		]);
		expect(chunksFor(manifest, ['swarm'])).not.toContain('k8s.js');
		expect(chunksFor(manifest, [])).toEqual(['core.js', 'network.js', 'shared.js']);
		expect(chunksFor(manifest, ['kubernetes', 'swarm'])).toEqual(
			[...Object.keys(manifest.imports)].sort()
		);
	});

	it('is the set of chunks reachable from the core and the flavours, on any import graph', () => {
		const graph = fc.integer({ min: 3, max: 12 }).chain((n) =>
			fc.tuple(
				fc.constant(n),
				fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), {
					minLength: n,
					maxLength: n
				}),
				fc.subarray(['kubernetes', 'swarm'] as const)
			)
		);
		fc.assert(
			fc.property(graph, ([n, edges, flavors]) => {
				const name = (i: number) => `c${i}.js`;
				const m: ChunkManifest = {
					core: name(0),
					flavors: { kubernetes: name(1), swarm: name(2) },
					imports: Object.fromEntries(edges.map((to, i) => [name(i), to.map(name)]))
				};
				// Reachability by repeated relaxation, independent of chunksFor's walk.
				const reach = new Set([0, ...flavors.map((f) => (f === 'kubernetes' ? 1 : 2))]);
				for (let round = 0; round < n; round++)
					for (const i of [...reach]) for (const j of edges[i] ?? []) reach.add(j);
				expect(chunksFor(m, flavors)).toEqual([...reach].map(name).sort());
			})
		);
	});
});
