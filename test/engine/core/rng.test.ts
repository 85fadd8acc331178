import { describe, expect, it } from 'vitest';
import { RandomStream, Rng } from '../../../src/engine/core/rng';

const draw = (rng: Rng, name: string, n: number) =>
	Array.from({ length: n }, () => rng.stream(name).next());

describe('Rng', () => {
	it('gives the same numbers for the same seed and stream name', () => {
		expect(draw(new Rng(42), 'kubelet/node-1', 5)).toEqual(draw(new Rng(42), 'kubelet/node-1', 5));
	});

	it('gives different numbers for another seed or another stream', () => {
		const a = draw(new Rng(42), 'a', 5);
		expect(draw(new Rng(43), 'a', 5)).not.toEqual(a);
		expect(draw(new Rng(42), 'b', 5)).not.toEqual(a);
	});

	it('keeps a stream unchanged when another consumer is added', () => {
		const alone = new Rng(7);
		const shared = new Rng(7);
		const expected = draw(alone, 'network', 10);
		const got: number[] = [];
		for (let i = 0; i < 10; i++) {
			shared.stream('newcomer').next();
			got.push(shared.stream('network').next());
		}
		expect(got).toEqual(expected);
	});

	it('draws floats in [0, 1) and integers in the closed range', () => {
		const s = new Rng(1).stream('x');
		const seen = new Set<number>();
		for (let i = 0; i < 10_000; i++) {
			const f = s.next();
			expect(f).toBeGreaterThanOrEqual(0);
			expect(f).toBeLessThan(1);
			const n = s.int(3, 6);
			expect(n).toBeGreaterThanOrEqual(3);
			expect(n).toBeLessThanOrEqual(6);
			seen.add(n);
		}
		expect([...seen].sort()).toEqual([3, 4, 5, 6]);
	});

	it('is roughly uniform (chi-square over 10 buckets)', () => {
		const s = new Rng(99).stream('u');
		const buckets = new Array(10).fill(0);
		const n = 100_000;
		for (let i = 0; i < n; i++) buckets[Math.floor(s.next() * 10)]++;
		const chi = buckets.reduce((acc, b) => acc + (b - n / 10) ** 2 / (n / 10), 0);
		expect(chi).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
	});

	it('restores stream states from a save', () => {
		const rng = new Rng(5);
		rng.stream('a').next();
		const saved = rng.save();
		const next = [rng.stream('a').next(), rng.stream('b').next()];
		rng.load(saved);
		expect([rng.stream('a').next(), rng.stream('b').next()]).toEqual(next);
	});

	it('picks in a reservoir what the draw-by-draw loop picks, and leaves the stream where it would', () => {
		// selectHost's loop: tie j replaces the pick when Math.floor(next() * (j + 1)) === 0.
		const loop = (s: RandomStream, count: number) => {
			let chosen = 0;
			for (let j = 1; j < count; j++) if (Math.floor(s.next() * (j + 1)) === 0) chosen = j;
			return chosen;
		};
		const picks = new Set<number>();
		// States near the int32 wrap-around too: the stream's counter overflows there.
		for (const start of [0, 1, 0x7fffffff, -0x80000000, -1, 123456789])
			for (let count = 0; count <= 600; count += count < 20 ? 1 : 37) {
				const a = new RandomStream(start + count);
				const b = new RandomStream(start + count);
				const expected = loop(a, count);
				expect(b.reservoir(count)).toBe(expected);
				expect(b.getState()).toBe(a.getState());
				picks.add(expected);
			}
		// Not always the first or the last item.
		expect(picks.size).toBeGreaterThan(20);
	});
});
