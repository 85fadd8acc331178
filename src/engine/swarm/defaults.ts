/**
 * Docker Engine 28 / swarmkit defaults used by the lab. Every value names its source; the facts
 * sheet (shared/facts.md §2) lists them with the snapshot commits they were read from.
 */

/** moby/swarmkit manager/dispatcher/dispatcher.go DefaultHeartBeatPeriod = 5 * time.Second. */
export const DISPATCHER_HEARTBEAT_PERIOD_MS = 5_000;

/** dispatcher.go defaultHeartBeatEpsilon = 500ms; period.go Choose: period ± U(epsilon). */
export const HEARTBEAT_EPSILON_MS = 500;

/** dispatcher.go defaultGracePeriodMultiplier = 3: a node's TTL is 3 chosen periods. */
export const GRACE_PERIOD_MULTIPLIER = 3;

/** The message swarmkit records when a node's TTL expires (dispatcher.go markNodeNotReady). */
export const HEARTBEAT_FAILURE_MESSAGE = 'heartbeat failure';

/** The Engine version every simulated node reports (the lab models Docker Engine 28). */
export const ENGINE_VERSION = '28.5.2';

/**
 * How often the role manager tries again a Raft membership change it could not make yet
 * (moby/swarmkit manager/role_manager.go roleReconcileInterval = 5 * time.Second).
 */
export const ROLE_RECONCILE_INTERVAL_MS = 5_000;

/** Node IDs are 25 lowercase base-36 characters (swarmkit identity.NewID). */
export const NODE_ID_LENGTH = 25;

// ---------------------------------------------------------------------------------------------
// Services and tasks (facts.md §2.4–§2.9; moby/swarmkit api/defaults/service.go `Service`).

/** Restart policy: condition any, delay 5 s, max attempts 0 (unlimited), window 0 (facts §2.5). */
export const RESTART_CONDITION = 'any' as const;
export const RESTART_DELAY_MS = 5_000;
export const RESTART_MAX_ATTEMPTS = 0;
export const RESTART_WINDOW_MS = 0;

/** Stop grace period 10 s (api/defaults/service.go StopGracePeriod; facts §2.5). */
export const STOP_GRACE_PERIOD_MS = 10_000;

/**
 * Update and rollback config: parallelism 1, delay 0, failure action pause, monitor 5 s,
 * max failure ratio 0, order stop-first (api/defaults/service.go Update / Rollback; facts §2.6).
 */
export const UPDATE_PARALLELISM = 1;
export const UPDATE_DELAY_MS = 0;
export const UPDATE_FAILURE_ACTION = 'pause' as const;
export const UPDATE_MONITOR_MS = 5_000;
export const UPDATE_MAX_FAILURE_RATIO = 0;
export const UPDATE_ORDER = 'stop-first' as const;

/** Task history: 5 tasks per slot (manager/manager.go defaultTaskHistoryRetentionLimit; facts §2.4). */
export const TASK_HISTORY_LIMIT = 5;

/** The scheduler batches for 50 ms before it commits (scheduler.go commitDebounceGap; facts §2.7). */
export const SCHEDULER_DEBOUNCE_MS = 50;

/**
 * How long a delayed restart waits for the task it replaces to stop before it starts anyway
 * (manager/orchestrator/restart/restart.go defaultOldTaskTimeout = time.Minute).
 */
export const OLD_TASK_TIMEOUT_MS = 60_000;

/** Auto-assigned published ports 30000–32767 (allocator/portallocator.go; facts §2.8). */
export const DYNAMIC_PORT_START = 30_000;
export const DYNAMIC_PORT_END = 32_767;

/**
 * Container healthchecks (moby daemon/health.go): probes every 30 s (`defaultProbeInterval`),
 * but every 5 s while the start period lasts and the status is still `starting`
 * (`defaultStartInterval`, used by `getInterval()`); the start period defaults to 0.
 */
