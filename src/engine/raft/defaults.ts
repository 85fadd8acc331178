/**
 * Raft timing presets: the paper's experiments, etcd (Kubernetes' store) and swarmkit (Docker
 * Swarm's managers). Each number names its row in shared/facts.md and the primary source.
 *
 * Timeouts are drawn in whole ticks: etcd-raft counts ticks, so its randomised election timeout
 * is `electionTick + rand.Intn(electionTick)` ticks, i.e. [10, 19] ticks. The paper's servers
 * used continuous timers; a 1 ms tick stands in for that.
 */

export interface RaftPreset {
	readonly name: string;
	/** One tick in ms: every timeout is a whole number of ticks. */
	readonly tickMs: number;
	/** The leader sends AppendEntries (a heartbeat when empty) this often. */
	readonly heartbeatMs: number;
	/** The election timeout is uniform over [electionMinMs, electionMaxMs], both inclusive. */
	readonly electionMinMs: number;
	readonly electionMaxMs: number;
	/** Raft thesis §9.6: ask before raising the term (etcd-raft Config.PreVote). */
	readonly preVote: boolean;
	/** The leader steps down without a quorum, and followers honour its lease (Config.CheckQuorum). */
	readonly checkQuorum: boolean;
	/**
	 * etcd-raft's timer rules rather than the paper's: every move to follower (a higher term, a
	 * lost election) draws a fresh election timeout (raft.go becomeFollower → reset), and a
	 * candidate refused by a majority turns follower at once (stepCandidate `quorum.VoteLost`).
	 * In the paper (Figure 2) only the leader's AppendEntries or a granted vote resets the timer,
	 * and a candidate waits out its timeout — what keeps 150–150 ms split for seconds (§9.3).
	 */
	readonly etcdRaftTimers: boolean;
}

/**
 * The paper (facts.md §3.1): "a conservative election timeout such as 150–300ms" (§9.3); in the
 * Figure 16 runs the heartbeat was half the minimum election timeout (§9.3). The paper's
 * algorithm has neither PreVote nor CheckQuorum (both come from the thesis / etcd-raft).
 */
export const PAPER: RaftPreset = paperPreset(150, 300, 'paper');

/**
 * etcd v3.6 (facts.md §1.7, §3.5): `--heartbeat-interval` 100ms is the tick and the heartbeat
 * (server/embed/config.go `TickMs: 100`, bootstrap.go `HeartbeatTick: 1`); `--election-timeout`
 * 1000ms = 10 ticks, randomised to [10, 19] ticks (etcd-io/raft raft.go
 * `resetRandomizedElectionTimeout`); PreVote on since v3.5 (config.go `PreVote: true`);
 * CheckQuorum always on (bootstrap.go `CheckQuorum: true`).
 */
export const ETCD: RaftPreset = tickPreset('etcd', 100, 1, 10, true, true);

/**
 * swarmkit (facts.md §2.1, §3.5): tick 1s (manager/state/raft/raft.go `NewNode`
 * `opts.TickInterval = time.Second`), HeartbeatTick 1 (`DefaultNodeConfig`), ElectionTick 10
 * as the Docker daemon sets it (moby daemon/cluster/cluster.go `RaftElectionTick = 10 *
 * RaftHeartbeatTick`), randomised by etcd-raft to [10, 19] ticks; CheckQuorum true
 * (`DefaultNodeConfig`); PreVote never set, so false.
 */
export const SWARMKIT: RaftPreset = tickPreset('swarmkit', 1000, 1, 10, false, true);

/** The named presets, for commands and benches. */
export const PRESETS: Readonly<Record<string, RaftPreset>> = {
	paper: PAPER,
	etcd: ETCD,
	swarmkit: SWARMKIT
};

/**
 * A paper-style preset with another timeout range, as in Figure 16 (12–24 ms … 150–300 ms): the
 * heartbeat is half the minimum election timeout (paper §9.3), at least 1 ms.
 */
export function paperPreset(
	minMs: number,
	maxMs: number,
	name = `paper ${minMs}–${maxMs}ms`
): RaftPreset {
	return customPreset({
		name,
		tickMs: 1,
		heartbeatMs: Math.max(1, Math.floor(minMs / 2)),
		electionMinMs: minMs,
		electionMaxMs: maxMs,
		preVote: false,
		checkQuorum: false,
		etcdRaftTimers: false
	});
}

/** An etcd-raft style preset: heartbeat and election given in ticks, randomised to [E, 2E−1]. */
export function tickPreset(
	name: string,
	tickMs: number,
	heartbeatTicks: number,
	electionTicks: number,
	preVote: boolean,
	checkQuorum: boolean
): RaftPreset {
	return customPreset({
		name,
		tickMs,
		heartbeatMs: heartbeatTicks * tickMs,
		electionMinMs: electionTicks * tickMs,
		electionMaxMs: (2 * electionTicks - 1) * tickMs,
		preVote,
		checkQuorum,
		etcdRaftTimers: true
	});
}

/** Any other preset (the benches need other ranges); refuses ranges Raft cannot work with. */
export function customPreset(p: RaftPreset): RaftPreset {
	const ok =
		p.tickMs >= 1 &&
		p.heartbeatMs >= 1 &&
		p.electionMinMs >= 1 &&
		p.electionMaxMs >= p.electionMinMs &&
		[p.tickMs, p.heartbeatMs, p.electionMinMs, p.electionMaxMs].every(Number.isInteger) &&
		p.electionMinMs % p.tickMs === 0 &&
		p.electionMaxMs % p.tickMs === 0;
	if (!ok) {
		throw new Error(
			`raft preset ${p.name}: timings must be whole ms, election bounds whole ticks, min ≤ max`
		);
	}
	return Object.freeze({ ...p });
}
