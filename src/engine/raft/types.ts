/**
 * The plain data of a Raft group: members, log entries and messages, named as in the paper's
 * Figure 2 (currentTerm, votedFor, commitIndex, nextIndex, matchIndex). Everything here is
 * JSON-like, so checkpoints copy it and views read it.
 */

export type RaftRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader' | 'stopped';

/** One log entry. Index is its 1-based position; entries are immutable once created. */
export interface LogEntry {
	readonly term: number;
	/** A client command, or a description of a configuration change / the leader's no-op. */
	readonly data: string;
	/** The voters from this entry on (single-server membership change, Raft thesis §4.1). */
	readonly voters?: readonly string[];
}

export interface RaftMember {
	readonly name: string;
	role: RaftRole;
	// Persistent state (survives a crash): Figure 2 "persistent state on all servers".
	currentTerm: number;
	votedFor: string | null;
	log: LogEntry[];
	// Volatile state.
	commitIndex: number;
	lastApplied: number;
	/** Who this member believes leads its term (etcd-raft's `lead`). */
	leader: string | null;
	/** Votes granted to this member in its current (pre-)campaign. */
	votes: string[];
	/** Votes refused, so a campaign that cannot win ends early (etcd-raft `poll`). */
	refusals: string[];
	// Leader state, keyed by peer name.
	nextIndex: Record<string, number>;
	matchIndex: Record<string, number>;
	/** Peers heard from since the last CheckQuorum round. */
	recentActive: string[];
	/** When this member last heard from a current leader (CheckQuorum's lease). */
	leaderContactAt: number;
	/** This term's randomised election timeout (etcd-raft draws it on every role change). */
	electionTimeout: number;
	/** When the election timer fires unless a leader or a granted vote pushes it back. */
	electionDeadline: number;
	/** Invalidates timers queued before a role change or crash. */
	timerGen: number;
}

export type RaftMessageType =
	| 'RequestVote'
	| 'RequestVoteResponse'
	| 'PreVote'
	| 'PreVoteResponse'
	| 'AppendEntries'
	| 'AppendEntriesResponse';

/** A message on the wire: one flat record, so the hot path allocates one object per message. */
export interface RaftMessage {
	readonly type: RaftMessageType;
	readonly from: string;
	readonly to: string;
	readonly term: number;
	/** RequestVote/PreVote: the candidate's last log index; AppendEntries: prevLogIndex. */
	readonly index: number;
	/** RequestVote/PreVote: the candidate's last log term; AppendEntries: prevLogTerm. */
	readonly logTerm: number;
	readonly entries: readonly LogEntry[] | null;
	/** AppendEntries: leaderCommit. */
	readonly commit: number;
	/** Responses: voteGranted / success. */
	readonly ok: boolean;
	/** AppendEntriesResponse: the follower's last matching index on success, a hint on failure. */
	readonly matchIndex: number;
	readonly sentAt: number;
	readonly arriveAt: number;
}

/** A message a view can animate: `(t − sentAt) / (arriveAt − sentAt)` of the way along. */
export interface MessageRecord {
	readonly from: string;
	readonly to: string;
	readonly type: RaftMessageType;
	readonly term: number;
	readonly sentAt: number;
	/** When it arrives, or −1 when the network dropped it. */
	readonly arriveAt: number;
	/** Responses: voteGranted / success. */
	readonly ok: boolean;
	readonly entries: readonly LogEntry[] | null;
}

/** Faults the kernel's network lacks, applied to Raft messages only. */
export interface RaftFaults {
	/** Probability in [0, 1] that a message is delivered twice. */
	duplicate: number;
	/** Extra random delay in ms, uniform in [0, reorderMs): later messages overtake earlier ones. */
	reorderMs: number;
}

/** What `sim raft -o json` prints per member (the public shape lives in ../types.ts). */
export type { RaftMemberView } from '../types';
