import { describe, expect, it } from 'vitest';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import {
	nextStartNodeIndex,
	numFeasibleNodesToFind
} from '../../../../src/engine/kubernetes/scheduler/percentage';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { fixed, node, pod } from './helpers';

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
	it.each([
		[0, 50, 50], // under 100 nodes: all of them
		[0, 100, 100], // 50% = 50, raised to the 100 minimum
		[0, 500, 230], // 50 − 4 = 46%
		[0, 1000, 420], // 50 − 8 = 42%
		[0, 5000, 500], // 50 − 40 = 10%
		[0, 6000, 300], // 50 − 48 = 2% → floor of 5%
		[0, 10000, 500], // 5%
		[30, 1000, 300],
		[1, 500, 100],
		[100, 5000, 5000]
	])('percentage %i of %i nodes → %i', (pct, n, want) =>
		expect(numFeasibleNodesToFind(pct, n)).toBe(want)
	);
});

describe('nextStartNodeIndex', () => {
	it('wraps around the node list', () => {
		expect(nextStartNodeIndex(4900, 500, 5000)).toBe(400);
		expect(nextStartNodeIndex(0, 0, 0)).toBe(0);
	});

	it('makes successive pods start where the previous search stopped', () => {
		const cache = createSchedulerCache();
		for (let i = 0; i < 1000; i++) cache.addNode(node(`n${i}`));
		const state = { next: fixed(0.5), nextStartNodeIndex: 0, explain: false };
		const first = schedulePod(pod('a'), cache, state);
		expect(first).toMatchObject({ feasible: 420, evaluated: 420 });
		expect(state.nextStartNodeIndex).toBe(420);
		schedulePod(pod('b'), cache, state);
		expect(state.nextStartNodeIndex).toBe(840);
		schedulePod(pod('c'), cache, state);
		expect(state.nextStartNodeIndex).toBe(260);
	});
});

describe('the cache node list (node_tree.go)', () => {
	it('interleaves zones round-robin, zones in order of first appearance', () => {
		const cache = createSchedulerCache();
		const z = (zone: string) => ({ labels: { 'topology.kubernetes.io/zone': zone } });
		cache.addNode(node('a1', z('a')));
		cache.addNode(node('a2', z('a')));
		cache.addNode(node('a3', z('a')));
		cache.addNode(node('b1', z('b')));
		cache.addNode(node('plain'));
		expect(cache.nodes().map((n) => n.name)).toEqual(['a1', 'b1', 'plain', 'a2', 'a3']);
		cache.updateNode(node('a1', z('b')));
		expect(cache.nodes().map((n) => n.name)).toEqual(['a2', 'b1', 'plain', 'a3', 'a1']);
		cache.removeNode('b1');
		expect(cache.nodes().map((n) => n.name)).toEqual(['a2', 'a1', 'plain', 'a3']);
	});

	it('keeps aggregates in step with addPod and removePod', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n'));
		const p = pod('p', { requests: { cpu: '250m', memory: '1Gi' }, nodeName: 'n' });
		cache.addPod(p);
		cache.addPod(p); // the same key again replaces, it does not double count
		const ni = cache.getNode('n');
		expect(ni).toMatchObject({ reqMilliCPU: 250, reqMemory: 2 ** 30 });
		expect(ni?.nonZeroMilliCPU).toBe(250);
		expect(ni?.pods.length).toBe(1);
		cache.removePod(p);
		expect(ni).toMatchObject({ reqMilliCPU: 0, reqMemory: 0 });
		expect(ni?.nonZeroMemory).toBe(0);
	});
});
