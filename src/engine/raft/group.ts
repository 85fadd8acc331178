/**
 * A Raft group: one member per server, following the paper's Figure 2 (facts.md §3.4), with
 * etcd-raft's PreVote and CheckQuorum where the preset turns them on (facts.md §3.5).
 *
 * Every RPC is a message through the kernel's network (latency, jitter, loss, partitions, down
 * hosts) and arrives as a queue entry; timers are queue entries too. Members are plain data, so
 * checkpoints copy them; the role changes go through the role machine (role.machine.ts).
 */
import type { Component, Kernel } from '../core/kernel';
import type { RaftPreset } from './defaults';
import { configIndexAfter, isUpToDate, lastTerm, termAt, votersOf } from './log';
import { majority, majorityMatch } from './quorum';
import { nextRole, type RoleEvent } from './role.machine';
import { RaftWire, type WireState } from './wire';
import type {
	LogEntry,
	MessageRecord,
	RaftFaults,
	RaftMember,
	RaftMemberView,
	RaftMessage,
	RaftMessageType
} from './types';

export interface RaftGroupOptions {
	/** Names the group's queue entries, random streams and checkpoint slot (e.g. `etcd`). */
	readonly name: string;
	/** The initial voters, one per server. */
	readonly members: readonly string[];
	readonly preset: RaftPreset;
	/**
	 * The member that leads term 1 at time 0, with every member holding the committed initial
	 * configuration (a cluster that was formed before the lab starts: `swarm init` + joins, or
	 * kubeadm's stacked etcd). Null: everyone starts at term 0 with an empty log and elects.
	 */
	readonly bootstrapLeader?: string | null;
	/**
	 * With a bootstrap leader: how many uncommitted entries of term 1 each member holds after the
	 * configuration (a prefix of the leader's log, which must be the longest). Experiments need
	 * logs of different lengths (bench/raft-figure16.ts, as in the paper's Figure 16 runs).
	 */
	readonly bootstrapLogs?: Readonly<Record<string, number>>;
	/** Most entries one AppendEntries carries (a stand-in for etcd-raft's MaxSizePerMsg). */
	readonly maxEntriesPerMessage?: number;
	/**
	 * A restarted member that is the only voter campaigns at once instead of waiting out its
	 * election timeout (swarmkit manager/state/raft/raft.go: `campaignWhenAble` after
	 * `raft.RestartNode`, then `Campaign` when the cluster has exactly one member, itself).
	 */
	readonly campaignWhenAlone?: boolean;
	/** Runs when a member wins an election (the swarm's dispatcher moves to it). */
	readonly onElected?: (leader: string, term: number) => void;
	/** Runs when a leader commits new entries (swarm's role manager waits for its last change). */
	readonly onCommitted?: (leader: string, index: number) => void;
	/**
	 * Time a member spends writing its term, vote or log to stable storage before it answers an
	 * RPC (Figure 2: persist before responding). The paper's broadcast time of 0.5–20 ms "depends
	 * on storage technology" (§5.6): on its cluster the disk write, not the wire, was most of it.
	 * Default 0: the lab's own latency settings stand for the whole round trip.
	 */
	readonly persistMs?: number;
}

/** Hooks for checkers (the property tests); not part of the lab's state. */
export interface RaftObserver {
	becameLeader?(member: string, term: number, log: readonly LogEntry[]): void;
	committed?(leader: string, index: number, entry: LogEntry): void;
	applied?(member: string, index: number, entry: LogEntry): void;
}

export type ProposeResult =
	{ ok: true; leader: string; index: number; term: number } | { ok: false; error: string };

interface Timer {
	readonly member: string;
	readonly gen: number;
	readonly what: 'election' | 'heartbeat' | 'quorum';
}

interface SavedGroup {
	members: RaftMember[];
	wire: WireState;
	/** Servers cut off by a forced new cluster (optional: older checkpoints lack it). */
	removed?: string[];
	/** Wiped servers that have not yet received a configuration. */
	joining?: string[];
}

/**
 * Entries per AppendEntries. etcd-raft caps a message by bytes (MaxSizePerMsg 65535 in swarmkit's
 * DefaultNodeConfig, facts.md §2.1); the lab's entries have no size, so a count stands in.
 */
const DEFAULT_MAX_ENTRIES = 64;

