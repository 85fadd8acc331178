/**
 * The lab's own registry (`registry.lab:5000`, also `localhost:5000`, design.md §3): it holds
 * only what was pushed — repositories, their tags, manifests and layer blobs. Lab state: it
 * registers with the kernel, so checkpoints and seek restore it.
 */
import { perLab } from '../core/per-lab';
import { manifestJson, type Image, type ImageConfig } from '../images/image';
import { digestOf, utf8 } from '../images/sha256';
import { LAB_REGISTRIES, parseReference } from './registries';

export interface PushedManifest {
	/** `sha256:…` of the manifest JSON. */
	digest: string;
	/** Length of the manifest JSON (what `docker push` prints as `size:`). */
	size: number;
	image: Image;
}

export interface Repository {
	readonly tags: Readonly<Record<string, string>>;
	readonly manifests: Readonly<Record<string, PushedManifest>>;
	readonly blobs: readonly string[];
}

/** What a push did to each layer, top layer first, as the push output lists them. */
export type LayerOutcome =
	{ status: 'pushed' } | { status: 'exists' } | { status: 'mounted'; from: string };

export interface PushReport {
	layers: LayerOutcome[];
	manifest: PushedManifest;
	changed: boolean;
}

export class LabRegistry {
	/** Repository path (`web`, `team/api`) → repository; replaced, never changed in place. */
	private repos = new Map<string, Repository>();

	repository(path: string): Repository | undefined {
		return this.repos.get(path);
	}

	/** `path:tag` or `path@sha256:…`: the key registries.ts `resolveImage` asks about. */
	has(key: string): boolean {
		return this.manifestFor(key) !== undefined;
	}

	/** The pushed manifest a reference to the lab registry names, if any. */
	lookup(image: string): PushedManifest | undefined {
		// Most labs never push: every pull of a big cluster asks, and parsing is its cost.
		if (this.repos.size === 0) return undefined;
		const ref = parseReference(image);
		if (ref === undefined || !LAB_REGISTRIES.includes(ref.host)) return undefined;
		return this.manifestFor(ref.digest ? `${ref.path}@${ref.digest}` : `${ref.path}:${ref.tag}`);
	}

	private manifestFor(key: string): PushedManifest | undefined {
		const at = key.indexOf('@');
		const colon = key.lastIndexOf(':', at < 0 ? key.length : at);
		const path = at >= 0 ? key.slice(0, at) : key.slice(0, colon);
		const repo = this.repos.get(path);
		if (repo === undefined) return undefined;
		const digest = at >= 0 ? key.slice(at + 1) : repo.tags[key.slice(colon + 1)];
		return digest === undefined ? undefined : repo.manifests[digest];
	}

	/** Size of a pushed image (for pull times), or undefined when it is not one. */
	bytesOf(image: string): number | undefined {
		const m = this.lookup(image);
		return m === undefined ? undefined : m.image.layers.reduce((n, l) => n + l.size, 0);
	}

	/** The ENTRYPOINT/CMD a pushed image runs with, for the container interpreters. */
	configOf(image: string): ImageConfig | undefined {
		return this.lookup(image)?.image.config;
	}

	/** Uploads an image under `path:tag`: layers the repository lacks, then the manifest. */
	push(path: string, tag: string, image: Image): PushReport {
		const repo = this.repos.get(path) ?? { tags: {}, manifests: {}, blobs: [] };
		const text = manifestJson(image);
		const manifest: PushedManifest = { digest: digestOf(text), size: utf8(text).length, image };
		const have = new Set(repo.blobs);
		const layers: LayerOutcome[] = [...image.layers].reverse().map((l) => {
			if (have.has(l.digest)) return { status: 'exists' };
			// A blob another repository of this registry holds is mounted, not uploaded again.
			for (const [other, r] of this.repos) {
				if (other !== path && r.blobs.includes(l.digest)) return { status: 'mounted', from: other };
			}
			return { status: 'pushed' };
		});
		const changed = repo.tags[tag] !== manifest.digest || layers.some((l) => l.status !== 'exists');
		if (changed) {
			this.repos.set(path, {
				tags: { ...repo.tags, [tag]: manifest.digest },
				manifests: { ...repo.manifests, [manifest.digest]: manifest },
				blobs: [...repo.blobs, ...image.layers.map((l) => l.digest).filter((d) => !have.has(d))]
			});
		}
		return { layers, manifest, changed };
	}

	save(): Map<string, Repository> {
		return new Map(this.repos);
	}

	load(state: unknown): void {
		this.repos = new Map(state instanceof Map ? (state as Map<string, Repository>) : []);
	}
}

/** The lab registry of a lab (one per lab, in its checkpoints). */
export const labRegistry = perLab('registry.lab', () => new LabRegistry());
