// `docker ps`, `docker info`, `docker version` on the machine the console talks to
// (docker/cli cli/command/container/list.go, formatter/container.go, system/info.go, version.go).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { ENGINE_VERSION, TASK_HISTORY_LIMIT } from '../../../src/engine/swarm/defaults';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	return createLab({ flavor: 'swarm', seed: 6, workers: 2 });
}

describe('docker ps', () => {
	it("lists this machine's task containers, named service.slot.task, with docker's columns", () => {
		const l = lab();
		succeeds(l, 'docker service create -d --name web --replicas 3 nginx:alpine');
		l.advance(30_000);
		const tasks = succeeds(
			l,
			"docker service ps web --no-trunc --format '{{.ID}} {{.Name}} {{.Node}}'"
		)
			.output.trim()
			.split('\n')
			.map((line) => line.split(' '));
		const here = tasks.filter((t) => t[2] === 'manager-1');
		const out = succeeds(l, 'docker ps').output.trimEnd().split('\n');
		expect(out[0]).toMatch(
			/^CONTAINER ID {3}IMAGE {10}COMMAND {18}CREATED {10}STATUS {10}PORTS {5}NAMES$/
		);
		expect(out.length - 1).toBe(here.length);
		for (const [id, name] of here) {
			const row = out.find((r) => r.endsWith(`${name}.${id}`));
			expect(row).toBeDefined();
			expect(row).toMatch(
				/^[0-9a-f]{12} {3}nginx:alpine {3}"\/docker-entrypoint\.…" {3}30 seconds ago {3}Up \d+ seconds {13}web\.\d\./
			);
		}
		// Another machine's daemon lists its own containers only.
		const w1 = tasks.filter((t) => t[2] === 'worker-1').length;
		expect(succeeds(l, 'docker -H worker-1 ps -q').output.split('\n').length - 1).toBe(w1);
	});

	it('-a keeps the exited containers of replaced tasks; --no-trunc shows the full command', () => {
		const l = lab();
		succeeds(
			l,
			'docker service create --name web --replicas 1 --constraint node.hostname==manager-1 nginx:alpine'
		);
		l.advance(30_000);
		succeeds(l, 'docker service update --force web');
		l.advance(30_000);
		expect(succeeds(l, 'docker ps -q').output.split('\n').length - 1).toBe(1);
		const all = succeeds(l, "docker ps -a --format '{{.Status}}'").output;
		expect(all).toMatch(/^Up \d+ seconds\nExited \(0\) \d+ seconds ago\n$/);
		expect(succeeds(l, "docker ps --no-trunc --format '{{.Command}}'").output).toBe(
			`"/docker-entrypoint.sh nginx -g 'daemon off;'"\n`
		);
	});

	it('docker container ls is the same command; a stopped machine has no daemon', () => {
		const l = lab();
		expect(succeeds(l, 'docker container ls').output).toBe(succeeds(l, 'docker ps').output);
		succeeds(l, 'sim node stop worker-2');
		expect(fails(l, 'docker -H worker-2 ps').error).toMatch(/^Cannot connect to the Docker daemon/);
	});
});

