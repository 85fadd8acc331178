/**
 * The cache holds bound pods themselves (no PodInfo each) and counts matching pods per node in
 * a byte while they fit: what the scheduler decides must not depend on either.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import { selectorFromSet } from '../../../../src/engine/kubernetes/scheduler/labels';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { bind, fixed, node, pod } from './helpers';

const HOST = 'kubernetes.io/hostname';

/** A pod labelled app=web that must spread over hostnames with maxSkew 1. */
function spreading(name: string): Pod {
	return pod(name, {
		labels: { app: 'web' },
		spec: {
			topologySpreadConstraints: [
				{
					maxSkew: 1,
					topologyKey: HOST,
					whenUnsatisfiable: 'DoNotSchedule',
					labelSelector: { matchLabels: { app: 'web' } }
				}
			]
		}
	});
}

const placeOn = (cache: ReturnType<typeof createSchedulerCache>, p: Pod) =>
	schedulePod(p, cache, { next: fixed(0.5), nextStartNodeIndex: 0 }).node;

describe('topology spread on nodes holding more than 255 matching pods', () => {
	// podtopologyspread/filtering.go Filter: a node fails when
	// matchNum + selfMatchNum - minMatchNum > maxSkew.
	it('counts past 255 whether the counter existed before the pods or was made after', () => {
		for (const early of [true, false]) {
			const cache = createSchedulerCache();
			for (const n of ['a', 'b']) cache.addNode(node(n, { pods: '1000' }));
			if (early) expect(placeOn(cache, spreading('first'))).toBeDefined();
			for (let i = 0; i < 300; i++) bind(cache, pod(`a${i}`, { labels: { app: 'web' } }), 'a');
			for (let i = 0; i < 250; i++) bind(cache, pod(`b${i}`, { labels: { app: 'web' } }), 'b');
			// a: 300 + 1 - 250 = 51 > 1; b: 250 + 1 - 250 = 1 (counts kept mod 256 would say a).
			expect(placeOn(cache, spreading('next'))).toBe('b');
			for (let i = 250; i < 301; i++) bind(cache, pod(`b${i}`, { labels: { app: 'web' } }), 'b');
			expect(placeOn(cache, spreading('then'))).toBe('a');
		}
	});

	it('keeps every count when nodes are added after a counter exists', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n0'));
		const counter = cache.podCounter('default', selectorFromSet({ app: 'web' }));
		for (let i = 1; i <= 200; i++) cache.addNode(node(`n${i}`));
		bind(cache, pod('w1', { labels: { app: 'web' } }), 'n0');
		bind(cache, pod('w2', { labels: { app: 'web' } }), 'n199');
		const counts = cache.nodes().map((ni) => counter.counts[ni.slot]);
		expect(counts.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(2);
		expect(counter.counts[cache.getNode('n199')!.slot]).toBe(1);
	});
});

describe('a bound pod the cache holds', () => {
	it('is removed by its newest version after a status write, freeing its requests', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n1'));
		const bound = bind(cache, pod('web', { requests: { cpu: '500m' } }), 'n1');
		const running: Pod = { ...bound, status: { phase: 'Running' } };
		expect(cache.refreshPod(bound, running)).toBe(true);
		cache.removePod(running);
		const ni = cache.getNode('n1')!;
		expect([ni.podCount, ni.reqMilliCPU, ni.pods.length]).toEqual([0, 0, 0]);
	});
});
