/**
 * The code that only checks or names scenarios — the `<orchestra-lab>` loader every embedding
 * page runs at once, the /embed URL's whitelist, the flavour loader — reads the catalogue
 * (src/viz/scenario-catalog.ts), not the scenarios' set-up lines and manifests
 * (src/viz/scenarios.ts), which come with a lab (issue 5: JavaScript per page). Checked on an
 * esbuild bundle of each module, as the site's bundler follows the same static imports.
 */
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CATALOG, isScenarioId, SCENARIO_IDS } from '../../src/viz/scenario-catalog';
import { scenario, SCENARIOS } from '../../src/viz/scenarios';

const ROOT = path.join(import.meta.dirname, '../..');

/** The site's aliases; stylesheets and SvelteKit's virtual modules are not followed. */
const aliases: Plugin = {
	name: 'aliases',
	setup(b) {
		b.onResolve({ filter: /^\$(viz|engine)\// }, (args) => ({
			path: path.join(ROOT, 'src', args.path.replace(/^\$(viz|engine)\//, '$1/')) + '.ts'
		}));
		b.onResolve({ filter: /\?inline$|^\$app\// }, (args) => ({ path: args.path, external: true }));
	}
};

/** The source files a module's bundle holds, relative to the repository. */
async function bundled(entry: string): Promise<string[]> {
	const result = await build({
		entryPoints: [path.join(ROOT, entry)],
		bundle: true,
		write: false,
		metafile: true,
		format: 'esm',
		logLevel: 'silent',
		plugins: [aliases]
	});
	return Object.keys(result.metafile.inputs);
}

describe('the scenario catalogue', () => {
	it.each([
		['the element loader', 'src/viz/element/index.ts'],
		['the /embed URL whitelist', 'src/viz/embed/params.ts'],
		['the flavour loader', 'src/viz/bridge/flavors.ts']
	])('%s reads the catalogue, not the set-ups', async (_what, entry) => {
		const inputs = await bundled(entry);
		expect(inputs).toContain('src/viz/scenario-catalog.ts');
		expect(inputs).not.toContain('src/viz/scenarios.ts');
	});

	it('lists every scenario the labs can build, and nothing else', () => {
		expect(Object.keys(SCENARIOS).sort()).toEqual([...SCENARIO_IDS].sort());
		for (const id of SCENARIO_IDS) {
			const built = scenario(id);
			expect(built.id).toBe(id);
			// A set-up for each flavour the catalogue offers.
			for (const flavor of CATALOG[id].flavors) expect(built.setup[flavor]).toBeDefined();
		}
		expect(isScenarioId('node-failure')).toBe(true);
		expect(isScenarioId('toString')).toBe(false);
	});
});