describe('docker info', () => {
	it("prints a manager's swarm section with swarmkit's defaults", () => {
		const out = succeeds(lab(), 'docker info').output;
		const swarm = out.slice(out.indexOf(' Swarm: active\n'), out.indexOf(' Runtimes:'));
		expect(swarm).toMatch(
			new RegExp(
				[
					' Swarm: active',
					'  NodeID: [0-9a-z]{25}',
					'  Is Manager: true',
					'  ClusterID: [0-9a-z]{25}',
					'  Managers: 1',
					'  Nodes: 3',
					'  Default Address Pool: 10\\.0\\.0\\.0/8  ',
					'  SubnetSize: 24',
					'  Data Path Port: 4789',
					'  Orchestration:',
					`   Task History Retention Limit: ${TASK_HISTORY_LIMIT}`,
					'  Raft:',
					'   Snapshot Interval: 10000',
					'   Number of Old Snapshots to Retain: 0',
					'   Heartbeat Tick: 1',
					'   Election Tick: 10',
					'  Dispatcher:',
					'   Heartbeat Period: 5 seconds',
					'  CA Configuration:',
					'   Expiry Duration: 3 months',
					'   Force Rotate: 0',
					'  Autolock Managers: false',
					'  Root Rotation In Progress: false',
					'  Node Address: 172\\.18\\.0\\.2',
					'  Manager Addresses:',
					'   172\\.18\\.0\\.2:2377',
					''
				].join('\n')
			)
		);
		expect(out).toContain(` Server Version: ${ENGINE_VERSION}\n`);
		expect(out).toContain(' Name: manager-1\n');
	});

	it('a worker shows no cluster section; a manager without a leader shows the error', () => {
		const w = succeeds(lab(), 'docker -H worker-1 info').output;
		expect(w).toMatch(
			/ Swarm: active\n {2}NodeID: \w{25}\n {2}Is Manager: false\n {2}Node Address: 172\.18\.0\.3\n {2}Manager Addresses:\n {3}172\.18\.0\.2:2377\n Runtimes:/
		);
		const l = createLab({ flavor: 'swarm', seed: 6, managers: 3, workers: 0 });
		succeeds(l, 'sim node stop manager-2');
		succeeds(l, 'sim node stop manager-3');
		l.advance(30_000);
		const m = succeeds(l, 'docker info').output;
		expect(m).toContain('  Is Manager: true\n  Node Address: 172.18.0.2\n');
		expect(m).toContain(
			"  Error: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n"
		);
		expect(m).not.toContain('ClusterID');
	});

	it('before `docker swarm init` the daemon reports Swarm: inactive and no swarm networks', () => {
		const l = createLab({ flavor: 'swarm', swarm: 'uninitialized', managers: 1, workers: 1 });
		const out = succeeds(l, 'docker info').output;
		expect(out).toContain(' Swarm: inactive\n Runtimes:');
		expect(succeeds(l, "docker network ls --format '{{.Name}}'").output).toBe(
			'bridge\nhost\nnone\n'
		);
		succeeds(l, 'docker swarm init');
		expect(succeeds(l, 'docker info').output).toContain(' Swarm: active\n');
		expect(succeeds(l, "docker network ls --format '{{.Name}}'").output).toBe(
			'bridge\ndocker_gwbridge\nhost\ningress\nnone\n'
		);
	});

	it('counts the containers by state and answers --format', () => {
		const l = lab();
		succeeds(l, 'docker service create --name web --mode global nginx:alpine');
		l.advance(30_000);
		expect(succeeds(l, 'docker info').output).toContain(
			' Containers: 1\n  Running: 1\n  Paused: 0\n  Stopped: 0\n'
		);
		expect(
			succeeds(
				l,
				"docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Managers}}'"
			).output
		).toBe('active true 1\n');
	});
});

describe('docker version', () => {
	it('prints the client and the engine, labels padded to 20 columns', () => {
		const out = succeeds(lab(), 'docker version').output;
		expect(out.split('\n').slice(0, 3)).toEqual([
			'Client: Docker Engine - Community',
			` Version:           ${ENGINE_VERSION}`,
			' API version:       1.51'
		]);
		expect(out).toContain(
			`\nServer: Docker Engine - Community\n Engine:\n  Version:          ${ENGINE_VERSION}\n  API version:      1.51 (minimum version 1.24)\n`
		);
		expect(succeeds(lab(), "docker version --format '{{.Server.Version}}'").output).toBe(
			`${ENGINE_VERSION}\n`
		);
	});

	it('prints the client part and fails when the daemon is down', () => {
		const l = lab();
		succeeds(l, 'sim node stop worker-1');
		const r = l.exec('docker -H worker-1 version');
		expect(r.ok).toBe(false);
		expect(r.output).toMatch(/^Client: Docker Engine - Community\n[^]*Context: {11}default\n$/);
		expect(r.error).toMatch(/^Cannot connect to the Docker daemon/);
	});
});
