/**
 * The site's stylesheet (src/app.css) re-aimed at a shadow root. On a page that is not ours the
 * element cannot rely on `:root` variables or `body` styles, so the rules that set them are
 * rewritten to apply to `:host`; `html` rules (text size adjustment) are the host page's business
 * and are dropped. Everything else (focus rings, `.visually-hidden`, reduced motion) applies
 * inside the shadow root as it is.
 */

/** Rewrites top-level `:root` and `body` selectors to `:host`, and drops `html` rules. */
export function hostScoped(css: string): string {
	return css
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|[}{;\s])html\s*\{[^}]*\}/g, '$1')
		.replace(/(^|[}{,\s])(?::root|body)(?=\s*[{,])/g, '$1:host');
}
