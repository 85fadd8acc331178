/**
 * The image a docker client sends in a service spec: the one place the lab does what moby's
 * client/service_create.go and service_update.go do before the request. A name with neither tag
 * nor digest gets `:latest` (imageWithTagString); then, when the CLI asks the client to query
 * the registry (service create unless --no-resolve-image, service update --image, stack deploy
 * by --resolve-image), the registry's digest is appended (DistributionInspect,
 * imageWithDigestString: `nginx:latest@sha256:…`). An image the registry cannot resolve is sent
 * as tagged, and the response carries digestWarning, which the CLI prints on stderr. A module
 * of its own: `docker stack`, which every lab loads, needs it without the service verbs.
 */
import type { Kernel } from '../../core/kernel';
import { manifestJson, publicImage } from '../../images/image';
import { digestOf } from '../../images/sha256';
import { labRegistry } from '../../registry/lab-registry';
import { familiarString, parseNormalizedNamed, tagNameOnly } from '../../registry/reference';
import { canonical, parseReference, resolveImage } from '../../registry/registries';

export interface SentImage {
	image: string;
	/** digestWarning plus the CLI's Fprintln newline, or '' when the image was pinned. */
	warning: string;
}

export function sentImage(kernel: Kernel, typed: string, queryRegistry: boolean): SentImage {
	const parsed = parseNormalizedNamed(typed);
	// A name that does not parse goes as typed; the daemon's validateImage refuses it.
	if (!parsed.ok) return { image: typed, warning: '' };
	const tagged = tagNameOnly(parsed.ref);
	const image = familiarString(tagged);
	if (!queryRegistry) return { image, warning: '' };
	const digest = registryDigest(kernel, image);
	if (digest === undefined) return { image, warning: digestWarning(image) };
	// A reference that already names a digest is sent as it is.
	return {
		image: tagged.digest !== undefined ? image : familiarString({ ...tagged, digest }),
		warning: ''
	};
}

/**
 * DistributionInspect's descriptor digest: a pushed image's manifest digest in the lab
 * registry; for a public registry, the digest of the manifest the lab makes up for the name and
 * tag (publicImage), so one name and tag always pin to the same digest (a stand-in for Docker
 * Hub's real, changing digests). Undefined when the registry does not have the image.
 */
function registryDigest(kernel: Kernel, image: string): string | undefined {
	const registry = labRegistry(kernel);
	const pushed = registry.lookup(image);
	if (pushed !== undefined) return pushed.digest;
	if (!resolveImage(image, registry).ok) return undefined;
	const ref = parseReference(image)!;
	return ref.digest ?? digestOf(manifestJson(publicImage(canonical(ref))));
}

/** moby client digestWarning, and the newline fmt.Fprintln adds after it. */
function digestWarning(image: string): string {
	return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n\n`;
}
