/**
 * Where pods get their addresses. kube-controller-manager's range allocator gives each node the
 * next /24 of --cluster-cidr (--node-cidr-mask-size defaults to 24 for IPv4: kube-controller-
 * manager reference), in the order the nodes register; kind's podSubnet is 10.244.0.0/16
 * (kind's configuration docs), 256 nodes' worth. A cluster of more nodes must be given a wider
 * range (the allocator stops with CIDRNotAvailable when it runs out), so a bigger lab gets the
 * smallest aligned block around 10.244.0.0 with a /24 for every node: 10.244.0.0/15 for 512,
 * 10.240.0.0/12 for 4,096, 10.224.0.0/11 for 8,192 — clear of the Service range 10.96.0.0/12.
 * On the node, the CNI's host-local IPAM hands out the /24's addresses from .2 (.1 is the
 * bridge) to .254 in turn, skipping those still held, and starts again at .2 after .254.
 */
import { ipv4 } from '../core/addresses';

/** kind's podSubnet, 10.244.0.0. */
const POD_SUBNET = (10 << 24) + (244 << 16);
/** The bits of a node's /24 under the cluster CIDR. */
const NODE_BITS = 8;
/** The first and last address host-local hands out in a node's /24. */
export const FIRST_POD_HOST = 2;
export const LAST_POD_HOST = 254;

export interface ClusterCidr {
	/** The range's first address. */
	base: number;
	prefix: number;
}

/** --cluster-cidr for a cluster of `nodes` nodes (see above). */
export function clusterCidr(nodes: number): ClusterCidr {
	let prefix = 16;
	while (prefix > 8 && 2 ** (32 - NODE_BITS - prefix) < nodes) prefix--;
	const mask = (0xffffffff << (32 - prefix)) >>> 0;
	return { base: (POD_SUBNET & mask) >>> 0, prefix };
}

export function cidrText(c: ClusterCidr): string {
	return `${ipv4(c.base)}/${c.prefix}`;
}

/** The first address of node `index`'s /24 (the range allocator's `index`th block). */
export function nodeBlock(c: ClusterCidr, index: number): number {
	return c.base + index * 2 ** NODE_BITS;
}

/** Node `index`'s podCIDR. */
export function nodePodCidr(c: ClusterCidr, index: number): string {
	return `${ipv4(nodeBlock(c, index))}/${32 - NODE_BITS}`;
}
