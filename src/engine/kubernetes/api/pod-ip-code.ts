/**
 * A pod's IP as the lab keeps it: an address in 10.0.0.0/8 (the pod CIDRs, ../pod-network.ts)
 * as one small integer, its offset from 10.0.0.0; any other address (a hostNetwork pod's node
 * address) as its text. The text is made when read: a 32-byte string per pod otherwise, held by
 * the kubelet and the pod's status.
 */
import { ipv4 } from '../../core/addresses';

/** A pod IP: a number from `podIpCode`, or the address itself. */
export type PodIpCode = number | string;

/** 10.0.0.0: offsets from it are under 2^24, a small integer (Smi): no heap object. */
const TEN = 10 << 24;

/** The code of `address` (an unsigned 32-bit number in 10.0.0.0/8). */
export function podIpCode(address: number): PodIpCode {
	const offset = address - TEN;
	return offset >= 0 && offset < 2 ** 24 ? offset : ipv4(address);
}

/** The address `code` stands for. */
export function podIpText(code: PodIpCode): string {
	if (typeof code === 'string') return code;
	// toLowerCase flattens the concatenation (see names.ts flatText): one string, not a rope.
	return ipv4(TEN + code).toLowerCase();
}
