/**
 * A Raft member's role (paper §5.2, Figure 4; PreVote from the Raft thesis §9.6 as etcd-raft
 * implements it). Only the role lives here; terms, votes and logs are plain data beside it.
 * The machine is driven purely (`transition` on a resolved snapshot), never as a running actor,
 * so a member's state stays a string that checkpoints copy.
 *
 *   stopped ◀─CRASH── (any)            follower ──TIMEOUT──▶ pre-candidate | candidate
 *   stopped ──RESTART─▶ follower       pre-candidate ──PRE_VOTE_WON──▶ candidate
 *   candidate ──ELECTED──▶ leader      (any running) ──FOLLOW──▶ follower
 */
import { setup, transition, type SnapshotFrom } from 'xstate';
import type { RaftRole } from './types';

export type RoleEvent =
	/** The election timer fired; `preVote` picks which campaign starts (etcd-raft `hup`). */
	| { type: 'TIMEOUT'; preVote: boolean }
	| { type: 'PRE_VOTE_WON' }
	| { type: 'ELECTED' }
	/** A higher term, a current leader's AppendEntries, or a lost quorum: back to follower. */
	| { type: 'FOLLOW' }
	| { type: 'CRASH' }
	| { type: 'RESTART' };

export const roleMachine = setup({
	types: { events: {} as RoleEvent },
	guards: { preVote: ({ event }) => event.type === 'TIMEOUT' && event.preVote }
}).createMachine({
	id: 'raftRole',
	initial: 'follower',
	on: { CRASH: '.stopped' },
	states: {
		follower: {
			on: {
				TIMEOUT: [{ guard: 'preVote', target: 'pre-candidate' }, { target: 'candidate' }]
			}
		},
		'pre-candidate': {
			on: {
				TIMEOUT: [
					{ guard: 'preVote', target: 'pre-candidate', reenter: true },
					{ target: 'candidate' }
				],
				PRE_VOTE_WON: 'candidate',
				FOLLOW: 'follower'
			}
		},
		candidate: {
			on: {
				TIMEOUT: [
					{ guard: 'preVote', target: 'pre-candidate' },
					{ target: 'candidate', reenter: true }
				],
				ELECTED: 'leader',
				FOLLOW: 'follower'
			}
		},
		leader: { on: { FOLLOW: 'follower' } },
		stopped: { on: { RESTART: 'follower', CRASH: 'stopped' } }
	}
});

type RoleSnapshot = SnapshotFrom<typeof roleMachine>;

// One resolved snapshot per role: the machine has no context, so these are all it can be in.
const SNAPSHOTS = new Map<RaftRole, RoleSnapshot>(
	(['follower', 'pre-candidate', 'candidate', 'leader', 'stopped'] as const).map((role) => [
		role,
		roleMachine.resolveState({ value: role, context: {} })
	])
);

/** The role after `event`, or the same role when the machine does not accept the event there. */
export function nextRole(role: RaftRole, event: RoleEvent): RaftRole {
	const [next] = transition(roleMachine, SNAPSHOTS.get(role)!, event);
	return next.value as RaftRole;
}
