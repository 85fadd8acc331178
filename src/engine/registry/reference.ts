/**
 * Image references as github.com/distribution/reference (v0.6, which docker 28 and swarmkit
 * vendor) parses them: regexp.go's grammar, reference.go's Parse and its errors, normalize.go's
 * ParseNormalizedNamed (Docker Hub's `docker.io/library/` defaults) and FamiliarString.
 * One grammar for every part of the lab that reads an image name.
 */

// regexp.go: lower-case path components joined by one `.`, one or two `_`, or any run of `-`.
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
// A domain may use upper case; an IPv4 address is a domain name of digit components.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

const REFERENCE = new RegExp(
	`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`
);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** reference.RepositoryNameTotalLengthMax. */
const NAME_MAX = 255;

/** normalize.go: Docker Hub's domain, its legacy name, and the official images' namespace. */
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

export interface NamedReference {
	/** `docker.io`, `registry.lab:5000`, `127.0.0.1:5000`. */
	domain: string;
	/** The remote name: `library/nginx`, `my--org/my__app`. */
	path: string;
	tag?: string;
	digest?: string;
}

export type ParsedReference = { ok: true; ref: NamedReference } | { ok: false; error: string };

/**
 * ParseNormalizedNamed: `nginx` → docker.io/library/nginx; errors are the library's own text
 * (`invalid reference format`, `invalid reference format: repository name (library/Nginx)
 * must be lowercase`).
 */
export function parseNormalizedNamed(s: string): ParsedReference {
	if (IDENTIFIER.test(s)) {
		return {
			ok: false,
			error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`
		};
	}
	const [domain, remainder] = splitDockerDomain(s);
	const colon = remainder.indexOf(':');
	const remote = colon < 0 ? remainder : remainder.slice(0, colon);
	if (remote.toLowerCase() !== remote) {
		return {
			ok: false,
			error: `invalid reference format: repository name (${remote}) must be lowercase`
		};
	}
	return parse(`${domain}/${remainder}`);
}

/** reference.go Parse, for a name that has a domain (ParseNormalizedNamed always gives one). */
function parse(s: string): ParsedReference {
	const m = REFERENCE.exec(s);
	if (m === null) {
		const lower = s.toLowerCase();
		const upper = lower !== s && REFERENCE.test(lower);
		return {
			ok: false,
			error: upper ? 'repository name must be lowercase' : 'invalid reference format'
		};
	}
	const name = ANCHORED_NAME.exec(m[1]!)!;
	const path = name[2]!;
	if (path.length > NAME_MAX) {
		return { ok: false, error: `repository name must not be more than ${NAME_MAX} characters` };
	}
	const digest = m[3];
	// go-digest's Parse: the lab knows sha256 (64 lower-case hex digits) only.
	if (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
		return {
			ok: false,
			error: digest.startsWith('sha256:')
				? 'invalid checksum digest length'
				: 'unsupported digest algorithm'
		};
	}
	return {
		ok: true,
		ref: {
			domain: name[1] ?? '',
			path,
			...(m[2] !== undefined ? { tag: m[2] } : {}),
			...(digest !== undefined ? { digest } : {})
		}
	};
}

/** normalize.go splitDockerDomain: is the first component a registry host? */
function splitDockerDomain(name: string): [string, string] {
	const slash = name.indexOf('/');
	if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_PREFIX + name];
	const first = name.slice(0, slash);
	const rest = name.slice(slash + 1);
	let [domain, remote] = [DEFAULT_DOMAIN, name];
	if (first === LEGACY_DEFAULT_DOMAIN) remote = rest;
	else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
		[domain, remote] = [first, rest];
	}
	if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_PREFIX + remote;
	return [domain, remote];
}

/** reference.TagNameOnly: a name with neither tag nor digest gets `latest`. */
export function tagNameOnly(ref: NamedReference): NamedReference {
	return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** The full name: `docker.io/library/nginx:latest@sha256:…`. */
export function referenceString(ref: NamedReference): string {
	return `${ref.domain}/${ref.path}${suffix(ref)}`;
}

/** reference.FamiliarString: Docker Hub's domain and `library/` dropped (`nginx:latest`). */
export function familiarString(ref: NamedReference): string {
	return familiarName(ref) + suffix(ref);
}

/** reference.FamiliarName: the repository as Docker's UI shows it. */
export function familiarName(ref: NamedReference): string {
	if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
	const rest = ref.path.startsWith(OFFICIAL_PREFIX) ? ref.path.slice(OFFICIAL_PREFIX.length) : '';
	return rest !== '' && !rest.includes('/') ? rest : ref.path;
}

function suffix(ref: NamedReference): string {
	return (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}
