/**
 * Whether a service's image is a reference swarmkit accepts: controlapi validateImage runs
 * distribution/reference ParseNormalizedNamed on it (registry/reference.ts). The daemon stores
 * the image as the client sent it; tagging and digest pinning are the client's
 * (commands/docker/service-image.ts).
 */
import { parseNormalizedNamed } from '../registry/reference';

export function validImageReference(image: string): boolean {
	return parseNormalizedNamed(image).ok;
}
