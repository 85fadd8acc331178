/**
 * Membership changes one server at a time (Raft thesis §4.1), as `docker node promote`,
 * `demote` and `rm` need them: the new configuration counts from the moment it is in a log.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { PAPER } from '../../../src/engine/raft/defaults';
import { RaftGroup } from '../../../src/engine/raft/group';

function group() {
	const kernel = new Kernel(5, { latencyMs: 5, jitterMs: 5, loss: 0 });
	const g = new RaftGroup(kernel, {
		name: 'm',
		members: ['manager-1', 'manager-2', 'manager-3'],
		preset: PAPER,
		bootstrapLeader: 'manager-1'
	});
	return { kernel, g };
}

describe('Raft membership changes', () => {
	it('adds a server that catches up and counts toward the majority', () => {
		const { kernel, g } = group();
		expect(g.addMember('worker-1')).toMatchObject({ ok: true, leader: 'manager-1' });
		kernel.runUntil(1_000);
		expect(g.voters()).toEqual(['manager-1', 'manager-2', 'manager-3', 'worker-1']);
		const added = g.member('worker-1')!;
		expect(added.log).toEqual(g.member('manager-1')!.log);
		// Four voters need three: with two of the old three stopped, nothing commits.
		for (const n of ['manager-2', 'manager-3']) {
			kernel.network.setHostUp(n, false);
			g.crash(n);
		}
		const r = g.propose('x');
		kernel.runUntil(1_500);
		expect(r.ok && g.member('manager-1')!.commitIndex < r.index).toBe(true);
	});

	it('refuses a second change while one is uncommitted', () => {
		const { g } = group();
		expect(g.addMember('worker-1').ok).toBe(true);
		expect(g.addMember('worker-2')).toEqual({
			ok: false,
			error: 'a configuration change is still in progress'
		});
	});

	it('a leader that removes itself steps down once the change commits; the rest elect', () => {
		const { kernel, g } = group();
		kernel.runUntil(100);
		expect(g.removeMember('manager-1').ok).toBe(true);
		kernel.runUntil(2_000);
		const leader = g.leader();
		expect(leader).toBeDefined();
		expect(leader).not.toBe('manager-1');
		expect(g.voters()).toEqual(['manager-2', 'manager-3']);
		// The removed server never campaigns, however long it waits.
		kernel.runUntil(20_000);
		expect(g.member('manager-1')!.role).toBe('follower');
		expect(g.member('manager-1')!.currentTerm).toBeLessThanOrEqual(g.member(leader!)!.currentTerm);
	});
});
