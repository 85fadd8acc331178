/** Identifiers drawn from a seeded stream, so they are the same on every run. */
import type { RandomStream } from './rng';

const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** An RFC 4122 version-4 UUID, as Kubernetes puts in metadata.uid. */
export function uuid(random: RandomStream): string {
	let s = '';
	for (let i = 0; i < 32; i++) {
		let digit = random.int(0, 15);
		if (i === 12) digit = 4;
		if (i === 16) digit = 8 + (digit & 3);
		s += HEX[digit];
		if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
	}
	return s;
}

/** A lowercase base-36 id of `length` characters, like swarmkit's identity.NewID (25). */
export function base36Id(random: RandomStream, length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += BASE36[random.int(0, 35)];
	return s;
}