export class RaftGroup implements Component {
	readonly name: string;
	readonly preset: RaftPreset;
	readonly initialVoters: readonly string[];
	observer: RaftObserver | undefined;
	private members = new Map<string, RaftMember>();
	private order: string[] = [];
	/**
	 * Servers a forced new cluster cut off (swarmkit's memberlist `removed`): their messages are
	 * dropped and none of them counts as a leader, even if the old members elect one among
	 * themselves.
	 */
	private removed = new Set<string>();
	/** Wiped servers waiting for their first configuration: they never campaign before it. */
	private joining = new Set<string>();
	private readonly wire: RaftWire;
	private readonly timerKind: string;
	private readonly maxEntries: number;
	private readonly campaignWhenAlone: boolean;
	private readonly persistMs: number;
	private voterCache = new WeakMap<
		RaftMember,
		{ length: number; last: LogEntry | undefined; voters: readonly string[] }
	>();
	private readonly onElected: ((leader: string, term: number) => void) | undefined;
	private readonly onCommitted: ((leader: string, index: number) => void) | undefined;

	constructor(
		private readonly kernel: Kernel,
		options: RaftGroupOptions
	) {
		this.name = `raft:${options.name}`;
		this.preset = options.preset;
		this.initialVoters = [...options.members];
		this.maxEntries = options.maxEntriesPerMessage ?? DEFAULT_MAX_ENTRIES;
		this.onElected = options.onElected;
		this.onCommitted = options.onCommitted;
		this.campaignWhenAlone = options.campaignWhenAlone ?? false;
		this.persistMs = options.persistMs ?? 0;
		this.timerKind = `${this.name}:timer`;
		this.wire = new RaftWire(kernel, this.name, (m) => this.deliver(m));
		kernel.on(this.timerKind, (t) => this.fire(t as Timer));
		kernel.register(this);
		for (const name of options.members) this.addServer(name);
		const boot = options.bootstrapLeader;
		if (boot !== undefined && boot !== null) this.bootstrap(boot, options.bootstrapLogs ?? {});
		else for (const m of this.members.values()) this.becomeFollower(m, 0, null, true);
	}

	// ─── Reading ───────────────────────────────────────────────────────────────────────────────

	/** The members in creation order (live objects: read, never mutate). */
	list(): readonly RaftMember[] {
		return this.order.map((n) => this.members.get(n)!);
	}

	member(name: string): RaftMember | undefined {
		return this.members.get(name);
	}

	has(name: string): boolean {
		return this.members.has(name);
	}

	/** The running leader of the highest term (a deposed one may not know it yet). */
	leader(): string | undefined {
		let best: RaftMember | undefined;
		for (const m of this.members.values()) {
			if (this.removed.has(m.name)) continue;
			if (m.role === 'leader' && (best === undefined || m.currentTerm > best.currentTerm)) best = m;
		}
		return best?.name;
	}

	/** The voters in the leader's configuration (or the first member's, with no leader). */
	voters(): readonly string[] {
		const first = this.order.find((n) => !this.removed.has(n)) ?? this.order[0]!;
		const m = this.members.get(this.leader() ?? first)!;
		return this.votersFor(m);
	}

	/**
	 * Whether a write could commit now: a leader that reaches a majority of its voters that are
	 * running (the lab's gate for API writes; the real client would time out instead).
	 */
	hasQuorum(): boolean {
		const leader = this.leader();
		if (leader === undefined) return false;
		const net = this.kernel.network;
		const voters = votersOf(this.members.get(leader)!.log, this.initialVoters);
		let reachable = 0;
		for (const v of voters) {
			const m = this.members.get(v);
			if (m === undefined || m.role === 'stopped') continue;
			if (v === leader || (net.isHostUp(v) && net.connected(leader, v))) reachable++;
		}
		return reachable >= majority(voters.length);
	}

	views(): RaftMemberView[] {
		return this.list().map((m) => ({
			name: m.name,
			role: m.role,
			term: m.currentTerm,
			votedFor: m.votedFor,
			commitIndex: m.commitIndex,
			lastLogIndex: m.log.length,
			leader: m.leader
		}));
	}

	/** Recent messages, for views: those with `arriveAt > now` are on the wire. */
	messages(): readonly MessageRecord[] {
		return this.wire.messages();
	}

	get currentFaults(): Readonly<RaftFaults> {
		return this.wire.currentFaults;
	}

	setFaults(patch: Partial<RaftFaults>): void {
		this.wire.setFaults(patch);
	}

	// ─── Driving ───────────────────────────────────────────────────────────────────────────────

	/** A client command, appended by the leader and replicated (paper §5.3). */
	propose(data: string): ProposeResult {
		const leader = this.members.get(this.leader() ?? '');
		if (leader === undefined) return { ok: false, error: 'no leader' };
		this.append(leader, { term: leader.currentTerm, data });
		return { ok: true, leader: leader.name, index: leader.log.length, term: leader.currentTerm };
	}

