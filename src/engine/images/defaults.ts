/**
 * Defaults of image building and pushing. Real figures cite their source; the rest are stated
 * lab defaults (the lab does not run build steps, so a layer's size is a stated amount).
 */

/**
 * In the kubernetes flavour the docker CLI talks to the learner's own workstation daemon
 * (it is not a cluster node); in swarm it talks to a manager's (commands/docker/host.ts).
 */
export const WORKSTATION = 'workstation';

/** A RUN step's layer: packages and build output (a stated lab default: 10 MB). */
export const RUN_LAYER_BYTES = 10_000_000;

/** A COPY/ADD step's layer when its sources cannot be read, e.g. a folder (stated: 4 kB). */
export const COPY_LAYER_BYTES = 4_096;

/** How many layers a base image of unknown make-up has (a stated lab default). */
export const DEFAULT_BASE_LAYERS = 5;

/**
 * Layer counts of the official images the lab knows (linux/amd64, Docker Hub, 2025): they
 * decide how many `<layer>: Pushed` lines a push prints.
 */
export const BASE_LAYERS: Readonly<Record<string, number>> = {
	nginx: 7,
	httpd: 5,
	redis: 6,
	busybox: 1,
	alpine: 1,
	postgres: 14,
	mysql: 11,
	node: 6,
	python: 6,
	golang: 5,
	ubuntu: 1,
	debian: 1
};

/**
 * dockerd's `max-concurrent-uploads` default: layers beyond the fifth print `Waiting` until a
 * slot frees (moby daemon/config/config.go DefaultMaxConcurrentUploads = 5).
 */
export const MAX_CONCURRENT_UPLOADS = 5;

/** BuildKit's (docker driver) default builder name, printed in `#0 building with …`. */
export const BUILDER_NAME = 'default';
