/**
 * `ports:` → swarm PortConfigs, as the loader's transformServicePort does: short syntax through
 * go-connections nat.ParsePortSpec (`[ip:][host:]container[/proto]`, ranges) and docker/cli
 * opts.ConvertPortToPortConfig (ingress mode), long syntax field by field; then
 * convertEndpointSpec sorts them by published port.
 */
import type { PortConfig } from '../spec';
import { hookError, toUint } from './decode';
import { isDict, type Value } from './types';

/** One port nat.ParsePortSpec maps: its protocol, container port, host port (range) and IP. */
export interface Mapping {
	proto: string;
	container: number;
	hostPort: string;
	hostIp: string;
}

/** nat.ParsePortRange (strconv.ParseUint(p, 10, 16): 0 to 65535). */
export function parsePortRange(ports: string): { start: number; end: number } | undefined {
	if (ports === '') return undefined;
	const parse = (p: string) => (/^[0-9]+$/.test(p) && Number(p) <= 65535 ? Number(p) : undefined);
	if (!ports.includes('-')) {
		const port = parse(ports);
		return port === undefined ? undefined : { start: port, end: port };
	}
	const [a = '', b = ''] = ports.split('-');
	const start = parse(a);
	const end = parse(b);
	if (start === undefined || end === undefined || end < start) return undefined;
	return { start, end };
}

function splitParts(raw: string): [string, string, string] {
	const parts = raw.split(':');
	const n = parts.length;
	const container = parts[n - 1] ?? '';
	if (n === 1) return ['', '', container];
	if (n === 2) return ['', parts[0] ?? '', container];
	if (n === 3) return [parts[0] ?? '', parts[1] ?? '', container];
	return [parts.slice(0, n - 2).join(':'), parts[n - 2] ?? '', container];
}

/** nat.SplitProtoPort. */
function splitProtoPort(raw: string): [string, string] {
	const parts = raw.split('/');
	if (raw === '' || parts[0] === '') return ['', ''];
	if (parts.length === 1) return ['tcp', raw];
	if (parts[1] === '') return ['tcp', parts[0] ?? ''];
	return [parts[1] ?? '', parts[0] ?? ''];
}

const IPV4 =
	/^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

function validIp(ip: string): boolean {
	return IPV4.test(ip) || (/^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':'));
}

/**
 * nat.ParsePortSpec (go-connections, as docker/cli v28 vendors it): the mappings, or its error
 * text (`invalid hostPort: 70000`, `invalid containerPort: 70000`, …). Also what `docker service
 * create --publish` parses a short-syntax value with (opts/port.go PortOpt.Set).
 */
export function natPortSpec(raw: string): Mapping[] | string {
	try {
		return parsePortSpec(raw);
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

/** nat.ParsePortSpec; throws go-connections' message. */
function parsePortSpec(raw: string): Mapping[] {
	const [rawIp, hostPortSpec, containerSpec] = splitParts(raw);
	const [proto, containerPort] = splitProtoPort(containerSpec);
	let ip = rawIp;
	if (ip.startsWith('[')) ip = ip.replace(/^\[|\]$/g, '');
	if (ip !== '' && !validIp(ip)) throw new Error(`invalid IP address: ${ip}`);
	if (containerPort === '') throw new Error(`no port specified: ${raw}<empty>`);
	const container = parsePortRange(containerPort);
	if (container === undefined) throw new Error(`invalid containerPort: ${containerPort}`);
	let host = { start: 0, end: 0 };
	if (hostPortSpec !== '') {
		const parsed = parsePortRange(hostPortSpec);
		if (parsed === undefined) throw new Error(`invalid hostPort: ${hostPortSpec}`);
		host = parsed;
	}
	if (
		hostPortSpec !== '' &&
		container.end - container.start !== host.end - host.start &&
		container.end !== container.start
	) {
		throw new Error(
			`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPortSpec}`
		);
	}
	const protocol = proto.toLowerCase();
	if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new Error(`invalid proto: ${protocol}`);
	const mappings: Mapping[] = [];
	for (let i = 0; i <= container.end - container.start; i++) {
		let hostPort = hostPortSpec === '' ? '' : String(host.start + i);
		if (container.start === container.end && host.start !== host.end) {
			hostPort = `${hostPort}-${host.end}`;
		}
		mappings.push({ proto: protocol, container: container.start + i, hostPort, hostIp: ip });
	}
	return mappings;
}

/** toServicePortConfigs: ports grouped by `port/proto` key in sorted order, one per host port. */
function shortSyntax(raw: string): PortConfig[] {
	const byKey = new Map<string, Mapping[]>();
	for (const mapping of parsePortSpec(raw)) {
		const key = `${mapping.container}/${mapping.proto}`;
		byKey.set(key, [...(byKey.get(key) ?? []), mapping]);
	}
	const configs: PortConfig[] = [];
	for (const key of [...byKey.keys()].sort()) {
		for (const mapping of byKey.get(key) ?? []) {
			const range = parsePortRange(mapping.hostPort) ?? { start: 0, end: 0 };
			for (let port = range.start; port <= range.end; port++) {
				const config: PortConfig = {
					Protocol: mapping.proto as PortConfig['Protocol'],
					TargetPort: mapping.container,
					PublishMode: 'ingress'
				};
				if (port !== 0) config.PublishedPort = port;
				configs.push(config);
			}
		}
	}
	return configs;
}

function longSyntax(entry: Record<string, Value>, index: number): PortConfig {
	const name = `Ports[${index}]`;
	const target = toUint(`${name}.Target`, entry.target) ?? 0;
	const published = toUint(`${name}.Published`, entry.published) ?? 0;
	const config: PortConfig = { TargetPort: target };
	if (typeof entry.protocol === 'string' && entry.protocol !== '') {
		config.Protocol = entry.protocol as PortConfig['Protocol'];
	}
	if (published !== 0) config.PublishedPort = published;
	if (typeof entry.mode === 'string' && entry.mode !== '') {
		config.PublishMode = entry.mode as PortConfig['PublishMode'];
	}
	return config;
}

/** transformServicePort on one short-syntax entry (`8080:80`, `3000-3005`, `53/udp`). */
export function shortPortSyntax(entry: Value): PortConfig[] {
	const raw = typeof entry === 'number' ? String(entry) : typeof entry === 'string' ? entry : '';
	try {
		return shortSyntax(raw);
	} catch (error) {
		throw hookError('Ports', error instanceof Error ? error.message : String(error));
	}
}

export function convertPorts(ports: Value | undefined): PortConfig[] {
	if (!Array.isArray(ports)) return [];
	const configs: PortConfig[] = [];
	ports.forEach((entry, index) => {
		configs.push(...(isDict(entry) ? [longSyntax(entry, index)] : shortPortSyntax(entry)));
	});
	// convertEndpointSpec: sort.Slice by PublishedPort (stable here, so equal ports keep order).
	return configs.sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0));
}