	/** Adds a server as a voter, one at a time (Raft thesis §4.1). */
	addMember(name: string): ProposeResult {
		return this.changeVoters(name, true);
	}

	removeMember(name: string): ProposeResult {
		return this.changeVoters(name, false);
	}

	/** Whether a forced new cluster cut this server off. */
	isRemoved(name: string): boolean {
		return this.removed.has(name);
	}

	/**
	 * The server's Raft state was wiped (`docker swarm leave` deletes the raft directory, a
	 * demoted manager drops it): it starts again as an empty follower, no longer cut off, that
	 * waits to be added as a voter. Its old timers die with the old member.
	 */
	resetMember(name: string): void {
		const old = this.members.get(name);
		this.removed.delete(name);
		this.joining.add(name);
		if (old === undefined) {
			this.becomeFollower(this.addServer(name), 0, null, true);
			return;
		}
		const fresh = blankMember(name);
		fresh.timerGen = old.timerGen + 1;
		this.members.set(name, fresh);
		this.voterCache.delete(old);
		this.becomeFollower(fresh, 0, null, true);
	}

	/**
	 * swarmkit's ForceNewCluster (etcd's --force-new-cluster; manager/state/raft/storage.go):
	 * the server keeps its log up to its commit index, drops the uncommitted rest, appends a
	 * configuration in which it is the only voter, and campaigns at once. Every other server is
	 * cut off. This breaks Raft's safety on purpose: it is the operator's way out of a lost
	 * quorum, and writes committed by the others but unknown here are lost.
	 */
	forceNewCluster(name: string): ProposeResult {
		const m = this.members.get(name);
		if (m === undefined) return { ok: false, error: `${name} is not a member` };
		for (const other of this.order) if (other !== name) this.removed.add(other);
		this.removed.delete(name);
		this.joining.delete(name);
		if (m.role === 'stopped') this.setRole(m, { type: 'RESTART' });
		m.log.length = Math.min(m.log.length, m.commitIndex);
		// An empty server (a new `swarm init`) just bootstraps a one-voter configuration.
		const fresh = m.log.length === 0;
		m.log.push({
			term: Math.max(m.currentTerm, 1),
			data: fresh ? `configuration ${name}` : `force new cluster ${name}`,
			voters: [name]
		});
		m.currentTerm = Math.max(m.currentTerm, 1);
		m.commitIndex = m.log.length;
		this.apply(m);
		this.kernel.emit(
			'raft.force-new-cluster',
			`raft/${name}`,
			fresh
				? `${name} starts a new cluster as its only voter.`
				: `${name} forces a new cluster: it keeps its committed log (${m.commitIndex - 1} entries) and is now the only voter.`
		);
		this.becomeFollower(m, m.currentTerm, null, true);
		this.campaign(m, this.preset.preVote);
		const leader = this.members.get(this.leader() ?? '');
		if (leader === undefined) return { ok: false, error: 'no leader' };
		return { ok: true, leader: leader.name, index: leader.log.length, term: leader.currentTerm };
	}

	/** The server lost power: its persistent state stays, its volatile state is gone. */
	crash(name: string): void {
		const m = this.members.get(name);
		if (m === undefined || m.role === 'stopped') return;
		const wasLeader = m.role === 'leader';
		this.setRole(m, { type: 'CRASH' });
		m.timerGen++;
		m.commitIndex = 0;
		m.lastApplied = 0;
		m.leader = null;
		m.votes = [];
		m.refusals = [];
		m.nextIndex = {};
		m.matchIndex = {};
		m.recentActive = [];
		if (wasLeader) {
			this.kernel.emit(
				'raft.leader.lost',
				`raft/${name}`,
				`Leader ${name} stopped: the group has no leader for term ${m.currentTerm} until an election.`
			);
		}
	}

	/** The server boots: a follower with its saved term, vote and log (paper Figure 2). */
	restart(name: string): void {
		const m = this.members.get(name);
		if (m === undefined || m.role !== 'stopped') return;
		this.setRole(m, { type: 'RESTART' });
		this.becomeFollower(m, m.currentTerm, null, true);
		const voters = this.votersFor(m);
		if (this.campaignWhenAlone && voters.length === 1 && voters[0] === name)
			this.campaign(m, false);
	}

	// ─── Rules a checker may break on purpose (test/engine/raft) ───────────────────────────────

	/** Paper §5.4.2: only entries of the leader's current term are committed by counting. */
	protected mayCommitByCounting(entryTerm: number, leaderTerm: number): boolean {
		return entryTerm === leaderTerm;
	}