export const HEALTH_INTERVAL_MS = 30_000;
export const HEALTH_START_INTERVAL_MS = 5_000;
/** daemon/health.go defaultProbeRetries = 3 consecutive failures make a container unhealthy. */
export const HEALTH_RETRIES = 3;

/**
 * A task whose container turned unhealthy fails with this error (moby daemon/cluster/executor/
 * container/errors.go ErrContainerUnhealthy, wrapped by controller.go exitError).
 */
export const UNHEALTHY_CONTAINER_ERROR = 'dockerexec: unhealthy container';

/**
 * The exit code the lab gives a container the executor stopped for being unhealthy: 137, the
 * SIGKILL at the end of the stop grace period, as most reports show it (`task: non-zero exit
 * (137): dockerexec: unhealthy container`). A process that exits on its stop signal would report
 * its own code; the lab does not model that.
 */
export const UNHEALTHY_EXIT_CODE = 137;

/**
 * What the constraint enforcer writes on a task it rejects (moby/swarmkit
 * manager/orchestrator/constraintenforcer/constraint_enforcer.go rejectNoncompliantTasks):
 * Status.Message and Status.Err, with the observed state REJECTED.
 */
export const CONSTRAINT_ENFORCER_MESSAGE = 'task rejected by constraint enforcer';
export const CONSTRAINT_ENFORCER_ERROR = 'assigned node no longer meets constraints';

/** Tasks on a node DOWN this long become ORPHANED (dispatcher.go defaultNodeDownPeriod; facts §2.3). */
export const NODE_DOWN_PERIOD_MS = 24 * 3600 * 1000;

/** Service and task IDs are 25 base-36 characters, like node IDs (identity.NewID). */
export const OBJECT_ID_LENGTH = 25;

/**
 * Agent timings. These reuse the Kubernetes side's stated lab defaults so that a container
 * takes as long to pull and start in either flavour (kubernetes/defaults.ts): image pull at
 * 25 MB/s by image size, 1 s to resolve a missing tag, 1 s to create and start a container,
 * 0.5 s to stop a server after SIGTERM.
 */
export {
	CONTAINER_START_MS,
	CONTAINER_STOP_MS,
	IMAGE_RESOLVE_MS,
	PULL_BYTES_PER_MS
} from '../kubernetes/defaults';

// ---------------------------------------------------------------------------------------------
// Joining and leaving (docker swarm init|join|join-token|leave).

/** Managers listen for cluster management on 2377/tcp (docker/cli swarm_init.md; facts §2.8). */
export const SWARM_PORT = 2377;

/**
 * Join tokens `SWMTKN-1-<digest>-<secret>`: the root CA's SHA-256 digest in base 36, zero-padded
 * to 50 characters, then a 16-byte secret in base 36 padded to 25 (moby/swarmkit ca/config.go
 * GenerateJoinToken, `base36DigestLen = 50`, `maxGeneratedSecretLength = 25`). The digest is
 * shared by both roles; each role has its own secret, and `--rotate` replaces only that one.
 */
export const JOIN_TOKEN_PREFIX = 'SWMTKN-1';
export const JOIN_TOKEN_DIGEST_LENGTH = 50;
export const JOIN_TOKEN_SECRET_LENGTH = 25;

// ---------------------------------------------------------------------------------------------
// What `docker info` and `docker version` report (docker/cli cli/command/system/info.go,
// version.go). The cluster spec defaults are swarmkit's; the build facts are those of the
// Docker CE 28.5.2 packages.

/** Raft SnapshotInterval 10000 entries, KeepOldSnapshots 0 (swarmkit raft.go DefaultRaftConfig; facts §2.1). */
export const RAFT_SNAPSHOT_INTERVAL = 10_000;
export const RAFT_KEEP_OLD_SNAPSHOTS = 0;
/** Raft LogEntriesForSlowFollowers 500 (swarmkit manager/state/raft/raft.go DefaultRaftConfig). */
export const RAFT_LOG_ENTRIES_FOR_SLOW_FOLLOWERS = 500;

