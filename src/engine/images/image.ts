/**
 * An image as a daemon and a registry hold it: layers (content digests and sizes) and a config
 * (the Dockerfile's ENTRYPOINT, CMD, EXPOSE …). IDs and digests are SHA-256 of the JSON a real
 * engine writes (image spec v1.2 config, docker schema2 manifest), so equal content gives equal
 * digests and a rebuilt, unchanged image keeps its ID.
 */
import { imageBytes, repositoryOf } from '../kubernetes/images';
import { BASE_LAYERS, DEFAULT_BASE_LAYERS } from './defaults';
import { digestOf, utf8 } from './sha256';
import { ownValue } from '../core/own-keys';

export interface Layer {
	/** Digest of the uncompressed layer (the config's rootfs diff_ids; push prints its start). */
	diffId: string;
	/** Digest of the compressed blob in a registry. */
	digest: string;
	/** Compressed size in bytes. */
	size: number;
}

export interface ImageConfig {
	/** Set by the Dockerfile (or inherited from a built base); undefined: the base's own. */
	entrypoint?: string[];
	cmd?: string[];
	env: string[];
	exposedPorts: string[];
	workdir?: string;
	user?: string;
	labels: Record<string, string>;
	/** The public image at the root of the FROM chain: its default command applies if none is set. */
	base: string;
}

export interface Image {
	/** `sha256:…` of the config JSON, as `docker images --no-trunc` shows. */
	id: string;
	layers: readonly Layer[];
	config: ImageConfig;
	/** Simulated time the image was built. */
	created: number;
}

export function imageSize(image: Pick<Image, 'layers'>): number {
	return image.layers.reduce((n, l) => n + l.size, 0);
}

/** The config JSON (image-spec config without the creation time, so rebuilds keep the ID). */
export function configJson(layers: readonly Layer[], config: ImageConfig): string {
	const c: Record<string, unknown> = {};
	if (config.user !== undefined) c.User = config.user;
	if (config.exposedPorts.length > 0) {
		c.ExposedPorts = Object.fromEntries(config.exposedPorts.map((p) => [p, {}]));
	}
	c.Env = config.env;
	if (config.entrypoint !== undefined) c.Entrypoint = config.entrypoint;
	if (config.cmd !== undefined) c.Cmd = config.cmd;
	if (config.workdir !== undefined) c.WorkingDir = config.workdir;
	if (Object.keys(config.labels).length > 0) c.Labels = config.labels;
	return JSON.stringify({
		architecture: 'amd64',
		config: c,
		os: 'linux',
		rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }
	});
}

export function makeImage(layers: readonly Layer[], config: ImageConfig, created: number): Image {
	return { id: digestOf(configJson(layers, config)), layers, config, created };
}

/**
 * The docker schema2 manifest a push uploads (distribution manifest/schema2), indented with
 * three spaces as Go's json.MarshalIndent writes it: its length is the `size:` that `docker
 * push` prints and its SHA-256 the digest.
 */
export function manifestJson(image: Image): string {
	const config = configJson(image.layers, image.config);
	return JSON.stringify(
		{
			schemaVersion: 2,
			mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
			config: {
				mediaType: 'application/vnd.docker.container.image.v1+json',
				size: utf8(config).length,
				digest: image.id
			},
			layers: image.layers.map((l) => ({
				mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
				size: l.size,
				digest: l.digest
			}))
		},
		null,
		3
	);
}

/** A layer made by one build step, identified by its parent and the step's text. */
export function stepLayer(parent: string, step: string, size: number): Layer {
	const key = `${parent}\n${step}`;
	return { diffId: digestOf(`diff:${key}`), digest: digestOf(`blob:${key}`), size };
}

/**
 * A public image as the lab imagines it: the lab's known size (kubernetes/images.ts) spread
 * over its real layer count, the bottom layer (the distribution) holding 60 %.
 */
export function publicImage(canonicalName: string): Image {
	const repo = repositoryOf(canonicalName);
	const count = ownValue(BASE_LAYERS, repo) ?? DEFAULT_BASE_LAYERS;
	const total = imageBytes(canonicalName);
	const bottom = count === 1 ? total : Math.round(total * 0.6);
	const each = count === 1 ? 0 : Math.floor((total - bottom) / (count - 1));
	const layers: Layer[] = [];
	for (let i = 0; i < count; i++) {
		const size = i === 0 ? total - each * (count - 1) : each;
		layers.push({
			diffId: digestOf(`diff:${canonicalName}#${i}`),
			digest: digestOf(`blob:${canonicalName}#${i}`),
			size
		});
	}
	return makeImage(layers, { env: [], exposedPorts: [], labels: {}, base: repo }, 0);
}

/** The 12 hex digits docker shows for an ID or a layer (stringid.TruncateID). */
export function shortId(digest: string): string {
	return digest.replace(/^sha256:/, '').slice(0, 12);
}
