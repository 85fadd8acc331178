/**
 * The Raft group inside labs: Swarm managers on the swarmkit preset, Kubernetes' stacked etcd on
 * the etcd preset (facts.md §1.7, §2.1, §2.2), and the `sim raft` command.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { createLab, type Lab } from '../../../src/engine/index';
import { Etcd } from '../../../src/engine/kubernetes/etcd';
import { ETCD, SWARMKIT } from '../../../src/engine/raft/defaults';
import type { RaftMemberView } from '../../../src/engine/raft/types';

function members(lab: Lab): RaftMemberView[] {
	const r = lab.exec('sim raft -o json');
	expect(r.ok).toBe(true);
	return JSON.parse(r.output) as RaftMemberView[];
}

function leaderOf(lab: Lab): string | undefined {
	return members(lab).find((m) => m.role === 'leader')?.name;
}

/** Advances 100 ms at a time until a leader other than `old` exists; the time it took. */
function timeToNewLeader(lab: Lab, old: string, maxMs: number): number {
	const start = lab.now();
	while (lab.now() - start < maxMs) {
		lab.advance(100);
		const l = leaderOf(lab);
		if (l !== undefined && l !== old) return lab.now() - start;
	}
	return Infinity;
}

describe('sim raft', () => {
	it('prints exactly the JSON fields of each member', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		expect(members(lab)).toEqual(
			['manager-1', 'manager-2', 'manager-3'].map((name) => ({
				name,
				role: name === 'manager-1' ? 'leader' : 'follower',
				term: 1,
				votedFor: 'manager-1',
				commitIndex: 1,
				lastLogIndex: 1,
				leader: 'manager-1'
			}))
		);
	});

	it('shows the one member of a single-manager swarm and a single control plane', () => {
		for (const flavor of ['swarm', 'kubernetes'] as const) {
			const lab = createLab({ flavor, seed: 1 });
			const list = members(lab);
			expect(list).toHaveLength(1);
			expect(list[0]!.role).toBe('leader');
			const table = lab.exec('sim raft').output;
			expect(table).toMatch(
				/^NAME\s+ROLE\s+TERM\s+VOTED FOR\s+COMMIT INDEX\s+LAST LOG INDEX\s+LEADER\n/
			);
			expect(table).toContain('LOG\nINDEX');
		}
	});

	it('marks uncommitted entries in the log table', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		lab.exec('sim partition manager-1 / manager-2,manager-3');
		expect(lab.exec('sim raft propose lonely').ok).toBe(true);
		const row = lab
			.exec('sim raft')
			.output.split('\n')
			.find((l) => l.endsWith('lonely'));
		expect(row).toMatch(/^2\s+1\*\s+-\s+-\s+lonely$/);
	});

	it('refuses bad lines in sim style and changes nothing', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		const hash = lab.traceHash();
		for (const line of [
			'sim raft -o yaml',
			'sim raft propose',
			'sim raft duplicate 150%',
			'sim raft reorder soon',
			'sim raft extra'
		]) {
			const r = lab.exec(line);
			expect(r.ok, line).toBe(false);
			expect(r.error, line).toMatch(/^sim: usage: sim raft/);
		}
		expect(lab.traceHash()).toBe(hash);
	});

	it('travels in time: seek restores the members and their logs', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		lab.advance(5_000);
		lab.exec('sim raft propose a');
		lab.advance(20_000);
		lab.exec('sim node stop manager-1');
		lab.advance(40_000);
		const later = lab.exec('sim raft').output;
		lab.seek(1_000);
		expect(members(lab).every((m) => m.lastLogIndex === 1 && m.term === 1)).toBe(true);
		lab.seek(65_000);
		expect(lab.exec('sim raft').output).toBe(later);
	});
});

describe('Swarm managers run Raft (swarmkit preset)', () => {
	it('3 managers survive one stopped: a new leader after the election timeout', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		lab.advance(30_000);
		lab.exec('sim node stop manager-1');
		const took = timeToNewLeader(lab, 'manager-1', 60_000);
		// Followers wait a randomised 10–19 ticks of 1 s from the last heartbeat (facts.md §2.1).
		expect(took).toBeGreaterThanOrEqual(SWARMKIT.electionMinMs - SWARMKIT.heartbeatMs);
		expect(took).toBeLessThanOrEqual(2 * SWARMKIT.electionMaxMs);
		expect(lab.events().some((e) => e.kind === 'swarm.node.unknown' && e.t > 30_000)).toBe(true);
	});

	it('3 managers lose quorum with two stopped, and regain it when one returns', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		lab.exec('sim node stop manager-2');
		lab.exec('sim node stop manager-3');
		lab.advance(60_000);
		expect(leaderOf(lab)).toBeUndefined();
		expect(lab.exec('sim raft propose x').ok).toBe(false);
		lab.exec('sim node start manager-2');
		lab.advance(60_000);
		expect(leaderOf(lab)).toBeDefined();
	});
});

