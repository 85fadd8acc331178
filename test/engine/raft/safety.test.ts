/**
 * Property tests: the five safety properties of Raft (facts.md §3.3) hold for 3- and 5-member
 * groups under random fault schedules, for each preset. RAFT_RUNS sets the schedules per size
 * (default 1,000). A failure prints the schedule as `sim …` lines to replay in a RaftHarness.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, type RaftPreset } from '../../../src/engine/raft/defaults';
import { RaftGroup } from '../../../src/engine/raft/group';
import { RaftHarness, type GroupClass } from './harness';
import { runSchedule, stepArbitrary } from './schedule';

const RUNS = Number(process.env.RAFT_RUNS ?? 1000);
const presets = Object.values(PRESETS);

function property(members: number, make: (p: RaftPreset, seed: number) => RaftHarness) {
	return fc.property(
		fc.constantFrom(...presets),
		fc.integer({ min: 0, max: 0xffff }),
		fc.array(stepArbitrary(members), { minLength: 5, maxLength: 30 }),
		(preset, seed, steps) => {
			const violation = runSchedule(make(preset, seed), steps);
			if (violation !== null) throw new Error(violation);
		}
	);
}

describe('Raft safety under random faults', () => {
	for (const members of [3, 5]) {
		it(`${members} members, ${RUNS} schedules`, () => {
			fc.assert(
				property(members, (p, seed) => new RaftHarness(members, p, seed)),
				{ numRuns: RUNS, seed: members }
			);
		}, 120_000);
	}
});

/** Paper Figure 8: counting replicas of an entry from an older term is the classic unsafe rule. */
class CommitsOldTerms extends RaftGroup {
	protected override mayCommitByCounting(): boolean {
		return true;
	}
}

/**
 * Figure 8 of the paper, built with partitions (a cut link also drops messages on the wire):
 * A writes X to B only; C wins a term alone and is cut off at once; A or B wins the next term
 * and, sending one entry per message, gets X onto a majority — the broken rule commits it —
 * and is cut off before its own no-op spreads; C, whose last term is higher than X's, can then
 * win again with D and E and would overwrite X.
 */
function figure8(Group: GroupClass): { violation: string | null; lines: string[] } {
	const h = new RaftHarness(5, PRESETS.paper!, 3, Group, 1);
	const g = h.group;
	const others = (...not: string[]) => h.names.filter((n) => !not.includes(n)).join(',');
	const leaderIn = (side: string[], above: number) => () => {
		const l = g.leader();
		return l !== undefined && side.includes(l) && g.member(l)!.currentTerm > above;
	};
	h.advanceUntil(() => g.leader() !== undefined);
	const a = g.leader()!;
	h.write();
	h.advanceUntil(() => g.list().every((m) => m.commitIndex === g.member(a)!.log.length), 2000);
	const b = h.names.find((n) => n !== a)!;
	const [c, d, e] = h.names.filter((n) => n !== a && n !== b) as [string, string, string];
	h.run(`sim partition ${a},${b} / ${c},${d},${e}`);
	h.write();
	const termA = g.member(a)!.currentTerm;
	h.advanceUntil(leaderIn([c, d, e], termA));
	const c1 = g.leader()!;
	h.run(`sim partition ${c1} / ${others(c1)}`);
	const termC = g.member(c1)!.currentTerm;
	h.advanceUntil(leaderIn([a, b], termC));
	const l2 = g.leader()!;
	const k = g.member(l2)!.log.length - 1;
	h.advanceUntil(() => g.member(l2)!.commitIndex >= k || g.member(l2)!.commitIndex > k, 2000);
	const peer = l2 === a ? b : a;
	h.run(`sim partition ${l2},${peer} / ${others(l2, peer)}`);
	h.advanceUntil(
		() => h.checker.check() !== null || leaderIn([c1], g.member(l2)!.currentTerm)(),
		5000
	);
	return { violation: h.checker.check(), lines: h.script().split('\n') };
}

/** Paper §5.4.1 broken: votes go to any candidate, whatever its log. */
class VotesBlindly extends RaftGroup {
	protected override candidateLogOk(): boolean {
		return true;
	}
}

describe('the checks catch a broken rule', () => {
	it('a vote without the up-to-date log check breaks a safety property', () => {
		const result = fc.check(
			property(5, (p, seed) => new RaftHarness(5, p, seed, VotesBlindly)),
			{ numRuns: Math.max(RUNS, 1000), seed: 42 }
		);
		expect(result.failed).toBe(true);
		expect(String(result.errorInstance)).toMatch(/^sim advance /m);
	}, 120_000);

	it('commit by counting replicas of an older term is caught (paper Figure 8)', () => {
		const broken = figure8(CommitsOldTerms);
		expect(broken.violation).toMatch(
			/^Leader Completeness: .* lacks entry \d+ \(term \d+\) committed in term \d+/
		);
		// The same lines with the paper's rule: the old entry is never committed by counting.
		const h = new RaftHarness(5, PRESETS.paper!, 3, RaftGroup, 1);
		for (const line of broken.lines) if (!line.startsWith('#')) h.run(line);
		expect(h.checker.check()).toBeNull();
	});
});
