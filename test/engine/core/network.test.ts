import { describe, expect, it } from 'vitest';
import { LOST, Network } from '../../../src/engine/core/network';
import { Rng } from '../../../src/engine/core/rng';

const net = (loss = 0) =>
	new Network(new Rng(1).stream('network'), { latencyMs: 10, jitterMs: 5, loss });

describe('Network', () => {
	it('delivers with latency plus bounded jitter', () => {
		const n = net();
		for (let i = 0; i < 200; i++) {
			const delay = n.send('a', 'b');
			expect(delay).toBeGreaterThanOrEqual(10);
			expect(delay).toBeLessThan(15);
		}
	});

	it('cuts links between groups of a partition, and only those', () => {
		const n = net();
		n.partition([['a', 'b'], ['c']]);
		expect(n.connected('a', 'b')).toBe(true);
		expect(n.connected('a', 'c')).toBe(false);
		expect(n.connected('c', 'b')).toBe(false);
		expect(n.connected('a', 'd')).toBe(true); // hosts in no group keep their links
		expect(n.send('a', 'c')).toBe(LOST);
		n.heal();
		expect(n.connected('a', 'c')).toBe(true);
	});

	it('loses about the configured share of messages', () => {
		const n = net(0.3);
		let lost = 0;
		for (let i = 0; i < 10_000; i++) if (n.send('a', 'b') === LOST) lost++;
		expect(lost / 10_000).toBeGreaterThan(0.27);
		expect(lost / 10_000).toBeLessThan(0.33);
		expect(n.dropped).toBe(lost);
	});

	it('drops messages from and to a host that is down', () => {
		const n = net();
		n.setHostUp('b', false);
		expect(n.send('b', 'a')).toBe(LOST);
		expect(n.canDeliver('a', 'b')).toBe(false);
		n.setHostUp('b', true);
		expect(n.canDeliver('a', 'b')).toBe(true);
	});

	it('drops a message in flight when the link is cut before it arrives', () => {
		const n = net();
		expect(n.send('a', 'c')).not.toBe(LOST);
		n.partition([['a'], ['c']]);
		expect(n.canDeliver('a', 'c')).toBe(false);
	});
});
