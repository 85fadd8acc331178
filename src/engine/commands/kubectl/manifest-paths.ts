/**
 * The files that `-f PATH` names: a file itself, or a folder's manifests (cli-runtime
 * resource/visitor.go ExpandPathsToFileVisitors). A folder is walked in lexical order, as Go's
 * filepath.Walk does; its files count when they end in .json, .yaml or .yml (FileExtensions),
 * and its subfolders only with -R/--recursive.
 */
import type { CommandContext } from '../context';
import { fetchManifest, isManifestUrl } from './manifest-urls';

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The builder's error for a path that is not there (visitor.go ExpandPathsToFileVisitors). */
function pathMissing(path: string): string {
	return `error: the path ${JSON.stringify(path)} does not exist\n`;
}

/** The manifest files the paths name, in kubectl's order, or its error for a missing path. */
export function manifestPaths(
	ctx: CommandContext,
	paths: readonly string[],
	recursive = false
): string[] | string {
	const out: string[] = [];
	for (const path of paths) {
		// A URL is fetched when the builder visits it (readManifestText), after every local
		// path was found.
		if (isManifestUrl(path)) {
			out.push(path);
			continue;
		}
		// A path named on the command line is read whatever its extension.
		if (ctx.readFile(path) !== undefined) {
			out.push(path);
			continue;
		}
		const entries = ctx.readDir(path);
		if (entries === undefined) return pathMissing(path);
		walk(ctx, path, entries, recursive, out);
	}
	return out;
}

/**
 * A manifest's text — a URL's from the lab's web (./manifest-urls.ts), else the file's — or
 * the error kubectl prints for it (with its newline).
 */
export function readManifestText(ctx: CommandContext, path: string): string | { error: string } {
	if (isManifestUrl(path)) {
		const fetched = fetchManifest(path);
		return 'text' in fetched ? fetched.text : { error: `${fetched.error}\n` };
	}
	return ctx.readFile(path) ?? { error: pathMissing(path) };
}

function walk(
	ctx: CommandContext,
	folder: string,
	entries: readonly string[],
	recursive: boolean,
	out: string[]
): void {
	// filepath.Walk reads a folder's names sorted (byte order) and joins them with Join.
	for (const entry of [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
		const name = entry.endsWith('/') ? entry.slice(0, -1) : entry;
		const path = join(folder, name);
		if (entry.endsWith('/')) {
			if (!recursive) continue;
			const inner = ctx.readDir(path);
			if (inner !== undefined) walk(ctx, path, inner, recursive, out);
		} else if (EXTENSIONS.some((ext) => name.endsWith(ext))) out.push(path);
	}
}

/** filepath.Join: one slash between the parts, `./` and a trailing slash dropped. */
function join(folder: string, name: string): string {
	const base = folder.replace(/\/+$/, '');
	if (base === '') return folder.startsWith('/') ? `/${name}` : name;
	if (base === '.') return name;
	return `${base}/${name}`;
}
