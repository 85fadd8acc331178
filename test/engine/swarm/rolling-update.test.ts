// Rolling updates and rollbacks (facts.md §2.6; swarmkit updater.go): batches of `parallelism`,
// `delay` after each new task runs, a failure inside the monitor period fires the failure
// action, and the update completes one monitor period (delay + 1 s if longer) after the last.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { events, inspect, ps, running, until, updateStatus } from './helpers';

function web(lab: Lab, flags = ''): void {
	succeeds(lab, `docker service create --name web --replicas 4 ${flags} nginx:1.27`);
	lab.advance(30_000);
	expect(running(lab, 'web')).toHaveLength(4);
}

describe('docker service update', () => {
	it('parallelism 2, delay 10s: two slots at once, the next two 10 s after each new task runs', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1, workers: 2 });
		web(lab, '--update-parallelism 2 --update-delay 10s');
		const u = lab.now();
		expect(succeeds(lab, 'docker service update -d --image nginx:1.28 web').output).toBe('web\n');
		expect(updateStatus(lab, 'web')).toBeUndefined(); // reset by the update, set by the updater
		lab.advance(10);
		expect(updateStatus(lab, 'web')).toMatchObject({
			State: 'updating',
			Message: 'update in progress'
		});
		until(lab, () => updateStatus(lab, 'web')?.State === 'completed');

		const created = events(lab, 'swarm.task.created', u);
		const ran = events(lab, 'swarm.task.running', u);
		expect(created).toHaveLength(4);
		expect(ran).toHaveLength(4);
		// First batch at once.
		expect(created[0]!.t).toBe(u);
		expect(created[1]!.t).toBe(u);
		// Each worker takes its next slot `delay` after its new task runs.
		const firstRuns = ran
			.slice(0, 2)
			.map((e) => e.t)
			.sort((a, b) => a - b);
		const second = created
			.slice(2)
			.map((e) => e.t)
			.sort((a, b) => a - b);
		expect(second[0]! - firstRuns[0]!).toBe(10_000);
		expect(second[1]! - firstRuns[1]!).toBe(10_000);
		// Old tasks stop before their replacements start (stop-first).
		const shut = events(lab, 'swarm.task.shutdown', u);
		expect(shut).toHaveLength(4);
		expect(Math.max(...shut.slice(0, 2).map((e) => e.t))).toBeLessThan(firstRuns[0]!);
		// Completed: after the last delay, delay + 1 s more (delay ≥ monitor).
		const done = events(lab, 'swarm.service.updated', u).find((e) =>
			/update completed/.test(e.message)
		)!;
		const lastRun = Math.max(...ran.map((e) => e.t));
		expect(done.t - lastRun).toBe(10_000 + 11_000);
		expect(running(lab, 'web').every((r) => r.Image === 'nginx:1.28')).toBe(true);
		expect(ps(lab, 'web').filter((r) => r.DesiredState === 'Shutdown')).toHaveLength(4);
	});

	it('a new image that cannot be pulled pauses the update (failure_action pause) after the first failure', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, workers: 2 });
		web(lab);
		succeeds(lab, 'docker service update -d --image nginx:2.0 web');
		lab.advance(20_000);
		const status = updateStatus(lab, 'web')!;
		expect(status.State).toBe('paused');
		const failed = ps(lab, 'web').find((r) => r.Image === 'nginx:2.0' && r.Error !== '')!;
		expect(failed.CurrentState).toMatch(/^Rejected /);
		expect(failed.Error).toBe('"No such image: nginx:2.0"');
		expect(status.Message).toMatch(
			/^update paused due to failure or early termination of task [0-9a-z]{25}$/
		);
		// Parallelism 1: only the first slot was touched; three old tasks still run.
		expect(running(lab, 'web').filter((r) => r.Image === 'nginx:1.27')).toHaveLength(3);
		// Paused stays paused.
		lab.advance(60_000);
		expect(updateStatus(lab, 'web')!.State).toBe('paused');
		expect(running(lab, 'web').filter((r) => r.Image === 'nginx:1.27')).toHaveLength(3);

		// docker service rollback: PreviousSpec comes back with the rollback config.
		expect(succeeds(lab, 'docker service rollback -d web').output).toBe('web\n');
		expect(updateStatus(lab, 'web')).toMatchObject({
			State: 'rollback_started',
			Message: 'manually requested rollback'
		});
		until(lab, () => updateStatus(lab, 'web')?.State === 'rollback_completed');
		expect(updateStatus(lab, 'web')!.Message).toBe('rollback completed');
		expect(running(lab, 'web').map((r) => r.Image)).toEqual(Array(4).fill('nginx:1.27'));
	});

	it('failure_action rollback rolls back by itself and clears PreviousSpec', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3, workers: 2 });
		web(lab, '--update-failure-action rollback');
		succeeds(lab, 'docker service update -d --image nginx:2.0 web');
		until(lab, () => updateStatus(lab, 'web')?.State === 'rollback_completed');
		const service = inspect(lab, 'web') as {
			Spec: { TaskTemplate: { ContainerSpec: { Image: string } } };
			PreviousSpec?: unknown;
		};
		expect(service.Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^nginx:1\.27@sha256:/);
		expect(service.PreviousSpec).toBeUndefined();
		const rolled = events(lab, 'swarm.service.rollback').map((e) => e.message);
		expect(
			rolled.some((m) => /update rolled back due to failure or early termination of task/.test(m))
		).toBe(true);
		expect(running(lab, 'web').map((r) => r.Image)).toEqual(Array(4).fill('nginx:1.27'));
	});

	it('start-first starts the new task before the old one stops', () => {
		const lab = createLab({ flavor: 'swarm', seed: 5, workers: 2 });
		web(lab, '--update-order start-first');
		const u = lab.now();
		succeeds(lab, 'docker service update -d --image nginx:1.28 web');
		until(lab, () => updateStatus(lab, 'web')?.State === 'completed');
		const ran = events(lab, 'swarm.task.running', u);
		const shut = events(lab, 'swarm.task.shutdown', u);
		expect(ran[0]!.t).toBeLessThan(shut[0]!.t);
	});

	it('--force replaces every task without a spec change; errors change nothing', () => {
		const lab = createLab({ flavor: 'swarm', seed: 6, workers: 2 });
		web(lab);
		const before = running(lab, 'web').map((r) => r.ID);
		succeeds(lab, 'docker service update -d --force web');
		until(lab, () => updateStatus(lab, 'web')?.State === 'completed');
		const after = running(lab, 'web').map((r) => r.ID);
		expect(after.filter((id) => before.includes(id))).toHaveLength(0);
		expect(fails(lab, 'docker service update -d --image x nosuch').error).toBe(
			'Error response from daemon: service nosuch not found\n'
		);
		expect(fails(lab, 'docker service rollback nosuch').error).toBe(
			'Error response from daemon: service nosuch not found\n'
		);
		// A plain string flag in docker/cli v28; moby's convert refuses the word.
		expect(fails(lab, 'docker service update --update-failure-action explode web').error).toBe(
			'Error response from daemon: unrecognized update failure action explode\n'
		);
	});
});
