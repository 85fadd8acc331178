/** Generated names, as the API server and controllers make them. */
import type { RandomStream } from '../../core/rng';
import { fnv1a32 } from '../../core/rng';

// apimachinery util/rand: "bcdfghjklmnpqrstvwxz2456789" — no vowels, no confusable characters.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * `text` as one flat string. A concatenation is a rope (V8's ConsString, pointing at its
 * parts); the first time something reads its characters V8 copies them into a flat string and
 * keeps the rope as well: ~32 bytes more for each of a big cluster's pod names and addresses.
 * toLowerCase makes the flat copy at once; text with capitals is returned as it is.
 */
export function flatText(text: string): string {
	const lower = text.toLowerCase();
	return lower === text ? lower : text;
}

/** `generateName` suffix: 5 random characters (names.SimpleNameGenerator). */
export function randomSuffix(random: RandomStream, length = 5): string {
	// The usual five characters made in one string: appended one by one, each step would make
	// a string of its own (four short-lived ones per name, twice for every pod created).
	if (length === 5) {
		const a = suffixCode(random);
		const b = suffixCode(random);
		const c = suffixCode(random);
		const d = suffixCode(random);
		return String.fromCharCode(a, b, c, d, suffixCode(random));
	}
	let s = '';
	for (let i = 0; i < length; i++) s += ALPHANUMS[random.int(0, ALPHANUMS.length - 1)];
	return s;
}

/** One random character's code from ALPHANUMS (drawn as randomSuffix draws each). */
function suffixCode(random: RandomStream): number {
	return ALPHANUMS.charCodeAt(random.int(0, ALPHANUMS.length - 1));
}

/**
 * The pod-template-hash: an FNV-32a hash of the pod template and the collision count, its
 * decimal digits written in the safe alphabet (controller.ComputeHash, rand.SafeEncodeString).
 * Upstream hashes a spew dump of the Go struct; this hashes sorted JSON, so the values differ
 * from a real cluster's but keep their shape and their stability.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
	const text = stableJson(template) + (collisionCount > 0 ? String(collisionCount) : '');
	const hash = fnv1a32(text);
	// SafeEncodeString maps each byte of the decimal string: alphanums[byte % 27].
	let out = '';
	for (const digit of String(hash)) out += ALPHANUMS[digit.charCodeAt(0) % ALPHANUMS.length];
	return out;
}

function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
