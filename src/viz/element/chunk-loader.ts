/**
 * The loader's side of ./chunk-format.ts: fetches the chunk scripts a lab needs, from the
 * folder next to the loader script (wherever that is served from, so a page on another site
 * gets them from us), and runs them as CommonJS modules. Each chunk is fetched once per page,
 * and run once.
 */
import type { Flavor } from '$engine/types';
import { catalogEntry } from '$viz/scenario-catalog';
import type { ElementConfig } from './attributes';
import { CHUNK_DIR, CHUNK_GLOBAL, chunkName, chunksFor, type ChunkManifest } from './chunk-format';
import type * as Core from './mount-widget';

/** Written in by the build (vite.element.config.ts); absent when this module is tested. */
declare const __ORCHESTRA_LAB_CHUNKS__: ChunkManifest | undefined;

type Factory = (
	require: (specifier: string) => unknown,
	exports: object,
	module: { exports: object }
) => void;

/**
 * The loader's own address, read while it runs for the first time (`currentScript` is gone once
 * it has): the chunks sit next to it.
 */
const SCRIPT_URL =
	typeof document === 'undefined'
		? ''
		: document.currentScript instanceof HTMLScriptElement && document.currentScript.src
			? document.currentScript.src
			: new URL('/orchestra-lab.js', location.href).href;

function registry(): Record<string, Factory | undefined> {
	const scope = globalThis as unknown as Record<string, Record<string, Factory | undefined>>;
	scope[CHUNK_GLOBAL] ??= {};
	return scope[CHUNK_GLOBAL];
}

const fetched = new Map<string, Promise<void>>();

/** Injects the chunk's script once; resolves when it has registered itself. */
function fetchChunk(file: string): Promise<void> {
	let loading = fetched.get(file);
	if (loading === undefined) {
		loading = new Promise<void>((resolve, reject) => {
			if (registry()[file] !== undefined) {
				resolve();
				return;
			}
			const script = document.createElement('script');
			script.src = new URL(`${CHUNK_DIR}/${file}`, SCRIPT_URL).href;
			script.onload = () =>
				registry()[file] === undefined
					? reject(new Error(`orchestra-lab: ${script.src} did not register ${file}`))
					: resolve();
			script.onerror = () => reject(new Error(`orchestra-lab: could not load ${script.src}`));
			document.head.append(script);
		});
		// A failed fetch may be tried again by the next lab (or the same one, re-rendered).
		loading.catch(() => fetched.delete(file));
		fetched.set(file, loading);
	}
	return loading;
}

const modules = new Map<string, { exports: object }>();

/** CommonJS `require` over the registered chunks: runs each once, cached like Node's. */
function requireChunk(specifier: string): unknown {
	const file = chunkName(specifier);
	const known = modules.get(file);
	if (known) return known.exports;
	const factory = registry()[file];
	if (factory === undefined) throw new Error(`orchestra-lab: chunk ${file} is not loaded`);
	const module = { exports: {} };
	modules.set(file, module);
	factory(requireChunk, module.exports, module);
	return module.exports;
}

/** The engine flavours a lab of `config` runs (as src/viz/bridge/flavors.ts loads them). */
export function flavorsOf(config: ElementConfig): readonly Flavor[] {
	return config.layout === 'side-by-side' ? catalogEntry(config.scenario).flavors : [config.flavor];
}

/**
 * Fetches the widget and the engine flavours `config` needs, and returns the widget core
 * (./mount-widget.ts) with those flavours loaded.
 */
export async function loadWidget(config: ElementConfig): Promise<typeof Core> {
	const manifest =
		typeof __ORCHESTRA_LAB_CHUNKS__ === 'undefined' ? undefined : __ORCHESTRA_LAB_CHUNKS__;
	if (manifest === undefined) throw new Error('orchestra-lab: built without its chunk manifest');
	const flavors = flavorsOf(config);
	await Promise.all(chunksFor(manifest, flavors).map(fetchChunk));
	const core = requireChunk(manifest.core) as typeof Core;
	await core.loadFlavors(flavors);
	return core;
}
