import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../../src/engine/core/event-queue';

describe('EventQueue', () => {
	it('pops entries in time order', () => {
		const q = new EventQueue();
		for (const t of [50, 10, 30, 20, 40]) q.push(t, 'k', t);
		const out: unknown[] = [];
		while (q.size > 0) out.push(q.pop()!.arg);
		expect(out).toEqual([10, 20, 30, 40, 50]);
	});

	it('breaks ties at the same millisecond by insertion order', () => {
		const q = new EventQueue();
		q.push(5, 'k', 'a');
		q.push(1, 'k', 'first');
		q.push(5, 'k', 'b');
		q.push(5, 'k', 'c');
		expect([q.pop(), q.pop(), q.pop(), q.pop()].map((e) => e!.arg)).toEqual([
			'first',
			'a',
			'b',
			'c'
		]);
	});

	it('reports Infinity for the next time of an empty queue', () => {
		expect(new EventQueue().peekTime()).toBe(Infinity);
		expect(new EventQueue().pop()).toBeUndefined();
	});

	it('orders any mix of times like a stable sort', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
				const q = new EventQueue();
				times.forEach((t, i) => q.push(t, 'k', i));
				const popped: number[] = [];
				while (q.size > 0) popped.push(q.pop()!.arg as number);
				const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
				expect(popped).toEqual(expected.map((e) => e.i));
			})
		);
	});

	it('restores a saved queue exactly, sequence numbers included', () => {
		const q = new EventQueue();
		q.push(3, 'k', 'x');
		const saved = q.save();
		q.push(3, 'k', 'y');
		q.pop();
		q.load(saved);
		q.push(3, 'k', 'z');
		expect([q.pop()!.arg, q.pop()!.arg]).toEqual(['x', 'z']);
	});
});
