/**
 * The scheduler's memory of where a service's tasks failed (moby/swarmkit
 * manager/scheduler/nodeinfo.go taskFailed, countRecentFailures). Failures are kept per node
 * and per service version (a new spec starts clean), for the lookback window only. The
 * scheduler holds this in memory on the leader, so a newly elected leader starts empty.
 */
import { SCHEDULER_MONITOR_FAILURES_MS } from './defaults';
import { SWARM_SERVICES, type SwarmService, type SwarmTask } from './objects';
import type { SwarmRuntime } from './runtime';

const key = (task: SwarmTask) => `${task.ServiceID}@${task.SpecVersion.Index}`;

/**
 * scheduler.go updateTask: a task that turned FAILED or REJECTED counts against its node,
 * unless the scheduler did not choose the node (a global service's preassigned task).
 */
export function recordTaskFailure(rt: SwarmRuntime, task: SwarmTask): void {
	if (task.NodeID === '') return;
	const service = rt.kernel.store.get<SwarmService>(SWARM_SERVICES, task.ServiceID);
	if (service === undefined || 'Global' in service.Spec.Mode || 'GlobalJob' in service.Spec.Mode)
		return;
	const now = rt.kernel.now;
	const all = (rt.state.failures ??= {});
	const byService = (all[task.NodeID] ??= {});
	// taskFailed drops the expired entries before it appends.
	for (const [k, times] of Object.entries(byService)) {
		const kept = times.filter((t) => now - t < SCHEDULER_MONITOR_FAILURES_MS);
		if (kept.length > 0) byService[k] = kept;
		else delete byService[k];
	}
	byService[key(task)] = [...(byService[key(task)] ?? []), now];
}

/** countRecentFailures: failures of this task's service version on the node in the last monitorFailures. */
export function recentFailures(rt: SwarmRuntime, nodeId: string, task: SwarmTask): number {
	const times = rt.state.failures?.[nodeId]?.[key(task)] ?? [];
	const now = rt.kernel.now;
	return times.filter((t) => now - t <= SCHEDULER_MONITOR_FAILURES_MS).length;
}

/** A new leader runs a new scheduler (manager.go becomeLeader): it has seen no failures yet. */
export function forgetFailures(rt: SwarmRuntime): void {
	rt.state.failures = {};
}
