/**
 * Whether an image reference parses as docker's reference.ParseNormalizedNamed accepts it
 * (github.com/distribution/reference regexp.go: lower-case path components joined by `.`, `_`,
 * `__` or dashes; an optional domain (any case) with a port; a tag of at most 128 word
 * characters; a digest), which swarmkit's controlapi validateImage requires of every service.
 */
const PATH = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH}(?:/${PATH})*)(?::${TAG})?(?:@${DIGEST})?$`);

/** reference.NameTotalLengthMax. */
const NAME_MAX = 255;

export function validImageReference(image: string): boolean {
	// A bare 64-hex string is an image ID, never a repository name.
	if (/^[a-f0-9]{64}$/.test(image)) return false;
	const m = REFERENCE.exec(image);
	return m !== null && (m[1] ?? '').length <= NAME_MAX;
}

/**
 * The Go client's imageWithTagString (client/service_create.go, service_update.go): a reference
 * with neither tag nor digest gets `:latest` before the service is sent, so services show
 * `alpine:latest` where `alpine` was typed.
 */
export function taggedImage(image: string): string {
	const m = REFERENCE.exec(image);
	if (m === null || /^[a-f0-9]{64}$/.test(image)) return image;
	return image.length === (m[1] ?? '').length ? `${image}:latest` : image;
}
