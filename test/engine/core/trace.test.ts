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

describe('formatted trace events', () => {
	const SCHEDULED = { subject: ['pod/', 0], message: [1] } as const;
	const RUNNING = {
		subject: ['pod/', 0],
		message: ['Pod ', 0, ' is running on ', 1, '.']
	} as const;
	const cases: [typeof SCHEDULED | typeof RUNNING, string, string][] = [
		[SCHEDULED, 'web-1', 'Successfully assigned default/web-1 to node-3'],
		[SCHEDULED, 'web-12', 'Successfully assigned default/web-12 to node-3'],
		[SCHEDULED, 'web-1', 'web-1 twice: web-1'],
		[SCHEDULED, 'web-1', 'no name in it'],
		[SCHEDULED, '', 'empty first argument'],
		[SCHEDULED, 'a\u0000b', 'x a\u0000b y'],
		[SCHEDULED, 'b', 'x a\u0000b y'],
		[RUNNING, 'web-1', 'node-3'],
		[RUNNING, 'web-1', 'web-1']
	];

	it('read and hash exactly as the events built at once', () => {
		const formatted = new Trace();
		const built = new Trace();
		cases.forEach(([format, a, b], t) => {
			formatted.addFormatted(t, 'pod.x', format, a, b);
			const fill = (p: readonly (string | 0 | 1)[]) =>
				p.map((x) => (x === 0 ? a : x === 1 ? b : x)).join('');
			built.add({ t, kind: 'pod.x', subject: fill(format.subject), message: fill(format.message) });
		});
		expect(formatted.since(0)).toEqual(built.since(0));
		expect(formatted.digest()).toBe(built.digest());
		const saved = formatted.save();
		formatted.addFormatted(99, 'pod.x', SCHEDULED, 'web-1', 'Successfully assigned x/web-1 to y');
		formatted.load(saved);
		expect(formatted.since(0)).toEqual(built.since(0));
	});

	it('keep each of many cut shapes apart (a big cluster: one per node)', () => {
		const formatted = new Trace();
		const built = new Trace();
		// 300 nodes' shapes, each met again later, and messages that only look alike.
		for (let i = 0; i < 900; i++) {
			const a = `web-${i}`;
			const node = `node-${(i * 7) % 300}`;
			const b =
				i % 5 === 4
					? `Successfully assigned default/${a} to ${node}x`
					: `Successfully assigned default/${a} to ${node}`;
			formatted.addFormatted(i, 'pod.scheduled', SCHEDULED, a, b);
			built.add({ t: i, kind: 'pod.scheduled', subject: `pod/${a}`, message: b });
		}
		expect(formatted.since(0)).toEqual(built.since(0));
		expect(formatted.digest()).toBe(built.digest());
	});
});