	/** Paper §5.4.1: a vote goes only to a candidate whose log is at least as up to date. */
	protected candidateLogOk(
		log: readonly LogEntry[],
		candLastTerm: number,
		candLastIndex: number
	): boolean {
		return isUpToDate(log, candLastTerm, candLastIndex);
	}

	/**
	 * A member's voters, cached: a heartbeat asks on every send and reply, and a long log would
	 * make the scan costly. Valid while the log's length and last entry are the same objects:
	 * a log only changes at its end, and an entry object comes from one leader's log only.
	 */
	private votersFor(m: RaftMember): readonly string[] {
		const log = m.log;
		const last = log[log.length - 1];
		const cached = this.voterCache.get(m);
		if (cached !== undefined && cached.length === log.length && cached.last === last)
			return cached.voters;
		const voters = votersOf(log, this.initialVoters);
		this.voterCache.set(m, { length: log.length, last, voters });
		return voters;
	}

	// ─── Roles ─────────────────────────────────────────────────────────────────────────────────

	private addServer(name: string): RaftMember {
		const m = blankMember(name);
		this.members.set(name, m);
		this.order.push(name);
		return m;
	}

	/** A group formed before the lab starts: set directly, without narrating its history. */
	private bootstrap(leaderName: string, extra: Readonly<Record<string, number>>): void {
		const config: LogEntry = {
			term: 1,
			data: `configuration ${this.initialVoters.join(',')}`,
			voters: this.initialVoters
		};
		const longest = extra[leaderName] ?? 0;
		if (Object.values(extra).some((n) => n > longest)) {
			throw new Error('raft bootstrap: the leader must hold the longest log');
		}
		const history = [
			config,
			...Array.from({ length: longest }, (_, i) => ({ term: 1, data: `entry ${i + 2}` }))
		];
		for (const m of this.members.values()) {
			m.currentTerm = 1;
			m.votedFor = leaderName;
			m.log = history.slice(0, 1 + (extra[m.name] ?? 0));
			m.commitIndex = 1;
			m.lastApplied = 1;
			m.leader = leaderName;
			m.leaderContactAt = this.kernel.now;
			if (m.name !== leaderName) this.resetElectionTimer(m);
		}
		const leader = this.members.get(leaderName)!;
		this.setRole(leader, { type: 'TIMEOUT', preVote: false });
		this.setRole(leader, { type: 'ELECTED' });
		// A formed cluster's leader knows how far each follower's log goes.
		this.startLeading(leader, false, (name) => this.members.get(name)!.log.length);
	}

	private setRole(m: RaftMember, event: RoleEvent): void {
		m.role = nextRole(m.role, event);
	}

	private becomeFollower(
		m: RaftMember,
		term: number,
		leader: string | null,
		restarting = false
	): void {
		const k = this.kernel;
		if (term > m.currentTerm) {
			m.currentTerm = term;
			m.votedFor = null;
			k.emit('raft.term', `raft/${m.name}`, `${m.name} moves to term ${term}.`);
		}
		const wasLeader = m.role === 'leader';
		if (wasLeader) {
			k.emit(
				'raft.leader.stepdown',
				`raft/${m.name}`,
				`${m.name} steps down as leader of term ${m.currentTerm}.`
			);
		}
		this.setRole(m, { type: 'FOLLOW' });
		this.setLeader(m, leader);
		m.votes = [];
		m.refusals = [];
		// The paper keeps a running election timer across a term change; a leader has none.
		if (this.preset.etcdRaftTimers || wasLeader || restarting) this.resetElectionTimer(m);
	}

	private setLeader(m: RaftMember, leader: string | null): void {
		if (leader !== null) m.leaderContactAt = this.kernel.now;
		if (m.leader === leader) return;
		m.leader = leader;
		if (leader !== null && leader !== m.name) {
			this.kernel.emit(
				'raft.follow',
				`raft/${m.name}`,
				`${m.name} follows ${leader}, leader of term ${m.currentTerm}.`
			);
		}
	}

	/** A fresh randomised timeout in whole ticks (etcd-raft resetRandomizedElectionTimeout). */
	private resetElectionTimer(m: RaftMember): void {
		const { tickMs, electionMinMs, electionMaxMs } = this.preset;
		const random = this.kernel.rng.stream(`${this.name}/${m.name}`);
		m.electionTimeout =
			random.int(electionMinMs / tickMs, Math.floor(electionMaxMs / tickMs)) * tickMs;
		m.electionDeadline = this.kernel.now + m.electionTimeout;
		m.timerGen++;
		this.kernel.at(m.electionDeadline, this.timerKind, {
			member: m.name,
			gen: m.timerGen,
			what: 'election'
		});
	}

