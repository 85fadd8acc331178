/**
 * Liveness: once faults heal and a majority of servers runs and can talk, the group elects a
 * leader and commits a client write within a bound derived from the preset's timeouts.
 *
 * The bound, for a group healed at time H (every link up, loss and extra faults off):
 *  - a stale leader may keep its lease, and its followers ignore votes, for up to one minimum
 *    election timeout (CheckQuorum presets);
 *  - then each election round lasts at most one maximum election timeout. A round elects a leader
 *    when a server with a most up-to-date log times out first and no other timer fires within a
 *    round trip. With n servers up that chance is at least about 1/n less the chance of a tie (up
 *    to 1/10 with etcd-raft's 10 whole-tick timeouts), so 4 × members rounds leave a failure
 *    chance under 0.1% per schedule (3 members: 0.55^12; 5 members: (2/3)^20). Without PreVote
 *    a rejoining server with a higher term can cost one of those rounds.
 *  - the write itself needs a few round trips (latency 5–10 ms here): 100 ms.
 * Total: electionMin + 4 × members × electionMax + 100 ms. The test logs the worst time seen,
 * which is far below: the bound exists to catch a group that never recovers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/engine/raft/defaults';
import { RaftHarness } from './harness';
import { runSchedule, stepArbitrary } from './schedule';

const RUNS = Math.max(50, Math.round(Number(process.env.RAFT_RUNS ?? 1000) / 10));

/** Time from heal until a write proposed after heal commits on a leader, or Infinity. */
function timeToCommit(h: RaftHarness, bound: number): number {
	const start = h.kernel.now;
	const g = h.group;
	let pending: { leader: string; index: number; term: number } | undefined;
	const committed = () => {
		const l = g.leader();
		if (l === undefined) return false;
		const m = g.member(l)!;
		if (pending === undefined || pending.leader !== l || pending.term !== m.currentTerm) {
			h.write();
			pending = { leader: l, index: m.log.length, term: m.currentTerm };
		}
		return m.commitIndex >= pending.index && m.log[pending.index - 1]?.term === pending.term;
	};
	return h.advanceUntil(committed, bound * 2) ? h.kernel.now - start : Infinity;
}

describe('Raft liveness after faults heal', () => {
	for (const preset of Object.values(PRESETS)) {
		for (const members of [3, 5]) {
			const bound = preset.electionMinMs + 4 * members * preset.electionMaxMs + 100;
			it(`${preset.name}, ${members} members: a write commits within ${bound} ms of healing (${RUNS} schedules)`, () => {
				let worst = 0;
				fc.assert(
					fc.property(
						fc.integer({ min: 0, max: 0xffff }),
						fc.array(stepArbitrary(members), { minLength: 3, maxLength: 20 }),
						fc.integer({ min: 0, max: Math.floor((members - 1) / 2) }),
						(seed, steps, keepStopped) => {
							const h = new RaftHarness(members, preset, seed);
							// Membership changes are left out: "a majority" must then be counted in whichever
							// configuration the schedule ended with (membership.test.ts covers them).
							expect(
								runSchedule(
									h,
									steps.filter((st) => st.action.op !== 'member')
								)
							).toBeNull();
							for (const line of [
								'sim heal',
								'sim loss 0%',
								'sim latency 5ms',
								'sim raft duplicate 0%',
								'sim raft reorder 0s'
							])
								h.run(line);
							// A minority may stay down: the majority must make progress without it.
							h.names.forEach((n, i) => {
								const stay = i < keepStopped;
								if (stay && h.isUp(n)) h.run(`sim node stop ${n}`);
								if (!stay && !h.isUp(n)) h.run(`sim node start ${n}`);
							});
							const took = timeToCommit(h, bound);
							worst = Math.max(worst, took);
							if (took > bound) throw new Error(`took ${took} ms > ${bound} ms\n${h.script()}`);
						}
					),
					{ numRuns: RUNS, seed: members }
				);
				console.log(`${preset.name} ${members}: worst ${worst} ms (bound ${bound} ms)`);
			}, 120_000);
		}
	}
});
