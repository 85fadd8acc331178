// `docker swarm leave` on a worker: nobody tells the managers (swarmkit agent/agent.go run:
// "TODO(stevvooe): Signal to the manager that the node is leaving"), so the node stays listed
// and turns Down when its heartbeat TTL runs out (facts §2.3: 3 × 5 s ± 0.5 s), and its tasks
// are replaced then with the restart delay (§2.5: 5 s). It stays listed until `docker node rm`.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { events, ps, running } from '../helpers';
import { DAEMON, nodes, row } from './helpers';

const RESTART_DELAY_MS = 5_000; // facts §2.5
const CONTAINER_START_MS = 1_000; // swarm/defaults.ts (the lab's stated start time)
const NOT_IN_SWARM = `${DAEMON}This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n`;

describe('a worker leaves the swarm', () => {
	it.each([1, 2, 3])('seed %i: Down after its TTL, its tasks replaced 5 s later', (seed) => {
		const lab = createLab({ flavor: 'swarm', seed, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 4 nginx:1.27');
		lab.advance(30_000);
		const lost = running(lab, 'web').filter((r) => r.Node === 'worker-1');
		expect(lost.length).toBeGreaterThan(0);
		const leftAt = lab.now();
		expect(succeeds(lab, 'docker -H worker-1 swarm leave').output).toBe('Node left the swarm.\n');
		// The managers have not heard of it.
		expect(row(lab, 'worker-1').Status).toBe('Ready');
		lab.advance(30_000);

		const down = events(lab, 'swarm.node.down', leftAt).find((e) => e.subject === 'node/worker-1');
		expect(down).toBeDefined();
		// The last beat came at most one period (5.5 s) before the leave; the TTL is 13.5–16.5 s.
		expect(down!.t - leftAt).toBeGreaterThanOrEqual(13_500 - 5_500);
		expect(down!.t - leftAt).toBeLessThanOrEqual(16_500 + 10);
		expect(row(lab, 'worker-1').Status).toBe('Down');

		const started = events(lab, 'swarm.task.running', leftAt);
		expect(started).toHaveLength(lost.length);
		for (const e of started) {
			expect(e.t - down!.t).toBeGreaterThanOrEqual(RESTART_DELAY_MS + CONTAINER_START_MS);
			expect(e.t - down!.t).toBeLessThanOrEqual(RESTART_DELAY_MS + CONTAINER_START_MS + 100);
		}
		const live = running(lab, 'web');
		expect(live).toHaveLength(4);
		expect(live.every((r) => r.Node !== 'worker-1')).toBe(true);
		for (const old of lost) {
			const r = ps(lab, 'web').find((x) => x.ID === old.ID)!;
			expect(r.DesiredState).toBe('Shutdown');
		}
	});

	it('stays listed until node rm, which refuses while it is still Ready', () => {
		const lab = createLab({ flavor: 'swarm', workers: 2 });
		const id = row(lab, 'worker-1').ID;
		succeeds(lab, 'docker -H worker-1 swarm leave');
		expect(fails(lab, 'docker node rm worker-1').error).toBe(
			`${DAEMON}rpc error: code = FailedPrecondition desc = node ${id} is not down and can't be removed\n`
		);
		lab.advance(20_000);
		expect(succeeds(lab, 'docker node rm worker-1').output).toBe('worker-1\n');
		expect(nodes(lab).map((r) => r.Hostname)).toEqual(['manager-1', 'worker-2']);
	});

	it('leaves a plain daemon behind: not in a swarm, and a reboot does not bring it back', () => {
		const lab = createLab({ flavor: 'swarm', workers: 2 });
		succeeds(lab, 'docker -H worker-1 swarm leave');
		expect(fails(lab, 'docker -H worker-1 node ls').error).toBe(NOT_IN_SWARM);
		expect(fails(lab, 'docker -H worker-1 swarm leave').error).toBe(
			`${DAEMON}This node is not part of a swarm\n`
		);
		succeeds(lab, 'sim node stop worker-1');
		lab.advance(5_000);
		succeeds(lab, 'sim node start worker-1');
		lab.advance(60_000);
		expect(row(lab, 'worker-1').Status).toBe('Down');
	});
});

describe('a manager leaves the swarm', () => {
	it('is warned without --force, in the three texts of the daemon', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		const base =
			'You are attempting to leave the swarm on a node that is participating as a manager. ';
		const tail =
			'The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n';
		expect(fails(lab, 'docker -H manager-3 swarm leave').error).toBe(DAEMON + base + tail);
		succeeds(lab, 'sim node stop manager-2');
		lab.advance(2_000);
		expect(fails(lab, 'docker -H manager-3 swarm leave').error).toBe(
			`${DAEMON}${base}Removing this node leaves 1 managers out of 3. Without a Raft quorum your swarm will be inaccessible. ${tail}`
		);
		const single = createLab({ flavor: 'swarm' });
		// The daemon builds this one with a trailing space.
		expect(fails(single, 'docker swarm leave').error).toBe(
			`${DAEMON}${base}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. \n`
		);
	});

	it('with --force stays a Raft member (Unreachable) until demoted, then node rm works', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		const id = row(lab, 'manager-3').ID;
		succeeds(lab, 'docker -H manager-3 swarm leave --force');
		lab.advance(30_000);
		expect(row(lab, 'manager-3')).toMatchObject({ Status: 'Down', ManagerStatus: 'Unreachable' });
		expect(fails(lab, 'docker node rm manager-3').error).toBe(
			`${DAEMON}rpc error: code = FailedPrecondition desc = node ${id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal\n`
		);
		succeeds(lab, 'docker node demote manager-3');
		expect(row(lab, 'manager-3').ManagerStatus).toBe('');
		expect(succeeds(lab, 'docker node rm manager-3').output).toBe('manager-3\n');
		expect(nodes(lab).filter((r) => r.ManagerStatus !== '')).toHaveLength(2);
	});

	it('two managers of three leaving with --force cost the quorum', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		succeeds(lab, 'docker -H manager-3 swarm leave --force');
		succeeds(lab, 'docker -H manager-2 swarm leave --force');
		lab.advance(30_000);
		expect(fails(lab, 'docker service create --name web nginx:1.27').error).toMatch(
			/The swarm does not have a leader/
		);
	});

	it('the last manager leaving with --force erases the swarm', () => {
		const lab = createLab({ flavor: 'swarm', workers: 1 });
		succeeds(lab, 'docker service create --name web --replicas 2 nginx:1.27');
		lab.advance(20_000);
		succeeds(lab, 'docker swarm leave --force');
		expect(fails(lab, 'docker node ls').error).toBe(NOT_IN_SWARM);
		expect(lab.snapshot().nodes).toHaveLength(0);
		// worker-1 still holds the old swarm: a worker of it, until it leaves too.
		expect(fails(lab, 'docker -H worker-1 node ls').error).toMatch(/Worker nodes can't be used/);
		expect(fails(lab, 'docker -H worker-1 swarm init').error).toBe(
			`${DAEMON}This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n`
		);
	});
});