	private fire(timer: Timer): void {
		const m = this.members.get(timer.member);
		if (m === undefined || m.timerGen !== timer.gen || m.role === 'stopped') return;
		const now = this.kernel.now;
		if (timer.what === 'election') {
			if (m.role === 'leader') return;
			// The deadline moves with every heartbeat; the queued timer follows it lazily.
			if (now < m.electionDeadline) {
				this.kernel.at(m.electionDeadline, this.timerKind, timer);
				return;
			}
			this.campaign(m, this.preset.preVote);
		} else if (timer.what === 'heartbeat') {
			if (m.role !== 'leader') return;
			this.broadcast(m);
			this.kernel.after(this.preset.heartbeatMs, this.timerKind, timer);
		} else if (m.role === 'leader') {
			this.checkQuorum(m, timer);
		}
	}

	/** etcd-raft MsgCheckQuorum: every election timeout, a leader without a quorum steps down. */
	private checkQuorum(m: RaftMember, timer: Timer): void {
		const voters = this.votersFor(m);
		let active = voters.includes(m.name) ? 1 : 0;
		for (const v of voters) if (v !== m.name && m.recentActive.includes(v)) active++;
		m.recentActive = [];
		if (active < majority(voters.length)) {
			this.kernel.emit(
				'raft.checkquorum',
				`raft/${m.name}`,
				`${m.name} heard from only ${active} of ${voters.length} voters in an election timeout: it steps down (CheckQuorum).`
			);
			this.becomeFollower(m, m.currentTerm, null);
			return;
		}
		this.kernel.after(this.preset.electionMinMs, this.timerKind, timer);
	}

	/** Paper §5.2 (and thesis §9.6 for the pre-vote): ask every voter for its vote. */
	private campaign(m: RaftMember, pre: boolean): void {
		const voters = this.votersFor(m);
		if (m.log.length > 0) this.joining.delete(m.name);
		if (!voters.includes(m.name) || this.joining.has(m.name)) {
			// Not a voter (removed, or not yet added): it never campaigns (etcd-raft promotable).
			this.resetElectionTimer(m);
			return;
		}
		const k = this.kernel;
		this.setRole(m, { type: 'TIMEOUT', preVote: pre });
		this.setLeader(m, null);
		m.votes = [m.name];
		m.refusals = [];
		let term: number;
		if (pre) {
			term = m.currentTerm + 1;
			k.emit(
				'raft.prevote',
				`raft/${m.name}`,
				`${m.name} heard no leader for ${m.electionTimeout} ms and asks for pre-votes for term ${term}.`
			);
		} else {
			m.currentTerm++;
			m.votedFor = m.name;
			term = m.currentTerm;
			k.emit(
				'raft.election',
				`raft/${m.name}`,
				`${m.name} starts an election for term ${term} and votes for itself.`
			);
		}
		this.resetElectionTimer(m);
		if (m.votes.length >= majority(voters.length)) {
			this.won(m, pre);
			return;
		}
		const type: RaftMessageType = pre ? 'PreVote' : 'RequestVote';
		for (const v of voters) {
			if (v !== m.name)
				this.wire.send(type, m.name, v, term, m.log.length, lastTerm(m.log), null, 0, false, 0);
		}
	}

	private won(m: RaftMember, pre: boolean): void {
		if (pre) {
			this.setRole(m, { type: 'PRE_VOTE_WON' });
			this.campaign(m, false);
			return;
		}
		this.setRole(m, { type: 'ELECTED' });
		this.startLeading(m, true);
	}

	private startLeading(
		m: RaftMember,
		elected: boolean,
		knownMatch?: (member: string) => number
	): void {
		const k = this.kernel;
		this.setLeader(m, m.name);
		m.nextIndex = {};
		m.matchIndex = {};
		m.recentActive = [];
		for (const name of this.order) {
			const match = knownMatch?.(name) ?? 0;
			m.nextIndex[name] = knownMatch === undefined ? m.log.length + 1 : match + 1;
			m.matchIndex[name] = match;
		}
		m.timerGen++;
		if (elected) {
			k.emit(
				'raft.leader',
				`raft/${m.name}`,
				`${m.name} won the election for term ${m.currentTerm} with votes from ${m.votes.join(', ')} and leads.`
			);
		}
		this.observer?.becameLeader?.(m.name, m.currentTerm, m.log);
		const gen = m.timerGen;
		k.after(this.preset.heartbeatMs, this.timerKind, { member: m.name, gen, what: 'heartbeat' });
		if (this.preset.checkQuorum) {
			k.after(this.preset.electionMinMs, this.timerKind, { member: m.name, gen, what: 'quorum' });
		}
		// A no-op of the new term lets the leader commit what earlier terms left (paper §8).
		if (elected) this.append(m, { term: m.currentTerm, data: '' });
		else this.broadcast(m);
		if (elected) this.onElected?.(m.name, m.currentTerm);
	}

