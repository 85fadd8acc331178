// Failure avoidance in the Swarm scheduler (moby/swarmkit manager/scheduler/scheduler.go
// nodeLess with maxFailures = 5 and monitorFailures = 5m; nodeinfo.go taskFailed and
// countRecentFailures): a crash loop leaves a node after 5 failures there.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';
import { events } from './helpers';

/** The node each task of the lab was assigned to, in order ("Task x.1 assigned to worker-1."). */
function assignments(lab: Lab): string[] {
	return events(lab, 'swarm.task.assigned').map((e) => /assigned to (\S+)\.$/.exec(e.message)![1]!);
}

describe('the scheduler underweights a node where the service failed 5 times in 5 minutes', () => {
	it('a crash-looping replica moves to another node after its 5th failure on one node', () => {
		const lab = createLab({ flavor: 'swarm', managers: 1, workers: 2 });
		succeeds(lab, `docker service create -d --name crash alpine sh -c 'sleep 1; exit 1'`);
		lab.advance(60_000);
		const nodes = assignments(lab);
		expect(nodes.length).toBeGreaterThanOrEqual(7);
		// Without failure history every replacement would go back to the same empty node.
		expect(new Set(nodes.slice(0, 5)).size).toBe(1);
		expect(nodes[5]).not.toBe(nodes[0]);
	});

	it('a replicated service that fails fewer than 5 times stays where the spread puts it', () => {
		const lab = createLab({ flavor: 'swarm', managers: 1, workers: 2 });
		succeeds(lab, `docker service create -d --name crash alpine sh -c 'sleep 1; exit 1'`);
		lab.advance(25_000);
		const nodes = assignments(lab);
		expect(nodes.length).toBeGreaterThanOrEqual(3);
		expect(nodes.length).toBeLessThanOrEqual(5);
		expect(new Set(nodes).size).toBe(1);
	});
});
