/**
 * The engine as each kind of caller gets it, for the flavour-split tests: the whole engine (Node,
 * the CLI), or one flavour loaded the browser's way (src/engine/flavors/load.ts); and what a page
 * would download of it.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { vi } from 'vitest';
import type { Flavor, Lab, LabOptions } from '../../../src/engine/types';

const ROOT = path.join(import.meta.dirname, '../../..');

export interface Engine {
	createLab(options: LabOptions): Lab;
	/** Whether a flavour is registered (the whole engine has both). */
	isLoaded(flavor: Flavor): boolean;
}

/** The engine imported afresh (vi.resetModules): its flavour registry starts empty, as on a page. */
export async function engine(loaded: 'whole' | Flavor): Promise<Engine> {
	vi.resetModules();
	if (loaded === 'whole') {
		const { createLab } = await import('../../../src/engine/index');
		return { createLab: (o) => createLab(o), isLoaded: () => true };
	}
	const { createLab } = await import('../../../src/engine/lab');
	const { loadFlavors } = await import('../../../src/engine/flavors/load');
	const { isFlavorLoaded } = await import('../../../src/engine/flavors/registry');
	await loadFlavors([loaded]);
	return { createLab: (o) => createLab(o), isLoaded: isFlavorLoaded };
}

/** The project's source modules that `entries` bundle together, as a page would load them. */
export async function bundledInputs(entries: readonly string[]): Promise<string[]> {
	const result = await build({
		absWorkingDir: ROOT,
		entryPoints: [...entries],
		bundle: true,
		splitting: true,
		format: 'esm',
		write: false,
		outdir: 'out',
		metafile: true,
		platform: 'neutral',
		mainFields: ['module', 'main'],
		logLevel: 'silent'
	});
	return Object.keys(result.metafile.inputs);
}
