/**
 * Runs a benchmark as the site ships the engine: bundled by esbuild with what a production
 * `vite build` does to it (ES2022, no keepNames), not through tsx. tsx transforms each module
 * with esbuild's keepNames, which wraps every function made per call (a closure, a callback)
 * in a `__name(...)` call: hot paths that make closures pay for it in tsx and not on the site.
 *
 * `node --import tsx bench/bundled.ts bench/lab-scale.ts [args…]` bundles one benchmark into a
 * temporary directory and runs it there with `--expose-gc` and the given arguments; `npm run
 * bench` does this for the whole suite (bench/run.ts). `--minify` minifies the bundle as well
 * (as the site's is); the default keeps function names readable in a `--cpu-prof` profile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entry` (a path from the repository root) into `dir`; returns the bundle's path. */
export async function bundleBench(entry: string, dir: string, minify = false): Promise<string> {
	const outfile = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
	await build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'es2022',
		keepNames: false,
		minify,
		outfile,
		logLevel: 'warning',
		// The engine's own compiler settings (the site's tsconfig extends SvelteKit's generated one).
		tsconfig: 'tsconfig.engine.json',
		// An ES module bundle of CommonJS packages (yaml's Node build) still needs `require`.
		banner: {
			js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
		}
	});
	return outfile;
}

/** Bundles `entry` and runs it in a fresh Node with `args`; returns its exit code. */
export async function runBundled(entry: string, args: readonly string[]): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'orchestra-bench-'));
	try {
		const file = await bundleBench(entry, dir, args.includes('--minify'));
		const run = spawnSync(process.execPath, ['--expose-gc', file, ...args], { stdio: 'inherit' });
		return run.status ?? 1;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// Run from the command line: bundle the benchmark named by the first argument.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const [entry, ...args] = process.argv.slice(2);
	if (entry === undefined) throw new Error('usage: bench/bundled.ts <bench file> [args…]');
	process.exitCode = await runBundled(entry, args);
}