/** Node certificates last 2160h = 90 days (docker/cli swarm_init.md `--cert-expiry` default 2160h0m0s). */
export const NODE_CERT_EXPIRY_MS = 2160 * 3600 * 1000;

/**
 * The shortest node certificate a cluster may ask for (swarmkit ca/config.go
 * MinNodeCertExpiration = 1 * time.Hour; controlapi/cluster.go validateClusterSpec).
 */
export const MIN_NODE_CERT_EXPIRY_MS = 3600 * 1000;

/**
 * Overlay subnets come from 10.0.0.0/8 in /24s; VXLAN uses 4789/udp (docker/cli swarm_init.md
 * `--default-addr-pool`, `--default-addr-pool-mask-length 24`, `--data-path-port`; facts §2.8).
 */
export const DEFAULT_ADDR_POOL = '10.0.0.0/8';
export const DEFAULT_SUBNET_SIZE = 24;
export const DATA_PATH_PORT = 4789;

/**
 * `docker version` of Docker 28.5.2 (`Docker version 28.5.2, build ecc6942`; engine commit
 * 89c5e8f built with go1.24.9 on Wed Nov 5 2025; API 1.51, minimum 1.24; containerd v2.2.0,
 * runc 1.3.3, docker-init 0.19.0 de40ad0), as a published 28.5.2 `docker version` prints them.
 */
export const ENGINE_API_VERSION = '1.51';
export const ENGINE_MIN_API_VERSION = '1.24';
export const CLIENT_GIT_COMMIT = 'ecc6942';
export const ENGINE_GIT_COMMIT = '89c5e8f';
export const ENGINE_GO_VERSION = 'go1.24.9';
export const ENGINE_BUILT = 'Wed Nov  5 14:43:35 2025';
export const CONTAINERD_VERSION = 'v2.2.0';
export const CONTAINERD_COMMIT = '1c4457e00facac03ce1d75f7b6777a7a851e5c41';
export const RUNC_VERSION = '1.3.3';
export const RUNC_COMMIT = 'd842d7719497cc3b774fd71620278ac9e17710e0';
export const DOCKER_INIT_VERSION = '0.19.0';
export const DOCKER_INIT_COMMIT = 'de40ad0';

/**
 * Failure avoidance in the scheduler (moby/swarmkit manager/scheduler/scheduler.go
 * `maxFailures = 5`, `monitorFailures = 5 * time.Minute`): a node where a service's tasks
 * failed or were rejected 5 times within 5 minutes sorts after the others for that service.
 */
export const SCHEDULER_MAX_FAILURES = 5;
export const SCHEDULER_MONITOR_FAILURES_MS = 5 * 60_000;

/**
 * `ping HOST` in a task (the swarm tutorial's `helloworld` service: `alpine ping docker.com`).
 * busybox ping (networking/ping.c) sends 56 data bytes a second and prints one reply line each;
 * the reply is 64 bytes (data + the 8-byte ICMP header). The lab does not model the Internet:
 * a name outside the swarm answers from a stand-in address in the documentation block
 * 203.0.113.0/24 (RFC 5737), with a TTL and a round trip that are the lab's choice.
 */
export const PING_DATA_BYTES = 56;
export const PING_INTERVAL_MS = 1_000;
export const PING_LAB_TTL = 56;

/**
 * The swarm's root CA (moby/swarmkit ca/config.go: `rootCN = "swarm-ca"`, RootCAExpiration
 * 20 years, ECDSA P-256 keys). The lab issues no certificates: the CA certificate nodes report
 * in TLSInfo is built from the swarm's join-token digest (./root-ca.ts).
 */
export const ROOT_CA_CN = 'swarm-ca';
export const ROOT_CA_EXPIRY_MS = 630_720_000_000;

/** Manager unlock keys start `SWMKEY-1` (swarmkit manager/encryption/encryption.go humanReadablePrefix). */
export const UNLOCK_KEY_PREFIX = 'SWMKEY-1';
