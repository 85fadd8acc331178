/**
 * The stderr warning when the CLI cannot pin a service's image to a digest (cli/command/service
 * create.go, update.go; stack deploy too). A module of its own: `docker stack`, which every lab
 * loads, needs it without the service verbs, which only Swarm labs load.
 */
export function imageWarning(image: string): string {
	return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n\n`;
}
