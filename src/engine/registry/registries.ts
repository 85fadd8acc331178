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

/**
 * nginx's releases, per 1.x series: its last patch release (1.27 → 1.27.0 … 1.27.5). From
 * nginx.org/en/CHANGES and each stable branch's CHANGES-1.x (a stable branch's patches are not
 * in the mainline's list: 1.26.1–1.26.3 are in CHANGES-1.26). The official image is tagged with
 * every release since 1.7 (nginx/docker-nginx). The two newest series were still moving when
 * this was written: 1.30.5 and 1.31.6 are the highest seen pinned in public manifests
 * (2026-11). So `nginx:1.27.99` or `nginx:1.99` is `not found`, as on Docker Hub.
 */
const NGINX_LAST_PATCH: Readonly<Record<number, number | undefined>> = {
	7: 12,
	8: 1,
	9: 15,
	10: 3,
	11: 13,
	12: 2,
	13: 12,
	14: 2,
	15: 12,
	16: 1,
	17: 10,
	18: 0,
	19: 10,
	20: 2,
	21: 6,
	22: 1,
	23: 4,
	24: 0,
	25: 5,
	26: 3,
	27: 5,
	28: 3,
	29: 8,
	30: 5,
	31: 6
};

/** The nginx tags' names and variants (docker-library/official-images library/nginx). */
const NGINX_TAG =
	/^(latest|stable|mainline|alpine|perl|alpine-slim|stable-alpine|mainline-alpine|1|1\.([1-9]\d?)(?:\.(0|[1-9]\d?))?)(-(alpine|perl|alpine-slim|alpine-perl|bookworm|bullseye))?$/;

/** Whether `tag` is a tag of the official nginx image: a name, or a real release's version. */
function nginxTag(tag: string): boolean {
	const m = NGINX_TAG.exec(tag);
	if (m === null) return false;
	if (m[2] === undefined) return true;
	const last = NGINX_LAST_PATCH[Number(m[2])];
	return last !== undefined && (m[3] === undefined || Number(m[3]) <= last);
}

const pattern = (re: RegExp) => (tag: string) => re.test(tag);

// Real tag families of the official images (Docker Hub), as version patterns plus named tags.
const V = (major: string) => `(${major})(\\.\\d{1,2}){0,2}`;
const OFFICIAL_TAGS: Record<string, (tag: string) => boolean> = {
	nginx: nginxTag,
	httpd: pattern(new RegExp(`^(latest|alpine|${V('2')})(-(alpine|bookworm|bullseye))?$`)),
	redis: pattern(
		new RegExp(`^(latest|alpine|bookworm|${V('[2-8]')})(-(alpine|bookworm|bullseye))?$`)
	),
	busybox: pattern(
		new RegExp(`^(latest|musl|glibc|uclibc|stable|${V('1')})(-(musl|glibc|uclibc))?$`)
	),
	alpine: pattern(new RegExp(`^(latest|edge|${V('3')})$`)),
	postgres: pattern(
		new RegExp(`^(latest|alpine|bookworm|${V('(9|1[0-8])')})(-(alpine|bookworm|bullseye))?$`)
	),
	mysql: pattern(
		new RegExp(`^(latest|lts|innovation|oracle|debian|${V('[5-9]')})(-(oracle|debian))?$`)
	),
	perl: pattern(new RegExp(`^(latest|slim|threaded|${V('5')})(-(slim|threaded|bookworm))?$`)),
	ubuntu: pattern(/^(latest|rolling|devel|jammy|noble|focal|bionic|oracular|\d{2}\.\d{2})$/),
	debian: pattern(
		/^(latest|stable|testing|unstable|bookworm|bullseye|buster|trixie|(9|1[0-3])(\.\d{1,2})?)(-slim)?$/
	)
};

// Tutorial images whose tags the tutorials themselves rely on (kubernetes/website
// tutorials/kubernetes-basics/update/update-intro.md: `kubernetes-bootcamp:v10` "did not exist
// in the repository", so the rollout stalls in ImagePullBackOff; v1 and jocatalin's v2 run).
const TUTORIAL_TAGS: Record<string, (tag: string) => boolean> = {
	'gcr.io/google-samples/kubernetes-bootcamp': pattern(/^v1$/),
	'docker.io/jocatalin/kubernetes-bootcamp': pattern(/^v[12]$/)
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
	if (official !== undefined && ref.digest === undefined && !official(ref.tag)) return notFound();
	return { ok: true, reference: name };
}
