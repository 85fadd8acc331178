/**
 * The trace's running hash is kept in four 16-bit limbs (core/trace.ts): it must stay the
 * 64-bit FNV-1a of the lines `t NUL kind NUL subject NUL message LF` (hashStep), for every
 * UTF-16 code unit, through checkpoints — the hash a lab reports must not change.
 */
import { describe, expect, it } from 'vitest';
import { Trace, hashStep } from '../../../src/engine/core/trace';

function lcg(seed: number): () => number {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A string of any UTF-16 code units, 0 to 0xffff (lone surrogates included). */
function text(rnd: () => number): string {
	let out = '';
	const n = Math.floor(rnd() * 40);
	for (let i = 0; i < n; i++)
		out += String.fromCharCode(rnd() < 0.5 ? Math.floor(rnd() * 128) : Math.floor(rnd() * 0x10000));
	return out;
}

const hex = ([hi, lo]: [number, number]) =>
	hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

describe('the trace hash', () => {
	it('is hashStep of the joined lines for any code units, plain and formatted', () => {
		const rnd = lcg(3);
		const trace = new Trace();
		let expected: [number, number] = [0xcbf29ce4, 0x84222325];
		for (let i = 0; i < 2000; i++) {
			const t = Math.floor(rnd() * 1e7);
			const [kind, a, b] = [text(rnd), text(rnd), text(rnd)];
			if (i % 2 === 0) {
				trace.add({ t, kind, subject: a, message: b });
				expected = hashStep(expected, `${t}\u0000${kind}\u0000${a}\u0000${b}\n`);
			} else {
				trace.addFormatted(t, kind, { subject: ['pod/', 0], message: [1, ' on ', 0] }, a, b);
				expected = hashStep(expected, `${t}\u0000${kind}\u0000pod/${a}\u0000${b} on ${a}\n`);
			}
			if (i % 97 === 0) expect(trace.digest()).toBe(hex(expected));
		}
		expect(trace.digest()).toBe(hex(expected));
	});

	it('goes on from a checkpoint as it went the first time', () => {
		const trace = new Trace();
		trace.add({ t: 1, kind: 'pod.created', subject: 'pod/web-1', message: 'ümlaut \uffff' });
		const saved = trace.save();
		trace.add({ t: 2, kind: 'pod.deleted', subject: 'pod/web-1', message: 'gone' });
		const after = trace.digest();
		trace.load(saved);
		expect(trace.save().hash).toEqual(saved.hash);
		trace.add({ t: 2, kind: 'pod.deleted', subject: 'pod/web-1', message: 'gone' });
		expect(trace.digest()).toBe(after);
	});
});
