/**
 * What every part of the Swarm control plane shares: the kernel, the manager's private state
 * (one plain object, copied whole into checkpoints) and the cluster's leader and quorum.
 */
import type { HealthRun } from './health';
import type { Kernel } from '../core/kernel';
import { LAB_EPOCH_MS } from '../core/time';
import type { TaskState } from './objects';

/** A replacement task waiting to move from desired READY to RUNNING (restart.go DelayStart). */
export interface DelayedStart {
	oldTaskId?: string;
	readyAt: number;
	/** Wait for the old task to stop (false when its node is down or it is already dead). */
	waitStop: boolean;
	/** Start anyway at this time (restart.go defaultOldTaskTimeout). */
	deadline: number;
}

/** Restart history of one slot, for max attempts and the window (restart.go). */
export interface RestartHistory {
	specVersion: number;
	total: number;
	times: number[];
}

/** One task as its node's agent runs it. */
export interface AgentRun {
	state: TaskState;
	/** Reports that did not reach a manager; sent again on the next agent tick. */
	dirty: boolean;
	message: string;
	err?: string;
	exitCode?: number;
	at: number;
	/** When its container started running (what `docker service logs` reads from). */
	startedAt?: number;
	/** The container was told to stop (desired state ≥ SHUTDOWN). */
	stopping?: boolean;
	/** The container's healthcheck, when it has one (./health.ts). */
	health?: HealthRun;
	/** `sim unhealthy task`: every healthcheck fails from now on. */
	unhealthy?: boolean;
}

/** A rolling update or rollback in progress (manager/orchestrator/update/updater.go). */
export interface UpdateRun {
	version: number;
	rollback: boolean;
	parallelism: number;
	delayMs: number;
	monitorMs: number;
	failureAction: 'pause' | 'continue' | 'rollback';
	maxFailureRatio: number;
	order: 'stop-first' | 'start-first';
	/** Slot keys still to update (the slot number, or the node ID of a global service). */
	queue: string[];
	workers: { slot: string; taskId: string; oldIds: string[]; freeAt?: number }[];
	dirty: number;
	/** Tasks this run created, with when each was first seen running (-1: not yet). */
	created: Record<string, number>;
	failures: string[];
	doneAt?: number;
}

export interface ManagerState {
	runs: Record<string, Record<string, AgentRun>>;
	/** Images each node has pulled (a node keeps what it pulled). */
	images: Record<string, string[]>;
	/** Bumped when a host powers off, so its queued agent steps are dropped. */
	hostGen: Record<string, number>;
	syncPending: Record<string, boolean>;
	restarts: Record<string, DelayedStart>;
	history: Record<string, RestartHistory>;
	updates: Record<string, UpdateRun>;
	/** The service version whose slots the orchestrator last filled. */
	filled: Record<string, number>;
	/** The service version the updater last looked at for outdated tasks. */
	updateChecked: Record<string, number>;
	/** Global services: nodes that were eligible at the last look, per service. */
	globalSeen: Record<string, Record<string, boolean>>;
	/** Next host number per network /24 (10.0.N.x). */
	nextAddr: Record<string, number>;
	nextSubnet: number;
	reconcileQueued: boolean;
	scheduleQueued: boolean;
	/** Failure times per node ID and service version (./failure-history.ts). */
	failures?: Record<string, Record<string, number[]>>;
}

export function emptyState(): ManagerState {
	return {
		runs: {},
		images: {},
		hostGen: {},
		syncPending: {},
		restarts: {},
		history: {},
		updates: {},
		filled: {},
		updateChecked: {},
		globalSeen: {},
		nextAddr: {},
		nextSubnet: 1,
		reconcileQueued: false,
		scheduleQueued: false
	};
}

export interface SwarmRuntime {
	readonly kernel: Kernel;
	/** Replaced wholesale when a checkpoint is loaded: always read it through the runtime. */
	state: ManagerState;
	leader(): string | undefined;
	quorum(): boolean;
	isRunning(host: string): boolean;
	/** Finished tasks the reaper keeps per slot (or per node for a global service). */
	taskHistoryLimit(): number;
	/** Asks for one orchestrator pass at the current time (coalesced). */
	requestReconcile(): void;
	/** Asks for a scheduler pass after the scheduler's batching gap (coalesced). */
	requestSchedule(): void;
}

/**
 * Engine API timestamps are RFC 3339 with nanoseconds; the lab keeps milliseconds, so that
 * `docker service ps` ages ("Running 12 seconds ago") are exact.
 */
export function apiTime(t: number): string {
	return new Date(LAB_EPOCH_MS + t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The simulated time of an apiTime string. */
export function apiTimeMs(s: string): number {
	const m = /^(.*)\.(\d{3})\d*Z$/.exec(s);
	const t = m === null ? Date.parse(s) : Date.parse(`${m[1]}.${m[2]}Z`);
	return t - LAB_EPOCH_MS;
}
