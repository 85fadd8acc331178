// Restart policy (facts.md §2.5; swarmkit restart.go): condition any/on-failure/none, delay 5 s,
// max attempts, and every restart is a new task in the same slot (one-shot tasks, §2.4).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';
import { events, ps } from './helpers';

describe('restart policy', () => {
	it('a container that exits 1 fails and is replaced in its slot every delay (default 5 s)', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1, workers: 1 });
		succeeds(lab, 'docker service create --name crash busybox sh -c "exit 1"');
		lab.advance(30_000);
		const failed = events(lab, 'swarm.task.failed');
		expect(failed.length).toBeGreaterThanOrEqual(3);
		const created = events(lab, 'swarm.task.created');
		// Each replacement is created when its predecessor's failure arrives, and starts (desired
		// RUNNING) after the restart delay: the next failure comes ≥ 5 s later.
		for (let i = 1; i < failed.length; i++) {
			expect(failed[i]!.t - failed[i - 1]!.t).toBeGreaterThanOrEqual(5_000);
			expect(failed[i]!.t - failed[i - 1]!.t).toBeLessThan(7_000);
		}
		expect(created[1]!.t).toBe(failed[0]!.t);
		const rows = ps(lab, 'crash');
		expect(rows.every((r) => r.Name === 'crash.1')).toBe(true);
		expect(rows.length).toBeLessThanOrEqual(5); // history limit 5 per slot (facts §2.4)
		const shut = rows.filter((r) => r.DesiredState === 'Shutdown');
		expect(
			shut.every(
				(r) => r.CurrentState.startsWith('Failed') && r.Error === '"task: non-zero exit (1)"'
			)
		).toBe(true);
	});

	it('max attempts stops the restarts; on-failure does not restart a clean exit; none never restarts', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, workers: 1 });
		succeeds(
			lab,
			'docker service create --name twice --restart-max-attempts 2 --restart-delay 1s busybox false'
		);
		succeeds(
			lab,
			'docker service create --name clean --restart-condition on-failure busybox sh -c "sleep 2"'
		);
		succeeds(lab, 'docker service create --name once --restart-condition none busybox false');
		lab.advance(60_000);
		expect(ps(lab, 'twice')).toHaveLength(3);
		const clean = ps(lab, 'clean');
		expect(clean).toHaveLength(1);
		expect(clean[0]!.CurrentState).toMatch(/^Complete /);
		expect(ps(lab, 'once')).toHaveLength(1);
		expect(ps(lab, 'once')[0]!.CurrentState).toMatch(/^Failed /);
		// A slot that must not restart stays empty: 0 of 1 running.
		const ls = JSON.parse(
			succeeds(lab, "docker service ls --filter name=once --format '{{json .}}'").output
		);
		expect(ls.Replicas).toBe('0/1');
	});

	it('a sleeping container completes after its sleep and is restarted (condition any)', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3, workers: 1 });
		succeeds(lab, 'docker service create --name nap busybox sleep 10');
		lab.advance(40_000);
		const ran = events(lab, 'swarm.task.running');
		const done = events(lab, 'swarm.task.complete');
		expect(done.length).toBeGreaterThanOrEqual(2);
		expect(done[0]!.t - ran[0]!.t).toBeGreaterThanOrEqual(10_000);
		expect(done[0]!.t - ran[0]!.t).toBeLessThan(10_100);
	});
});
