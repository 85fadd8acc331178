/**
 * `-f https://…`: kubectl reads a manifest from a URL (cli-runtime builder.go FilenameParam: a
 * path starting `http://` or `https://` is a URL; visitor.go URLVisitor gets it with up to 3
 * attempts and names the stream by the URL). The lab has no network, so it answers from a small
 * simulated web: the Kubernetes documentation's examples (`content/en/examples/` of
 * kubernetes/website) where the tutorials fetch them — `https://k8s.io/examples/…`,
 * `https://kubernetes.io/examples/…` and the repository's raw files on GitHub.
 *
 * What it cannot serve it says so: a path on those hosts it holds no copy of gets a lab message
 * rather than a 404 (the file may well exist); a loopback address refuses the connection, as
 * nothing listens there; any other host does not resolve, as the lab's registries treat hosts
 * outside its world.
 */
import { WEBSITE_EXAMPLES } from '../../kubernetes/website-examples';
import { goQuote } from '../../manifests/json';
import { connectionRefused } from './errors';

/** Whether kubectl takes `path` as a URL (builder.go: `strings.Index(s, "https://") == 0`). */
export function isManifestUrl(path: string): boolean {
	return path.startsWith('http://') || path.startsWith('https://');
}

export type Fetched = { readonly text: string } | { readonly error: string };

/** Where each host keeps the examples: the path prefix before an example's own path. */
const EXAMPLE_ROOTS: ReadonlyMap<string, readonly string[]> = new Map([
	// k8s.io/examples/* redirects to kubernetes.io/examples/*, which serves the files.
	['k8s.io', ['/examples/']],
	['kubernetes.io', ['/examples/']],
	['www.kubernetes.io', ['/examples/']],
	['raw.githubusercontent.com', ['/kubernetes/website/main/content/en/examples/']],
	// github.com/…/raw/… redirects to raw.githubusercontent.com.
	['github.com', ['/kubernetes/website/raw/main/content/en/examples/']]
]);

/**
 * The body an http.Get of `url` returns in the lab, or the error kubectl prints for it: the
 * network's (cmdutil StandardErrorMessage of the *url.Error: `Unable to connect to the server:
 * …`, `The connection to the server … was refused …`), net/url's for a host it refuses, or —
 * for a path on the examples' hosts that the lab holds no copy of — the lab's own, after
 * kubectl's `error: unable to read URL "…"`.
 */
export function fetchManifest(url: string): Fetched {
	const parts = /^https?:\/\/([^/?#]*)([^?#]*)/.exec(url);
	const authority = parts?.[1] ?? '';
	const hostPart = authority.replace(/^.*@/, '').replace(/:\d*$/, '');
	// net/http refuses a request without a host; net/url refuses these characters in one.
	if (hostPart === '')
		return { error: 'Unable to connect to the server: http: no Host in request URL' };
	// eslint-disable-next-line no-control-regex -- control characters are what net/url refuses
	const bad = /[\s"<>\\^`{|}\u0000-\u001f\u007f]/.exec(hostPart);
	if (bad !== null)
		return {
			error: `error: the URL passed to filename ${goQuote(url)} is not valid: parse ${goQuote(url)}: invalid character ${goQuote(bad[0])} in host name`
		};
	const pathname = parts?.[2] ?? '';
	const host = hostPart.toLowerCase();
	// cmdutil StandardErrorMessage: a refused connection names the URL's host (port included).
	if (LOOPBACK.test(host))
		return { error: connectionRefused(authority.replace(/^.*@/, '')).trimEnd() };
	const roots = EXAMPLE_ROOTS.get(host);
	// Go's resolver never looks up an IP literal: the lab's world has nobody at one, and the
	// dial times out (net/http's default transport gives up after 30 s).
	if (roots === undefined && /^[\d.]+$|^\[/.test(host)) {
		const port = /:(\d+)$/.exec(authority)?.[1] ?? (url.startsWith('https:') ? '443' : '80');
		return { error: `Unable to connect to the server: dial tcp ${hostPart}:${port}: i/o timeout` };
	}
	if (roots === undefined)
		return { error: `Unable to connect to the server: dial tcp: lookup ${hostPart}: no such host` };
	for (const root of roots) {
		if (!pathname.startsWith(root)) continue;
		const path = unescaped(pathname.slice(root.length));
		if (Object.hasOwn(WEBSITE_EXAMPLES, path)) return { text: WEBSITE_EXAMPLES[path]!.text };
	}
	return {
		error: `error: unable to read URL ${goQuote(url)}: the lab has no network, and keeps copies of only the kubernetes.io examples its tutorials apply (https://k8s.io/examples/…)`
	};
}

/** Names that reach the learner's own machine, where nothing serves manifests. */
const LOOPBACK = /^(?:localhost|127(?:\.\d+){3}|\[::1\])$/;

/** A URL path's own text (`%20` → space), or '' when its escapes are broken (no file has it). */
function unescaped(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return '';
	}
}
