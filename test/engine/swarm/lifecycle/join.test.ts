// `docker swarm join`: the token says the role (swarmkit ca/server.go), a node gets a new ID on
// every join (identity.NewID, so a machine that comes back is a new row beside its old Down
// one), and a manager joins Raft as a new voter, one at a time (Raft thesis §4.1).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { running } from '../helpers';
import { DAEMON, nodes, raftLog, raftRoles, row, token } from './helpers';

const TIMEOUT = `${DAEMON}Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.\n`;

/** A lab whose worker-1 has left and whose leave the managers have noticed. */
function leftWorker(seed = 1): { lab: Lab; oldId: string } {
	const lab = createLab({ flavor: 'swarm', seed, workers: 2 });
	const oldId = row(lab, 'worker-1').ID;
	succeeds(lab, 'docker -H worker-1 swarm leave');
	lab.advance(20_000);
	return { lab, oldId };
}

describe('joining a swarm', () => {
	it('a machine that rejoins is a new node; the old one stays Down until removed by ID', () => {
		const { lab, oldId } = leftWorker();
		const worker = token(lab, 'worker');
		expect(
			succeeds(lab, `docker -H worker-1 swarm join --token ${worker} 172.18.0.2:2377`).output
		).toBe('This node joined a swarm as a worker.\n');
		const rows = nodes(lab).filter((r) => r.Hostname === 'worker-1');
		expect(rows).toHaveLength(2);
		const fresh = rows.find((r) => r.ID !== oldId)!;
		expect(fresh).toMatchObject({ Status: 'Ready', ManagerStatus: '', Self: false });
		expect(rows.find((r) => r.ID === oldId)!.Status).toBe('Down');
		// Seen from worker-1's own daemon… it is a worker: only managers list nodes.
		expect(fails(lab, 'docker -H worker-1 node ls').error).toMatch(/Worker nodes can't/);
		expect(fails(lab, 'docker node rm worker-1').error).toBe(
			`${DAEMON}node worker-1 is ambiguous (2 matches found)\n`
		);
		expect(succeeds(lab, `docker node rm ${oldId}`).output).toBe(`${oldId}\n`);
		expect(nodes(lab).filter((r) => r.Hostname === 'worker-1')).toEqual([fresh]);
	});

	it('a rejoined worker takes new tasks', () => {
		const { lab } = leftWorker(2);
		succeeds(lab, `docker -H worker-1 swarm join --token ${token(lab, 'worker')} manager-1:2377`);
		succeeds(lab, 'docker service create --name web --replicas 6 nginx:1.27');
		lab.advance(30_000);
		const here = running(lab, 'web').filter((r) => r.Node === 'worker-1');
		expect(here.length).toBeGreaterThan(0);
	});

	it('with the manager token a machine becomes a Raft voter and a Reachable manager', () => {
		const { lab } = leftWorker(3);
		const manager = token(lab, 'manager');
		expect(
			succeeds(lab, `docker -H worker-1 swarm join --token ${manager} 172.18.0.2:2377`).output
		).toBe('This node joined a swarm as a manager.\n');
		expect(raftLog(lab)).toContain('add worker-1');
		lab.advance(5_000);
		expect(raftRoles(lab)['worker-1']).toBe('follower');
		const fresh = nodes(lab).find((r) => r.Hostname === 'worker-1' && r.Status === 'Ready')!;
		expect(fresh.ManagerStatus).toBe('Reachable');
		// Its daemon now answers cluster commands.
		expect(nodes(lab, 'worker-1').find((r) => r.Self)!.ID).toBe(fresh.ID);
		expect(succeeds(lab, 'docker -H worker-1 swarm join-token -q worker').output.trim()).toBe(
			token(lab, 'worker')
		);
	});

	it('refuses with the daemon’s errors and changes nothing', () => {
		const { lab } = leftWorker(4);
		const worker = token(lab, 'worker');
		const listed = succeeds(lab, 'docker node ls').output;
		expect(
			fails(lab, `docker -H worker-2 swarm join --token ${worker} 172.18.0.2:2377`).error
		).toBe(
			`${DAEMON}This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n`
		);
		expect(
			fails(lab, 'docker -H worker-1 swarm join --token SWMTKN-1-x-y 172.18.0.2:2377').error
		).toBe(`${DAEMON}invalid join token\n`);
		expect(fails(lab, 'docker -H worker-1 swarm join 172.18.0.2:2377').error).toBe(
			`${DAEMON}rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n`
		);
		// worker-2 runs no manager: nothing listens on its 2377.
		expect(
			fails(lab, `docker -H worker-1 swarm join --token ${worker} 172.18.0.4:2377`).error
		).toBe(
			`${DAEMON}rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 172.18.0.4:2377: connect: connection refused"\n`
		);
		expect(fails(lab, `docker -H worker-1 swarm join --token ${worker} 10.9.9.9:2377`).error).toBe(
			TIMEOUT
		);
		expect(fails(lab, 'docker -H worker-1 swarm join').error).toBe(
			"docker: 'docker swarm join' requires 1 argument\n\nUsage:  docker swarm join [OPTIONS] HOST:PORT\n\nRun 'docker swarm join --help' for more information\n"
		);
		expect(succeeds(lab, 'docker node ls').output).toBe(listed);
		succeeds(lab, 'sim partition worker-1 / manager-1,worker-2');
		expect(
			fails(lab, `docker -H worker-1 swarm join --token ${worker} 172.18.0.2:2377`).error
		).toBe(TIMEOUT);
	});

	it('needs a quorum: the certificate is a Raft write', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 1 });
		const worker = token(lab, 'worker');
		succeeds(lab, 'docker -H worker-1 swarm leave');
		succeeds(lab, 'sim node stop manager-2');
		succeeds(lab, 'sim node stop manager-3');
		lab.advance(30_000);
		const before = succeeds(lab, 'sim raft').output;
		expect(
			fails(lab, `docker -H worker-1 swarm join --token ${worker} 172.18.0.2:2377`).error
		).toBe(TIMEOUT);
		expect(succeeds(lab, 'sim raft').output).toBe(before);
	});
});
