/** The role machine (paper Figure 4, plus etcd-raft's pre-candidate and a powered-off state). */
import { describe, expect, it } from 'vitest';
import { nextRole, type RoleEvent } from '../../../src/engine/raft/role.machine';
import type { RaftRole } from '../../../src/engine/raft/types';

const cases: [RaftRole, RoleEvent, RaftRole][] = [
	['follower', { type: 'TIMEOUT', preVote: false }, 'candidate'],
	['follower', { type: 'TIMEOUT', preVote: true }, 'pre-candidate'],
	['pre-candidate', { type: 'PRE_VOTE_WON' }, 'candidate'],
	['pre-candidate', { type: 'TIMEOUT', preVote: true }, 'pre-candidate'],
	['candidate', { type: 'TIMEOUT', preVote: false }, 'candidate'],
	['candidate', { type: 'ELECTED' }, 'leader'],
	['candidate', { type: 'FOLLOW' }, 'follower'],
	['leader', { type: 'FOLLOW' }, 'follower'],
	['leader', { type: 'CRASH' }, 'stopped'],
	['stopped', { type: 'RESTART' }, 'follower'],
	// Events a role does not take leave it where it is.
	['follower', { type: 'ELECTED' }, 'follower'],
	['leader', { type: 'TIMEOUT', preVote: false }, 'leader'],
	['stopped', { type: 'TIMEOUT', preVote: false }, 'stopped'],
	['pre-candidate', { type: 'ELECTED' }, 'pre-candidate']
];

describe('Raft role machine', () => {
	it.each(cases)('%s + %o → %s', (from, event, to) => {
		expect(nextRole(from, event)).toBe(to);
	});
});
