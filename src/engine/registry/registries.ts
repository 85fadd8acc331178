/**
 * The simulated world of registries (design.md §3): public registries serve any image, except
 * that well-known official images carry their real tags and a tag not among them is `not found`;
 * the lab's own registry holds only what was pushed; any other host does not resolve.
 */
import { parseNormalizedNamed } from './reference';

export type Resolution =
	| { ok: true; reference: string }
	| { ok: false; reason: 'not-found' | 'no-such-host' | 'invalid'; message: string };

const PUBLIC_HOSTS = [
	'docker.io',
	'registry-1.docker.io',
	'registry.k8s.io',
	'k8s.gcr.io',
	'gcr.io',
	'quay.io',
	'ghcr.io',
	'mcr.microsoft.com',
	'public.ecr.aws'
];

/**
 * The lab's own registry and its aliases: one registry (lab-registry.ts). 127.0.0.1 is
 * localhost, as in the swarm stack tutorial's `127.0.0.1:5000/stackdemo` (docker/docs
 * content/manuals/engine/swarm/stack-deploy.md).
 */
export const LAB_REGISTRIES = ['registry.lab:5000', 'localhost:5000', '127.0.0.1:5000'];

// Real tag families of the official images (Docker Hub), as version patterns plus named tags.
const V = (major: string) => `(${major})(\\.\\d{1,2}){0,2}`;
const OFFICIAL_TAGS: Record<string, RegExp> = {
	// nginx 1.7 (the tag of the oldest Kubernetes examples) to 1.29, the mainline of 2025–26:
	// a tag such as 1.99 or 1.277 is the classic typo and does not exist.
	nginx: new RegExp(
		`^(latest|stable|mainline|alpine|perl|alpine-slim|stable-alpine|mainline-alpine|1|1\\.([7-9]|1\\d|2\\d)(\\.\\d{1,2})?)(-(alpine|perl|alpine-slim|alpine-perl|bookworm|bullseye))?$`
	),
	httpd: new RegExp(`^(latest|alpine|${V('2')})(-(alpine|bookworm|bullseye))?$`),
	redis: new RegExp(`^(latest|alpine|bookworm|${V('[2-8]')})(-(alpine|bookworm|bullseye))?$`),
	busybox: new RegExp(`^(latest|musl|glibc|uclibc|stable|${V('1')})(-(musl|glibc|uclibc))?$`),
	alpine: new RegExp(`^(latest|edge|${V('3')})$`),
	postgres: new RegExp(
		`^(latest|alpine|bookworm|${V('(9|1[0-8])')})(-(alpine|bookworm|bullseye))?$`
	),
	mysql: new RegExp(`^(latest|lts|innovation|oracle|debian|${V('[5-9]')})(-(oracle|debian))?$`),
	perl: new RegExp(`^(latest|slim|threaded|${V('5')})(-(slim|threaded|bookworm))?$`),
	ubuntu: /^(latest|rolling|devel|jammy|noble|focal|bionic|oracular|\d{2}\.\d{2})$/,
	debian:
		/^(latest|stable|testing|unstable|bookworm|bullseye|buster|trixie|(9|1[0-3])(\.\d{1,2})?)(-slim)?$/
};

// Tutorial images whose tags the tutorials themselves rely on (kubernetes/website
// tutorials/kubernetes-basics/update/update-intro.md: `kubernetes-bootcamp:v10` "did not exist
// in the repository", so the rollout stalls in ImagePullBackOff; v1 and jocatalin's v2 run).
const TUTORIAL_TAGS: Record<string, RegExp> = {
	'gcr.io/google-samples/kubernetes-bootcamp': /^v1$/,
	'docker.io/jocatalin/kubernetes-bootcamp': /^v[12]$/
};

export interface ImageRef {
	host: string;
	/** Repository path without the host: `library/nginx`, `kubernetes/pause`. */
	path: string;
	tag: string;
	digest?: string;
}

/** Whether a host is one of the public registries (which serve any image, but take no push). */
export function isPublicHost(host: string): boolean {
	return PUBLIC_HOSTS.includes(host) || host.endsWith('.pkg.dev');
}

/**
 * Docker's reference normalisation (distribution/reference ParseNormalizedNamed, reference.ts):
 * `nginx` → docker.io/library/nginx:latest; undefined when the name does not parse.
 */
export function parseReference(image: string): ImageRef | undefined {
	const parsed = parseNormalizedNamed(image);
	if (!parsed.ok) return undefined;
	const { domain, path, tag, digest } = parsed.ref;
	return { host: domain, path, tag: tag ?? 'latest', ...(digest ? { digest } : {}) };
}

export function canonical(ref: ImageRef): string {
	return `${ref.host}/${ref.path}:${ref.tag}`;
}

/** What the lab registry holds: `path:tag` or `path@sha256:…` keys (lab-registry.ts). */
export interface PushedImages {
	has(key: string): boolean;
}

/** Whether a pull of `image` succeeds, given what has been pushed to the lab's registry. */
export function resolveImage(image: string, pushed: PushedImages = new Set<string>()): Resolution {
	const ref = parseReference(image);
	if (ref === undefined) {
		return {
			ok: false,
			reason: 'invalid',
			message: `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`
		};
	}
	const name = canonical(ref);
	const notFound = (): Resolution => ({
		ok: false,
		reason: 'not-found',
		message: `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`
	});
	if (LAB_REGISTRIES.includes(ref.host)) {
		const key = ref.digest === undefined ? `${ref.path}:${ref.tag}` : `${ref.path}@${ref.digest}`;
		return pushed.has(key) ? { ok: true, reference: name } : notFound();
	}
	if (!isPublicHost(ref.host)) {
		return {
			ok: false,
			reason: 'no-such-host',
			message: `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": failed to do request: Head "https://${ref.host}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${ref.host.split(':')[0]}: no such host`
		};
	}
	const official =
		ref.host === 'docker.io' && ref.path.startsWith('library/')
			? OFFICIAL_TAGS[ref.path.slice(8)]
			: TUTORIAL_TAGS[`${ref.host}/${ref.path}`];
	if (official !== undefined && ref.digest === undefined && !official.test(ref.tag))
		return notFound();
	return { ok: true, reference: name };
}
