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

/** Node IDs are 25 lowercase base-36 characters (swarmkit identity.NewID). */
export const NODE_ID_LENGTH = 25;
