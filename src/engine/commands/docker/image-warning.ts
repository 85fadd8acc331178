/**
 * The stderr warning when the CLI cannot pin a service's image to a digest (cli/command/service
 * create.go, update.go; stack deploy too). A module of its own: `docker stack`, which every lab
 * loads, needs it without the service verbs, which only Swarm labs load.
 */
import { taggedImage } from '../../swarm/image-reference';

export function imageWarning(typed: string): string {
	// The client tags the image first (imageWithTagString), then warns about what it sent.
	const image = taggedImage(typed);
	return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n\n`;
}
