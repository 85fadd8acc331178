/**
 * IPv4 arithmetic for the service range and the ClusterIP / NodePort allocators. Allocation
 * state is derived from the stored Services (as the API server's repair loop rebuilds its
 * bitmaps), so there is nothing private to checkpoint: only the random draws, from a named stream.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { RandomStream } from '../../core/rng';
import {
	NODE_PORT_MAX,
	NODE_PORT_MIN,
	NODE_PORT_STATIC_BAND,
	SERVICE_CIDR,
	SERVICE_IP_STATIC_BAND
} from '../defaults';

export function ipToInt(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4) return undefined;
	let n = 0;
	for (const p of parts) {
		if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
		n = n * 256 + Number(p);
	}
	return n;
}

export function intToIp(n: number): string {
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const BASE = ipToInt(SERVICE_CIDR.base)!;
const SIZE = 2 ** (32 - SERVICE_CIDR.prefix);
export const SERVICE_CIDR_TEXT = `${SERVICE_CIDR.base}/${SERVICE_CIDR.prefix}`;

/** Whether an address is a usable ClusterIP (inside the range, not its network or broadcast). */
export function inServiceRange(ip: string): boolean {
	const n = ipToInt(ip);
	return n !== undefined && n > BASE && n < BASE + SIZE - 1;
}

export function usedClusterIPs(services: readonly Service[]): Set<string> {
	const used = new Set<string>();
	for (const s of services)
		for (const ip of s.spec?.clusterIPs ?? []) if (ip !== 'None') used.add(ip);
	return used;
}

export function usedNodePorts(services: readonly Service[]): Set<number> {
	const used = new Set<number>();
	for (const s of services)
		for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
	return used;
}

/**
 * A random free address, upper band first (ServiceIPStaticSubrange), then the lower band —
 * the order the real allocator (pkg/registry/core/service/ipallocator) tries them in.
 */
export function allocateClusterIP(
	used: ReadonlySet<string>,
	random: RandomStream
): string | undefined {
	const band = SERVICE_IP_STATIC_BAND(SIZE);
	return pick(band, SIZE - 2, 1, band - 1, random, (i) => intToIp(BASE + i), used);
}

export function allocateNodePort(
	used: ReadonlySet<number>,
	random: RandomStream
): number | undefined {
	const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
	const band = NODE_PORT_STATIC_BAND(size);
	return pick(band, size - 1, 0, band - 1, random, (i) => NODE_PORT_MIN + i, used);
}

function pick<T>(
	upperFrom: number,
	upperTo: number,
	lowerFrom: number,
	lowerTo: number,
	random: RandomStream,
	at: (i: number) => T,
	used: ReadonlySet<T>
): T | undefined {
	for (const [from, to] of [
		[upperFrom, upperTo],
		[lowerFrom, lowerTo]
	] as const) {
		// A random start, then a linear scan: the bitmap allocator's strategy.
		const count = to - from + 1;
		const start = random.int(0, count - 1);
		for (let k = 0; k < count; k++) {
			const value = at(from + ((start + k) % count));
			if (!used.has(value)) return value;
		}
	}
	return undefined;
}
