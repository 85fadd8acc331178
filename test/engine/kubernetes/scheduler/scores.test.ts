/**
 * Score plugins, with numbers worked out by hand from upstream's formulas (each case says how).
 * Scores are read from schedulePod's explain output: weighted, after NormalizeScore.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import {
	createSchedulerCache,
	type SchedulerCache
} from '../../../../src/engine/kubernetes/scheduler/cache';
import { schedulePod } from '../../../../src/engine/kubernetes/scheduler/schedule';
import { normalizedImageName } from '../../../../src/engine/kubernetes/scheduler/scores';
import { bind, fixed, node, pod } from './helpers';

const MiB = 2 ** 20;

function plugin(
	cache: SchedulerCache,
	p: Pod,
	name: string,
	extra = {}
): Record<string, number | undefined> {
	const r = schedulePod(p, cache, { next: fixed(0), nextStartNodeIndex: 0, ...extra });
	return Object.fromEntries(
		[...r.scores].map(([n, s]) => [n, s.byPlugin[name as 'ImageLocality']])
	);
}

describe('NodeResourcesFit (LeastAllocated, weight 1)', () => {
	it('scores differently sized nodes (least_allocated_test.go case)', () => {
		// node1: cpu (4000−3000)×100/4000 = 25, mem (10000−5000)×100/10000 = 50 → (25+50)/2 = 37
		// node2: cpu (6000−3000)×100/6000 = 50, mem 50 → 50
		const cache = createSchedulerCache();
		cache.addNode(node('node1', { cpu: '4', memory: '10000' }));
		cache.addNode(node('node2', { cpu: '6', memory: '10000' }));
		const p = pod('p', { requests: { cpu: '3', memory: '5000' } });
		expect(plugin(cache, p, 'NodeResourcesFit')).toEqual({ node1: 37, node2: 50 });
	});

	it('counts 100m / 200Mi for pods without requests', () => {
		// empty: cpu 3900×100/4000 = 97, mem (8343900160−209715200)×100/8343900160 = 97 → 97
		// one pod: cpu 3800×100/4000 = 95, mem (8343900160−419430400)×100/8343900160 = 94 → 94
		const cache = createSchedulerCache();
		cache.addNode(node('a'));
		cache.addNode(node('b'));
		bind(cache, pod('x'), 'a');
		expect(plugin(cache, pod('p'), 'NodeResourcesFit')).toEqual({ a: 94, b: 97 });
	});
});

describe('NodeResourcesBalancedAllocation (weight 1)', () => {
	it('is (1 − |cpu% − mem%| / 2) × 100 on actual requests', () => {
		// node1: 3000/4000 = 0.75 and 5000/10000 = 0.5 → std 0.125 → 87; node2: 0.5 and 0.5 → 100
		const cache = createSchedulerCache();
		cache.addNode(node('node1', { cpu: '4', memory: '10000' }));
		cache.addNode(node('node2', { cpu: '6', memory: '10000' }));
		const p = pod('p', { requests: { cpu: '3', memory: '5000' } });
		expect(plugin(cache, p, 'NodeResourcesBalancedAllocation')).toEqual({ node1: 87, node2: 100 });
	});

	it('is skipped for a best-effort pod (PreScore Skip, issue #129138)', () => {
		const cache = createSchedulerCache();
		cache.addNode(node('a'));
		cache.addNode(node('b'));
		expect(plugin(cache, pod('p'), 'NodeResourcesBalancedAllocation')).toEqual({
			a: undefined,
			b: undefined
		});
	});
});

describe('ImageLocality (weight 1)', () => {
	it('scales image size by spread and maps [23, 1000] MiB per container to [0, 100]', () => {
		// 300 MiB on 1 of 3 nodes: 100 MiB → 100×(100−23)/(1000−23) = 7
		// 40 MiB on 1 of 3: 13.3 MiB < 23 → 0; 2000 MiB everywhere: clamped to 1000 → 100
		const cache = createSchedulerCache();
		cache.addNode(
			node('big', {
				images: [
					{ names: ['docker.io/app:1', 'app:1'], sizeBytes: 300 * MiB },
					{ names: ['huge:1'], sizeBytes: 2000 * MiB }
				]
			})
		);
		cache.addNode(
			node('small', {
				images: [
					{ names: ['tiny:1'], sizeBytes: 40 * MiB },
					{ names: ['huge:1'], sizeBytes: 2000 * MiB }
				]
			})
		);
		cache.addNode(node('none', { images: [{ names: ['huge:1'], sizeBytes: 2000 * MiB }] }));
		expect(plugin(cache, pod('p', { image: 'app:1' }), 'ImageLocality')).toEqual({
			big: 7,
			small: 0,
			none: 0
		});
		expect(plugin(cache, pod('q', { image: 'tiny:1' }), 'ImageLocality')).toEqual({
			big: 0,
			small: 0,
			none: 0
		});
		expect(plugin(cache, pod('r', { image: 'huge:1' }), 'ImageLocality')).toEqual({
			big: 100,
			small: 100,
			none: 100
		});
	});

	it('normalizes an untagged name to :latest', () => {
		expect(normalizedImageName('nginx')).toBe('nginx:latest');
		expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
		expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
	});
});

describe('TaintToleration (weight 3)', () => {
	it('counts intolerable PreferNoSchedule taints, normalized in reverse', () => {
		// raw 0, 1, 2 → 100 − 100×raw/2 = 100, 50, 0 → ×3
		const cache = createSchedulerCache();
		const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' });
		cache.addNode(node('clean'));
		cache.addNode(node('one', { taints: [soft('a')] }));
		cache.addNode(node('two', { taints: [soft('a'), soft('b')] }));
		expect(plugin(cache, pod('p'), 'TaintToleration')).toEqual({ clean: 300, one: 150, two: 0 });
		const tol = pod('t', { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } });
		// raw 0, 1, 1 → 100, 0, 0
		expect(plugin(cache, tol, 'TaintToleration')).toEqual({ clean: 300, one: 0, two: 0 });
	});
});

describe('NodeAffinity (weight 2)', () => {
	it('sums matching preferred weights, normalized by the maximum', () => {
		// x: 1 + 4 = 5 → 100; y: 1 → 20; z: 0 → 0; ×2
		const cache = createSchedulerCache();
		cache.addNode(node('x', { labels: { zone: 'a', disk: 'ssd' } }));
		cache.addNode(node('y', { labels: { zone: 'a' } }));
		cache.addNode(node('z'));
		const term = (key: string, v: string) => ({
			matchExpressions: [{ key, operator: 'In', values: [v] }]
		});
		const p = pod('p', {
			spec: {
				affinity: {
					nodeAffinity: {
						preferredDuringSchedulingIgnoredDuringExecution: [
							{ weight: 1, preference: term('zone', 'a') },
							{ weight: 4, preference: term('disk', 'ssd') }
						]
					}
				}
			}
		});
		expect(plugin(cache, p, 'NodeAffinity')).toEqual({ x: 200, y: 40, z: 0 });
	});
});

describe('PodTopologySpread (weight 2)', () => {
	it('scores ScheduleAnyway constraints: fewer matching pods in the domain score higher', () => {
		// zone weight ln(2 domains + 2) = 1.386; raw a-nodes round(2×1.386) = 3, b-node 1
		// normalize 100×(max+min−s)/max: 100×1/3 = 33, 33, 100 → ×2
		const cache = createSchedulerCache();
		cache.addNode(node('n1', { labels: { zone: 'a' } }));
		cache.addNode(node('n2', { labels: { zone: 'a' } }));
		cache.addNode(node('n3', { labels: { zone: 'b' } }));
		bind(cache, pod('w1', { labels: { app: 'web' } }), 'n1');
		bind(cache, pod('w2', { labels: { app: 'web' } }), 'n1');
		bind(cache, pod('w3', { labels: { app: 'web' } }), 'n3');
		const p = pod('p', {
			labels: { app: 'web' },
			spec: {
				topologySpreadConstraints: [
					{
						maxSkew: 1,
						topologyKey: 'zone',
						whenUnsatisfiable: 'ScheduleAnyway',
						labelSelector: { matchLabels: { app: 'web' } }
					}
				]
			}
		});
		expect(plugin(cache, p, 'PodTopologySpread')).toEqual({ n1: 66, n2: 66, n3: 200 });
	});

	it('applies the system defaults to a ReplicaSet pod (hostname maxSkew 3, zone 5)', () => {
		// no zone labels: only hostname counts. raw = cnt×ln(3+2) + (3−1): n1 round(1.609+2) = 4,
		// others 2 → 100×(4+2−4)/4 = 50 and 100×(4+2−2)/4 = 100 → ×2
		const cache = createSchedulerCache();
		for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
		const owner = { kind: 'ReplicaSet', name: 'web-1' };
		bind(cache, pod('w1', { labels: { app: 'web' }, owner }), 'n1');
		const listers = {
			replicaSet: () => ({ spec: { selector: { matchLabels: { app: 'web' } } } })
		};
		const p = pod('p', { labels: { app: 'web' }, owner });
		expect(plugin(cache, p, 'PodTopologySpread', { listers })).toEqual({
			n1: 100,
			n2: 200,
			n3: 200
		});
		// A bare pod has no default selector: the plugin is skipped.
		expect(
			plugin(cache, pod('bare', { labels: { app: 'web' } }), 'PodTopologySpread', { listers }).n1
		).toBeUndefined();
	});
});

describe('InterPodAffinity (weight 2)', () => {
	it('min-max normalizes preferred affinity and anti-affinity weights', () => {
		const cache = createSchedulerCache();
		for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
		bind(cache, pod('cache', { labels: { app: 'cache' } }), 'n2');
		bind(cache, pod('web', { labels: { app: 'web' } }), 'n1');
		const term = (app: string, weight: number) => ({
			weight,
			podAffinityTerm: {
				labelSelector: { matchLabels: { app } },
				topologyKey: 'kubernetes.io/hostname'
			}
		});
		// raw n1 0, n2 10, n3 0 → 0, 100, 0 → ×2
		const near = pod('near', {
			spec: {
				affinity: {
					podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term('cache', 10)] }
				}
			}
		});
		expect(plugin(cache, near, 'InterPodAffinity')).toEqual({ n1: 0, n2: 200, n3: 0 });
		// raw n1 −5, n2 0, n3 0 → 0, 100, 100 → ×2
		const away = pod('away', {
			spec: {
				affinity: {
					podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term('web', 5)] }
				}
			}
		});
		expect(plugin(cache, away, 'InterPodAffinity')).toEqual({ n1: 0, n2: 200, n3: 200 });
	});

	it("scores a pod without terms by the existing pods' terms, as those pods come and go", () => {
		// scoring.go processExistingPod: an existing pod's preferred anti-affinity against the
		// incoming pod's labels counts −weight in its domain (kubeadm's CoreDNS carries one).
		const cache = createSchedulerCache();
		for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
		const dns = pod('dns', {
			labels: { app: 'dns' },
			spec: {
				affinity: {
					podAntiAffinity: {
						preferredDuringSchedulingIgnoredDuringExecution: [
							{
								weight: 100,
								podAffinityTerm: {
									labelSelector: { matchLabels: { app: 'dns' } },
									topologyKey: 'kubernetes.io/hostname'
								}
							}
						]
					}
				}
			}
		});
		const plain = () => pod('next', { labels: { app: 'dns' } });
		expect(plugin(cache, plain(), 'InterPodAffinity')).toEqual({});
		const onN3 = bind(cache, dns, 'n3');
		// raw n1 0, n2 0, n3 −100 → 100, 100, 0 → ×2
		expect(plugin(cache, plain(), 'InterPodAffinity')).toEqual({ n1: 200, n2: 200, n3: 0 });
		cache.removePod(onN3);
		expect(plugin(cache, plain(), 'InterPodAffinity')).toEqual({});
		bind(cache, dns, 'n1');
		expect(plugin(cache, plain(), 'InterPodAffinity')).toEqual({ n1: 0, n2: 200, n3: 200 });
	});
});
