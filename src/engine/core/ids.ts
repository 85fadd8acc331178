/** Identifiers drawn from a seeded stream, so they are the same on every run. */
import type { RandomStream } from './rng';

const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

const DASH = 45;

/**
 * An RFC 4122 version-4 UUID, as Kubernetes puts in metadata.uid. Made from character codes in
 * one go: appending 36 characters one by one leaves a rope of ~20 string pieces (~450 bytes),
 * and a 150,000-pod cluster keeps a uid per pod.
 */
export function uuid(random: RandomStream): string {
	// One array for every uuid, filled in place: a new one grown by pushes would be garbage
	// (two backing stores, ~300 bytes) for each of a big cluster's pods.
	const codes = UUID_CODES;
	let at = 0;
	for (let i = 0; i < 32; i++) {
		let digit = random.int(0, 15);
		if (i === 12) digit = 4;
		if (i === 16) digit = 8 + (digit & 3);
		codes[at++] = HEX.charCodeAt(digit);
		if (i === 7 || i === 11 || i === 15 || i === 19) codes[at++] = DASH;
	}
	return String.fromCharCode(...codes);
}

/** The 36 character codes of the uuid being made (32 hex digits and 4 dashes). */
const UUID_CODES: number[] = new Array<number>(36).fill(0);

/** A lowercase base-36 id of `length` characters, like swarmkit's identity.NewID (25). */
export function base36Id(random: RandomStream, length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += BASE36[random.int(0, 35)];
	return s;
}
