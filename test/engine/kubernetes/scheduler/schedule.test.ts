import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Pod } from 'kubernetes-types/core/v1';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import {
	schedulePod,
	type SchedulerState
} from '../../../../src/engine/kubernetes/scheduler/schedule';
import { bind, corpusCluster, fixed, node, pod } from './helpers';

const corpus = (file: string) =>
	parse(
		readFileSync(
			new URL(`../../../../../shared/corpus/kubernetes/${file}`, import.meta.url),
			'utf8'
		)
	) as Pod;

const state = (next = fixed(0.5)): SchedulerState => ({ next, nextStartNodeIndex: 0 });
const TAINT = 'node(s) had untolerated taint(s)';
const POST = 'no new claims to deallocate, preemption: 0/4 nodes are available:';

describe('FailedScheduling messages (FitError.Error)', () => {
	it('memory-request-limit-3: 1000Gi fits nowhere and preemption cannot help', () => {
		const r = schedulePod(corpus('memory-request-limit-3.yaml'), corpusCluster(), state());
		expect(r.node).toBeUndefined();
		expect(r.message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 Insufficient memory. ` +
				`${POST} 4 Preemption is not helpful for scheduling.`
		);
		expect(r.filterFailures.get('node-1')).toEqual(['Insufficient memory']);
		expect(r).toMatchObject({ feasible: 0, evaluated: 4 });
	});

	it('pod-with-node-affinity: no node has the antarctica zone label', () => {
		const r = schedulePod(corpus('pod-with-node-affinity.yaml'), corpusCluster(), state());
		expect(r.message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 node(s) didn't match Pod's node affinity/selector. ` +
				`${POST} 4 Preemption is not helpful for scheduling.`
		);
	});

	it('pod-with-node-affinity lands on a labelled node, preferring the extra label', () => {
		const cache = corpusCluster();
		cache.addNode(
			node('south-1', { labels: { 'topology.kubernetes.io/zone': 'antarctica-east1' } })
		);
		cache.addNode(
			node('south-2', {
				labels: {
					'topology.kubernetes.io/zone': 'antarctica-west1',
					'another-node-label-key': 'another-node-label-value'
				}
			})
		);
		const r = schedulePod(corpus('pod-with-node-affinity.yaml'), cache, state());
		expect(r.node).toBe('south-2');
		expect(r.scores.get('south-2')?.byPlugin.NodeAffinity).toBe(200);
		expect(r.scores.get('south-1')?.byPlugin.NodeAffinity).toBe(0);
	});

	it('a resolvable shortage without lower-priority pods finds no preemption victims', () => {
		const cache = corpusCluster();
		for (const n of ['node-1', 'node-2', 'node-3'])
			bind(cache, pod(`busy-${n}`, { requests: { cpu: '2' } }), n);
		const r = schedulePod(pod('big', { requests: { cpu: '3' } }), cache, state());
		expect(r.message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 Insufficient cpu. ` +
				`${POST} 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`
		);
	});

	it('anti-affinity everywhere is resolvable in principle, but no victim has lower priority', () => {
		const cache = corpusCluster();
		for (const n of ['node-1', 'node-2', 'node-3'])
			bind(cache, pod(`web-${n}`, { labels: { app: 'web' } }), n);
		const term = {
			labelSelector: { matchLabels: { app: 'web' } },
			topologyKey: 'kubernetes.io/hostname'
		};
		const p = pod('web-4', {
			labels: { app: 'web' },
			spec: {
				affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
			}
		});
		expect(schedulePod(p, cache, state()).message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 node(s) didn't match pod anti-affinity rules. ` +
				`${POST} 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`
		);
	});

	it('preemptionPolicy Never says so', () => {
		const p = pod('never', { requests: { memory: '100Gi' }, spec: { preemptionPolicy: 'Never' } });
		expect(schedulePod(p, corpusCluster(), state()).message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 Insufficient memory. ` +
				'no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.'
		);
	});

	it('a node-name PreFilter conflict replaces the histogram', () => {
		const field = (v: string) => ({ key: 'metadata.name', operator: 'In', values: [v] });
		const terms = [{ matchFields: [field('a'), field('b')] }];
		const p = pod('pinned', {
			spec: {
				affinity: {
					nodeAffinity: {
						requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms }
					}
				}
			}
		});
		expect(schedulePod(p, corpusCluster(), state()).message).toBe(
			`0/4 nodes are available: pod affinity terms conflict. ${POST} 4 Preemption is not helpful for scheduling.`
		);
	});

	it('counts nodes a node-name pin left out under the pinning plugin', () => {
		const terms = [
			{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['control-plane'] }] }
		];
		const p = pod('pinned', {
			spec: {
				affinity: {
					nodeAffinity: {
						requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms }
					}
				}
			}
		});
		expect(schedulePod(p, corpusCluster(), state()).message).toBe(
			`0/4 nodes are available: 1 ${TAINT}, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. ` +
				`${POST} 4 Preemption is not helpful for scheduling.`
		);
	});

	it('says so when the cluster has no nodes', () => {
		expect(schedulePod(pod('p'), createSchedulerCache(), state()).message).toBe(
			'no nodes available to schedule pods'
		);
	});
});

describe('preemption (DefaultPreemption dry run)', () => {
	it('nominates a node and names the fewest, least important victims', () => {
		const cache = corpusCluster();
		bind(cache, pod('low-a', { requests: { cpu: '3' }, priority: 0 }), 'node-1');
		bind(cache, pod('low-b', { requests: { cpu: '2' }, priority: 10 }), 'node-2');
		bind(cache, pod('low-c', { requests: { cpu: '1' }, priority: 10 }), 'node-2');
		bind(cache, pod('high', { requests: { cpu: '3' }, priority: 5000 }), 'node-3');
		const r = schedulePod(
			pod('urgent', { requests: { cpu: '2' }, priority: 1000 }),
			cache,
			state()
		);
		// node-1 would lose low-a (priority 0), node-2 low-c (10, low-b is reprieved): the lower
		// highest-victim priority wins (pickOneNodeForPreemption).
		expect(r.node).toBeUndefined();
		expect(r.nominatedNode).toBe('node-1');
		expect(r.victims).toEqual([{ namespace: 'default', name: 'low-a' }]);
		expect(r.message).toBe(`0/4 nodes are available: 1 ${TAINT}, 3 Insufficient cpu.`);
	});

	it('reprieves victims that can stay', () => {
		const cache = corpusCluster(1);
		const keep = bind(cache, pod('keep', { requests: { cpu: '1' }, priority: 5 }), 'node-1');
		bind(cache, pod('go', { requests: { cpu: '2500m' }, priority: 1 }), 'node-1');
		const r = schedulePod(pod('urgent', { requests: { cpu: '2' }, priority: 100 }), cache, state());
		expect(r.nominatedNode).toBe('node-1');
		expect(r.victims).toEqual([{ namespace: keep.metadata?.namespace ?? 'default', name: 'go' }]);
	});
});

describe('the per-node score memo', () => {
	it('never lets a filled node pass for a pod of the same shape', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('a', { cpu: '1' }));
		cache.addNode(node('b', { cpu: '1' }));
		const s = state();
		const placed: (string | undefined)[] = [];
		for (let i = 0; i < 5; i++) {
			const p = pod(`p${i}`, { requests: { cpu: '400m' } });
			const r = schedulePod(p, cache, s);
			placed.push(r.node);
			if (r.node) bind(cache, p, r.node);
			else expect(r.message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
		}
		expect(placed.filter(Boolean)).toHaveLength(4);
		expect(cache.getNode('a')?.reqMilliCPU).toBe(800);
	});
});

describe('selectHost', () => {
	it('breaks ties with the injected randomness (reservoir sampling)', () => {
		const cache = createSchedulerCache();
		for (const n of ['a', 'b', 'c']) cache.addNode(node(n));
		// next() = 0 replaces the candidate at every tie: the last tied node wins.
		expect(schedulePod(pod('p'), cache, state(fixed(0))).node).toBe('c');
		// next() ≈ 1 never replaces it: the first stays.
		expect(schedulePod(pod('q'), cache, state(fixed(0.999))).node).toBe('a');
	});

	it('skips scoring when only one node is feasible', () => {
		const r = schedulePod(pod('p'), corpusCluster(1), state());
		expect(r).toMatchObject({ node: 'node-1', feasible: 1, evaluated: 2 });
		expect(r.scores.size).toBe(0);
	});

	it('reports totals as the sum of weighted plugin scores', () => {
		const r = schedulePod(pod('p'), corpusCluster(), state());
		const s = r.scores.get('node-1');
		// TaintToleration 100×3, LeastAllocated 97, ImageLocality 0; the others were skipped.
		expect(s).toEqual({
			total: 397,
			byPlugin: { TaintToleration: 300, NodeResourcesFit: 97, ImageLocality: 0 }
		});
		expect(r.filterFailures.get('control-plane')).toEqual([TAINT]);
	});
});
