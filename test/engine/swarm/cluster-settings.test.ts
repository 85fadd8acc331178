/**
 * `docker swarm init|update` spec flags (docker/cli swarm/opts.go mergeSwarmSpec; swarmkit
 * controlapi/cluster.go validateClusterSpec): the task history the reaper keeps
 * (orchestrator/taskreaper), the heartbeat period the dispatcher hands the agents (and so how
 * soon a silent node is Down: 3 periods), and what `docker info` reports.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const swarm = () => createLab({ flavor: 'swarm', seed: 4 });

/** The task rows `docker service ps` lists for slot 1 of `web` (history included). */
function slotRows(lab: Lab): number {
	return succeeds(lab, 'docker service ps web --format "{{.Name}}"')
		.output.trim()
		.split('\n')
		.filter((n) => n.endsWith('web.1')).length;
}

function forceUpdates(lab: Lab, n: number): void {
	for (let i = 0; i < n; i++) {
		succeeds(lab, 'docker service update --force --detach web');
		lab.advance(15_000);
	}
}

/** When worker-1, stopped at `from`, shows Down in `docker node ls` (searched second by second). */
function downAfter(lab: Lab, from: number): number {
	for (let t = 1; t <= 40; t++) {
		lab.advance(1_000);
		if (/worker-1\s+Down/.test(succeeds(lab, 'docker node ls').output)) return lab.now() - from;
	}
	throw new Error('worker-1 never went Down');
}

describe('docker swarm update: the cluster spec', () => {
	it('prints the spec in docker info, text and template', () => {
		const lab = swarm();
		expect(
			succeeds(lab, 'docker swarm update --task-history-limit 2 --dispatcher-heartbeat 2s').output
		).toBe('Swarm updated.\n');
		const info = succeeds(lab, 'docker info').output;
		expect(info).toContain('   Task History Retention Limit: 2\n');
		expect(info).toContain('   Heartbeat Period: 2 seconds\n');
		expect(
			succeeds(lab, "docker info --format '{{json .Swarm.Cluster.Spec.Dispatcher}}'").output
		).toBe('{"HeartbeatPeriod":2000000000}\n');
		expect(
			succeeds(
				lab,
				"docker info --format '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}'"
			).output
		).toBe('2\n');
		// Autolock shows as it is (it read "false" whatever the swarm did).
		succeeds(lab, 'docker swarm update --autolock');
		expect(succeeds(lab, 'docker info').output).toContain('  Autolock Managers: true\n');
	});

	it('keeps as many finished tasks per slot as the history limit says', () => {
		const lab = swarm();
		succeeds(lab, 'docker service create --name web --detach nginx:1.27');
		lab.advance(10_000);
		forceUpdates(lab, 7);
		// swarmkit's default 5: the running task and four before it.
		expect(slotRows(lab)).toBe(5);
		succeeds(lab, 'docker swarm update --task-history-limit 2');
		forceUpdates(lab, 1);
		expect(slotRows(lab)).toBe(2);
		// taskreaper.go: a negative limit keeps every task from now on.
		succeeds(lab, 'docker swarm update --task-history-limit -1');
		forceUpdates(lab, 4);
		expect(slotRows(lab)).toBe(6);
	});

	it('a restart policy with max attempts keeps one more task than that, whatever the limit', () => {
		const lab = swarm();
		succeeds(lab, 'docker swarm update --task-history-limit 1');
		succeeds(lab, 'docker service create --name web --detach --restart-max-attempts 3 nginx:1.27');
		lab.advance(10_000);
		forceUpdates(lab, 6);
		expect(slotRows(lab)).toBe(4);
	});

	it('a shorter heartbeat period finds a silent node Down sooner (3 periods)', () => {
		const standard = swarm();
		standard.advance(10_000);
		succeeds(standard, 'sim node stop worker-1');
		const standardDown = downAfter(standard, standard.now());
		const quick = swarm();
		succeeds(quick, 'docker swarm update --dispatcher-heartbeat 2s');
		// The agents take the new period with their next heartbeat's answer.
		quick.advance(10_000);
		succeeds(quick, 'sim node stop worker-1');
		const quickDown = downAfter(quick, quick.now());
		// TTL = 3 × (period ± 0.5 s) after the last heartbeat, which came at most a period before.
		expect(standardDown).toBeGreaterThan(8_000);
		expect(standardDown).toBeLessThanOrEqual(17_000);
		expect(quickDown).toBeLessThanOrEqual(8_000);
		expect(quickDown).toBeLessThan(standardDown);
	});

	it('refuses what swarmkit and pflag refuse, changing nothing', () => {
		const lab = swarm();
		expect(fails(lab, 'docker swarm update --cert-expiry 30m').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = minimum certificate expiry time is: 1h0m0s\n'
		);
		expect(fails(lab, 'docker swarm update --dispatcher-heartbeat=-1s').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = heartbeat time period cannot be a negative duration\n'
		);
		expect(fails(lab, 'docker swarm update --task-history-limit many').error).toMatch(
			/^invalid argument "many" for "--task-history-limit" flag: strconv.ParseInt: parsing "many": invalid syntax\n/
		);
		expect(fails(lab, 'docker swarm update --dispatcher-heartbeat 5x').error).toMatch(
			/^invalid argument "5x" for "--dispatcher-heartbeat" flag: time: unknown unit "x" in duration "5x"\n/
		);
		expect(succeeds(lab, 'docker info').output).toContain('   Heartbeat Period: 5 seconds\n');
	});

	it('seeking back restores the spec of that moment', () => {
		const lab = swarm();
		lab.advance(1_000);
		const before = lab.now();
		lab.advance(1_000);
		succeeds(lab, 'docker swarm update --task-history-limit 9 --cert-expiry 48h');
		expect(succeeds(lab, 'docker info').output).toContain('Expiry Duration: 2 days');
		lab.seek(before);
		const info = succeeds(lab, 'docker info').output;
		expect(info).toContain('   Task History Retention Limit: 5\n');
		expect(info).toContain('   Expiry Duration: 3 months\n');
	});
});
