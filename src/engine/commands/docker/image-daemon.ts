/**
 * Which daemon the image commands (build, push, tag, images) talk to, and how it finds images.
 * In swarm, the CLI's machine (manager-1, or `-H` another, workers included: these are not
 * cluster commands); in kubernetes, the learner's own workstation (images/defaults.ts).
 */
import { canonical, parseReference, resolveImage } from '../../registry/registries';
import { labRegistry } from '../../registry/lab-registry';
import { WORKSTATION } from '../../images/defaults';
import { manifestJson, publicImage } from '../../images/image';
import { localImages } from '../../images/local-store';
import { digestOf } from '../../images/sha256';
import type { BaseLookup } from '../../images/builder';
import type { CommandContext } from '../context';
import { DAEMON_DOWN } from './errors';

export type Daemon = { ok: true; host: string } | { ok: false; error: string };

export function imageDaemon(ctx: CommandContext): Daemon {
	const swarm = ctx.swarm;
	if (swarm === undefined) return { ok: true, host: WORKSTATION };
	if (!swarm.hosts.isRunning(swarm.self)) return { ok: false, error: DAEMON_DOWN };
	return { ok: true, host: swarm.self };
}

/** An image as `FROM` finds it: on this daemon, in the lab registry, or a public registry. */
export function findImage(ctx: CommandContext, host: string, ref: string): BaseLookup {
	const local = localImages(ctx.kernel).find(host, ref);
	if (local !== undefined) return { ok: true, image: local.image };
	const registry = labRegistry(ctx.kernel);
	const pushed = registry.lookup(ref);
	if (pushed !== undefined) return { ok: true, image: pushed.image, digest: pushed.digest };
	const resolved = resolveImage(ref, registry);
	if (!resolved.ok) return { ok: false, resolution: resolved };
	const image = publicImage(canonical(parseReference(ref)!));
	return { ok: true, image, digest: digestOf(manifestJson(image)) };
}

/** Docker's short form of a canonical name: `docker.io/library/web` → `web`. */
export function familiar(name: string): string {
	return name.replace(/^docker\.io\/(library\/)?/, '');
}
