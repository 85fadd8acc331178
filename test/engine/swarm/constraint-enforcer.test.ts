// The constraint enforcer (moby/swarmkit manager/orchestrator/constraintenforcer/
// constraint_enforcer.go): a node update that leaves a task on a node it no longer fits rejects
// the task (observed REJECTED, "assigned node no longer meets constraints"), and the orchestrator
// replaces it as any task that ended — on a node that fits, or Pending when none does.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { noncompliantTasks } from '../../../src/engine/swarm/constraint-enforcer';
import { buildSwarmNode, type SwarmNode } from '../../../src/engine/swarm/node-object';
import type { SwarmService, SwarmTask } from '../../../src/engine/swarm/objects';
import type { TaskSpec } from '../../../src/engine/swarm/spec';
import { succeeds } from '../lab-helpers';
import { events, ps, running, taskFixture } from './helpers';

const REJECTED_ERROR = '"assigned node no longer meets constraints"';

/** Two workers labelled zone=east and a 2-replica service constrained to them, all running. */
function eastLab(seed = 4): Lab {
	const lab = createLab({ flavor: 'swarm', seed, workers: 3 });
	succeeds(lab, 'docker node update --label-add zone=east worker-1');
	succeeds(lab, 'docker node update --label-add zone=east worker-2');
	succeeds(
		lab,
		'docker service create -d --name web --replicas 2 --constraint node.labels.zone==east nginx'
	);
	lab.advance(20_000);
	expect(
		running(lab, 'web')
			.map((r) => r.Node)
			.sort()
	).toEqual(['worker-1', 'worker-2']);
	return lab;
}

function slotOn(lab: Lab, node: string): string {
	return running(lab, 'web').find((r) => r.Node === node)!.Name;
}

