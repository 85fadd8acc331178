/**
 * How `/orchestra-lab.js` is built: the `<orchestra-lab>` custom element (src/viz/element) as ONE
 * classic script, engine and Svelte included, that any page can load with a plain
 * `<script src>` — no module CORS, no second request, no framework on the host page.
 *
 * - `orchestraLabElement()` is the plugin vite.config.ts uses, so every way the site is made has
 *   the script: `vite build` emits it into the client output (adapter-static copies it into
 *   `build/`), and `vite dev` serves it, rebuilt after a source change.
 * - The default export builds it on its own into `.svelte-kit/element/` (to look at its size):
 *   `npx vite build -c vite.element.config.ts`.
 */
import path from 'node:path';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { build, defineConfig, type InlineConfig, type Plugin, type Rolldown } from 'vite';

const ROOT = import.meta.dirname;
export const SCRIPT_FILE = 'orchestra-lab.js';

/** The standalone build, without SvelteKit (its `$app/paths` is stood in for). */
export function elementBuildConfig(write: boolean): InlineConfig {
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
		plugins: [
			svelte({
				configFile: false,
				preprocess: vitePreprocess(),
				// Component styles go into <style> tags appended to the shadow root (not a .css file).
				emitCss: false,
				compilerOptions: { runes: true, css: 'injected' }
			})
		],
		define: { 'process.env.NODE_ENV': JSON.stringify('production') },
		build: {
			write,
			outDir: path.join(ROOT, '.svelte-kit/element'),
			emptyOutDir: true,
			copyPublicDir: false,
			target: 'es2022',
			minify: true,
			sourcemap: false,
			lib: {
				entry: path.join(ROOT, 'src/viz/element/index.ts'),
				formats: ['iife'],
				name: 'OrchestraLab',
				fileName: () => SCRIPT_FILE
			},
			rolldownOptions: {
				output: { codeSplitting: false },
				// A nested build inside the site's: its timing report would only repeat the site's.
				checks: { bundlerTimings: false }
			}
		}
	};
}

/** Builds the script in memory and returns its code. */
export async function bundleElement(): Promise<string> {
	const result = await build(elementBuildConfig(false));
	const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
	const chunk = outputs
		.flatMap((o) => o.output)
		.find((file): file is Rolldown.OutputChunk => file.type === 'chunk');
	if (!chunk) throw new Error(`orchestra-lab: the element build produced no ${SCRIPT_FILE}`);
	return chunk.code;
}

/** Puts `/orchestra-lab.js` into the site: emitted by the client build, served by the dev server. */
export function orchestraLabElement(): Plugin {
	let ssr = false;
	let cached: Promise<string> | undefined;
	return {
		name: 'orchestra-lab-element',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		configureServer(server) {
			server.watcher.on('all', (_event, file) => {
				if (file.startsWith(path.join(ROOT, 'src'))) cached = undefined;
			});
			server.middlewares.use(`/${SCRIPT_FILE}`, (_request, response, next) => {
				cached ??= bundleElement();
				cached.then(
					(code) => {
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
			this.emitFile({ type: 'asset', fileName: SCRIPT_FILE, source: await bundleElement() });
		}
	};
}

export default defineConfig(elementBuildConfig(true));
