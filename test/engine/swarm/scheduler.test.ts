// The scheduler's filters and strategy (facts.md §2.7; swarmkit manager/scheduler filter.go,
// pipeline.go): constraints, availability, reservations, max replicas, spread, placement
// preferences, and the exact `no suitable node (…)` explanations.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { ps, running, taskFixture } from './helpers';
import { feasibleNodes, nodeInfos, placeTask } from '../../../src/engine/swarm/scheduler';
import { buildSwarmNode, type SwarmNode } from '../../../src/engine/swarm/node-object';
import type { SwarmTask } from '../../../src/engine/swarm/objects';
import type { TaskSpec } from '../../../src/engine/swarm/spec';

function node(name: string, index: number, patch: (n: SwarmNode) => void = () => {}): SwarmNode {
	const n = buildSwarmNode(
		`id${index}`,
		name,
		index === 0 ? 'manager' : 'worker',
		index,
		index === 0,
		1
	);
	patch(n);
	return n;
}

const task = taskFixture;

let seq = 0;
function onNode(nodeId: string, serviceId: string, spec: Partial<TaskSpec> = {}): SwarmTask {
	return task(spec, {
		ID: `${nodeId}-${serviceId}-${seq++}`,
		NodeID: nodeId,
		ServiceID: serviceId,
		Status: { Timestamp: '', State: 'running', Message: '' }
	});
}

describe('filters (filter.go, pipeline.go)', () => {
	const nodes = [node('manager-1', 0), node('worker-1', 1), node('worker-2', 2)];

	it('explains constraint failures with swarmkit’s words and counts', () => {
		const r = feasibleNodes(
			task({ Placement: { Constraints: ['node.labels.zone==east'] } }),
			nodeInfos(nodes, [])
		);
		expect(r).toEqual({
			ok: false,
			error: 'no suitable node (scheduling constraints not satisfied on 3 nodes)'
		});
	});

	it('applies the filters in order and joins reasons most-failures first', () => {
		const mixed = [
			node('manager-1', 0, (n) => (n.Status.State = 'down')),
			node('worker-1', 1, (n) => (n.Spec.Availability = 'drain')),
			node('worker-2', 2)
		];
		const r = feasibleNodes(
			task({ Placement: { Constraints: ['node.role==manager'] } }),
			nodeInfos(mixed, [])
		);
		expect(r).toEqual({
			ok: false,
			error:
				'no suitable node (2 nodes not available for new tasks; scheduling constraints not satisfied on 1 node)'
		});
	});

	it('reservations count what the node’s tasks reserved', () => {
		const big = { Resources: { Reservations: { MemoryBytes: 6 * 1024 ** 3 } } };
		const infos = nodeInfos(nodes, [
			onNode('id0', 'x', big),
			onNode('id1', 'x', big),
			onNode('id2', 'x', big)
		]);
		expect(feasibleNodes(task(big), infos)).toEqual({
			ok: false,
			error: 'no suitable node (insufficient resources on 3 nodes)'
		});
	});

	it('max replicas per node, and host-mode port conflicts', () => {
		const infos = nodeInfos(nodes, [onNode('id0', 's'), onNode('id1', 's'), onNode('id2', 's')]);
		expect(feasibleNodes(task({ Placement: { MaxReplicas: 1 } }), infos)).toEqual({
			ok: false,
			error: 'no suitable node (max replicas per node limit exceed)'
		});
		const hostPort = {
			Endpoint: {
				Ports: [
					{
						TargetPort: 80,
						PublishedPort: 8080,
						PublishMode: 'host' as const,
						Protocol: 'tcp' as const
					}
				]
			}
		};
		const busy = nodeInfos(
			nodes,
			nodes.map((n) => ({ ...onNode(n.ID, 'other'), ...hostPort }))
		);
		expect(feasibleNodes(task({}, hostPort), busy)).toEqual({
			ok: false,
			error: 'no suitable node (host-mode port already in use on 3 nodes)'
		});
	});

	it('spread: fewest tasks of the service first, then fewest tasks in all', () => {
		const infos = nodeInfos(nodes, [
			onNode('id0', 's'),
			onNode('id1', 'other'),
			onNode('id1', 'other')
		]);
		const r = placeTask(task(), infos);
		expect(r.ok && r.node.node.Description.Hostname).toBe('worker-2');
	});

	it('placement preferences divide tasks over label values, not nodes (9 over 3/2/1 nodes → 3/3/3)', () => {
		const zones = ['east', 'east', 'east', 'south', 'south', 'west'];
		const zoned = zones.map((z, i) => node(`n${i}`, i, (n) => (n.Spec.Labels = { zone: z })));
		const placed: SwarmTask[] = [];
		const spec = {
			Placement: { Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] }
		};
		for (let i = 0; i < 9; i++) {
			const r = placeTask(task(spec), nodeInfos(zoned, placed));
			expect(r.ok).toBe(true);
			if (r.ok) placed.push(onNode(r.node.node.ID, 's', spec));
		}
		const perZone = new Map<string, number>();
		for (const t of placed) {
			const z = zoned.find((n) => n.ID === t.NodeID)!.Spec.Labels.zone!;
			perZone.set(z, (perZone.get(z) ?? 0) + 1);
		}
		expect(Object.fromEntries(perZone)).toEqual({ east: 3, south: 3, west: 3 });
	});
});

