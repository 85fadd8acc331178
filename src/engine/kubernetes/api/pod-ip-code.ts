/**
 * A pod's IP as the lab keeps it: the address 10.244.<node>.<n> of a node's pod CIDR as one
 * small integer, any other address (a hostNetwork pod's node address) as its text. The text is
 * made when read: a 32-byte string per pod otherwise, held by the kubelet and the pod's status.
 */

/** A pod IP: a number from `podCidrIpCode`, or the address itself. */
export type PodIpCode = number | string;

/**
 * Bits of the host part. node < 2^14 and n < 2^16 keep the code under 2^30: a small integer
 * (Smi) whether V8 keeps 31 or 32 bits in one, so it costs no heap object.
 */
const HOST_BITS = 16;
const HOST_LIMIT = 1 << HOST_BITS;
const NODE_LIMIT = 1 << 14;

/** 10.244.<node>.<n> (`node` the node's index, `n` the address within its pod CIDR). */
export function podCidrIpCode(node: number, n: number): PodIpCode {
	if (node < NODE_LIMIT && n < HOST_LIMIT) return node * HOST_LIMIT + n;
	return `10.244.${node}.${n}`.toLowerCase();
}

/** The address `code` stands for. */
export function podIpText(code: PodIpCode): string {
	if (typeof code === 'string') return code;
	// toLowerCase flattens the concatenation (see names.ts flatText): one string, not a rope.
	return `10.244.${code >>> HOST_BITS}.${code & (HOST_LIMIT - 1)}`.toLowerCase();
}
