import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod, Taint } from 'kubernetes-types/core/v1';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import { preFilter, runFilters } from '../../../../src/engine/kubernetes/scheduler/filters';
import { podInfo } from '../../../../src/engine/kubernetes/scheduler/pod-info';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { bind, corpusCluster, node, pod } from './helpers';

const taint = fc.constantFrom<Taint>(
	{ key: 'dedicated', value: 'a', effect: 'NoSchedule' },
	{ key: 'dedicated', value: 'b', effect: 'NoExecute' },
	{ key: 'soft', effect: 'PreferNoSchedule' }
);

const nodeArb = fc.record({
	cpu: fc.constantFrom('1', '2', '4'),
	memory: fc.constantFrom('1Gi', '2Gi', '4Gi'),
	pods: fc.integer({ min: 1, max: 6 }).map(String),
	zone: fc.constantFrom('a', 'b', undefined),
	taints: fc.array(taint, { maxLength: 2 }),
	unschedulable: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) // one node in ten cordoned
});

const podArb = fc.record({
	cpu: fc.constantFrom(undefined, '100m', '500m', '1', '2'),
	memory: fc.constantFrom(undefined, '128Mi', '1Gi', '3Gi'),
	tolerate: fc.boolean(),
	zone: fc.constantFrom(undefined, 'a'),
	hostPort: fc.boolean(),
	app: fc.constantFrom('web', 'db'),
	anti: fc.boolean(),
	spread: fc.boolean()
});

type PodSpecArb = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function build(name: string, s: PodSpecArb): Pod {
	const requests: Record<string, string> = {};
	if (s.cpu) requests.cpu = s.cpu;
	if (s.memory) requests.memory = s.memory;
	const sel = { matchLabels: { app: s.app } };
	return pod(name, {
		labels: { app: s.app },
		requests,
		container: s.hostPort ? { ports: [{ containerPort: 80, hostPort: 8080 }] } : {},
		spec: {
			...(s.tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
			...(s.zone ? { nodeSelector: { 'topology.kubernetes.io/zone': s.zone } } : {}),
			...(s.anti
				? {
						affinity: {
							podAntiAffinity: {
								requiredDuringSchedulingIgnoredDuringExecution: [
									{ labelSelector: sel, topologyKey: 'kubernetes.io/hostname' }
								]
							}
						}
					}
				: {}),
			...(s.spread
				? {
						topologySpreadConstraints: [
							{
								maxSkew: 1,
								topologyKey: 'kubernetes.io/hostname',
								whenUnsatisfiable: 'DoNotSchedule',
								labelSelector: sel
							}
						]
					}
				: {})
		}
	});
}

describe('scheduling properties', () => {
	it('a chosen node passes every filter and no node is ever over-committed', () => {
		fc.assert(
			fc.property(
				fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
				fc.array(podArb, { minLength: 1, maxLength: 25 }),
				fc.integer({ min: 0, max: 2 ** 31 }),
				(nodes, pods, seed) => {
					const cache = createSchedulerCache();
					nodes.forEach((n, i) =>
						cache.addNode(
							node(`n${i}`, {
								cpu: n.cpu,
								memory: n.memory,
								pods: n.pods,
								taints: n.taints,
								unschedulable: n.unschedulable,
								labels: n.zone ? { 'topology.kubernetes.io/zone': n.zone } : {}
							})
						)
					);
					let s = seed;
					const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
					const state = { next, nextStartNodeIndex: 0, explain: false };
					pods.forEach((spec, i) => {
						const p = build(`p${i}`, spec);
						const r = schedulePod(p, cache, state);
						if (!r.node) {
							expect(r.message).toMatch(new RegExp(`^0/${nodes.length} nodes are available: `));
							return;
						}
						const ni = cache.getNode(r.node);
						expect(ni).toBeDefined();
						if (ni)
							expect(
								runFilters(preFilter(podInfo(p), cache, cache.nodes(), undefined), ni)
							).toBeNull();
						bind(cache, p, r.node);
					});
					for (const ni of cache.nodes()) {
						expect(ni.reqMilliCPU).toBeLessThanOrEqual(ni.allocMilliCPU);
						expect(ni.reqMemory).toBeLessThanOrEqual(ni.allocMemory);
						expect(ni.pods.length).toBeLessThanOrEqual(ni.allocPods);
						expect(ni.usedPorts.length).toBeLessThanOrEqual(1);
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('spreads 3 identical pods one per worker, whatever the random stream', () => {
		// Bare pods spread through LeastAllocated (their 100m/200Mi non-zero requests make a used
		// node score lower); ReplicaSet pods also through the default hostname spreading.
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 0.999999, noNaN: true }),
				fc.boolean(),
				fc.constantFrom(undefined, { cpu: '100m', memory: '64Mi' }),
				(r, owned, requests) => {
					const cache = corpusCluster(3);
					const state = {
						next: () => r,
						nextStartNodeIndex: 0,
						listers: {
							replicaSet: () => ({ spec: { selector: { matchLabels: { app: 'nginx' } } } })
						}
					};
					const placed: string[] = [];
					for (let i = 0; i < 3; i++) {
						const p = pod(`nginx-${i}`, {
							labels: { app: 'nginx' },
							...(requests ? { requests } : {}),
							...(owned ? { owner: { kind: 'ReplicaSet', name: 'nginx-abc' } } : {})
						});
						const res = schedulePod(p, cache, state);
						expect(res.node).toBeDefined();
						placed.push(res.node as string);
						bind(cache, p, res.node as string);
					}
					expect(placed.sort()).toEqual(['node-1', 'node-2', 'node-3']);
				}
			),
			{ numRuns: 100 }
		);
	});
});
