/**
 * The stylesheets of what a route imports lazily (for /embed: the lab widget and its views), read
 * at prerender time from the client build's Vite manifest. The route's first paint
 * (./first-paint.ts) is the widget's own HTML, so it needs the widget's CSS before the widget's
 * code arrives; linking these files up front styles it, and Vite's loader skips a stylesheet
 * already linked when the widget is imported later.
 *
 * Server only. Without a client build (`vite dev`) there is no manifest: no stylesheets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
	file: string;
	css?: string[];
	imports?: string[];
	dynamicImports?: string[];
}

/**
 * CSS files (paths from the site root, e.g. `_app/immutable/assets/LabWidget.x.css`) of the
 * modules `routeFile` (e.g. `src/routes/embed/[scenario]/+page.server.ts`, as SvelteKit names
 * the route's node) imports dynamically, minus those the page links anyway, and minus those of
 * the modules `skip` names (by their source path: a lesson route skips the other lessons').
 */
export function lazyStylesheets(
	routeFile: string,
	skip: (source: string) => boolean = () => false,
	root = process.cwd()
): string[] {
	const output = path.join(root, '.svelte-kit/output');
	const manifestFile = path.join(output, 'client/.vite/manifest.json');
	const nodes = path.join(output, 'server/nodes');
	if (!existsSync(manifestFile) || !existsSync(nodes)) return [];
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;

	// The server node that names the route lists the route's client node file first.
	let nodeFile: string | undefined;
	for (const name of readdirSync(nodes)) {
		const source = readFileSync(path.join(nodes, name), 'utf8');
		if (source.includes(JSON.stringify(routeFile))) {
			nodeFile = /export const imports = \["([^"]+)"/.exec(source)?.[1];
		}
	}
	const nodeKey = Object.keys(manifest).find((key) => manifest[key]!.file === nodeFile);
	if (nodeKey === undefined) return [];

	const reach = (withDynamic: boolean): Set<string> => {
		const seen = new Set<string>();
		const visit = (key: string) => {
			const chunk = manifest[key];
			if (chunk === undefined || seen.has(key)) return;
			seen.add(key);
			for (const next of chunk.imports ?? []) visit(next);
			if (withDynamic) for (const next of chunk.dynamicImports ?? []) visit(next);
		};
		visit(nodeKey);
		return seen;
	};
	const cssOf = (keys: Set<string>) =>
		[...keys].flatMap((key) => (skip(key) ? [] : (manifest[key]!.css ?? [])));
	const eager = new Set(cssOf(reach(false)));
	return [...new Set(cssOf(reach(true)))].filter((file) => !eager.has(file));
}
