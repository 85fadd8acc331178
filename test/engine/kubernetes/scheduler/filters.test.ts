import { describe, expect, it } from 'vitest';
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import {
	createSchedulerCache,
	type SchedulerCache
} from '../../../../src/engine/kubernetes/scheduler/cache';
import { preFilter, runFilters } from '../../../../src/engine/kubernetes/scheduler/filters';
import { podInfo } from '../../../../src/engine/kubernetes/scheduler/pod-info';
import { labelSelector, toleratesTaint } from '../../../../src/engine/kubernetes/scheduler/labels';
import { bind, CONTROL_PLANE_TAINT, node, pod } from './helpers';

/** The reasons each node gets from the filter chain ([] when it fits). */
function verdicts(cache: SchedulerCache, p: Pod): Record<string, readonly string[]> {
	const c = preFilter(podInfo(p), cache, cache.nodes(), undefined);
	return Object.fromEntries(cache.nodes().map((n) => [n.name, runFilters(c, n)?.reasons ?? []]));
}

describe('toleration matching (core/v1 ToleratesTaint)', () => {
	const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
	it.each<[string, Toleration, boolean]>([
		[
			'Equal with key, value and effect',
			{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
			true
		],
		['no operator means Equal', { key: 'k', value: 'v' }, true],
		['Exists on the key', { key: 'k', operator: 'Exists' }, true],
		['empty key with Exists tolerates everything', { operator: 'Exists' }, true],
		['wrong value', { key: 'k', value: 'w' }, false],
		['Equal without value vs a valued taint', { key: 'k' }, false],
		['other effect', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
		['other key', { key: 'x', operator: 'Exists' }, false]
	])('%s', (_, t, want) => expect(toleratesTaint(t, taint)).toBe(want));

	it('Equal without value tolerates a taint without value', () => {
		expect(toleratesTaint({ key: 'k' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
	});
});

describe('label selectors (metav1.LabelSelectorAsSelector)', () => {
	it('treats nil as nothing and {} as everything', () => {
		expect(labelSelector(undefined).matches({ a: '1' })).toBe(false);
		expect(labelSelector({}).matches({ a: '1' })).toBe(true);
		expect(labelSelector({}).empty).toBe(true);
	});
	it('ANDs matchLabels and matchExpressions; NotIn matches an absent key', () => {
		const s = labelSelector({
			matchLabels: { app: 'web' },
			matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }]
		});
		expect(s.matches({ app: 'web' })).toBe(true);
		expect(s.matches({ app: 'web', tier: 'db' })).toBe(false);
		expect(s.matches({ app: 'api' })).toBe(false);
	});
});

describe('filter plugins', () => {
	it('NodeUnschedulable rejects a cordoned node unless the pod tolerates the taint', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('n', { unschedulable: true }));
		expect(verdicts(cache, pod('p')).n).toEqual(['node(s) were unschedulable']);
		const tol = pod('t', {
			spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }
		});
		expect(verdicts(cache, tol).n).toEqual([]);
	});

	it('NodeName keeps only the requested node', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('a'));
		cache.addNode(node('b'));
		expect(verdicts(cache, pod('p', { spec: { nodeName: 'b' } }))).toEqual({
			a: ["node(s) didn't match the requested node name"],
			b: []
		});
	});

	it('TaintToleration refuses a node with an untolerated taint without naming it (kubernetes#134740)', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('cp', { taints: [CONTROL_PLANE_TAINT] }));
		cache.addNode(
			node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] })
		);
		cache.addNode(node('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }));
		expect(verdicts(cache, pod('p'))).toEqual({
			cp: ['node(s) had untolerated taint(s)'],
			gpu: ['node(s) had untolerated taint(s)'],
			soft: []
		});
	});

	it('NodeAffinity checks nodeSelector and required terms (ORed terms, ANDed expressions)', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('a', { labels: { zone: 'a', disk: 'ssd', gen: '5' } }));
		cache.addNode(node('b', { labels: { zone: 'b', disk: 'ssd', gen: 'x' } }));
		cache.addNode(node('c', { labels: { zone: 'c' } }));
		const miss = ["node(s) didn't match Pod's node affinity/selector"];
		expect(verdicts(cache, pod('s', { spec: { nodeSelector: { disk: 'ssd' } } }))).toEqual({
			a: [],
			b: [],
			c: miss
		});
		const p = pod('p', {
			spec: {
				affinity: {
					nodeAffinity: {
						requiredDuringSchedulingIgnoredDuringExecution: {
							nodeSelectorTerms: [
								{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] },
								{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['c'] }] }
							]
						}
					}
				}
			}
		});
		expect(verdicts(cache, p)).toEqual({ a: [], b: miss, c: [] });
	});

	it('NodePorts finds host port conflicts, 0.0.0.0 clashing with any IP', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('a'));
		cache.addNode(node('b'));
		const web = (name: string, hostIP?: string) =>
			pod(name, {
				container: { ports: [{ containerPort: 80, hostPort: 8080, ...(hostIP ? { hostIP } : {}) }] }
			});
		bind(cache, web('old', '10.0.0.1'), 'a');
		expect(verdicts(cache, web('any'))).toEqual({
			a: ["node(s) didn't have free ports for the requested pod ports"],
			b: []
		});
		expect(verdicts(cache, web('other-ip', '10.0.0.2')).a).toEqual([]);
	});

	it('NodeResourcesFit lists every shortage, pods first', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('small', { cpu: '1', memory: '1Gi', pods: '1' }));
		bind(cache, pod('x', { requests: { cpu: '500m' } }), 'small');
		const p = pod('p', { requests: { cpu: '600m', memory: '2Gi', 'nvidia.com/gpu': '1' } });
		expect(verdicts(cache, p).small).toEqual([
			'Too many pods',
			'Insufficient cpu',
			'Insufficient memory',
			'Insufficient nvidia.com/gpu'
		]);
	});

	it('PodTopologySpread: the docs example sends mypod to zoneB', () => {
		const cache = createSchedulerCache();
		for (const [n, zone] of [
			['node1', 'zoneA'],
			['node2', 'zoneA'],
			['node3', 'zoneB'],
			['node4', 'zoneB']
		])
			cache.addNode(node(n as string, { labels: { zone: zone as string } }));
		cache.addNode(node('nolabel'));
		bind(cache, pod('f1', { labels: { foo: 'bar' } }), 'node1');
		bind(cache, pod('f2', { labels: { foo: 'bar' } }), 'node2');
		bind(cache, pod('f3', { labels: { foo: 'bar' } }), 'node3');
		const p = pod('mypod', {
			labels: { foo: 'bar' },
			spec: {
				topologySpreadConstraints: [
					{
						maxSkew: 1,
						topologyKey: 'zone',
						whenUnsatisfiable: 'DoNotSchedule',
						labelSelector: { matchLabels: { foo: 'bar' } }
					}
				]
			}
		});
		const skew = ["node(s) didn't match pod topology spread constraints"];
		expect(verdicts(cache, p)).toEqual({
			node1: skew,
			node2: skew,
			node3: [],
			node4: [],
			nolabel: ["node(s) didn't match pod topology spread constraints (missing required label)"]
		});
	});

	it('InterPodAffinity: required affinity, anti-affinity and existing pods anti-affinity', () => {
		const cache = createSchedulerCache();
		for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
		bind(cache, pod('cache', { labels: { app: 'cache' } }), 'n2');
		bind(cache, pod('web', { labels: { app: 'web' } }), 'n1');
		const term = (app: string) => ({
			labelSelector: { matchLabels: { app } },
			topologyKey: 'kubernetes.io/hostname'
		});
		const near = pod('near', {
			spec: {
				affinity: {
					podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] }
				}
			}
		});
		const miss = ["node(s) didn't match pod affinity rules"];
		expect(verdicts(cache, near)).toEqual({ n1: miss, n2: [], n3: miss });
		const away = pod('away', {
			spec: {
				affinity: {
					podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] }
				}
			}
		});
		expect(verdicts(cache, away).n1).toEqual(["node(s) didn't match pod anti-affinity rules"]);
		bind(
			cache,
			pod('loner', {
				labels: { app: 'loner' },
				spec: {
					affinity: {
						podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] }
					}
				}
			}),
			'n3'
		);
		expect(verdicts(cache, pod('web2', { labels: { app: 'web' } })).n3).toEqual([
			"node(s) didn't satisfy existing pods anti-affinity rules"
		]);
		// The first pod of a self-affine group may go anywhere the topology key exists.
		const first = pod('db', {
			labels: { app: 'db' },
			spec: {
				affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } }
			}
		});
		expect(verdicts(cache, first)).toEqual({ n1: [], n2: [], n3: [] });
	});
});
