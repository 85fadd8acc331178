/**
 * The side-by-side comparison reads what the labs did. These runs check its numbers against
 * the defaults the engine models (facts.md §1.1 and §2.3–2.5), so a wrong reading of the trace
 * (or a wrong fact) fails here.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Flavor, Lab, TraceEvent } from '../../src/engine/types';
import {
	DEFAULT_TOLERATION_SECONDS,
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_MONITOR_GRACE_PERIOD_MS,
	NODE_MONITOR_PERIOD_MS
} from '../../src/engine/kubernetes/defaults';
import {
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	GRACE_PERIOD_MULTIPLIER,
	HEARTBEAT_EPSILON_MS,
	RESTART_DELAY_MS
} from '../../src/engine/swarm/defaults';
import { SCENARIOS } from '../../src/viz/scenarios';
import { latestEpisode, leaderChanges, report, trafficTotals } from '../../src/viz/widgets/compare';

const BOTH = SCENARIOS['node-failure-both'];

function bothLab(flavor: Flavor, seed: number = BOTH.seed): Lab {
	return scenarioLab('node-failure-both', flavor, seed, (line, result) =>
		expect(result.ok, line).toBe(true)
	);
}

/** The worker that runs a unit of `web` (every worker does, one each). */
function busyWorker(lab: Lab): string {
	const node = lab.snapshot().units.find((u) => u.status === 'Running')?.node;
	if (node === undefined) throw new Error('nothing runs');
	return node;
}

/** Runs a lab to `stopAt`, stops a busy worker, and runs `after` ms more. */
function failWorker(flavor: Flavor, stopAt: number, after: number, seed?: number) {
	const lab = bothLab(flavor, seed);
	lab.advance(stopAt);
	const node = busyWorker(lab);
	const baseline = trafficTotals(lab.snapshot());
	expect(lab.exec(`sim node stop ${node}`).ok).toBe(true);
	lab.advance(after);
	return { lab, node, baseline };
}

describe('the scenario both sides run', () => {
	it.each(['kubernetes', 'swarm'] as const)(
		'%s: three replicas run, one on each worker, and none on the control plane',
		(flavor) => {
			const lab = bothLab(flavor);
			lab.advance(10_000);
			const snap = lab.snapshot();
			const running = snap.units.filter((u) => u.status === 'Running');
			expect(running).toHaveLength(3);
			const workers = snap.nodes.filter((n) => n.role === 'worker').map((n) => n.name);
			expect(new Set(running.map((u) => u.node))).toEqual(new Set(workers));
			expect(trafficTotals(snap)?.sent).toBeGreaterThan(0);
		}
	);
});

describe('latestEpisode on Kubernetes', () => {
	it('detects after the grace period and recovers after the 300 s toleration', () => {
		const { lab, node } = failWorker('kubernetes', 20_000, 420_000);
		const episode = latestEpisode('kubernetes', lab.events());
		expect(episode?.node).toBe(node);
		expect(episode?.stoppedAt).toBe(20_000);
		expect(episode?.lost).toBe(1);
		expect(episode?.expected).toBe(3);
		const detect = episode!.detectedAt! - episode!.stoppedAt;
		// The last lease renewal came at most one renew interval (plus its 4% jitter) before the
		// stop; the controller notices at its next check after the grace period.
		expect(detect).toBeGreaterThanOrEqual(
			NODE_MONITOR_GRACE_PERIOD_MS - NODE_LEASE_RENEW_INTERVAL_MS * 1.04
		);
		expect(detect).toBeLessThanOrEqual(NODE_MONITOR_GRACE_PERIOD_MS + NODE_MONITOR_PERIOD_MS);
		// Recovered = the evicted pod's replacement runs: the toleration, then a scheduling and a
		// container start of a few seconds.
		const recover = episode!.recoveredAt! - episode!.detectedAt!;
		expect(recover).toBeGreaterThanOrEqual(DEFAULT_TOLERATION_SECONDS * 1000);
		expect(recover).toBeLessThanOrEqual(DEFAULT_TOLERATION_SECONDS * 1000 + 10_000);
		const replacement = lab
			.snapshot()
			.units.find((u) => u.status === 'Running' && u.node !== node && u.ready);
		expect(replacement).toBeDefined();
	});

	it('has no episode before a machine fails, and no recovery before the toleration ends', () => {
		const lab = bothLab('kubernetes');
		lab.advance(60_000);
		expect(latestEpisode('kubernetes', lab.events())).toBeUndefined();
		lab.exec(`sim node stop ${busyWorker(lab)}`);
		lab.advance(120_000);
		const episode = latestEpisode('kubernetes', lab.events());
		expect(episode?.detectedAt).toBeDefined();
		expect(episode?.recoveredAt).toBeUndefined();
	});

	it('counts lost requests only until the pods leave the endpoints', () => {
		const { lab, baseline } = failWorker('kubernetes', 20_000, 0);
		const episodeAt = (l: Lab) => latestEpisode('kubernetes', l.events());
		// Run to just after detection, then to well after recovery.
		for (let i = 0; i < 70 && episodeAt(lab)?.detectedAt === undefined; i++) lab.advance(1_000);
		const detectedAt = episodeAt(lab)!.detectedAt!;
		lab.advance(2_000);
		const atDetection = report(lab.snapshot(), lab.events(), baseline);
		lab.advance(400_000);
		const later = report(lab.snapshot(), lab.events(), baseline);
		// One pod in three was on the dead machine: about a third of the requests sent until the
		// controller noticed failed (timeouts), and none after.
		const rate = 10; // the scenario's `sim traffic web 10/s`
		const windowS = (detectedAt - 20_000) / 1000;
		expect(atDetection.requestsLost).toBeGreaterThan((rate * windowS) / 3 - rate * 2);
		expect(atDetection.requestsLost).toBeLessThanOrEqual((rate * windowS) / 3 + rate * 2);
		expect(later.requestsLost).toBe(atDetection.requestsLost);
		expect(later.requestsSent).toBeGreaterThan(atDetection.requestsSent!);
	});

	it('reads no Raft leader change when a worker fails (etcd runs on the control plane)', () => {
		const { lab } = failWorker('kubernetes', 20_000, 60_000);
		expect(report(lab.snapshot(), lab.events()).leaderChanges).toBe(0);
	});
});

