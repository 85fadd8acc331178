/**
 * The swarm-wide settings `docker swarm init|update` change (the cluster object's spec in
 * swarmkit: Orchestration, Dispatcher, CAConfig, Raft), with swarmkit's defaults and its
 * controlapi checks. The dispatcher gives agents the heartbeat period in force, the
 * orchestrator keeps the task history limit, `docker info` prints them all.
 */
import {
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	MIN_NODE_CERT_EXPIRY_MS,
	NODE_CERT_EXPIRY_MS,
	RAFT_KEEP_OLD_SNAPSHOTS,
	RAFT_SNAPSHOT_INTERVAL,
	TASK_HISTORY_LIMIT
} from './defaults';

export interface ClusterSettings {
	/** Orchestration.TaskHistoryRetentionLimit: finished tasks kept per slot (or node). */
	taskHistoryLimit: number;
	/** Dispatcher.HeartbeatPeriod. */
	heartbeatPeriodMs: number;
	/** CAConfig.NodeCertExpiry. */
	certExpiryMs: number;
	/** Raft.SnapshotInterval (log entries between snapshots). */
	snapshotInterval: number;
	/** Raft.KeepOldSnapshots. */
	keepOldSnapshots: number;
}

/** A new swarm's spec (swarmkit's defaults; docker/cli swarm/opts.go flag defaults). */
export const DEFAULT_CLUSTER_SETTINGS: Readonly<ClusterSettings> = {
	taskHistoryLimit: TASK_HISTORY_LIMIT,
	heartbeatPeriodMs: DISPATCHER_HEARTBEAT_PERIOD_MS,
	certExpiryMs: NODE_CERT_EXPIRY_MS,
	snapshotInterval: RAFT_SNAPSHOT_INTERVAL,
	keepOldSnapshots: RAFT_KEEP_OLD_SNAPSHOTS
};

/** controlapi/cluster.go validateClusterSpec: the refusal of a spec, or undefined. */
export function clusterSettingsError(settings: Partial<ClusterSettings>): string | undefined {
	const invalid = (desc: string) => `rpc error: code = InvalidArgument desc = ${desc}`;
	if (settings.certExpiryMs !== undefined && settings.certExpiryMs < MIN_NODE_CERT_EXPIRY_MS)
		// `%s` of MinNodeCertExpiration, a time.Duration of one hour.
		return invalid('minimum certificate expiry time is: 1h0m0s');
	if (settings.heartbeatPeriodMs !== undefined && settings.heartbeatPeriodMs < 0)
		return invalid('heartbeat time period cannot be a negative duration');
	return undefined;
}
