/**
 * IPv4 addresses as the lab hands them out, kept as numbers and printed as dotted quads.
 *
 * The nodes of both flavours sit on a docker bridge network, as kind's and a docker-in-docker
 * swarm's do: 172.18.0.0/16 (the second network docker creates: libnetwork ipamutils'
 * predefined local pools, 172.17.0.0/16 being the default bridge). Docker's IPAM gives the
 * gateway .0.1 and then hands out addresses in order, so node i (0: the first control plane or
 * manager) is the (i + 2)th address: 172.18.0.2, …, 172.18.0.255, 172.18.1.0, … — a big lab's
 * 300th node is 172.18.1.45, not an impossible 172.18.0.301.
 */

/** The dotted quad of `n`, an unsigned 32-bit address. */
export function ipv4(n: number): string {
	return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** 172.18.0.0, the nodes' docker network. */
const NODE_NETWORK = (172 << 24) + (18 << 16);

/** Node `index`'s address on the nodes' network. */
export function nodeAddress(index: number): string {
	// toLowerCase flattens the concatenation: one string per node, not a rope of its pieces.
	return ipv4(NODE_NETWORK + index + 2).toLowerCase();
}
