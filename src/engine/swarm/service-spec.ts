/**
 * Reading a ServiceSpec with swarmkit's defaults filled in (api/defaults/service.go): absent
 * fields mean the defaults of ./defaults.ts, as the API leaves them absent in `inspect` too.
 */
import {
	RESTART_CONDITION,
	RESTART_DELAY_MS,
	RESTART_MAX_ATTEMPTS,
	RESTART_WINDOW_MS,
	UPDATE_DELAY_MS,
	UPDATE_FAILURE_ACTION,
	UPDATE_MAX_FAILURE_RATIO,
	UPDATE_MONITOR_MS,
	UPDATE_ORDER,
	UPDATE_PARALLELISM
} from './defaults';
import type { FailureAction, RestartCondition, ServiceSpec, TaskSpec, UpdateOrder } from './spec';

const NS_PER_MS = 1_000_000;

export function nsToMs(ns: number | undefined, fallbackMs: number): number {
	return ns === undefined ? fallbackMs : Math.round(ns / NS_PER_MS);
}

export function msToNs(ms: number): number {
	return ms * NS_PER_MS;
}

export function isGlobal(spec: ServiceSpec): boolean {
	return 'Global' in spec.Mode;
}

/** A replicated-job or global-job service: its tasks run to completion. */
export function isJob(spec: ServiceSpec): boolean {
	return 'ReplicatedJob' in spec.Mode || 'GlobalJob' in spec.Mode;
}

export function replicasOf(spec: ServiceSpec): number {
	return 'Replicated' in spec.Mode ? (spec.Mode.Replicated.Replicas ?? 1) : 0;
}

export interface RestartPolicyResolved {
	condition: RestartCondition;
	delayMs: number;
	maxAttempts: number;
	windowMs: number;
}

export function restartPolicy(task: TaskSpec): RestartPolicyResolved {
	const p = task.RestartPolicy ?? {};
	return {
		condition: p.Condition ?? (RESTART_CONDITION as RestartCondition),
		delayMs: nsToMs(p.Delay, RESTART_DELAY_MS),
		maxAttempts: p.MaxAttempts ?? RESTART_MAX_ATTEMPTS,
		windowMs: nsToMs(p.Window, RESTART_WINDOW_MS)
	};
}

export interface UpdatePolicyResolved {
	parallelism: number;
	delayMs: number;
	failureAction: FailureAction;
	monitorMs: number;
	maxFailureRatio: number;
	order: UpdateOrder;
}

export function updatePolicy(spec: ServiceSpec, rollback: boolean): UpdatePolicyResolved {
	const c = (rollback ? spec.RollbackConfig : spec.UpdateConfig) ?? {};
	return {
		parallelism: c.Parallelism ?? UPDATE_PARALLELISM,
		delayMs: nsToMs(c.Delay, UPDATE_DELAY_MS),
		failureAction: c.FailureAction ?? (UPDATE_FAILURE_ACTION as FailureAction),
		monitorMs: nsToMs(c.Monitor, UPDATE_MONITOR_MS),
		maxFailureRatio: c.MaxFailureRatio ?? UPDATE_MAX_FAILURE_RATIO,
		order: c.Order ?? (UPDATE_ORDER as UpdateOrder)
	};
}

/** Whether a task runs an older spec than the service (orchestrator.IsTaskDirty). */
export function specsDiffer(a: TaskSpec, b: TaskSpec): boolean {
	return JSON.stringify(a) !== JSON.stringify(b);
}
