/**
 * How the heavy half of `<orchestra-lab>` travels: CommonJS chunks (the bundler's code
 * splitting) each wrapped into a classic script that files its code under its name in one
 * global object. The small loader (`/orchestra-lab.js`) injects the scripts a lab needs and runs
 * them with its own `require`.
 *
 * Why classic scripts and not `import()` of ES modules: a module script from another origin needs
 * CORS headers that a site embedding us cannot add to our host, while a classic `<script src>`
 * runs from anywhere. Why chunks: a Swarm lab should not download Kubernetes, nor the other way
 * round (src/engine/flavors). Used by the build (vite.element.config.ts) and by the loader
 * (./chunk-loader.ts), so both agree on the format.
 */
import type { Flavor } from '$engine/types';

/** The global object the chunk scripts register their code in (file name → factory). */
export const CHUNK_GLOBAL = 'orchestraLabChunks';

/** The chunks' folder, next to the loader script: `/orchestra-lab/core-<hash>.js`. */
export const CHUNK_DIR = 'orchestra-lab';

/** What the loader knows of the chunks, fixed at build time. */
export interface ChunkManifest {
	/** The entry: mounts a widget, loads flavours (src/viz/element/mount-widget.ts). */
	core: string;
	/** The chunk each engine flavour starts from. */
	flavors: Record<Flavor, string>;
	/** Each chunk's static imports (chunk file names). */
	imports: Record<string, readonly string[]>;
}

/** `./core-abc.js` (as a chunk's `require` names it) → `core-abc.js`. */
export function chunkName(specifier: string): string {
	return specifier.replace(/^\.\//, '');
}

/** A chunk's CommonJS code as a classic script that registers it under its file name. */
export function wrapChunk(file: string, code: string): string {
	// "use strict": the code was written as ES modules, which are strict. The newline before
	// the closing brace keeps a trailing line comment from swallowing it.
	return (
		`(self.${CHUNK_GLOBAL}=self.${CHUNK_GLOBAL}||{})[${JSON.stringify(file)}]=` +
		`function(require,exports,module){"use strict";${code}\n};\n`
	);
}

/** The chunks a lab on `flavors` runs: the core's, and each flavour's, with all they import. */
export function chunksFor(manifest: ChunkManifest, flavors: Iterable<Flavor>): string[] {
	const out = new Set<string>();
	const stack = [manifest.core, ...[...flavors].map((f) => manifest.flavors[f])];
	while (stack.length > 0) {
		const file = stack.pop()!;
		if (out.has(file)) continue;
		out.add(file);
		stack.push(...(manifest.imports[file] ?? []));
	}
	return [...out].sort();
}
