/**
 * Stands in for SvelteKit's `$app/paths` in the standalone element bundle, where there is no
 * SvelteKit app. The element always runs its widget `embedded` (no Embed panel), so these only
 * need to produce sensible root-relative paths.
 */
export const base = '';
export const assets = '';

export function asset(file: string): string {
	return file;
}

/** `resolve('/embed/[scenario]', { scenario })` → `/embed/node-failure`. */
export function resolve(route: string, params: Record<string, string> = {}): string {
	return route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
