/**
 * What a built chunk holds, by source module: each minified byte is counted for the source its
 * source map points it at (bytes with no mapping: "(unmapped)" — bundler glue, export lists),
 * and the chunk's gzip size is shared out in proportion. Reads the `.map` next to each chunk,
 * which a build writes only when asked: `BUILD_SOURCEMAP=1 npx vite build` (vite.config.ts).
 * Used by `npm run bench:weight -- --sources=/en/scheduling`.
 */
import { existsSync, readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One source-map segment's fields (base64 VLQ, relative to the previous segment's). */
function decodeSegment(text: string): number[] {
	const fields: number[] = [];
	let value = 0;
	let shift = 0;
	for (const c of text) {
		const digit = DIGIT.get(c) ?? 0;
		value += (digit & 31) << shift;
		if (digit & 32) {
			shift += 5;
			continue;
		}
		fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
		value = 0;
		shift = 0;
	}
	return fields;
}

export const UNMAPPED = '(unmapped)';

/** Minified bytes of `file` by source (as its map names them), or undefined without a map. */
export function bytesBySource(file: string): Map<string, number> | undefined {
	if (!existsSync(`${file}.map`)) return undefined;
	const lines = readFileSync(file, 'utf8').split('\n');
	const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
		sources: string[];
		mappings: string;
	};
	const bytes = new Map<string, number>();
	const add = (source: string, n: number) => bytes.set(source, (bytes.get(source) ?? 0) + n);
	let source = 0;
	for (const [i, mapped] of map.mappings.split(';').entries()) {
		const line = lines[i] ?? '';
		let column = 0;
		const starts: [column: number, source: string][] = [];
		for (const text of mapped === '' ? [] : mapped.split(',')) {
			const fields = decodeSegment(text);
			column += fields[0] ?? 0;
			if (fields.length > 1) source += fields[1] ?? 0;
			starts.push([column, fields.length > 1 ? (map.sources[source] ?? UNMAPPED) : UNMAPPED]);
		}
		add(UNMAPPED, starts[0]?.[0] ?? line.length);
		for (const [k, [start, from]] of starts.entries()) {
			add(from, (starts[k + 1]?.[0] ?? line.length) - start);
		}
	}
	return bytes;
}

/**
 * A readable name for a source: node_modules packages as `yaml`, `@scope/pkg`; the project's own
 * files by their folder, `depth` levels deep (`src/engine/commands`).
 */
export function sourceGroup(source: string, depth: number): string {
	const clean = source.replace(/^(\.\.\/)+/, '').replace(/^.*?\/(node_modules|src)\//, '$1/');
	const parts = clean.split('/');
	if (parts[0] === 'node_modules') {
		return parts.slice(1, parts[1]?.startsWith('@') ? 3 : 2).join('/');
	}
	return parts.length <= depth ? clean : parts.slice(0, depth).join('/');
}