describe('Kubernetes stacked etcd (etcd preset)', () => {
	it('control-plane-1..3 run etcd; one stopped elects a new leader within the etcd timeouts', () => {
		const lab = createLab({ flavor: 'kubernetes', managers: 3, seed: 1 });
		expect(members(lab).map((m) => m.name)).toEqual([
			'control-plane-1',
			'control-plane-2',
			'control-plane-3'
		]);
		lab.advance(10_000);
		lab.exec('sim node stop control-plane-1');
		const took = timeToNewLeader(lab, 'control-plane-1', 20_000);
		// PreVote adds a round trip before the vote; CheckQuorum's lease never delays a follower
		// beyond the minimum election timeout since the last heartbeat (facts.md §1.7, §3.5).
		expect(took).toBeGreaterThanOrEqual(ETCD.electionMinMs - ETCD.heartbeatMs);
		expect(took).toBeLessThanOrEqual(2 * ETCD.electionMaxMs);
	});

	it('two control planes stopped: no etcd leader, writes refused', () => {
		const lab = createLab({ flavor: 'kubernetes', managers: 3, seed: 1 });
		lab.exec('sim node stop control-plane-2');
		lab.exec('sim node stop control-plane-3');
		lab.advance(10_000);
		expect(leaderOf(lab)).toBeUndefined();
		expect(lab.exec('sim raft propose x').ok).toBe(false);
	});
});

describe('determinism', () => {
	it('same seed and lines give the same trace', () => {
		const run = () => {
			const lab = createLab({ flavor: 'swarm', managers: 5, seed: 9 });
			for (const line of [
				'sim advance 5s',
				'sim node stop manager-1',
				'sim raft duplicate 20%',
				'sim raft reorder 300ms',
				'sim advance 40s',
				'sim partition manager-2 / manager-3,manager-4,manager-5',
				'sim advance 40s'
			])
				lab.exec(line);
			return lab.traceHash();
		};
		expect(run()).toBe(run());
	});
});

describe('a single manager', () => {
	it('leads again as soon as it restarts (swarmkit campaignWhenAble)', () => {
		const lab = createLab({ flavor: 'swarm', seed: 1 });
		lab.exec('sim node stop manager-1');
		lab.advance(5_000);
		expect(leaderOf(lab)).toBeUndefined();
		lab.exec('sim node start manager-1');
		expect(members(lab)[0]).toMatchObject({ role: 'leader', term: 2 });
	});
});

describe('snapshots carry the Raft group for views', () => {
	it('members with their newest log entries, and the messages on the wire', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, seed: 1 });
		lab.advance(100); // past the first heartbeat's delivery
		lab.exec('sim raft propose hello');
		const raft = lab.snapshot().raft!;
		expect(raft.preset).toBe('swarmkit');
		expect(raft.members.map((m) => [m.name, m.role, m.logStart, m.log.length])).toEqual([
			['manager-1', 'leader', 1, 2],
			['manager-2', 'follower', 1, 1],
			['manager-3', 'follower', 1, 1]
		]);
		// The write is on its way to both followers, to arrive after the lab's latency.
		const wire = raft.messages.filter((m) => m.type === 'AppendEntries');
		expect(wire.map((m) => m.to).sort()).toEqual(['manager-2', 'manager-3']);
		for (const m of wire) expect(m.arriveAt).toBeGreaterThan(lab.now());
		lab.advance(1_000);
		expect(lab.snapshot().raft!.members.every((m) => m.log.length === 2)).toBe(true);
	});
});

describe('the API server write gate (kubernetes/etcd.ts)', () => {
	it("answers etcd's own error once a quorum is gone, and nothing while one stands", () => {
		const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 2, loss: 0 });
		const etcd = new Etcd(kernel, ['control-plane-1', 'control-plane-2', 'control-plane-3']);
		kernel.runUntil(5_000);
		expect(etcd.storageError()).toBeUndefined();
		etcd.halt('control-plane-1');
		kernel.network.setHostUp('control-plane-1', false);
		kernel.runUntil(10_000);
		expect(etcd.storageError()).toBeUndefined();
		etcd.halt('control-plane-2');
		kernel.network.setHostUp('control-plane-2', false);
		kernel.runUntil(15_000);
		expect(etcd.storageError()).toBe('etcdserver: request timed out');
	});
});
