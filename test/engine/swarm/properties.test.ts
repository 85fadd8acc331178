// Property test (fast-check): under random node stops, starts, drains, pauses and service
// changes, the scheduler never assigns a task to a node that is not Ready and active or that
// breaks the task's constraints (facts.md §2.7, §2.9); and once every node is back and active,
// each service converges to its replica count on live nodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { createSwarmCluster } from '../../../src/engine/swarm/cluster';
import { nodeMatches, parseConstraints } from '../../../src/engine/swarm/constraints';
import * as control from '../../../src/engine/swarm/control';
import { SWARM_NODES, type SwarmNode } from '../../../src/engine/swarm/node-object';
import { SWARM_TASKS, type SwarmTask } from '../../../src/engine/swarm/objects';

const HOSTS = ['manager-1', 'worker-1', 'worker-2', 'worker-3'];
const CONSTRAINTS = [
	[],
	['node.role==manager'],
	['node.role!=manager'],
	['node.labels.zone==east'],
	['node.hostname!=worker-1']
];

type Op =
	| { kind: 'stop' | 'start'; host: number }
	| { kind: 'availability'; host: number; value: 'active' | 'pause' | 'drain' }
	| { kind: 'service'; constraint: number; replicas: number }
	| { kind: 'scale'; service: number; replicas: number }
	| { kind: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constantFrom('stop' as const, 'start' as const),
		host: fc.integer({ min: 1, max: 3 })
	}),
	fc.record({
		kind: fc.constant('availability' as const),
		host: fc.integer({ min: 0, max: 3 }),
		value: fc.constantFrom('active' as const, 'pause' as const, 'drain' as const)
	}),
	fc.record({
		kind: fc.constant('service' as const),
		constraint: fc.integer({ min: 0, max: CONSTRAINTS.length - 1 }),
		replicas: fc.integer({ min: 1, max: 5 })
	}),
	fc.record({
		kind: fc.constant('scale' as const),
		service: fc.integer({ min: 0, max: 3 }),
		replicas: fc.integer({ min: 0, max: 6 })
	}),
	fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 100, max: 30_000 }) })
);

function setAvailability(kernel: Kernel, host: string, value: string): void {
	const node = kernel.store.get<SwarmNode>(SWARM_NODES, host)!;
	kernel.store.put<SwarmNode>(SWARM_NODES, host, (rv) => ({
		...node,
		Version: { Index: rv },
		Spec: { ...node.Spec, Availability: value }
	}));
}

describe('swarm scheduling under random faults', () => {
	it('never places a task on an unavailable node or against its constraints; converges afterwards', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1000 }),
				fc.array(op, { minLength: 5, maxLength: 30 }),
				(seed, ops) => {
					const kernel = new Kernel(seed, { latencyMs: 1, jitterMs: 2, loss: 0 });
					const swarm = createSwarmCluster(kernel, 1, 3);
					kernel.runUntil(0);
					setAvailability(kernel, 'worker-3', 'active');
					const east = kernel.store.get<SwarmNode>(SWARM_NODES, 'worker-2')!;
					kernel.store.put<SwarmNode>(SWARM_NODES, 'worker-2', (rv) => ({
						...east,
						Version: { Index: rv },
						Spec: { ...east.Spec, Labels: { zone: 'east' } }
					}));
					const ctx = { kernel, swarm };
					const violations: string[] = [];
					const seen = new Set<string>();
					kernel.store.watch<SwarmTask>(SWARM_TASKS, (e) => {
						const t = e.object;
						if (e.type === 'DELETED' || t.Status.State !== 'assigned' || seen.has(t.ID)) return;
						seen.add(t.ID);
						const node = kernel.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === t.NodeID);
						const constraints = parseConstraints(t.Spec.Placement?.Constraints ?? []);
						if (node === undefined) violations.push(`${t.ID} on a missing node`);
						else if (node.Status.State !== 'ready' || node.Spec.Availability !== 'active')
							violations.push(
								`${t.ID} on ${node.Description.Hostname} (${node.Status.State}, ${node.Spec.Availability})`
							);
						else if (typeof constraints === 'string' || !nodeMatches(constraints, node))
							violations.push(
								`${t.ID} on ${node.Description.Hostname} against ${t.Spec.Placement?.Constraints}`
							);
					});
					const names: string[] = [];
					for (const o of ops) {
						if (o.kind === 'stop' && swarm.hosts.isRunning(HOSTS[o.host]!))
							swarm.hosts.stop(HOSTS[o.host]!);
						else if (o.kind === 'start' && !swarm.hosts.isRunning(HOSTS[o.host]!))
							swarm.hosts.start(HOSTS[o.host]!);
						else if (o.kind === 'availability') setAvailability(kernel, HOSTS[o.host]!, o.value);
						else if (o.kind === 'service' && names.length < 4) {
							const name = `s${names.length}`;
							const r = control.createService(ctx, {
								Name: name,
								TaskTemplate: {
									ContainerSpec: { Image: 'nginx' },
									Placement: { Constraints: CONSTRAINTS[o.constraint]! }
								},
								Mode: { Replicated: { Replicas: o.replicas } }
							});
							if (r.ok) names.push(name);
						} else if (o.kind === 'scale' && names[o.service] !== undefined) {
							const s = control.getService(ctx, names[o.service]!)!;
							control.updateService(ctx, s.ID, {
								...s.Spec,
								Mode: { Replicated: { Replicas: o.replicas } }
							});
						} else if (o.kind === 'advance') kernel.runUntil(kernel.now + o.ms);
					}
					expect(violations).toEqual([]);
					// Heal: every machine on, every node active; the services converge.
					for (const h of HOSTS) if (!swarm.hosts.isRunning(h)) swarm.hosts.start(h);
					for (const h of HOSTS) setAvailability(kernel, h, 'active');
					kernel.runUntil(kernel.now + 90_000);
					expect(violations).toEqual([]);
					const nodes = new Map(kernel.store.list<SwarmNode>(SWARM_NODES).map((n) => [n.ID, n]));
					for (const name of names) {
						const s = control.getService(ctx, name)!;
						const want = 'Replicated' in s.Spec.Mode ? (s.Spec.Mode.Replicated.Replicas ?? 1) : 0;
						const live = control
							.listTasks(ctx, s.ID)
							.filter(
								(t) =>
									t.Status.State === 'running' &&
									t.DesiredState === 'running' &&
									nodes.get(t.NodeID)?.Status.State === 'ready'
							);
						expect(live.length, `${name}: ${JSON.stringify(s.Spec.TaskTemplate.Placement)}`).toBe(
							want
						);
					}
				}
			),
			{ numRuns: 30 }
		);
	}, 120_000);
});