describe('constraint enforcer in a lab', () => {
	it('a removed label rejects the task on that node; its slot runs again on a node that matches', () => {
		const lab = eastLab();
		const slot = slotOn(lab, 'worker-1');
		succeeds(lab, 'docker node update --label-rm zone worker-1');
		lab.advance(1_000);
		const rows = ps(lab, 'web').filter((r) => r.Name === slot);
		// The replacement (newest first) waits out the restart delay (5 s) with desired Ready.
		expect(
			rows.map((r) => [r.Node, r.DesiredState, r.CurrentState.split(' ')[0], r.Error])
		).toEqual([
			['worker-2', 'Ready', expect.any(String), ''],
			['worker-1', 'Shutdown', 'Rejected', REJECTED_ERROR]
		]);
		expect(rows[1]!.CurrentState).toBe('Rejected 1 second ago');
		expect(events(lab, 'swarm.task.rejected').map((e) => e.message)).toEqual([
			`Task ${slot} is rejected: node worker-1 no longer meets its constraints.`
		]);
		lab.advance(10_000);
		expect(
			running(lab, 'web')
				.map((r) => r.Node)
				.sort()
		).toEqual(['worker-2', 'worker-2']);
		// The rejected task stays Rejected after its container stopped: the agent's SHUTDOWN
		// report is older in the state order and the dispatcher drops it.
		expect(ps(lab, 'web').find((r) => r.Node === 'worker-1')!.CurrentState).toBe(
			'Rejected 11 seconds ago'
		);
	});

	it('with no node left that matches, the replacement waits Pending with the scheduler’s reason', () => {
		const lab = eastLab();
		succeeds(lab, 'docker node update --label-rm zone worker-1');
		succeeds(lab, 'docker node update --label-rm zone worker-2');
		lab.advance(15_000);
		const rows = ps(lab, 'web');
		const current = rows.filter((r) => r.DesiredState === 'Running');
		expect(current.map((r) => [r.Node, r.CurrentState.split(' ')[0], r.Error])).toEqual([
			['', 'Pending', '"no suitable node (scheduling constraints not satisfied on 4 nodes)"'],
			['', 'Pending', '"no suitable node (scheduling constraints not satisfied on 4 nodes)"']
		]);
		expect(
			rows
				.filter((r) => r.DesiredState === 'Shutdown')
				.map((r) => [r.Node, r.CurrentState.split(' ')[0], r.Error])
				.sort()
		).toEqual([
			['worker-1', 'Rejected', REJECTED_ERROR],
			['worker-2', 'Rejected', REJECTED_ERROR]
		]);
		// A label put back lets the pending tasks run (the scheduler retries on node updates).
		succeeds(lab, 'docker node update --label-add zone=east worker-3');
		lab.advance(10_000);
		expect(running(lab, 'web').map((r) => r.Node)).toEqual(['worker-3', 'worker-3']);
	});

	it('a label changed to another value rejects the task too', () => {
		const lab = eastLab();
		const slot = slotOn(lab, 'worker-2');
		succeeds(lab, 'docker node update --label-add zone=west worker-2');
		lab.advance(15_000);
		const old = ps(lab, 'web').find((r) => r.Node === 'worker-2' && r.Name === slot);
		expect(old).toMatchObject({ DesiredState: 'Shutdown', Error: REJECTED_ERROR });
		expect(old!.CurrentState).toBe('Rejected 15 seconds ago');
		expect(running(lab, 'web').map((r) => r.Node)).toEqual(['worker-1', 'worker-1']);
	});

	it('a node that still matches keeps its tasks, whatever else changes on it', () => {
		const lab = eastLab();
		const before = running(lab, 'web').map((r) => r.ID);
		succeeds(lab, 'docker node update --label-add rack=r1 worker-1');
		succeeds(lab, 'docker node update --label-add zone=EAST worker-2');
		succeeds(lab, 'docker node update --label-add zone=east worker-3');
		succeeds(lab, 'docker node update --role manager worker-1');
		lab.advance(15_000);
		expect(running(lab, 'web').map((r) => r.ID)).toEqual(before);
		expect(ps(lab, 'web')).toHaveLength(2);
		expect(events(lab, 'swarm.task.rejected')).toEqual([]);
	});

	it('a paused node keeps its task; making it active again rejects it then', () => {
		const lab = eastLab();
		const id = running(lab, 'web').find((r) => r.Node === 'worker-1')!.ID;
		succeeds(lab, 'docker node update --availability pause worker-1');
		succeeds(lab, 'docker node update --label-rm zone worker-1');
		lab.advance(15_000);
		expect(running(lab, 'web').map((r) => r.ID)).toContain(id);
		expect(ps(lab, 'web')).toHaveLength(2);
		succeeds(lab, 'docker node update --availability active worker-1');
		lab.advance(1_000);
		const row = ps(lab, 'web').find((r) => r.ID === id)!;
		expect([row.DesiredState, row.CurrentState, row.Error]).toEqual([
			'Shutdown',
			'Rejected 1 second ago',
			REJECTED_ERROR
		]);
	});

	it('a drained node’s tasks are shut down by the orchestrator, not rejected', () => {
		const lab = eastLab();
		succeeds(lab, 'docker node update --availability drain worker-1');
		lab.advance(15_000);
		const old = ps(lab, 'web').find((r) => r.Node === 'worker-1')!;
		expect([old.DesiredState, old.CurrentState.split(' ')[0], old.Error]).toEqual([
			'Shutdown',
			'Shutdown',
			''
		]);
		expect(events(lab, 'swarm.task.rejected')).toEqual([]);
	});

	it('docker service ps shows the rejected task under its replacement, as docker prints it', () => {
		const lab = eastLab();
		succeeds(lab, 'docker node update --label-rm zone worker-1');
		lab.advance(12_000);
		// Seed 4 put web.1 on worker-1; its replacement went to worker-2.
		const id = (node: string, desired: string) =>
			ps(lab, 'web')
				.find((r) => r.Node === node && r.DesiredState === desired && r.Name === 'web.1')!
				.ID.slice(0, 12);
		const web2 = ps(lab, 'web')
			.find((r) => r.Name === 'web.2')!
			.ID.slice(0, 12);
		expect(succeeds(lab, 'docker service ps web').output).toBe(
			[
				'ID             NAME        IMAGE          NODE       DESIRED STATE   CURRENT STATE             ERROR                              PORTS',
				`${id('worker-2', 'Running')}   web.1       nginx:latest   worker-2   Running         Running 5 seconds ago                                        `,
				`${id('worker-1', 'Shutdown')}    \\_ web.1   nginx:latest   worker-1   Shutdown        Rejected 12 seconds ago   "assigned node no longer meets…"   `,
				`${web2}   web.2       nginx:latest   worker-2   Running         Running 28 seconds ago                                       `,
				''
			].join('\n')
		);
		// --no-trunc shows the whole error.
		expect(succeeds(lab, 'docker service ps --no-trunc web').output).toContain(
			'Rejected 12 seconds ago   "assigned node no longer meets constraints"   '
		);
	});

	it('a global service’s task on a node that stops matching is rejected and not replaced there', () => {
		const lab = createLab({ flavor: 'swarm', seed: 5, workers: 2 });
		succeeds(lab, 'docker node update --label-add zone=east worker-1');
		succeeds(lab, 'docker node update --label-add zone=east worker-2');
		succeeds(
			lab,
			'docker service create -d --name agent --mode global --constraint node.labels.zone==east nginx'
		);
		lab.advance(20_000);
		expect(
			running(lab, 'agent')
				.map((r) => r.Node)
				.sort()
		).toEqual(['worker-1', 'worker-2']);
		succeeds(lab, 'docker node update --label-rm zone worker-1');
		lab.advance(30_000);
		const rows = ps(lab, 'agent');
		expect(rows.filter((r) => r.Node === 'worker-1').map((r) => [r.DesiredState, r.Error])).toEqual(
			[['Shutdown', REJECTED_ERROR]]
		);
		expect(rows.find((r) => r.Node === 'worker-1')!.CurrentState).toBe('Rejected 30 seconds ago');
		expect(running(lab, 'agent').map((r) => r.Node)).toEqual(['worker-2']);
		expect(rows).toHaveLength(2);
		// The node matches again: a new task for it (global.go reconcileOneNode).
		succeeds(lab, 'docker node update --label-add zone=east worker-1');
		lab.advance(10_000);
		expect(
			running(lab, 'agent')
				.map((r) => r.Node)
				.sort()
		).toEqual(['worker-1', 'worker-2']);
	});

	it('the same seed and lines give the same trace, and time travel replays the rejection', () => {
		const script = (lab: Lab) => {
			succeeds(lab, 'docker node update --label-rm zone worker-1');
			lab.advance(3_000);
			succeeds(lab, 'docker node update --label-add zone=west worker-2');
			lab.advance(20_000);
		};
		const a = eastLab(11);
		const b = eastLab(11);
		script(a);
		script(b);
		expect(a.events()).toEqual(b.events());
		expect(a.traceHash()).toBe(b.traceHash());
		const out = succeeds(a, 'docker service ps web').output;
		expect(out).toBe(succeeds(b, 'docker service ps web').output);
		// worker-1's task, then both tasks on worker-2 (its own and the replacement).
		expect(events(a, 'swarm.task.rejected')).toHaveLength(3);
		const end = a.now();
		a.seek(10_000);
		a.seek(end);
		expect(succeeds(a, 'docker service ps web').output).toBe(out);
		expect(a.traceHash()).toBe(b.traceHash());
	});
});

