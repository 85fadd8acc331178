/**
 * node.status.images as the kubelet sets it (pkg/kubelet/nodestatus/setters.go Images): the
 * image cache's list, largest first (images/image_gc_manager.go imageCache.set sorts with
 * sliceutils.ByImageSize), at most nodeStatusMaxImages, each named by its repo digests then
 * its repo tags (at most MaxNamesPerImageInNodeStatus names), with its size. containerd names
 * an image by its normalised reference (`docker.io/library/nginx:1.27`) and digest, as the
 * pod's containerStatuses do (./container-state.ts); its size is the image's content size, the
 * bytes a pull fetches (../images.ts). This is what the scheduler's ImageLocality scores.
 */
import type { ContainerImage } from 'kubernetes-types/core/v1';
import { MAX_NAMES_PER_IMAGE_IN_NODE_STATUS, NODE_STATUS_MAX_IMAGES } from '../defaults';
import { imageId, statusImage } from './container-state';

/** The status list per runtime list (those are interned: equal lists are one array). */
const BUILT = new WeakMap<readonly string[], readonly ContainerImage[]>();

/** An empty list for a node without images: status.images is then left out. */
export const NO_STATUS_IMAGES: readonly ContainerImage[] = Object.freeze([]);

/**
 * The status list for the runtime's `images` (in pull order), sized by `bytesOf`. The same
 * array for the same list, so a kubelet sees at once whether the server's copy is current.
 */
export function nodeStatusImages(
	images: readonly string[],
	bytesOf: (image: string) => number
): readonly ContainerImage[] {
	if (images.length === 0) return NO_STATUS_IMAGES;
	let built = BUILT.get(images);
	if (built === undefined) {
		// Stable: images of one size keep their pull order (sort.Sort leaves ties unspecified).
		const sized = images.map((image) => ({ image, size: bytesOf(image) }));
		sized.sort((a, b) => b.size - a.size);
		built = Object.freeze(
			sized.slice(0, NODE_STATUS_MAX_IMAGES).map(({ image, size }) =>
				Object.freeze({
					names: Object.freeze(namesOf(image).slice(0, MAX_NAMES_PER_IMAGE_IN_NODE_STATUS)),
					sizeBytes: size
				})
			)
		) as readonly ContainerImage[];
		BUILT.set(images, built);
	}
	return built;
}

/** RepoDigests then RepoTags: an image pulled by digest alone has no tag. */
function namesOf(image: string): string[] {
	const ref = statusImage(image);
	return ref.includes('@') ? [ref] : [imageId(image), ref];
}
