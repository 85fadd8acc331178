/**
 * `npm run bench [-- --json] [-- --tsx] [-- --minify]`: the engine's figures (bench/suite.ts),
 * measured on the engine as the site ships it: bundled by esbuild as a production build bundles
 * it (bench/bundled.ts), then run in a fresh Node. `--tsx` runs the TypeScript sources through
 * tsx instead (esbuild's keepNames on every module: slower where code makes closures per call).
 * The `--json` lines' names are the same either way.
 */
import { runBundled } from './bundled';

if (process.argv.includes('--tsx')) await import('./suite');
else process.exitCode = await runBundled('bench/suite.ts', process.argv.slice(2));
