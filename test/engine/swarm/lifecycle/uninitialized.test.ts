// A swarm lab can start before any swarm exists (LabOptions.swarm 'uninitialized', CLI
// `--uninitialized`): Docker runs on every machine, and the lesson builds the cluster itself.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { running } from '../helpers';
import { DAEMON, nodes, raftLog, raftRoles, token } from './helpers';

describe('an uninitialised swarm lab', () => {
	it('has no swarm until init; join builds it and services run on every node', () => {
		const lab = createLab({ flavor: 'swarm', swarm: 'uninitialized', managers: 2, workers: 2 });
		expect(fails(lab, 'docker node ls').error).toBe(
			`${DAEMON}This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n`
		);
		expect(fails(lab, 'docker swarm leave').error).toBe(
			`${DAEMON}This node is not part of a swarm\n`
		);
		expect(lab.snapshot().nodes).toHaveLength(0);
		expect(Object.values(raftRoles(lab))).toEqual(['stopped', 'stopped']);

		const out = succeeds(lab, 'docker swarm init').output;
		const id = /current node \(([0-9a-z]{25})\)/.exec(out)![1]!;
		expect(out).toBe(
			`Swarm initialized: current node (${id}) is now a manager.\n\n` +
				`To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${token(lab, 'worker')} 172.18.0.2:2377\n\n` +
				"To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n"
		);
		expect(raftLog(lab)[0]).toBe('configuration manager-1');
		const manager = token(lab, 'manager');
		const worker = token(lab, 'worker');
		succeeds(lab, `docker -H manager-2 swarm join --token ${manager} 172.18.0.2:2377`);
		succeeds(lab, `docker -H worker-1 swarm join --token ${worker} 172.18.0.2:2377`);
		succeeds(lab, `docker -H worker-2 swarm join --token ${worker} manager-1:2377`);
		succeeds(lab, 'docker service create --name web --replicas 4 nginx:1.27');
		lab.advance(30_000);
		expect(nodes(lab).map((r) => [r.Hostname, r.Status, r.ManagerStatus])).toEqual([
			['manager-1', 'Ready', 'Leader'],
			['manager-2', 'Ready', 'Reachable'],
			['worker-1', 'Ready', ''],
			['worker-2', 'Ready', '']
		]);
		expect(new Set(running(lab, 'web').map((r) => r.Node)).size).toBe(4);
		expect(raftLog(lab)).toContain('add manager-2');
		expect(lab.snapshot().nodes).toHaveLength(4);
	});

	it('rejects an unknown swarm option', () => {
		expect(() => createLab({ flavor: 'swarm', swarm: 'half' as unknown as 'initialized' })).toThrow(
			/unknown swarm option half/
		);
	});
});
