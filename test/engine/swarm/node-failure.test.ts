// A worker stops: the dispatcher marks it Down after its TTL (facts.md §2.3: 3 × 5 s ± 0.5 s from
// the last heartbeat), the replicated orchestrator restarts its tasks elsewhere at once with the
// restart delay (§2.5: 5 s), and nothing moves back when it returns (no rebalance).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { events, ps, running } from './helpers';

const RESTART_DELAY_MS = 5_000; // facts §2.5
const CONTAINER_START_MS = 1_000; // the lab's stated start time (swarm/defaults.ts)

describe('a worker powers off under a replicated service', () => {
	it.each([1, 2, 3])(
		'seed %i: its tasks run elsewhere ≈ Down + 5 s, the old ones stay Running/Shutdown',
		(seed) => {
			const lab = createLab({ flavor: 'swarm', seed, workers: 2 });
			succeeds(lab, 'docker service create --name web --replicas 4 nginx:1.27');
			lab.advance(30_000);
			expect(running(lab, 'web')).toHaveLength(4);
			const lost = running(lab, 'web').filter((r) => r.Node === 'worker-2');
			expect(lost.length).toBeGreaterThan(0);

			const stopAt = lab.now();
			succeeds(lab, 'sim node stop worker-2');
			lab.advance(30_000);

			const down = events(lab, 'swarm.node.down', stopAt).find(
				(e) => e.subject === 'node/worker-2'
			);
			expect(down).toBeDefined();
			// The last beat came at most one period (5.5 s) before the stop; the TTL is 13.5–16.5 s.
			expect(down!.t - stopAt).toBeGreaterThanOrEqual(13_500 - 5_500);
			expect(down!.t - stopAt).toBeLessThanOrEqual(16_500 + 10);

			const created = events(lab, 'swarm.task.created', stopAt);
			expect(created.map((e) => e.subject).sort()).toEqual(
				lost.map((r) => `task/${r.Name}`).sort()
			);
			for (const e of created) expect(e.t).toBe(down!.t);
			const started = events(lab, 'swarm.task.running', stopAt);
			expect(started).toHaveLength(lost.length);
			for (const e of started) {
				expect(e.t - down!.t).toBeGreaterThanOrEqual(RESTART_DELAY_MS + CONTAINER_START_MS);
				expect(e.t - down!.t).toBeLessThanOrEqual(RESTART_DELAY_MS + CONTAINER_START_MS + 100);
			}

			const rows = ps(lab, 'web');
			const live = running(lab, 'web');
			expect(live).toHaveLength(4);
			expect(live.every((r) => r.Node !== 'worker-2')).toBe(true);
			// The lost tasks are told to shut down but nobody on the dead node can report it.
			for (const old of lost) {
				const row = rows.find((r) => r.ID === old.ID)!;
				expect(row.DesiredState).toBe('Shutdown');
				expect(row.CurrentState).toMatch(/^Running /);
			}
			expect(succeeds(lab, 'docker service ls').output).toMatch(/ web {7}replicated {3}4\/4 /);

			succeeds(lab, 'sim node start worker-2');
			lab.advance(20_000);
			const after = ps(lab, 'web');
			for (const old of lost)
				expect(after.find((r) => r.ID === old.ID)!.CurrentState).toMatch(/^Shutdown /);
			// No automatic rebalance: the node that came back gets nothing.
			expect(running(lab, 'web').filter((r) => r.Node === 'worker-2')).toHaveLength(0);
		}
	);

	it('a short power cut (under the TTL) kills the containers: the tasks fail and restart in place', () => {
		const lab = createLab({ flavor: 'swarm', seed: 4, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 3 nginx:1.27');
		lab.advance(20_000);
		const onW1 = running(lab, 'web').filter((r) => r.Node === 'worker-1');
		expect(onW1.length).toBeGreaterThan(0);
		succeeds(lab, 'sim node restart worker-1');
		lab.advance(20_000);
		const rows = ps(lab, 'web');
		for (const old of onW1) {
			const row = rows.find((r) => r.ID === old.ID)!;
			expect(row.CurrentState).toMatch(/^Failed /);
			expect(row.Error).toBe('"task: non-zero exit (137)"');
		}
		expect(running(lab, 'web')).toHaveLength(3);
	}, 60_000);
});

describe('node availability', () => {
	it('drain moves every task away without the restart delay; pause keeps them but takes no new ones', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 6 nginx:1.27');
		lab.advance(20_000);
		const t0 = lab.now();
		expect(succeeds(lab, 'docker node update --availability drain worker-1').output).toBe(
			'worker-1\n'
		);
		lab.advance(5_000);
		const live = running(lab, 'web');
		expect(live).toHaveLength(6);
		expect(live.some((r) => r.Node === 'worker-1')).toBe(false);
		// Drained nodes get no restart delay (restart.go): replacements run within ~2 s.
		for (const e of events(lab, 'swarm.task.running', t0)) expect(e.t - t0).toBeLessThan(2_500);

		succeeds(lab, 'docker node update --availability pause worker-2');
		succeeds(lab, 'docker service scale web=8');
		lab.advance(10_000);
		const onW2 = running(lab, 'web').filter((r) => r.Node === 'worker-2').length;
		expect(onW2).toBeGreaterThan(0); // kept
		const t1 = lab.now();
		succeeds(lab, 'docker service scale web=10');
		lab.advance(10_000);
		const assigned = events(lab, 'swarm.task.assigned', t1);
		expect(assigned.length).toBe(2);
		for (const e of assigned) expect(e.message).toMatch(/assigned to manager-1\.$/);
	});
});

describe('losing the managers’ quorum (facts.md §2.2)', () => {
	it('every docker command answers that there is no leader; tasks keep running; writes resume with the quorum', () => {
		const lab = createLab({ flavor: 'swarm', seed: 5, managers: 3, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 5 nginx:1.27');
		lab.advance(20_000);
		expect(running(lab, 'web')).toHaveLength(5);
		succeeds(lab, 'sim node stop manager-2');
		succeeds(lab, 'sim node stop manager-3');
		lab.advance(30_000);
		const NO_LEADER =
			"Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n";
		expect(fails(lab, 'docker service create --name db redis').error).toBe(NO_LEADER);
		expect(fails(lab, 'docker service scale web=1').error).toBe(NO_LEADER);
		expect(fails(lab, 'docker service ls').error).toBe(NO_LEADER);
		// The containers on live machines run on: the agents need no manager for that.
		const live = lab
			.snapshot()
			.tasks!.filter(
				(t) => t.state === 'running' && ['manager-1', 'worker-1', 'worker-2'].includes(t.node)
			);
		expect(live.length).toBeGreaterThan(0);
		expect(live.every((t) => t.desiredState === 'running')).toBe(true);
		succeeds(lab, 'sim node start manager-2');
		lab.advance(40_000);
		succeeds(lab, 'docker service scale web=2');
		lab.advance(20_000);
		expect(running(lab, 'web')).toHaveLength(2);
	});
});

describe('a node that stays down', () => {
	it('has its old tasks ORPHANED after 24 h (dispatcher.go defaultNodeDownPeriod)', () => {
		const lab = createLab({ flavor: 'swarm', seed: 6, workers: 2 });
		succeeds(lab, 'docker service create --name web --replicas 3 nginx:1.27');
		lab.advance(20_000);
		const lost = running(lab, 'web').filter((r) => r.Node === 'worker-1');
		expect(lost.length).toBeGreaterThan(0);
		succeeds(lab, 'sim node stop worker-1');
		lab.advance(60_000);
		const downAt = events(lab, 'swarm.node.down').find((e) => e.subject === 'node/worker-1')!.t;
		lab.advance(downAt + 24 * 3600_000 - lab.now() - 10_000);
		for (const old of lost)
			expect(ps(lab, 'web').find((r) => r.ID === old.ID)!.CurrentState).toMatch(/^Running /);
		lab.advance(20_000);
		for (const old of lost)
			expect(ps(lab, 'web').find((r) => r.ID === old.ID)!.CurrentState).toMatch(/^Orphaned /);
		expect(running(lab, 'web')).toHaveLength(3);
	}, 60_000);
});
