/**
 * `-f https://…`: kubectl reads a manifest from a URL (cli-runtime builder.go FilenameParam: a
 * path starting `http://` or `https://` is a URL; visitor.go URLVisitor gets it with up to 3
 * attempts and names the stream by the URL). The lab has no network, so it answers from a small
 * simulated web: the Kubernetes documentation's examples (`content/en/examples/` of
 * kubernetes/website) where the tutorials fetch them — `https://k8s.io/examples/…`,
 * `https://kubernetes.io/examples/…` and the repository's raw files on GitHub. A path those
 * hosts do not hold answers as the server would (404); any other host fails as a name that
 * does not resolve, the way the lab's registries treat hosts outside its world.
 */
import { WEBSITE_EXAMPLES } from '../../kubernetes/website-examples';
import { goQuote } from '../../manifests/json';

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
 * The body an http.Get of `url` returns in the lab, or kubectl's error for it: `Unable to
 * connect to the server: …` for a host that does not resolve (cmdutil StandardErrorMessage of
 * the *url.Error), `error: unable to read URL …` for a status other than 200
 * (readHttpWithRetries).
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
	const roots = EXAMPLE_ROOTS.get(host);
	if (roots === undefined)
		return { error: `Unable to connect to the server: dial tcp: lookup ${hostPart}: no such host` };
	for (const root of roots) {
		if (!pathname.startsWith(root)) continue;
		const path = unescaped(pathname.slice(root.length));
		if (Object.hasOwn(WEBSITE_EXAMPLES, path)) return { text: WEBSITE_EXAMPLES[path]!.text };
	}
	return {
		error: `error: unable to read URL ${goQuote(url)}, server reported 404 Not Found, status code=404`
	};
}

/** A URL path's own text (`%20` → space), or '' when its escapes are broken (no file has it). */
function unescaped(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return '';
	}
}
