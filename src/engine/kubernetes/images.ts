/**
 * Image sizes for pull times. Compressed sizes of linux/amd64 images as registries report
 * them (rounded, stated lab defaults); any other image counts as DEFAULT_IMAGE_BYTES.
 */

const MB = 1_000_000;

const KNOWN: Record<string, number> = {
	nginx: 70 * MB,
	httpd: 58 * MB,
	redis: 45 * MB,
	busybox: 2 * MB,
	alpine: 4 * MB,
	postgres: 160 * MB,
	mysql: 170 * MB,
	'registry.k8s.io/pause': 1 * MB,
	'registry.k8s.io/busybox': 1 * MB,
	'registry.k8s.io/liveness': 3 * MB
};

export const DEFAULT_IMAGE_BYTES = 50 * MB;

/** The repository part of a reference: `nginx:1.27` → `nginx`, `docker.io/library/nginx` too. */
export function repositoryOf(image: string): string {
	let ref = image.split('@')[0]!;
	const lastSlash = ref.lastIndexOf('/');
	const colon = ref.lastIndexOf(':');
	if (colon > lastSlash) ref = ref.slice(0, colon);
	return ref.replace(/^docker\.io\/(library\/)?/, '').replace(/^library\//, '');
}

/** Sizes of what was pushed to the lab registry (registry/lab-registry.ts). */
export interface PushedSizes {
	bytesOf(image: string): number | undefined;
}

/**
 * Known sizes by image reference, as looked up: a cluster pulls a handful of images over and
 * over (every pod of a Deployment), so each reference's repository is worked out once. Bounded
 * so that a session of made-up names cannot grow it without end.
 */
const knownBytes = new Map<string, number>();
const KNOWN_BYTES_LIMIT = 1024;

export function imageBytes(image: string, pushed?: PushedSizes): number {
	const own = pushed?.bytesOf(image);
	if (own !== undefined) return own;
	let bytes = knownBytes.get(image);
	if (bytes === undefined) {
		if (knownBytes.size >= KNOWN_BYTES_LIMIT) knownBytes.clear();
		const repository = repositoryOf(image);
		// An image may be called `constructor`: only the table's own entries count.
		bytes = Object.hasOwn(KNOWN, repository) ? KNOWN[repository]! : DEFAULT_IMAGE_BYTES;
		knownBytes.set(image, bytes);
	}
	return bytes;
}
