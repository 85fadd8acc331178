/**
 * `docker service update --publish-add / --publish-rm` (docker/cli cli/command/service/update.go
 * updatePorts). Both flags take what `--publish` takes (opts.PortOpt): `--publish-rm` removes
 * every port with the same target port, protocol and publish mode (whatever its published
 * port), so `80`, `8080:80` and `published=8080,target=80` all remove 8080->80. An added port
 * equal to one the service had is skipped, and the result is sorted by its
 * `<published>:<target>/<protocol>/<mode>` key "to avoid unnecessary updates".
 */
import type { PortConfig } from '../../swarm/spec';
import { parsePublish } from './service-flags';

/** update.go portConfigToString, with PortOpt's defaults (tcp, ingress) for what is unset. */
function portKey(p: PortConfig): string {
	return `${p.PublishedPort ?? 0}:${p.TargetPort}/${p.Protocol ?? 'tcp'}/${p.PublishMode ?? 'ingress'}`;
}

/** equalProtocol and equalPublishMode: an unset protocol is tcp, an unset mode ingress. */
function sameTarget(a: PortConfig, b: PortConfig): boolean {
	return (
		a.TargetPort === b.TargetPort &&
		(a.Protocol ?? 'tcp') === (b.Protocol ?? 'tcp') &&
		(a.PublishMode ?? 'ingress') === (b.PublishMode ?? 'ingress')
	);
}

/** The service's ports after the flags, or the flag error (`[flag, message]`). */
export function updatedPorts(
	current: readonly PortConfig[],
	add: readonly string[],
	remove: readonly string[]
): PortConfig[] | { flag: string; error: string } {
	const parse = (values: readonly string[], flag: string) => {
		const ports: PortConfig[] = [];
		for (const v of values) {
			const port = parsePublish(v, flag);
			if (typeof port === 'string') return { flag, error: port };
			ports.push(...port);
		}
		return ports;
	};
	// pflag sets the flags as they come; the lab reports the first bad value of either.
	const removed = parse(remove, 'publish-rm');
	if (!Array.isArray(removed)) return removed;
	const added = parse(add, 'publish-add');
	if (!Array.isArray(added)) return added;
	const had = new Map<string, PortConfig>();
	for (const p of current) if (!had.has(portKey(p))) had.set(portKey(p), p);
	const ports = [...had.values()].filter((p) => !removed.some((r) => sameTarget(p, r)));
	for (const p of added) if (!had.has(portKey(p))) ports.push(p);
	return ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
}
