// `docker swarm join-token`: tokens `SWMTKN-1-<50 base36>-<25 base36>` (swarmkit ca/config.go),
// the root CA part shared by both roles, drawn from the lab's seed; `--rotate` replaces one
// role's secret and the old token stops admitting nodes (ca/server.go IssueNodeCertificate).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { DAEMON, TOKEN, nodes, token } from './helpers';

describe('join tokens', () => {
	it('are deterministic per seed, share the CA digest and differ by role', () => {
		const a = createLab({ flavor: 'swarm', seed: 7 });
		const b = createLab({ flavor: 'swarm', seed: 7 });
		const c = createLab({ flavor: 'swarm', seed: 8 });
		const worker = token(a, 'worker');
		const manager = token(a, 'manager');
		expect(worker).toMatch(TOKEN);
		expect(manager).toMatch(TOKEN);
		expect(token(b, 'worker')).toBe(worker);
		expect(token(b, 'manager')).toBe(manager);
		expect(token(c, 'worker')).not.toBe(worker);
		const [digestW, secretW] = worker.split('-').slice(2);
		const [digestM, secretM] = manager.split('-').slice(2);
		expect(digestW).toBe(digestM);
		expect(secretW).not.toBe(secretM);
	});

	it("prints docker's block with the manager's advertised address", () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		const t = token(lab, 'worker');
		expect(succeeds(lab, 'docker swarm join-token worker').output).toBe(
			`To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${t} 172.18.0.2:2377\n\n`
		);
		// Asked of manager-2, the command names manager-2's address.
		const m = token(lab, 'manager');
		expect(succeeds(lab, 'docker -H manager-2 swarm join-token manager').output).toBe(
			`To add a manager to this swarm, run the following command:\n\n    docker swarm join --token ${m} 172.18.0.3:2377\n\n`
		);
	});

	it('--rotate makes a new token; the old one is refused, the other role keeps its own', () => {
		const lab = createLab({ flavor: 'swarm', workers: 2 });
		const oldWorker = token(lab, 'worker');
		const manager = token(lab, 'manager');
		succeeds(lab, 'docker -H worker-2 swarm leave');
		const r = succeeds(lab, 'docker swarm join-token --rotate worker');
		const fresh = token(lab, 'worker');
		expect(fresh).not.toBe(oldWorker);
		expect(fresh.split('-')[2]).toBe(oldWorker.split('-')[2]);
		expect(token(lab, 'manager')).toBe(manager);
		expect(r.output).toBe(
			`Successfully rotated worker join token.\n\nTo add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${fresh} 172.18.0.2:2377\n\n`
		);
		const refused = fails(
			lab,
			`docker -H worker-2 swarm join --token ${oldWorker} 172.18.0.2:2377`
		);
		expect(refused.error).toBe(
			`${DAEMON}rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n`
		);
		expect(
			succeeds(lab, `docker -H worker-2 swarm join --token ${fresh} 172.18.0.2:2377`).output
		).toBe('This node joined a swarm as a worker.\n');
		// A new node: the old one stays listed beside it, Down once its TTL ran out.
		lab.advance(20_000);
		const rows = nodes(lab).filter((r) => r.Hostname === 'worker-2');
		expect(rows).toHaveLength(2);
		expect(rows.map((r) => r.Status).sort()).toEqual(['Down', 'Ready']);
	});

	it('is a manager command, and checks the role first', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker swarm join-token foo').error).toBe('unknown role foo\n');
		expect(fails(lab, 'docker -H worker-1 swarm join-token worker').error).toBe(
			`${DAEMON}This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n`
		);
		expect(fails(lab, 'docker swarm join-token').error).toBe(
			"docker: 'docker swarm join-token' requires 1 argument\n\nUsage:  docker swarm join-token [OPTIONS] (worker|manager)\n\nRun 'docker swarm join-token --help' for more information\n"
		);
		expect(fails(lab, 'docker swarm join-token --bogus worker').error).toBe(
			"unknown flag: --bogus\n\nUsage:  docker swarm join-token [OPTIONS] (worker|manager)\n\nRun 'docker swarm join-token --help' for more information\n"
		);
	});
});
