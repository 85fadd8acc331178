/**
 * Swarm join tokens (moby/swarmkit ca/config.go GenerateJoinToken, ParseJoinToken):
 * `SWMTKN-1-<root CA digest, base 36, 50 chars>-<role secret, base 36, 25 chars>`. The lab has
 * no certificates, so the digest is drawn like the secrets, from the lab's seeded randomness.
 */
import type { RandomStream } from '../core/rng';
import {
	JOIN_TOKEN_DIGEST_LENGTH,
	JOIN_TOKEN_PREFIX,
	JOIN_TOKEN_SECRET_LENGTH,
	UNLOCK_KEY_PREFIX
} from './defaults';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `digits` base-36 characters of a number below `2^bits`, zero-padded as swarmkit pads them: the
 * leading digit is bounded (2^256 in 50 digits starts with 0–6, 2^128 in 25 with 0–f).
 */
function drawBase36(random: RandomStream, digits: number, firstMax: number): string {
	let s = BASE36[random.int(0, firstMax)]!;
	for (let i = 1; i < digits; i++) s += BASE36[random.int(0, 35)];
	return s;
}

/** The root CA digest part (SHA-256 in base 36). */
export function drawDigest(random: RandomStream): string {
	return drawBase36(random, JOIN_TOKEN_DIGEST_LENGTH, 6);
}

/** A role's secret (16 random bytes in base 36). */
export function drawSecret(random: RandomStream): string {
	return drawBase36(random, JOIN_TOKEN_SECRET_LENGTH, 15);
}

export function joinToken(digest: string, secret: string): string {
	return `${JOIN_TOKEN_PREFIX}-${digest}-${secret}`;
}

/**
 * ParseJoinToken's checks: `SWMTKN`, version 1 with four parts (or 2 with five and a FIPS flag),
 * a 50-character digest and a 25-character secret. undefined: "invalid join token".
 */
export function parseJoinToken(token: string): { digest: string; secret: string } | undefined {
	const parts = token.split('-');
	if (parts.length < 4 || parts[0] !== 'SWMTKN') return undefined;
	if (parts[1] === '1' && parts.length !== 4) return undefined;
	if (parts[1] === '2' && (parts.length !== 5 || (parts[2] !== '0' && parts[2] !== '1'))) {
		return undefined;
	}
	if (parts[1] !== '1' && parts[1] !== '2') return undefined;
	const secret = parts[parts.length - 1]!;
	const digest = parts[parts.length - 2]!;
	if (digest.length !== JOIN_TOKEN_DIGEST_LENGTH || secret.length !== JOIN_TOKEN_SECRET_LENGTH) {
		return undefined;
	}
	return { digest, secret };
}

/** The digest as the 64 hex digits swarmkit prints when a remote CA does not match it. */
export function digestHex(digest: string): string {
	let n = 0n;
	for (const c of digest.toLowerCase()) {
		const d = BASE36.indexOf(c);
		// big.Int SetString fails on a bad digit and leaves zero behind.
		if (d < 0) return '0'.repeat(64);
		n = n * 36n + BigInt(d);
	}
	return n.toString(16).padStart(64, '0').slice(-64);
}

/**
 * A manager unlock key (swarmkit manager/encryption HumanReadableKey): `SWMKEY-1-` and 32
 * random bytes in unpadded base64 (base64.RawStdEncoding, 43 characters).
 */
export function drawUnlockKey(random: RandomStream): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	let key = '';
	// 32 bytes are 256 bits: 42 full characters and one holding the last 4 bits (low 2 zero).
	for (let i = 0; i < 42; i++) key += alphabet[random.int(0, 63)];
	key += alphabet[random.int(0, 15) * 4];
	return `${UNLOCK_KEY_PREFIX}-${key}`;
}