	// ─── Replication ───────────────────────────────────────────────────────────────────────────

	private append(leader: RaftMember, entry: LogEntry): void {
		leader.log.push(entry);
		leader.matchIndex[leader.name] = leader.log.length;
		this.broadcast(leader);
		this.maybeCommit(leader);
	}

	private changeVoters(name: string, add: boolean): ProposeResult {
		const leader = this.members.get(this.leader() ?? '');
		if (leader === undefined) return { ok: false, error: 'no leader' };
		const voters = this.votersFor(leader);
		if (add === voters.includes(name)) {
			return { ok: false, error: `${name} is ${add ? 'already' : 'not'} a voter` };
		}
		// Thesis §4.1 and its 2015 erratum: one change at a time, and only once the leader has
		// committed an entry of its own term.
		if (configIndexAfter(leader.log, leader.commitIndex) !== 0) {
			return { ok: false, error: 'a configuration change is still in progress' };
		}
		if (termAt(leader.log, leader.commitIndex) !== leader.currentTerm) {
			return { ok: false, error: 'the leader has not committed an entry of its term yet' };
		}
		if (add && !this.members.has(name)) {
			const m = this.addServer(name);
			this.becomeFollower(m, 0, null, true);
		}
		if (add) {
			leader.nextIndex[name] = leader.log.length + 1;
			leader.matchIndex[name] = 0;
		}
		const next = add ? [...voters, name] : voters.filter((v) => v !== name);
		this.append(leader, {
			term: leader.currentTerm,
			data: `${add ? 'add' : 'remove'} ${name}`,
			voters: next
		});
		return { ok: true, leader: leader.name, index: leader.log.length, term: leader.currentTerm };
	}

	private broadcast(leader: RaftMember): void {
		for (const v of this.votersFor(leader)) {
			if (v !== leader.name) this.sendAppend(leader, v);
		}
	}

	private sendAppend(leader: RaftMember, to: string): void {
		const next = leader.nextIndex[to] ?? leader.log.length + 1;
		const prev = next - 1;
		const end = Math.min(leader.log.length, prev + this.maxEntries);
		const entries = end > prev ? leader.log.slice(prev, end) : null;
		const { name, currentTerm, log, commitIndex } = leader;
		this.wire.send(
			'AppendEntries',
			name,
			to,
			currentTerm,
			prev,
			termAt(log, prev),
			entries,
			commitIndex,
			false,
			0
		);
	}

	/** Paper §5.3, §5.4.2: commit the highest index a majority stores, if it is of this term. */
	private maybeCommit(leader: RaftMember): void {
		const voters = this.votersFor(leader);
		const matches = voters.map((v) =>
			v === leader.name ? leader.log.length : (leader.matchIndex[v] ?? 0)
		);
		const n = majorityMatch(matches);
		if (
			n <= leader.commitIndex ||
			!this.mayCommitByCounting(termAt(leader.log, n), leader.currentTerm)
		) {
			return;
		}
		const from = leader.commitIndex + 1;
		leader.commitIndex = n;
		const which = from === n ? `entry ${n}` : `entries ${from}–${n}`;
		this.kernel.emit(
			'raft.commit',
			`raft/${leader.name}`,
			`${leader.name} committed ${which}: a majority of ${voters.length} voters stores ${from === n ? 'it' : 'them'}.`
		);
		if (this.observer?.committed !== undefined) {
			for (let i = from; i <= n; i++) this.observer.committed(leader.name, i, leader.log[i - 1]!);
		}
		this.apply(leader);
		// Thesis §4.2.2: a leader that committed its own removal steps down.
		if (!voters.includes(leader.name)) this.becomeFollower(leader, leader.currentTerm, null);
		this.onCommitted?.(leader.name, n);
	}

	private apply(m: RaftMember): void {
		const observer = this.observer;
		while (m.lastApplied < m.commitIndex) {
			m.lastApplied++;
			observer?.applied?.(m.name, m.lastApplied, m.log[m.lastApplied - 1]!);
		}
	}

	// ─── Messages ──────────────────────────────────────────────────────────────────────────────

