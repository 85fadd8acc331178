/**
 * Each docker daemon's own images (`docker images`): tags pointing at image IDs, the images,
 * and the build cache (which steps it has run), per machine. Lab state: it registers with the
 * kernel, so checkpoints and seek restore it.
 */
import { perLab } from '../core/per-lab';
import { canonical, parseReference } from '../registry/registries';
import type { Image } from './image';

export interface HostImages {
	/** Canonical `host/path:tag` → image ID. */
	readonly tags: Readonly<Record<string, string>>;
	readonly images: Readonly<Record<string, Image>>;
	/** Build steps this daemon has run (BuildKit's cache keys): a repeat prints CACHED. */
	readonly cache: readonly string[];
}

const EMPTY: HostImages = { tags: {}, images: {}, cache: [] };

export class LocalImages {
	/** Replaced, never changed in place, so a checkpoint can share it. */
	private hosts = new Map<string, HostImages>();

	of(host: string): HostImages {
		return this.hosts.get(host) ?? EMPTY;
	}

	/** The image a reference names on this daemon: a tag, or an ID (full or a prefix). */
	find(host: string, ref: string): { name?: string; image: Image } | undefined {
		const h = this.of(host);
		const parsed = parseReference(ref);
		if (parsed !== undefined && parsed.digest === undefined) {
			const name = canonical(parsed);
			const id = h.tags[name];
			if (id !== undefined && h.images[id] !== undefined) return { name, image: h.images[id] };
		}
		const hex = ref.replace(/^sha256:/, '');
		if (/^[a-f0-9]{4,64}$/.test(hex)) {
			const found = Object.values(h.images).filter((i) => i.id.slice(7).startsWith(hex));
			if (found.length === 1) return { image: found[0]! };
		}
		return undefined;
	}

	/** Whether the daemon holds a tag of this repository (`host/path`). */
	hasRepository(host: string, repository: string): boolean {
		return Object.keys(this.of(host).tags).some(
			(t) => t.slice(0, t.lastIndexOf(':')) === repository
		);
	}

	/** Stores an image under the given canonical names; returns whether anything changed. */
	tag(
		host: string,
		image: Image,
		names: readonly string[],
		steps: readonly string[] = []
	): boolean {
		const h = this.of(host);
		const tags = { ...h.tags };
		let changed = h.images[image.id] === undefined;
		for (const n of names) {
			if (tags[n] !== image.id) changed = true;
			tags[n] = image.id;
		}
		const known = new Set(h.cache);
		const cache = [...h.cache, ...steps.filter((s) => !known.has(s))];
		if (cache.length !== h.cache.length) changed = true;
		if (!changed) return false;
		// An image no tag points at any more stays (dangling, `<none>`), as in docker.
		this.hosts.set(host, { tags, images: { ...h.images, [image.id]: image }, cache });
		return true;
	}

	save(): Map<string, HostImages> {
		return new Map(this.hosts);
	}

	load(state: unknown): void {
		this.hosts = new Map(state instanceof Map ? (state as Map<string, HostImages>) : []);
	}
}

/** The lab's local image stores (one per lab, in its checkpoints). */
export const localImages = perLab('images.local', () => new LocalImages());
