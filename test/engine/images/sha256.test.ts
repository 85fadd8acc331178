import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8 } from '../../../src/engine/images/sha256';

describe('sha256Hex', () => {
	it('agrees with node:crypto at every length around the 64-byte blocks, non-ASCII too', () => {
		const alphabet = ['a', 'é', '✓', '𝄞', '\n', '{'];
		for (let n = 0; n < 140; n++) {
			const text = Array.from(
				{ length: n },
				(_, i) => alphabet[(i * 7 + n) % alphabet.length]
			).join('');
			expect(sha256Hex(text), `length ${n}`).toBe(
				createHash('sha256').update(text, 'utf8').digest('hex')
			);
			expect(Buffer.from(utf8(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
		}
	});
});
