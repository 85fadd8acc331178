/**
 * Blocks of nodes taken whole from their summaries (scheduler/block-memo.ts) must leave every
 * decision as it was: the same node, the same next start index and the same draws as the cycle
 * that visits every node one by one (an explained cycle never takes a block). Random clusters
 * of a few hundred nodes, Deployment-like pods of a few shapes, and the changes that stale a
 * summary: bindings, deletions, cordons, PreferNoSchedule taints, images on nodes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod, Taint } from 'kubernetes-types/core/v1';
import type { SchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import { createSchedulerCache } from '../../../../src/engine/kubernetes/scheduler/cache';
import {
	schedulePod,
	type SchedulerState
} from '../../../../src/engine/kubernetes/scheduler/schedule';
import { bind, node, pod } from './helpers';

const SHAPES = [undefined, { cpu: '100m', memory: '64Mi' }, { cpu: '250m', memory: '256Mi' }];
const APPS = ['a', 'b', 'c'];
const SOFT: Taint = { key: 'soft', effect: 'PreferNoSchedule' };
const SIZE = { cpu: '8', memory: '16Gi' };

type Op =
	| { kind: 'schedule'; app: number; shape: number }
	| { kind: 'delete'; at: number }
	| { kind: 'cordon'; node: number; on: boolean }
	| { kind: 'soft'; node: number }
	| { kind: 'image'; node: number; big: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 20,
		arbitrary: fc.record({
			kind: fc.constant('schedule' as const),
			app: fc.nat(2),
			shape: fc.nat(2)
		})
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('cordon' as const), node: fc.nat(), on: fc.boolean() })
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('soft' as const), node: fc.nat() }) },
	{
		weight: 3,
		arbitrary: fc.record({ kind: fc.constant('image' as const), node: fc.nat(), big: fc.boolean() })
	}
);

function cluster(workers: number): SchedulerCache {
	const cache = createSchedulerCache();
	for (let i = 1; i <= workers; i++) cache.addNode(node(`node-${i}`, SIZE));
	return cache;
}

function state(explain: boolean, seed: number): SchedulerState {
	let s = seed >>> 0;
	return {
		// A small LCG: both states draw the same numbers in the same order.
		next: () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32,
		nextStartNodeIndex: 0,
		explain,
		listers: {
			replicaSet: (_ns, name) => ({
				spec: { selector: { matchLabels: { app: name.slice(0, 1) } } }
			})
		}
	};
}

describe('block summaries', () => {
	it('decide exactly as the node-by-node cycle', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 110, max: 330 }),
				fc.array(opArb, { minLength: 20, maxLength: 160 }),
				fc.nat(),
				(workers, ops, seed) => {
					const caches = [cluster(workers), cluster(workers)];
					const states = [state(true, seed), state(false, seed)];
					const bound: Pod[][] = [[], []];
					let n = 0;
					for (const op of ops) {
						const name = `node-${(('node' in op ? op.node : 0) % workers) + 1}`;
						if (op.kind === 'schedule') {
							const app = APPS[op.app] as string;
							const p = pod(`${app}-${n++}`, {
								labels: { app },
								requests: SHAPES[op.shape],
								owner: { kind: 'ReplicaSet', name: `${app}-rs` }
							});
							const results = [0, 1].map((i) =>
								schedulePod(p, caches[i] as SchedulerCache, states[i] as SchedulerState)
							);
							expect(results[1]?.node).toBe(results[0]?.node);
							expect(states[1]?.nextStartNodeIndex).toBe(states[0]?.nextStartNodeIndex);
							const chosen = results[0]?.node;
							if (chosen !== undefined)
								for (const i of [0, 1])
									bound[i]?.push(bind(caches[i] as SchedulerCache, p, chosen));
						} else if (op.kind === 'delete') {
							if (bound[0]?.length === 0) continue;
							const at = op.at % (bound[0]?.length ?? 1);
							for (const i of [0, 1]) {
								const [gone] = bound[i]?.splice(at, 1) ?? [];
								if (gone) caches[i]?.removePod(gone);
							}
						} else if (op.kind === 'image') {
							// An image on a third of the nodes, big enough for ImageLocality to score.
							const images = [
								{ names: ['nginx:1.27'], sizeBytes: op.big ? 900_000_000 : 300_000_000 }
							];
							for (let j = 0; j < workers / 3; j++) {
								const on = `node-${((op.node + j) % workers) + 1}`;
								for (const c of caches) c.updateNode(node(on, { ...SIZE, images }));
							}
						} else {
							const opts =
								op.kind === 'cordon'
									? { ...SIZE, unschedulable: op.on }
									: { ...SIZE, taints: [SOFT] };
							for (const c of caches) c.updateNode(node(name, opts));
						}
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('take a change in how many nodes hold an image into account, though their nodes did not change', () => {
		// 128 nodes in 4 blocks of 32; windows of 100 from 0, 100, 72, 44, 16. A big image on
		// nodes 33–40 (block 1) scores them ImageLocality 3. The pods are bound to node-128 (the
		// test's choice), so block 1 sees no change of its own; the image then reaches nodes
		// 97–127 too, and nodes 33–40 score 25. The cycle from 16 reads block 1 whole.
		const choices = (explain: boolean) => {
			const cache = cluster(128);
			const images = [{ names: ['nginx:1.27'], sizeBytes: 900_000_000 }];
			const image = (from: number, to: number) => {
				for (let i = from; i <= to; i++) cache.updateNode(node(`node-${i}`, { ...SIZE, images }));
			};
			image(33, 40);
			const s = state(explain, 1);
			// One template's pods share their spec, as a ReplicaSet's do (podImages is kept per spec).
			let spec: Pod['spec'];
			const placed: (string | undefined)[] = [];
			for (let i = 0; i < 5; i++) {
				const made = pod(`a-${i}`, {
					labels: { app: 'a' },
					owner: { kind: 'ReplicaSet', name: 'a-rs' }
				});
				spec ??= made.spec;
				const p = { ...made, spec };
				placed.push(schedulePod(p, cache, s).node);
				bind(cache, p, 'node-128');
				if (i === 1) image(97, 127);
			}
			return placed;
		};
		const byNode = choices(true);
		expect(byNode[4]).toMatch(/^node-(3[3-9]|40|9[7-9]|10\d|11[0-5])$/);
		expect(choices(false)).toEqual(byNode);
	});
});
