/**
 * Swarm services, tasks, networks, secrets and configs as the Docker Engine API returns them
 * (`docker service inspect`, `docker inspect TASK`): Go field names, so inspect needs no mapping.
 * They live in the lab's store, keyed by ID.
 */
import type { IpamConfig } from './ipam';
import type { EndpointSpec, NetworkSpec, PortConfig, ServiceSpec, TaskSpec } from './spec';

export const SWARM_SERVICES = 'swarm/services';
export const SWARM_TASKS = 'swarm/tasks';
export const SWARM_NETWORKS = 'swarm/networks';
export const SWARM_SECRETS = 'swarm/secrets';
export const SWARM_CONFIGS = 'swarm/configs';

/**
 * Task states in the order of swarmkit's protobuf enum (api/types.proto `TaskState`): a task
 * only ever moves to a higher one (facts.md §2.4).
 */
export const TASK_STATES = [
	'new',
	'pending',
	'assigned',
	'accepted',
	'preparing',
	'ready',
	'starting',
	'running',
	'complete',
	'shutdown',
	'failed',
	'rejected',
	'remove',
	'orphaned'
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The enum values (types.proto) so comparisons read like swarmkit's `state > RUNNING`. */
export const TASK_STATE_VALUE: Record<TaskState, number> = {
	new: 0,
	pending: 64,
	assigned: 192,
	accepted: 256,
	preparing: 320,
	ready: 384,
	starting: 448,
	running: 512,
	complete: 576,
	shutdown: 640,
	failed: 704,
	rejected: 768,
	remove: 800,
	orphaned: 832
};

export function stateValue(s: TaskState): number {
	return TASK_STATE_VALUE[s];
}

/**
 * Whether the task should run (or be kept running): desired RUNNING or before, or — a job's
 * task — desired COMPLETE (swarmkit jobs set DesiredState = COMPLETED; jobs/replicated
 * reconciler.go counts `DesiredState <= Completed`).
 */
export function wantsToRun(t: { DesiredState: TaskState }): boolean {
	return TASK_STATE_VALUE[t.DesiredState] <= TASK_STATE_VALUE.complete;
}

/** `a > b` in enum order. */
export function stateAbove(a: TaskState, b: TaskState): boolean {
	return TASK_STATE_VALUE[a] > TASK_STATE_VALUE[b];
}

export type UpdateState =
	| 'updating'
	| 'paused'
	| 'completed'
	| 'rollback_started'
	| 'rollback_paused'
	| 'rollback_completed';

export interface Meta {
	ID: string;
	Version: { Index: number };
	CreatedAt: string;
	UpdatedAt: string;
}

export interface SwarmService extends Meta {
	Spec: ServiceSpec;
	PreviousSpec?: ServiceSpec;
	Endpoint: {
		Spec: EndpointSpec;
		/** The ports as allocated: published ports filled in from 30000–32767. */
		Ports?: PortConfig[];
		VirtualIPs?: { NetworkID: string; Addr: string }[];
	};
	UpdateStatus?: {
		State: UpdateState;
		StartedAt?: string;
		CompletedAt?: string;
		Message: string;
	};
}

export interface TaskStatus {
	Timestamp: string;
	State: TaskState;
	Message: string;
	Err?: string;
	ContainerStatus?: { ContainerID: string; PID: number; ExitCode: number };
	/** Host-mode published ports of a running task. */
	PortStatus?: { Ports?: PortConfig[] };
}

export interface SwarmTask extends Meta {
	Labels: Record<string, string>;
	Spec: TaskSpec;
	/** The service's Version.Index when the task was made (swarmkit Task.SpecVersion). */
	SpecVersion: { Index: number };
	ServiceID: string;
	/** Replicated services: the slot (1…replicas). Global services: absent. */
	Slot?: number;
	/** Empty until the scheduler assigns it. */
	NodeID: string;
	Status: TaskStatus;
	DesiredState: TaskState;
	/** The service's allocated ports when the task was made (swarmkit Task.Endpoint). */
	Endpoint?: { Ports?: PortConfig[] };
	NetworksAttachments?: { Network: { ID: string; Spec: { Name: string } }; Addresses: string[] }[];
}

export interface SwarmNetwork extends Meta {
	/**
	 * `local`: a bridge/macvlan/ipvlan network a stack made on the manager's own daemon; it
	 * lists with the stack's objects but no service can attach to it.
	 */
	Spec: Omit<NetworkSpec, 'External'> & { Ingress?: boolean; Scope: 'swarm' | 'local' };
	/** The /24 this network allocates from (10.0.N.0/24); a local one's /16 (172.N.0.0/16). */
	Subnet: string;
	/** The pool a user gave (`--subnet`, `--gateway`, `--ip-range`); absent: Subnet, gateway .1. */
	IPAM?: IpamConfig;
}

export interface SwarmSecret extends Meta {
	Spec: { Name: string; Labels: Record<string, string>; Data?: string };
}

export type SwarmConfig = SwarmSecret;

/** Milliseconds of simulated time → the Engine API's RFC 3339 nanosecond timestamps. */
export { rfc3339 } from '../core/time';
