// `docker swarm init`: on a machine already in a swarm it is refused; once the last manager left
// (erasing the swarm), it starts a fresh swarm with that machine as its only manager.
// `--force-new-cluster` on the survivor of a lost quorum restarts Raft with that manager as the
// only voter and keeps the swarm's state (swarmkit ForceNewCluster; docker/docs admin_guide.md
// "Recover from losing the quorum"): tasks keep running throughout and writes work again.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { running } from '../helpers';
import { DAEMON, TOKEN, nodes, raftRoles, row, token } from './helpers';

const EXISTS = `${DAEMON}This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n`;

function initOutput(id: string, workerToken: string, addr: string): string {
	return (
		`Swarm initialized: current node (${id}) is now a manager.\n\n` +
		`To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${workerToken} ${addr}\n\n` +
		"To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n"
	);
}

describe('docker swarm init', () => {
	it('is refused on a machine in a swarm, and bad lines change nothing', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker swarm init').error).toBe(EXISTS);
		expect(fails(lab, 'docker -H worker-1 swarm init').error).toBe(EXISTS);
		expect(fails(lab, 'docker swarm init now').error).toBe(
			"docker: 'docker swarm init' accepts no arguments\n\nUsage:  docker swarm init [OPTIONS]\n\nRun 'docker swarm init --help' for more information\n"
		);
		expect(fails(lab, 'docker swarm init --bogus').error).toBe(
			"unknown flag: --bogus\n\nUsage:  docker swarm init [OPTIONS]\n\nRun 'docker swarm init --help' for more information\n"
		);
		expect(fails(lab, 'docker swarm init --availability sometimes').error).toBe(
			'invalid availability "sometimes", only active, pause and drain are supported\n'
		);
		expect(fails(lab, 'docker swarm leave --force now').error).toMatch(/accepts no arguments/);
		expect(fails(lab, 'docker swarm frobnicate').error).toBe(
			"docker: unknown command: docker swarm frobnicate\n\nUsage:  docker swarm COMMAND\n\nRun 'docker swarm --help' for more information\n"
		);
	});

	it('after the last manager left, starts a fresh swarm with new tokens', () => {
		const lab = createLab({ flavor: 'swarm', workers: 2 });
		const oldToken = token(lab, 'worker');
		succeeds(lab, 'docker -H worker-2 swarm leave');
		succeeds(lab, 'docker swarm leave --force');
		const out = succeeds(lab, 'docker -H worker-2 swarm init --advertise-addr 172.18.0.4').output;
		const id = /current node \(([0-9a-z]{25})\)/.exec(out)![1]!;
		const fresh = token(lab, 'worker', 'worker-2');
		expect(fresh).toMatch(TOKEN);
		expect(fresh.split('-')[2]).not.toBe(oldToken.split('-')[2]);
		expect(out).toBe(initOutput(id, fresh, '172.18.0.4:2377'));
		const rows = nodes(lab, 'worker-2');
		expect(rows).toEqual([
			expect.objectContaining({ ID: id, Hostname: 'worker-2', Self: true, ManagerStatus: 'Leader' })
		]);
		// The old swarm's token is for another CA; manager-1 joins with the new one.
		expect(fails(lab, `docker swarm join --token ${oldToken} 172.18.0.4:2377`).error).toMatch(
			/^Error response from daemon: remote CA does not match fingerprint\. Expected: [0-9a-f]{64}\n$/
		);
		succeeds(lab, `docker swarm join --token ${fresh} 172.18.0.4:2377`);
		// worker-1 still holds the erased swarm: it must leave first.
		expect(fails(lab, `docker -H worker-1 swarm join --token ${fresh} 172.18.0.4:2377`).error).toBe(
			EXISTS
		);
		succeeds(lab, 'docker -H worker-1 swarm leave');
		succeeds(lab, `docker -H worker-1 swarm join --token ${fresh} 172.18.0.4:2377`);
		succeeds(lab, 'docker -H worker-2 service create --name web --replicas 3 nginx:1.27');
		lab.advance(30_000);
		expect(nodes(lab, 'worker-2').map((r) => r.Status)).toEqual(['Ready', 'Ready', 'Ready']);
		expect(succeeds(lab, 'docker -H worker-2 service ls').output).toMatch(/ 3\/3 /);
	});
});

/** Three managers, a service spread over every node, then manager-2 and manager-3 lost. */
function lostQuorum(seed: number): { lab: Lab; before: Map<string, string>; id: string } {
	const lab = createLab({ flavor: 'swarm', seed, managers: 3, workers: 2 });
	const id = row(lab, 'manager-1').ID;
	succeeds(lab, 'docker service create --name web --replicas 5 nginx:1.27');
	lab.advance(30_000);
	succeeds(lab, 'sim node stop manager-2');
	succeeds(lab, 'sim node stop manager-3');
	lab.advance(30_000);
	return { lab, before: liveTasks(lab), id };
}

/** The tasks the snapshot shows running, by ID (read without a leader, from the lab). */
function liveTasks(lab: Lab): Map<string, string> {
	return new Map(
		(lab.snapshot().tasks ?? [])
			.filter((t) => t.state === 'running' && t.desiredState === 'running')
			.map((t) => [t.id, t.node])
	);
}

describe('docker swarm init --force-new-cluster', () => {
	it.each([1, 2])(
		'seed %i: the survivor leads alone, keeps the state, writes work again',
		(seed) => {
			const { lab, before, id } = lostQuorum(seed);
			expect(fails(lab, 'docker service scale web=6').error).toMatch(/does not have a leader/);
			const out = succeeds(lab, 'docker swarm init --force-new-cluster').output;
			expect(out).toBe(initOutput(id, token(lab, 'worker'), '172.18.0.2:2377'));
			expect(raftRoles(lab)).toMatchObject({
				'manager-1': 'leader',
				'manager-2': 'stopped',
				'manager-3': 'stopped'
			});
			// The tasks on the surviving machines never stopped.
			const survivors = [...before].filter(
				([, node]) => !['manager-2', 'manager-3'].includes(node)
			);
			expect(survivors.length).toBeGreaterThan(0);
			const now = liveTasks(lab);
			for (const [task, node] of survivors) expect(now.get(task)).toBe(node);
			expect(succeeds(lab, 'docker service scale web=6').output).toMatch(/web scaled to 6/);
			lab.advance(60_000);
			expect(running(lab, 'web')).toHaveLength(6);
			// The lost managers stay listed as managers, but no longer in Raft: no MANAGER STATUS.
			for (const lost of ['manager-2', 'manager-3']) {
				expect(row(lab, lost)).toMatchObject({ Status: 'Down', ManagerStatus: '' });
			}
			expect(succeeds(lab, 'docker node rm manager-2').output).toBe('manager-2\n');
		}
	);

	it('is refused on a worker, and plain init is refused on the survivor', () => {
		const { lab } = lostQuorum(3);
		expect(fails(lab, 'docker swarm init').error).toBe(EXISTS);
		expect(fails(lab, 'docker -H worker-1 swarm init --force-new-cluster').error).toBe(
			`${DAEMON}This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n`
		);
	});

	it('the lost managers coming back cannot take the cluster back', () => {
		const { lab } = lostQuorum(4);
		succeeds(lab, 'docker swarm init --force-new-cluster');
		succeeds(lab, 'sim node start manager-2');
		succeeds(lab, 'sim node start manager-3');
		lab.advance(60_000);
		expect(raftRoles(lab)['manager-1']).toBe('leader');
		expect(succeeds(lab, 'docker service scale web=2').output).toMatch(/web scaled to 2/);
	});
});
