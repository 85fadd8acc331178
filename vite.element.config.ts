/**
 * How `/orchestra-lab.js` is built: the `<orchestra-lab>` custom element (src/viz/element) as a
 * small classic script that any page can load with a plain `<script src>` — no module CORS, no
 * framework on the host page — plus the heavy half it fetches only when a lab comes near the
 * screen: `/orchestra-lab/*.js`, the widget, the engine core and each engine flavour as chunks
 * with content hashes in their names (src/viz/element/chunk-format.ts).
 *
 * Two builds, in this order:
 *  1. the widget core (src/viz/element/mount-widget.ts) as CommonJS chunks, split like the site
 *     splits its labs (the flavours are dynamic imports: src/engine/flavors/load.ts);
 *  2. the loader (src/viz/element/index.ts) as one IIFE, with the chunk names written in.
 *
 * `orchestraLabElement()` is the plugin vite.config.ts uses, so every way the site is made has
 * the files: `vite build` emits them into the client output (adapter-static copies them into
 * `build/`), and `vite dev` serves them, rebuilt after a source change. `npm run bench:weight`
 * reports their sizes.
 */
import path from 'node:path';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';
import type { Flavor } from './src/engine/types.js';
import { CHUNK_DIR, wrapChunk, type ChunkManifest } from './src/viz/element/chunk-format.js';

const ROOT = import.meta.dirname;
export const SCRIPT_FILE = 'orchestra-lab.js';

/** Where each engine flavour starts (its registration module, a dynamic import of the core). */
const FLAVOR_MODULES: Record<Flavor, string> = {
	kubernetes: path.join(ROOT, 'src/engine/flavors/kubernetes.ts'),
	swarm: path.join(ROOT, 'src/engine/flavors/swarm.ts')
};

/** What both builds share: no SvelteKit (its `$app/paths` is stood in for), minified, es2022. */
function baseConfig(): InlineConfig {
	return {
		configFile: false,
		root: ROOT,
		logLevel: 'warn',
		resolve: {
			alias: {
				$engine: path.join(ROOT, 'src/engine'),
				$viz: path.join(ROOT, 'src/viz'),
				'$app/paths': path.join(ROOT, 'src/viz/element/app-paths.ts')
			}
		},
		define: { 'process.env.NODE_ENV': JSON.stringify('production') },
		build: {
			write: false,
			copyPublicDir: false,
			target: 'es2022',
			minify: true,
			sourcemap: false
		}
	};
}

/** Build 1: the widget core and the flavours, as CommonJS chunks (wrapped afterwards). */
function coreBuildConfig(): InlineConfig {
	const base = baseConfig();
	return {
		...base,
		plugins: [
			svelte({
				configFile: false,
				preprocess: vitePreprocess(),
				// Component styles go into <style> tags appended to the shadow root (not a .css file).
				emitCss: false,
				compilerOptions: { runes: true, css: 'injected' }
			})
		],
		build: {
			...base.build,
			modulePreload: false,
			rolldownOptions: {
				input: { core: path.join(ROOT, 'src/viz/element/mount-widget.ts') },
				preserveEntrySignatures: 'strict',
				output: {
					format: 'cjs',
					entryFileNames: '[name]-[hash].js',
					chunkFileNames: '[name]-[hash].js'
				},
				checks: {
					// A nested build inside the site's: its timing report would only repeat the site's.
					bundlerTimings: false,
					// Vite's dynamic-import helper reads `import.meta`, only on paths these chunks never take.
					emptyImportMeta: false
				}
			}
		}
	};
}

/** Build 2: the loader, one classic script, with the chunk manifest written in. */
function loaderBuildConfig(manifest: ChunkManifest): InlineConfig {
	const base = baseConfig();
	return {
		...base,
		define: { ...base.define, __ORCHESTRA_LAB_CHUNKS__: JSON.stringify(manifest) },
		build: {
			...base.build,
			lib: {
				entry: path.join(ROOT, 'src/viz/element/index.ts'),
				formats: ['iife'],
				name: 'OrchestraLab',
				fileName: () => SCRIPT_FILE
			},
			rolldownOptions: {
				output: { codeSplitting: false },
				checks: { bundlerTimings: false }
			}
		}
	};
}

function chunksOf(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
	const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
	const files = outputs.flatMap((o) => o.output);
	const stray = files.find((f) => f.type !== 'chunk');
	// Anything else (a .css file, an image) would have no way to reach the page.
	if (stray) throw new Error(`orchestra-lab: the element build emitted ${stray.fileName}`);
	return files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
}

/** Builds the loader and the chunks in memory: site path (`orchestra-lab/core-….js`) → code. */
export async function bundleElement(): Promise<Map<string, string>> {
	const chunks = chunksOf(await build(coreBuildConfig()));
	const core = chunks.find((c) => c.isEntry);
	const flavor = (f: Flavor) => chunks.find((c) => c.facadeModuleId === FLAVOR_MODULES[f]);
	const kubernetes = flavor('kubernetes');
	const swarm = flavor('swarm');
	if (!core || !kubernetes || !swarm) {
		throw new Error('orchestra-lab: the core build lacks its entry or a flavour chunk');
	}
	const manifest: ChunkManifest = {
		core: core.fileName,
		flavors: { kubernetes: kubernetes.fileName, swarm: swarm.fileName },
		imports: Object.fromEntries(chunks.map((c) => [c.fileName, c.imports]))
	};
	const [loader] = chunksOf(await build(loaderBuildConfig(manifest)));
	if (!loader) throw new Error(`orchestra-lab: the loader build produced no ${SCRIPT_FILE}`);
	return new Map([
		[SCRIPT_FILE, loader.code],
		...chunks.map((c): [string, string] => [
			`${CHUNK_DIR}/${c.fileName}`,
			wrapChunk(c.fileName, c.code)
		])
	]);
}

/** Puts `/orchestra-lab.js` and its chunks into the site: emitted by the client build, served by the dev server. */
export function orchestraLabElement(): Plugin {
	let ssr = false;
	let cached: Promise<Map<string, string>> | undefined;
	return {
		name: 'orchestra-lab-element',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		configureServer(server) {
			server.watcher.on('all', (_event, file) => {
				if (file.startsWith(path.join(ROOT, 'src'))) cached = undefined;
			});
			server.middlewares.use((request, response, next) => {
				const file = new URL(request.url ?? '/', 'http://dev').pathname.slice(1);
				if (file !== SCRIPT_FILE && !file.startsWith(`${CHUNK_DIR}/`)) {
					next();
					return;
				}
				cached ??= bundleElement();
				cached.then(
					(files) => {
						const code = files.get(file);
						if (code === undefined) {
							next();
							return;
						}
						response.setHeader('content-type', 'text/javascript; charset=utf-8');
						response.setHeader('cache-control', 'no-store');
						response.end(code);
					},
					(error: unknown) => {
						cached = undefined;
						next(error);
					}
				);
			});
		},
		async generateBundle() {
			if (ssr) return;
			for (const [fileName, source] of await bundleElement()) {
				this.emitFile({ type: 'asset', fileName, source });
			}
		}
	};
}
