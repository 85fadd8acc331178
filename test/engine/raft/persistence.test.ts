/**
 * persistMs: a member answers an RPC only after writing to stable storage (paper Figure 2,
 * "persist before responding"; §5.6, broadcast time depends on storage).
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { paperPreset } from '../../../src/engine/raft/defaults';
import { RaftGroup } from '../../../src/engine/raft/group';

/** The round trip of the new leader's first heartbeat, from send to the reply's arrival. */
function heartbeatRoundTrip(persistMs: number): number {
	const k = new Kernel(1, { latencyMs: 2, jitterMs: 0, loss: 0 });
	const g = new RaftGroup(k, {
		name: 'p',
		members: ['a', 'b', 'c'],
		preset: paperPreset(150, 300),
		bootstrapLeader: 'a',
		persistMs
	});
	k.runUntil(1_000);
	const messages = g.messages();
	const request = messages.find((m) => m.type === 'AppendEntries' && m.to === 'b')!;
	const reply = messages.find(
		(m) => m.type === 'AppendEntriesResponse' && m.from === 'b' && m.sentAt >= request.arriveAt
	)!;
	return reply.arriveAt - request.sentAt;
}

describe('persisting before answering', () => {
	it('adds the storage write to every round trip, and nothing without it', () => {
		expect(heartbeatRoundTrip(0)).toBe(4);
		expect(heartbeatRoundTrip(10)).toBe(14);
	});
});
