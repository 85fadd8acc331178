/**
 * IPv4 address pools of swarm networks: a network's IPAM configuration (`docker network create
 * --subnet --gateway --ip-range`, a stack's `ipam.config`), checked as swarmkit checks it
 * (manager/controlapi/network.go validateIPAMConfiguration), and the addresses handed out of it.
 */
import { intToIp, ipToInt } from '../kubernetes/services/addresses';

/** One IPAM pool, in the Engine API's shape (network.IPAMConfig). */
export interface IpamConfig {
	Subnet: string;
	IPRange?: string;
	Gateway?: string;
}

interface Cidr {
	/** The address as a 32-bit unsigned number. */
	ip: number;
	bits: number;
}

/** Go's net.ParseCIDR for IPv4; undefined when it would fail. */
export function parseCidr(text: string): Cidr | undefined {
	const [addr, bits, ...rest] = text.split('/');
	if (rest.length > 0 || bits === undefined || !/^\d{1,2}$/.test(bits) || Number(bits) > 32)
		return undefined;
	const ip = ipToInt(addr ?? '');
	return ip === undefined ? undefined : { ip, bits: Number(bits) };
}

function networkOf(c: Cidr): number {
	const size = 2 ** (32 - c.bits);
	return Math.floor(c.ip / size) * size;
}

function contains(net: Cidr, ip: number): boolean {
	const size = 2 ** (32 - net.bits);
	return ip >= networkOf(net) && ip < networkOf(net) + size;
}

/** Whether the subnet holds `data` (an address, or a CIDR's address): docker/cli subnetMatches. */
export function subnetMatches(subnet: string, data: string): boolean | undefined {
	const s = parseCidr(subnet);
	const ip = data.includes('/') ? parseCidr(data)?.ip : ipToInt(data);
	if (s === undefined || ip === undefined) return undefined;
	return contains(s, ip);
}

/** swarmkit validateIPAMConfiguration: the daemon's error text, or undefined when valid. */
export function ipamError(c: IpamConfig): string | undefined {
	const subnet = parseCidr(c.Subnet);
	if (subnet === undefined) return `ipam configuration: invalid subnet ${c.Subnet}`;
	if (c.IPRange !== undefined) {
		const range = parseCidr(c.IPRange);
		if (range === undefined) return `ipam configuration: invalid range ${c.IPRange}`;
		if (!contains(subnet, range.ip))
			return `ipam configuration: subnet ${c.Subnet} does not contain range ${c.IPRange}`;
	}
	if (c.Gateway !== undefined) {
		const gw = ipToInt(c.Gateway);
		if (gw === undefined) return `ipam configuration: invalid gateway ${c.Gateway}`;
		if (!contains(subnet, gw))
			return `ipam configuration: subnet ${c.Subnet} does not contain gateway ${c.Gateway}`;
	}
	return undefined;
}

/** The pool's gateway: the configured one, else the subnet's first host (libnetwork IPAM). */
export function gatewayOf(c: IpamConfig): string {
	if (c.Gateway !== undefined) return c.Gateway;
	const s = parseCidr(c.Subnet);
	return s === undefined ? '' : intToIp(networkOf(s) + 1);
}

/**
 * The `index`-th address handed out of the pool (from the ip-range when there is one), as
 * `ADDR/BITS` of the subnet, skipping the network address and the gateway; with the index of
 * the next one.
 */
export function addressAt(c: IpamConfig, index: number): { addr: string; next: number } {
	const subnet = parseCidr(c.Subnet)!;
	const range = c.IPRange === undefined ? undefined : parseCidr(c.IPRange);
	const start = range === undefined ? networkOf(subnet) : networkOf(range);
	const skip = new Set([networkOf(subnet), ipToInt(gatewayOf(c))]);
	let i = index;
	while (skip.has(start + i)) i++;
	return { addr: `${intToIp(start + i)}/${subnet.bits}`, next: i + 1 };
}
