// `--filter` on docker node ls, stack services and stack ps (moby daemon/cluster/filters.go,
// services.go; swarmkit controlapi node.go, service.go, task.go).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const STACK = `version: "3.8"
services:
  web:
    image: nginx:alpine
    deploy:
      replicas: 2
      labels:
        tier: front
  cache:
    image: redis:7.4.1
    deploy:
      mode: global
`;

function lab(): Lab {
	return createLab({
		flavor: 'swarm',
		seed: 8,
		managers: 3,
		workers: 2,
		readFile: (p) => (p === 'stack.yml' ? STACK : undefined)
	});
}

const hostnames = "--format '{{.Hostname}}'";

describe('docker node ls --filter', () => {
	it('role, name prefix, id prefix and node.label; values of one key are alternatives', () => {
		const l = lab();
		expect(succeeds(l, `docker node ls ${hostnames} --filter role=manager`).output).toBe(
			'manager-1\nmanager-2\nmanager-3\n'
		);
		expect(succeeds(l, `docker node ls ${hostnames} -f role=worker -f name=worker-2`).output).toBe(
			'worker-2\n'
		);
		expect(
			succeeds(l, `docker node ls ${hostnames} -f name=worker-1 -f name=manager-3`).output
		).toBe('manager-3\nworker-1\n');
		const id = succeeds(l, "docker node inspect -f '{{.ID}}' worker-2").output.trim();
		expect(succeeds(l, `docker node ls ${hostnames} -f id=${id.slice(0, 6)}`).output).toBe(
			'worker-2\n'
		);
		succeeds(l, 'docker node update --label-add zone=a worker-1');
		expect(succeeds(l, `docker node ls ${hostnames} -f node.label=zone`).output).toBe('worker-1\n');
		expect(succeeds(l, `docker node ls ${hostnames} -f node.label=zone=b`).output).toBe('');
		expect(
			succeeds(l, `docker node ls ${hostnames} -f membership=accepted`).output.split('\n')
		).toHaveLength(6);
		// The table keeps its header with no rows.
		expect(succeeds(l, 'docker node ls -f name=nosuch').output).toMatch(/^ID +HOSTNAME +STATUS/);
	});

	it("refuses unknown keys and values with the daemon's words, changing nothing", () => {
		const l = lab();
		expect(fails(l, 'docker node ls -f role=boss').error).toBe(
			"Error response from daemon: Invalid role filter: 'boss'\n"
		);
		expect(fails(l, 'docker node ls -f membership=maybe').error).toBe(
			"Error response from daemon: Invalid membership filter: 'maybe'\n"
		);
		expect(fails(l, 'docker node ls -f status=ready').error).toBe(
			"Error response from daemon: invalid filter 'status'\n"
		);
	});
});

describe('docker stack services / ps --filter', () => {
	it('services by name prefix, mode and label', () => {
		const l = lab();
		succeeds(l, 'docker stack deploy -c stack.yml app');
		const fmt = "--format '{{.Name}}'";
		expect(succeeds(l, `docker stack services ${fmt} app -f mode=global`).output).toBe(
			'app_cache\n'
		);
		expect(succeeds(l, `docker stack services ${fmt} app -f name=app_w`).output).toBe('app_web\n');
		expect(succeeds(l, `docker stack services ${fmt} app -f label=tier=front`).output).toBe(
			'app_web\n'
		);
		const r = succeeds(l, `docker stack services app -f name=nosuch`);
		expect(r.output).toBe('');
		expect(r.error).toBe('Nothing found in stack: app\n');
	});

	it('tasks by node (name or ID), service name prefix and desired state', () => {
		const l = lab();
		succeeds(l, 'docker stack deploy -c stack.yml app');
		l.advance(30_000);
		const fmt = "--format '{{.Name}} {{.Node}}'";
		const onW1 = succeeds(l, `docker stack ps ${fmt} app -f node=worker-1`)
			.output.trim()
			.split('\n');
		expect(onW1.length).toBeGreaterThan(0);
		expect(onW1.every((line) => line.endsWith(' worker-1'))).toBe(true);
		const cache = succeeds(l, `docker stack ps ${fmt} app -f name=app_cache`)
			.output.trim()
			.split('\n');
		expect(cache).toHaveLength(5);
		// ps.go: no task left after filtering is an error, as an empty stack is.
		expect(fails(l, 'docker stack ps -q app -f desired-state=shutdown').error).toBe(
			'nothing found in stack: app\n'
		);
		succeeds(l, 'docker service update --force app_web');
		l.advance(60_000);
		const shut = succeeds(
			l,
			"docker stack ps --format '{{.Name}}' app -f desired-state=shutdown"
		).output;
		expect(shut.trim().split('\n').sort()).toEqual(['app_web.1', 'app_web.2']);
		expect(fails(l, 'docker stack ps app -f node=worker-9').error).toBe(
			'Error response from daemon: node worker-9 not found\n'
		);
		expect(fails(l, 'docker stack ps app -f desired-state=asleep').error).toBe(
			"Error response from daemon: Invalid desired-state filter: 'asleep'\n"
		);
	});
});
