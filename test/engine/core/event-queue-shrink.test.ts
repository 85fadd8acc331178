/**
 * The queue gives back the room a burst grew (issue 3: 150,000 pods starting at once leave a
 * quarter-million-entry heap behind otherwise), and keeps its order while doing so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/core/event-queue';

describe('EventQueue after a burst', () => {
	it('pops in (time, insertion) order through growing and shrinking', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 3000 })), {
					maxLength: 6
				}),
				(bursts) => {
					const q = new EventQueue();
					const ref: { t: number; seq: number }[] = [];
					let seq = 0;
					for (const [t0, pushes] of bursts) {
						for (let i = 0; i < pushes; i++) {
							const t = t0 + ((i * 7919) % 97);
							q.push(t, 'k', seq);
							ref.push({ t, seq: seq++ });
						}
						ref.sort((a, b) => a.t - b.t || a.seq - b.seq);
						// Drain most of it: the room shrinks on the way down.
						for (let i = 0; i < Math.ceil((ref.length * 9) / 10); i++) {
							const e = q.pop()!;
							const want = ref.shift()!;
							if (e.t !== want.t || e.arg !== want.seq) return false;
						}
					}
					return q.size === ref.length;
				}
			),
			{ numRuns: 40 }
		);
	});

	it('keeps a quarter-full heap’s room at most, and checkpoints the same entries', () => {
		const q = new EventQueue();
		for (let i = 0; i < 100_000; i++) q.push(i, 'k', i);
		for (let i = 0; i < 99_000; i++) q.pop();
		const state = q.save();
		expect(state.t.length).toBe(1000);
		// The room left is that of a heap of about the entries held, not of the burst.
		const room = (q as unknown as { times: Float64Array }).times.length;
		expect(room).toBeLessThanOrEqual(4 * 1024);
		expect(q.pop()!.arg).toBe(99_000);
	});
});
