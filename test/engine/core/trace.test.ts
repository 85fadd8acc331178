import { describe, expect, it } from 'vitest';
import { Trace, hashStep } from '../../../src/engine/core/trace';

describe('Trace', () => {
	it('hashes with 64-bit FNV-1a (known test vectors)', () => {
		const hex = (s: string) => {
			const [hi, lo] = hashStep([0xcbf29ce4, 0x84222325], s);
			return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
		};
		expect(hex('')).toBe('cbf29ce484222325');
		expect(hex('a')).toBe('af63dc4c8601ec8c');
		expect(hex('foobar')).toBe('85944171f73967e8');
	});

	it('changes the digest with any change of an event', () => {
		const a = new Trace();
		const b = new Trace();
		a.add({ t: 1, kind: 'k', subject: 's', message: 'm' });
		b.add({ t: 2, kind: 'k', subject: 's', message: 'm' });
		expect(a.digest()).not.toBe(b.digest());
	});

	it('finds events since a time and restores a saved length and hash', () => {
		const tr = new Trace();
		for (const t of [0, 5, 5, 9]) tr.add({ t, kind: 'k', subject: 's', message: String(t) });
		expect(tr.since(5).map((e) => e.t)).toEqual([5, 5, 9]);
		const saved = tr.save();
		const digest = tr.digest();
		tr.add({ t: 10, kind: 'k', subject: 's', message: 'x' });
		tr.load(saved);
		expect(tr.length).toBe(4);
		expect(tr.digest()).toBe(digest);
	});
});
