/**
 * Which backend an Ingress sends one HTTP request to (docs: services-networking/ingress.md,
 * "Path types", "Examples", "Hostname wildcards"): the rules whose host matches, then the
 * longest matching path — Exact before Prefix at equal length; Prefix matches whole path
 * elements (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`). ingress-nginx treats
 * ImplementationSpecific like Prefix. No match: `spec.defaultBackend`, else the controller's
 * own default backend (404).
 */
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';

export type IngressMatch = { backend: IngressBackend } | { defaultBackend: true };

function hostMatches(ruleHost: string | undefined, host: string): boolean {
	if (!ruleHost) return true;
	const h = host.toLowerCase().replace(/:\d+$/, '');
	if (ruleHost.startsWith('*.')) {
		// A wildcard covers exactly one DNS label.
		const suffix = ruleHost.slice(1);
		return (
			h.endsWith(suffix) && !h.slice(0, -suffix.length).includes('.') && h.length > suffix.length
		);
	}
	return ruleHost === h;
}

function elements(path: string): string[] {
	return path.split('/').filter((e) => e !== '');
}

function prefixMatches(prefix: string, path: string): boolean {
	const p = elements(prefix);
	const q = elements(path);
	return p.length <= q.length && p.every((e, i) => q[i] === e);
}

export function matchIngress(ingress: Ingress, host: string, path: string): IngressMatch {
	let best: { backend: IngressBackend; length: number; exact: boolean } | undefined;
	for (const rule of ingress.spec?.rules ?? []) {
		if (!hostMatches(rule.host, host)) continue;
		for (const p of rule.http?.paths ?? []) {
			const rulePath = p.path || '/';
			const exact = p.pathType === 'Exact';
			const ok = exact ? rulePath === path : prefixMatches(rulePath, path);
			if (!ok) continue;
			const length = rulePath.length;
			if (
				best === undefined ||
				length > best.length ||
				(length === best.length && exact && !best.exact)
			)
				best = { backend: p.backend, length, exact };
		}
	}
	if (best !== undefined) return { backend: best.backend };
	if (ingress.spec?.defaultBackend) return { backend: ingress.spec.defaultBackend };
	return { defaultBackend: true };
}
