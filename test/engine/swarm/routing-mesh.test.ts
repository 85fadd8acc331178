// The routing mesh (facts.md §2.8): a published ingress port answers on every node and IPVS
// spreads requests round-robin over the service's tasks; host-mode ports answer only where a
// task runs; requests to a task on a node that just died time out until the task is replaced.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { roundRobin } from '../../../src/engine/swarm/routing-mesh';

describe('routing mesh', () => {
	it('round-robin is the next backend after the last one, wrapping around', () => {
		const picks: string[] = [];
		let cursor = 0;
		for (let i = 0; i < 7; i++) {
			const r = roundRobin(['a', 'b', 'c'], cursor)!;
			picks.push(r.pick);
			cursor = r.next;
		}
		expect(picks.join('')).toBe('abcabca');
		expect(roundRobin([], 0)).toBeUndefined();
	});

	it('every node answers the published port; hits spread evenly over the tasks wherever they run', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1, workers: 3 });
		succeeds(
			lab,
			'docker service create --name web --replicas 2 -p 8080:80 --constraint node.hostname!=worker-3 nginx'
		);
		lab.advance(10_000);
		succeeds(lab, 'sim traffic web 60/s');
		lab.advance(10_000);
		const view = lab.snapshot().traffic![0]!;
		expect(view.via).toBe('mesh');
		expect(view.failed).toBe(0);
		expect(view.succeeded).toBe(view.sent);
		const hits = view.hits.map((h) => h.hits);
		expect(hits).toHaveLength(2);
		expect(Math.abs(hits[0]! - hits[1]!)).toBeLessThanOrEqual(4); // one cursor per entry node
	});

	it('a dead node’s task times out until the task is replaced, then everything answers again', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 3 -p 8080:80 nginx');
		lab.advance(10_000);
		succeeds(lab, 'sim traffic web 30/s');
		lab.advance(2_000);
		succeeds(lab, 'sim node stop worker-1');
		lab.advance(8_000);
		const during = lab.snapshot().traffic![0]!;
		expect(during.failures.timeout ?? 0).toBeGreaterThan(0);
		expect(during.stale).toBeGreaterThan(0);
		lab.advance(30_000);
		const before = lab.snapshot().traffic![0]!;
		lab.advance(10_000);
		const after = lab.snapshot().traffic![0]!;
		// Once replaced, only requests entering at the stopped node itself fail.
		expect((after.failures.timeout ?? 0) - (before.failures.timeout ?? 0)).toBe(0);
		expect(after.succeeded - before.succeeded).toBeGreaterThan(0);
	});

	it('host-mode ports enter only on nodes that run a task; an unpublished service needs --via vip', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3, workers: 2 });
		succeeds(
			lab,
			'docker service create --name h -p published=9000,target=80,mode=host --constraint node.hostname==worker-2 nginx'
		);
		succeeds(lab, 'docker service create --name quiet nginx');
		lab.advance(10_000);
		expect(
			JSON.parse(succeeds(lab, "docker service ls --filter name=h --format '{{json .}}'").output)
				.Ports
		).toBe('');
		succeeds(lab, 'sim traffic h 10/s');
		lab.advance(3_000);
		const h = lab.snapshot().traffic!.find((t) => t.target === 'service/h')!;
		expect(h.failed).toBe(0);
		expect(h.hits.map((x) => x.node)).toEqual(['worker-2']);
		fails(lab, 'sim traffic quiet 10/s');
		succeeds(lab, 'sim traffic quiet 10/s --via vip');
	});
});
