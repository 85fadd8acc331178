// Membership, tokens and the Raft group's cut-off members live in checkpoints: seeking back
// before a leave, a rejoin or a forced new cluster and forward again gives the same lab.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';
import { token } from './helpers';

function script(lab: Lab): void {
	succeeds(lab, 'docker service create --name web --replicas 4 nginx:1.27');
	lab.advance(20_000);
	succeeds(lab, 'docker -H worker-1 swarm leave');
	lab.advance(20_000);
	succeeds(lab, 'docker swarm join-token --rotate worker');
	succeeds(lab, `docker -H worker-1 swarm join --token ${token(lab, 'manager')} 172.18.0.2:2377`);
	lab.advance(10_000);
	succeeds(lab, 'sim node stop manager-2');
	succeeds(lab, 'sim node stop manager-3');
	lab.advance(30_000);
	succeeds(lab, 'docker swarm init --force-new-cluster');
	lab.advance(30_000);
}

const view = (lab: Lab) =>
	['docker node ls', 'sim raft', 'docker swarm join-token worker', 'docker service ps web']
		.map((l) => succeeds(lab, l).output)
		.join('\n');

describe('swarm membership and time travel', () => {
	it('same seed and lines give the same trace; seeking back and forth reproduces the lab', () => {
		const a = createLab({ flavor: 'swarm', seed: 5, managers: 3, workers: 2 });
		const b = createLab({ flavor: 'swarm', seed: 5, managers: 3, workers: 2 });
		script(a);
		script(b);
		expect(a.traceHash()).toBe(b.traceHash());
		const end = a.now();
		const final = view(a);
		b.seek(45_000);
		const mid = view(b);
		a.seek(5_000);
		a.seek(45_000);
		expect(view(a)).toBe(mid);
		a.seek(end);
		expect(view(a)).toBe(final);
		expect(a.traceHash()).toBe((b.seek(end), b.traceHash()));
	});
});