	private reply(
		m: RaftMember,
		msg: RaftMessage,
		type: RaftMessageType,
		term: number,
		ok: boolean,
		matchIndex: number
	): void {
		this.wire.send(type, m.name, msg.from, term, 0, 0, null, 0, ok, matchIndex, this.persistMs);
	}

	private deliver(msg: RaftMessage): void {
		const m = this.members.get(msg.to);
		if (m === undefined || m.role === 'stopped') return;
		// swarmkit refuses traffic from a member it removed (raft.go ProcessRaftMessage).
		if (this.removed.size > 0 && (this.removed.has(msg.from) || this.removed.has(msg.to))) return;
		const type = msg.type;
		const isVote = type === 'RequestVote' || type === 'PreVote';
		if (msg.term > m.currentTerm) {
			if (isVote && this.inLease(m)) {
				this.kernel.emit(
					'raft.vote.ignored',
					`raft/${m.name}`,
					`${m.name} ignores ${msg.from}'s ${type === 'PreVote' ? 'pre-vote' : 'vote'} request for term ${msg.term}: it heard from leader ${m.leader} within the election timeout.`
				);
				return;
			}
			// A pre-vote (or a pre-vote granted) never changes a term (etcd-raft Step).
			const keepsTerm = type === 'PreVote' || (type === 'PreVoteResponse' && msg.ok);
			if (!keepsTerm) {
				this.becomeFollower(m, msg.term, type === 'AppendEntries' ? msg.from : null);
			}
		} else if (msg.term < m.currentTerm) {
			// Figure 2: reply false to a stale request, so its sender learns the newer term.
			if (type === 'AppendEntries')
				this.reply(m, msg, 'AppendEntriesResponse', m.currentTerm, false, 0);
			else if (isVote)
				this.reply(
					m,
					msg,
					type === 'PreVote' ? 'PreVoteResponse' : 'RequestVoteResponse',
					m.currentTerm,
					false,
					0
				);
			return;
		}
		switch (type) {
			case 'AppendEntries':
				return this.handleAppend(m, msg);
			case 'AppendEntriesResponse':
				return this.handleAppendResponse(m, msg);
			case 'RequestVote':
			case 'PreVote':
				return this.handleVote(m, msg);
			default:
				return this.handleVoteResponse(m, msg);
		}
	}

	/** CheckQuorum's lease: a follower that heard a leader recently ignores disruptive votes. */
	private inLease(m: RaftMember): boolean {
		// etcd-raft's leader resets its election clock every CheckQuorum round: always in lease.
		if (m.role === 'leader') return this.preset.checkQuorum;
		return (
			this.preset.checkQuorum &&
			m.leader !== null &&
			this.kernel.now - m.leaderContactAt < this.preset.electionMinMs
		);
	}

	private handleVote(m: RaftMember, msg: RaftMessage): void {
		const pre = msg.type === 'PreVote';
		// etcd-raft Step: a vote goes to whom we voted for, or to anyone while we know no leader
		// and voted for nobody; a pre-vote for a later term is judged on the log alone.
		const canVote =
			m.votedFor === msg.from ||
			(m.votedFor === null && m.leader === null) ||
			(pre && msg.term > m.currentTerm);
		const upToDate = this.candidateLogOk(m.log, msg.logTerm, msg.index);
		const granted = canVote && upToDate;
		const what = pre ? 'pre-vote' : 'vote';
		const why = !canVote
			? m.votedFor !== null
				? `it already voted for ${m.votedFor} in term ${m.currentTerm}`
				: `it follows leader ${m.leader}`
			: 'its own log is more up to date';
		this.kernel.emit(
			granted ? 'raft.vote.granted' : 'raft.vote.denied',
			`raft/${m.name}`,
			granted
				? `${m.name} grants its ${what} to ${msg.from} for term ${msg.term}.`
				: `${m.name} refuses its ${what} to ${msg.from} for term ${msg.term}: ${why}.`
		);
		if (granted && !pre) {
			m.votedFor = msg.from;
			m.electionDeadline = this.kernel.now + m.electionTimeout;
		}
		// A granted pre-vote answers in the asked-for term, so the pre-candidate counts it.
		const term = granted && pre ? msg.term : m.currentTerm;
		this.reply(m, msg, pre ? 'PreVoteResponse' : 'RequestVoteResponse', term, granted, 0);
	}

	private handleVoteResponse(m: RaftMember, msg: RaftMessage): void {
		const pre = msg.type === 'PreVoteResponse';
		if (m.role !== (pre ? 'pre-candidate' : 'candidate')) return;
		if (pre ? msg.term !== m.currentTerm + 1 && msg.ok : msg.term !== m.currentTerm) return;
		const voters = this.votersFor(m);
		if (!voters.includes(msg.from)) return;
		const list = msg.ok ? m.votes : m.refusals;
		if (!list.includes(msg.from)) list.push(msg.from);
		const need = majority(voters.length);
		if (m.votes.length >= need) this.won(m, pre);
		else if (m.refusals.length >= need && this.preset.etcdRaftTimers) {
			this.becomeFollower(m, m.currentTerm, null);
		}
	}

