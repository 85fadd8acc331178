// A task whose container has a healthcheck stays STARTING until its first probe passes (moby
// daemon/cluster/executor/container/controller.go Start waits for health_status: healthy); the
// first probe runs after the interval (30 s by default), or after the start interval (5 s by
// default) while a start period is set (daemon/health.go getInterval). The lab reported such
// tasks Running one second after they started, and refused `--health-cmd` as an unknown flag.
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

/** Advances second by second; the times (s) the task was first seen Starting and Running. */
function startingToRunning(lab: Lab, service: string): { starting: number; running: number } {
	let starting = -1;
	for (let s = 0; s < 180; s++) {
		const state = succeeds(lab, `docker service ps --format '{{.CurrentState}}' ${service}`).output;
		if (starting < 0 && state.startsWith('Starting')) starting = s;
		if (state.startsWith('Running')) return { starting, running: s };
		lab.advance(1000);
	}
	throw new Error(`${service} never ran`);
}

describe('healthchecked tasks', () => {
	it('--health-cmd with a 10 s interval: Starting for the interval, then Running', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name hc --health-cmd "redis-cli ping" --health-interval 10s --health-retries 3 redis:alpine'
		);
		expect(
			succeeds(
				lab,
				"docker service inspect --format '{{json .Spec.TaskTemplate.ContainerSpec.Healthcheck}}' hc"
			).output
		).toBe('{"Test":["CMD-SHELL","redis-cli ping"],"Interval":10000000000,"Retries":3}\n');
		const t = startingToRunning(lab, 'hc');
		expect(t.starting).toBeGreaterThanOrEqual(0);
		expect(t.running - t.starting).toBeGreaterThanOrEqual(10);
		expect(t.running - t.starting).toBeLessThanOrEqual(12);
	});

	it('a compose healthcheck with start_period probes first after the 5 s start interval', () => {
		// The db healthcheck of docker/awesome-compose nginx-golang-mysql.
		const lab = swarmLab({
			'db.yml':
				'services:\n  db:\n    image: mysql:8.0.19\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"]\n      interval: 3s\n      retries: 5\n      start_period: 30s\n'
		});
		succeeds(lab, 'docker stack deploy -d -c db.yml app');
		const t = startingToRunning(lab, 'app_db');
		expect(t.running - t.starting).toBeGreaterThanOrEqual(5);
		expect(t.running - t.starting).toBeLessThanOrEqual(7);
	});

	it('no healthcheck, or --no-healthcheck: Running about a second after Starting', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name plain --no-healthcheck redis:alpine');
		const t = startingToRunning(lab, 'plain');
		expect(t.running - t.starting).toBeLessThanOrEqual(2);
		expect(
			succeeds(
				lab,
				"docker service inspect --format '{{json .Spec.TaskTemplate.ContainerSpec.Healthcheck}}' plain"
			).output
		).toBe('{"Test":["NONE"]}\n');
	});

	it('refuses what the CLI refuses, changing nothing', () => {
		const lab = swarmLab();
		expect(fails(lab, 'docker service create -d --no-healthcheck --health-cmd x redis').error).toBe(
			'--no-healthcheck conflicts with --health-* options\n'
		);
		expect(fails(lab, 'docker service create -d --health-interval -5s redis').error).toContain(
			'invalid argument "-5s" for "--health-interval" flag: duration cannot be negative\n'
		);
	});
});
