/**
 * PreVote and CheckQuorum as etcd and swarmkit set them (facts.md §3.5): what a rejoining server,
 * a leader cut off in a minority, and a follower in the leader's lease each do.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { ETCD, PAPER, SWARMKIT, type RaftPreset } from '../../../src/engine/raft/defaults';
import { RaftGroup } from '../../../src/engine/raft/group';

const NAMES = ['m1', 'm2', 'm3'];

function group(preset: RaftPreset) {
	const kernel = new Kernel(11, { latencyMs: 2, jitterMs: 2, loss: 0 });
	const g = new RaftGroup(kernel, { name: 't', members: NAMES, preset, bootstrapLeader: 'm1' });
	const run = (ms: number) => kernel.runUntil(kernel.now + ms);
	return { kernel, g, run };
}

describe('PreVote (etcd) against a server that was cut off', () => {
	it('etcd: the isolated server never raises its term, and its return disturbs nobody', () => {
		const { kernel, g, run } = group(ETCD);
		kernel.network.partition([['m1', 'm2'], ['m3']]);
		run(30 * ETCD.electionMaxMs);
		expect(g.member('m3')!.currentTerm).toBe(1);
		kernel.network.heal();
		run(3 * ETCD.electionMaxMs);
		expect(g.leader()).toBe('m1');
		expect(g.list().map((m) => m.currentTerm)).toEqual([1, 1, 1]);
	});

	it('swarmkit (no PreVote): the isolated server inflates its term and forces a new election on return', () => {
		const { kernel, g, run } = group(SWARMKIT);
		kernel.network.partition([['m1', 'm2'], ['m3']]);
		run(5 * SWARMKIT.electionMaxMs);
		const inflated = g.member('m3')!.currentTerm;
		expect(inflated).toBeGreaterThan(2);
		kernel.network.heal();
		run(4 * SWARMKIT.electionMaxMs);
		expect(g.leader()).toBeDefined();
		expect(g.member(g.leader()!)!.currentTerm).toBeGreaterThanOrEqual(inflated);
	});
});

describe('CheckQuorum', () => {
	for (const preset of [ETCD, SWARMKIT]) {
		it(`${preset.name}: a leader cut off in a minority steps down within an election timeout or two`, () => {
			const { kernel, g, run } = group(preset);
			kernel.network.partition([['m1'], ['m2', 'm3']]);
			// The check runs every minimum election timeout; the first round may still count the
			// peers heard just before the cut.
			run(2 * preset.electionMinMs + preset.heartbeatMs);
			expect(g.member('m1')!.role).not.toBe('leader');
			const stepDown = kernel.trace.since(0).find((e) => e.kind === 'raft.checkquorum');
			expect(stepDown?.subject).toBe('raft/m1');
			expect(stepDown!.t).toBeLessThanOrEqual(2 * preset.electionMinMs);
		});
	}

	it('paper (no CheckQuorum): the cut-off leader keeps believing it leads', () => {
		const { kernel, g, run } = group(PAPER);
		kernel.network.partition([['m1'], ['m2', 'm3']]);
		run(20 * PAPER.electionMaxMs);
		expect(g.member('m1')!.role).toBe('leader');
		expect(g.member('m1')!.currentTerm).toBe(1);
		expect(g.leader()).not.toBe('m1'); // the majority side elected a leader of a later term
	});

	it('lease: followers that hear the leader ignore a disruptive candidate', () => {
		const { kernel, g, run } = group(SWARMKIT);
		// m1 and m3 cannot talk; m2 (in no group) reaches both.
		kernel.network.partition([['m1'], ['m3']]);
		run(5 * SWARMKIT.electionMaxMs);
		expect(g.leader()).toBe('m1');
		expect(g.member('m2')!.currentTerm).toBe(1);
		expect(g.member('m3')!.currentTerm).toBeGreaterThan(1);
		expect(kernel.trace.since(0).some((e) => e.kind === 'raft.vote.ignored')).toBe(true);
	});
});