describe('noncompliantTasks (rejectNoncompliantTasks)', () => {
	const worker = (patch: (n: SwarmNode) => void = () => {}): SwarmNode => {
		const n = buildSwarmNode('node1', 'worker-1', 'worker', 1, false, 1);
		patch(n);
		return n;
	};
	let seq = 0;
	const task = (spec: Partial<TaskSpec>, extra: Partial<SwarmTask> = {}): SwarmTask =>
		taskFixture(spec, {
			ID: `t${seq++}`,
			ServiceID: 'gone',
			NodeID: 'node1',
			Status: { Timestamp: '', State: 'running', Message: '' },
			...extra
		});
	const none = () => undefined;
	const GB = 1024 ** 3;

	it('uses the service’s current constraints, not the outdated ones in the task (swarmkit#2857)', () => {
		const t = task({}, { ServiceID: 's' });
		const service = {
			ID: 's',
			Spec: {
				TaskTemplate: {
					ContainerSpec: { Image: 'nginx' },
					Placement: { Constraints: ['node.labels.zone==east'] }
				}
			}
		} as unknown as SwarmService;
		expect(noncompliantTasks(worker(), [t], () => service)).toEqual([t]);
		const east = worker((n) => (n.Spec.Labels = { zone: 'east' }));
		expect(noncompliantTasks(east, [t], () => service)).toEqual([]);
		// Without its service, the task's own constraints count.
		const own = task({ Placement: { Constraints: ['node.role==manager'] } });
		expect(noncompliantTasks(worker(), [own], none)).toEqual([own]);
	});

	it('rejects the tasks whose reservations no longer fit, counting the others first', () => {
		const small = worker((n) => (n.Description.Resources = { NanoCPUs: 2e9, MemoryBytes: 4 * GB }));
		const a = task({ Resources: { Reservations: { MemoryBytes: 3 * GB } } });
		const b = task({ Resources: { Reservations: { MemoryBytes: 2 * GB } } });
		const c = task({ Resources: { Reservations: { NanoCPUs: 2e9 } } });
		const d = task({ Resources: { Reservations: { NanoCPUs: 1e9 } } });
		expect(noncompliantTasks(small, [a, b, c, d], none)).toEqual([b, d]);
	});

	it('looks only at active nodes and at tasks desired between ASSIGNED and COMPLETE', () => {
		const constrained = { Placement: { Constraints: ['node.labels.zone==east'] } };
		const tasks = [
			task(constrained, { DesiredState: 'ready' }),
			task(constrained, { DesiredState: 'shutdown' }),
			task(constrained, {
				DesiredState: 'complete',
				Status: { Timestamp: '', State: 'complete', Message: '' }
			}),
			task(constrained, { DesiredState: 'new' }),
			task(constrained, { NodeID: 'other' })
		];
		expect(noncompliantTasks(worker(), tasks, none)).toEqual([tasks[0], tasks[2]]);
		for (const availability of ['pause', 'drain'])
			expect(
				noncompliantTasks(
					worker((n) => (n.Spec.Availability = availability)),
					tasks,
					none
				)
			).toEqual([]);
	});
});
