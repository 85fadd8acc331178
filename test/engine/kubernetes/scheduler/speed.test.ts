/**
 * A timing probe, not a benchmark: it prints how fast schedulePod is on 5,000 nodes and
 * asserts nothing about time (bench/ owns throughput figures). Vitest's module transform turns
 * every cross-module call into a property read, so this runs several times slower than the
 * same code under `node --import tsx` or bundled.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../../src/engine/core/rng';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { node, pod } from './helpers';

describe('schedulePod on 5,000 nodes', () => {
	it('schedules plain pods (timing printed, not asserted)', () => {
		const cache = createSchedulerCache();
		for (let i = 0; i < 5000; i++) cache.addNode(node(`node-${i}`, { cpu: '32', memory: '128Gi' }));
		const rng = new RandomStream(7);
		const run = (n: number, explain: boolean) => {
			const state = { next: () => rng.next(), nextStartNodeIndex: 0, explain };
			const pods = Array.from({ length: n }, (_, i) =>
				pod(`p-${explain}-${i}`, { requests: { cpu: '100m', memory: '128Mi' } })
			);
			const t0 = performance.now();
			for (const p of pods) {
				const r = schedulePod(p, cache, state);
				if (p.spec) p.spec.nodeName = r.node; // bound in place, as an assumed pod
				cache.addPod(p);
			}
			return (performance.now() - t0) / n;
		};
		run(1000, false); // warm-up
		const quiet = run(5000, false);
		const explained = run(300, true);
		console.log(
			`schedulePod + addPod, 5000 nodes: ${(quiet * 1000).toFixed(1)} µs/pod ` +
				`(${Math.round(1000 / quiet)} pods/s) without explain, ` +
				`${(explained * 1000).toFixed(1)} µs/pod with explain`
		);
		expect(cache.getNode('node-0')?.podCount).toBeGreaterThan(0);
	});
});