describe('latestEpisode on Swarm', () => {
	it('detects after about 3 heartbeat periods and recovers after the restart delay', () => {
		for (const seed of [7, 8, 9]) {
			const { lab, node } = failWorker('swarm', 20_000, 60_000, seed);
			const episode = latestEpisode('swarm', lab.events());
			expect(episode?.node).toBe(node);
			expect(episode?.lost).toBe(1);
			const detect = episode!.detectedAt! - episode!.stoppedAt;
			// T0 (the last heartbeat) is at most one period + ε before the stop; Down comes
			// 3 chosen periods (each period ± ε) after T0.
			const ttlMin =
				GRACE_PERIOD_MULTIPLIER * (DISPATCHER_HEARTBEAT_PERIOD_MS - HEARTBEAT_EPSILON_MS);
			const ttlMax =
				GRACE_PERIOD_MULTIPLIER * (DISPATCHER_HEARTBEAT_PERIOD_MS + HEARTBEAT_EPSILON_MS);
			expect(detect).toBeGreaterThanOrEqual(
				ttlMin - DISPATCHER_HEARTBEAT_PERIOD_MS - HEARTBEAT_EPSILON_MS
			);
			expect(detect).toBeLessThanOrEqual(ttlMax + 1_000);
			const recover = episode!.recoveredAt! - episode!.detectedAt!;
			expect(recover).toBeGreaterThanOrEqual(RESTART_DELAY_MS);
			expect(recover).toBeLessThanOrEqual(RESTART_DELAY_MS + 5_000);
		}
	});

	it('stops counting lost requests once the node is down and its task replaced', () => {
		const { lab, baseline } = failWorker('swarm', 20_000, 60_000);
		const first = report(lab.snapshot(), lab.events(), baseline);
		lab.advance(300_000);
		const later = report(lab.snapshot(), lab.events(), baseline);
		expect(first.requestsLost).toBeGreaterThan(0);
		expect(later.requestsLost).toBe(first.requestsLost);
	});

	it('counts a leader change when the leading manager of three fails', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3, workers: 1, managers: 3 });
		lab.advance(30_000);
		expect(leaderChanges(lab.events())).toBe(0);
		const leader = lab.snapshot().raft?.members.find((m) => m.role === 'leader')?.name;
		expect(leader).toBeDefined();
		lab.exec(`sim node stop ${leader}`);
		lab.advance(60_000);
		const r = report(lab.snapshot(), lab.events());
		expect(r.leaderChanges).toBeGreaterThanOrEqual(1);
		expect(lab.snapshot().raft?.members.find((m) => m.role === 'leader')?.name).not.toBe(leader);
	});
});

describe('latestEpisode on a hand-written trace', () => {
	const ev = (t: number, kind: string, subject: string, message = ''): TraceEvent => ({
		t,
		kind,
		subject,
		message
	});
	const running = (t: number, pod: string, node: string) =>
		ev(t, 'pod.running', `pod/${pod}`, `Pod ${pod} is running on ${node}.`);

	it('starts a new episode for a failure after recovery, not during one', () => {
		const trace = [
			running(1, 'a', 'n1'),
			running(1, 'b', 'n2'),
			ev(10, 'node.stopped', 'node/n1'),
			ev(20, 'node.stopped', 'node/n2'), // same episode: not recovered yet
			ev(60, 'node.notready', 'node/n1'),
			ev(70, 'node.started', 'node/n2'),
			ev(300, 'pod.terminating', 'pod/a'),
			running(305, 'c', 'n2'),
			ev(400, 'node.stopped', 'node/n2')
		];
		expect(latestEpisode('kubernetes', trace.slice(0, 8))).toEqual({
			node: 'n1',
			stoppedAt: 10,
			detectedAt: 60,
			recoveredAt: 305,
			expected: 2,
			lost: 1
		});
		expect(latestEpisode('kubernetes', trace)).toEqual({
			node: 'n2',
			stoppedAt: 400,
			expected: 2,
			lost: 2
		});
	});

	it('never calls a machine that ran nothing "recovered"', () => {
		const trace = [
			running(1, 'a', 'n1'),
			ev(10, 'node.stopped', 'node/n2'),
			running(20, 'b', 'n1')
		];
		expect(latestEpisode('kubernetes', trace)?.recoveredAt).toBeUndefined();
		expect(latestEpisode('kubernetes', trace)?.lost).toBe(0);
	});
});