	private handleAppend(m: RaftMember, msg: RaftMessage): void {
		if (m.role === 'leader') return; // Election Safety: no other leader shares this term.
		if (m.role !== 'follower') this.becomeFollower(m, m.currentTerm, msg.from);
		this.setLeader(m, msg.from);
		m.electionDeadline = this.kernel.now + m.electionTimeout;
		const prev = msg.index;
		const log = m.log;
		if (termAt(log, prev) !== msg.logTerm) {
			// Consistency check failed: hint where our log ends so the leader backs off fast.
			this.reply(
				m,
				msg,
				'AppendEntriesResponse',
				m.currentTerm,
				false,
				Math.min(prev - 1, log.length)
			);
			return;
		}
		const entries = msg.entries;
		if (entries !== null) {
			for (let i = 0; i < entries.length; i++) {
				const index = prev + 1 + i;
				if (index <= log.length) {
					if (log[index - 1]!.term === entries[i]!.term) continue;
					log.length = index - 1; // Figure 2 rule 3: drop the conflict and all after it.
				}
				log.push(entries[i]!);
			}
		}
		const lastNew = prev + (entries?.length ?? 0);
		if (msg.commit > m.commitIndex) {
			const commit = Math.min(msg.commit, lastNew);
			if (commit > m.commitIndex) {
				m.commitIndex = commit;
				this.apply(m);
			}
		}
		this.reply(m, msg, 'AppendEntriesResponse', m.currentTerm, true, lastNew);
	}

	private handleAppendResponse(m: RaftMember, msg: RaftMessage): void {
		if (m.role !== 'leader') return;
		const from = msg.from;
		if (!m.recentActive.includes(from)) m.recentActive.push(from);
		if (msg.ok) {
			if (msg.matchIndex + 1 > (m.nextIndex[from] ?? 1)) m.nextIndex[from] = msg.matchIndex + 1;
			// Only a longer match can move the commit index (most replies are to heartbeats).
			if (msg.matchIndex > (m.matchIndex[from] ?? 0)) {
				m.matchIndex[from] = msg.matchIndex;
				this.maybeCommit(m);
			}
			if (
				m.role === 'leader' &&
				this.maxEntries > 0 &&
				msg.matchIndex < m.log.length &&
				msg.matchIndex === m.matchIndex[from]
			) {
				this.sendAppend(m, from);
			}
			return;
		}
		// Figure 2: on a log inconsistency, decrement nextIndex (to the follower's hint) and retry.
		const next = m.nextIndex[from] ?? m.log.length + 1;
		m.nextIndex[from] = Math.max(1, Math.min(next - 1, msg.matchIndex + 1));
		this.sendAppend(m, from);
	}

	// ─── Checkpoints ───────────────────────────────────────────────────────────────────────────

	save(): SavedGroup {
		const saved: SavedGroup = { members: this.list().map(copyMember), wire: this.wire.save() };
		if (this.removed.size > 0) saved.removed = [...this.removed];
		if (this.joining.size > 0) saved.joining = [...this.joining];
		return saved;
	}

	load(state: unknown): void {
		const s = state as SavedGroup;
		this.members.clear();
		this.order = [];
		for (const saved of s.members) {
			this.members.set(saved.name, copyMember(saved));
			this.order.push(saved.name);
		}
		this.wire.load(s.wire);
		this.removed = new Set(s.removed ?? []);
		this.joining = new Set(s.joining ?? []);
	}
}

function blankMember(name: string): RaftMember {
	return {
		name,
		role: 'follower',
		currentTerm: 0,
		votedFor: null,
		log: [],
		commitIndex: 0,
		lastApplied: 0,
		leader: null,
		votes: [],
		refusals: [],
		nextIndex: {},
		matchIndex: {},
		recentActive: [],
		leaderContactAt: 0,
		electionTimeout: 0,
		electionDeadline: 0,
		timerGen: 0
	};
}

function copyMember(m: RaftMember): RaftMember {
	return {
		...m,
		log: m.log.slice(),
		votes: m.votes.slice(),
		refusals: m.refusals.slice(),
		nextIndex: { ...m.nextIndex },
		matchIndex: { ...m.matchIndex },
		recentActive: m.recentActive.slice()
	};
}