describe('scheduling in a lab', () => {
	it('node.role == manager keeps tasks on the managers; an impossible constraint stays Pending', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1, managers: 1, workers: 3 });
		succeeds(
			lab,
			"docker service create -d --name mgr --replicas 3 --constraint 'node.role==manager' nginx"
		);
		succeeds(lab, 'docker service create -d --name east --constraint node.labels.zone==east nginx');
		lab.advance(20_000);
		expect(running(lab, 'mgr').map((r) => r.Node)).toEqual(['manager-1', 'manager-1', 'manager-1']);
		const pending = ps(lab, 'east')[0]!;
		expect(pending.Node).toBe('');
		expect(pending.CurrentState).toBe('Pending 20 seconds ago');
		expect(succeeds(lab, 'docker service ps east').output).toContain(
			'"no suitable node (scheduling …"'
		);
		// A label that appears later lets it run (the scheduler retries on node changes).
		succeeds(lab, 'docker node update --label-add zone=east worker-3');
		lab.advance(10_000);
		expect(running(lab, 'east').map((r) => r.Node)).toEqual(['worker-3']);
	});

	it('a bad constraint is refused with swarmkit’s error and creates nothing', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1 });
		expect(
			fails(lab, 'docker service create --name bad --constraint node.role=manager nginx').error
		).toBe(
			'Error response from daemon: rpc error: code = Unknown desc = constraint expected one operator from ==, !=\n'
		);
		expect(succeeds(lab, 'docker service ls -q').output).toBe('');
	});

	it('global services run one task per eligible node and follow drains and new labels', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, workers: 2 });
		succeeds(lab, 'docker service create --name agent --mode global nginx');
		lab.advance(10_000);
		expect(
			running(lab, 'agent')
				.map((r) => r.Node)
				.sort()
		).toEqual(['manager-1', 'worker-1', 'worker-2']);
		const row = JSON.parse(
			succeeds(lab, "docker service ls --format '{{json .}}'").output
		) as Record<string, string>;
		expect(row).toMatchObject({ Mode: 'global', Replicas: '3/3' });
		succeeds(lab, 'docker node update --availability drain worker-1');
		lab.advance(5_000);
		expect(
			running(lab, 'agent')
				.map((r) => r.Node)
				.sort()
		).toEqual(['manager-1', 'worker-2']);
		succeeds(lab, 'docker node update --availability active worker-1');
		lab.advance(5_000);
		expect(running(lab, 'agent')).toHaveLength(3);
		expect(fails(lab, 'docker service scale agent=5').error).toBe(
			'agent: scale can only be used with replicated or replicated-job mode\n'
		);
	});

	it('scale down removes tasks from the nodes with the most tasks of the service first', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 3 nginx');
		lab.advance(10_000);
		succeeds(lab, 'docker node update --availability pause worker-2');
		succeeds(lab, 'docker service scale web=6');
		lab.advance(10_000);
		const perNode = (n: string) => running(lab, 'web').filter((r) => r.Node === n).length;
		expect(perNode('worker-2')).toBe(1);
		const busiest = perNode('manager-1') >= perNode('worker-1') ? 'manager-1' : 'worker-1';
		const before = perNode(busiest);
		expect(before).toBeGreaterThan(1);
		succeeds(lab, 'docker service scale web=5');
		lab.advance(5_000);
		expect(perNode(busiest)).toBe(before - 1);
		expect(perNode('worker-2')).toBe(1);
	});
});
