/**
 * The restart supervisor (moby/swarmkit manager/orchestrator/restart/restart.go; facts §2.5).
 * A task that ended while it should run is shut down and, if the restart policy allows
 * (condition any / on-failure, max attempts within the window), replaced by a new task in the
 * same slot (or on the same node for a global service) created with desired state READY. It is
 * moved to RUNNING after the restart delay (none when the old task's node is drained) and once
 * the old task has stopped — unless the old node is DOWN or the old task already dead — or
 * after a minute at most (defaultOldTaskTimeout).
 */
import { OLD_TASK_TIMEOUT_MS } from './defaults';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	stateValue,
	wantsToRun,
	type SwarmService,
	type SwarmTask
} from './objects';
import type { SwarmRuntime } from './runtime';
import { isGlobal, isJob, restartPolicy } from './service-spec';
import { newTask, nodeById, setDesired, updateTask } from './tasks';

const RUNNING = stateValue('running');

function historyKey(service: SwarmService, t: SwarmTask): string {
	return isGlobal(service.Spec) ? `${t.ServiceID}/node/${t.NodeID}` : `${t.ServiceID}/${t.Slot}`;
}

/** restart.go shouldRestart. */
export function shouldRestart(rt: SwarmRuntime, service: SwarmService, t: SwarmTask): boolean {
	const policy = restartPolicy(t.Spec);
	if (
		policy.condition !== 'any' &&
		(policy.condition !== 'on-failure' || t.Status.State === 'complete')
	) {
		return false;
	}
	if (policy.maxAttempts === 0) return true;
	const h = rt.state.history[historyKey(service, t)];
	if (h === undefined || h.specVersion !== t.SpecVersion.Index) return true;
	if (policy.windowMs === 0) return h.total < policy.maxAttempts;
	const lookback = rt.kernel.now - policy.windowMs;
	return h.times.filter((x) => x > lookback).length < policy.maxAttempts;
}

function record(rt: SwarmRuntime, service: SwarmService, replacement: SwarmTask): void {
	const policy = restartPolicy(replacement.Spec);
	if (policy.maxAttempts === 0) return;
	const key = historyKey(service, replacement);
	let h = rt.state.history[key];
	if (h === undefined || h.specVersion !== replacement.SpecVersion.Index) {
		h = { specVersion: replacement.SpecVersion.Index, total: 0, times: [] };
		rt.state.history[key] = h;
	}
	h.total++;
	if (policy.windowMs > 0) h.times.push(rt.kernel.now);
}

/** Restart: shut `t` down and, when the policy allows, start its replacement (delayed). */
export function restartTask(rt: SwarmRuntime, service: SwarmService, t: SwarmTask): void {
	// The old task is itself a delayed start still waiting: let that delay finish first.
	if (rt.state.restarts[t.ID] !== undefined) return;
	if (!wantsToRun(t)) return;
	const stopped = setDesired(rt, t, 'shutdown');
	if (!shouldRestart(rt, service, stopped)) return;
	const node = nodeById(rt, t.NodeID);
	const replacement = newTask(
		rt,
		service,
		isGlobal(service.Spec) ? undefined : t.Slot,
		isGlobal(service.Spec) ? t.NodeID : '',
		'ready'
	);
	record(rt, service, replacement);
	const delay = node?.Spec.Availability === 'drain' ? 0 : restartPolicy(t.Spec).delayMs;
	const waitStop = !(node?.Status.State === 'down' || stateValue(t.Status.State) > RUNNING);
	delayStart(rt, replacement.ID, t.ID, delay, waitStop);
}

/** DelayStart: the replacement moves to RUNNING after `delayMs` (and the old task's stop). */
export function delayStart(
	rt: SwarmRuntime,
	newTaskId: string,
	oldTaskId: string | undefined,
	delayMs: number,
	waitStop: boolean
): void {
	const now = rt.kernel.now;
	rt.state.restarts[newTaskId] = {
		...(oldTaskId !== undefined ? { oldTaskId } : {}),
		readyAt: now + delayMs,
		waitStop,
		deadline: now + delayMs + OLD_TASK_TIMEOUT_MS
	};
	rt.kernel.at(now + delayMs, 'swarm.reconcile.at', null);
	if (waitStop) rt.kernel.at(now + delayMs + OLD_TASK_TIMEOUT_MS, 'swarm.reconcile.at', null);
}

/** Starts every delayed task whose time (and old task) has come: StartNow. */
export function startDue(rt: SwarmRuntime): void {
	const k = rt.kernel;
	for (const [id, d] of Object.entries(rt.state.restarts)) {
		if (k.now < d.readyAt) continue;
		if (d.waitStop && k.now < d.deadline && d.oldTaskId !== undefined) {
			const old = k.store.get<SwarmTask>(SWARM_TASKS, d.oldTaskId);
			const node = old === undefined ? undefined : nodeById(rt, old.NodeID);
			const running = old !== undefined && stateValue(old.Status.State) <= RUNNING;
			if (running && node?.Status.State !== 'down') continue;
		}
		delete rt.state.restarts[id];
		const t = k.store.get<SwarmTask>(SWARM_TASKS, id);
		if (t !== undefined && stateValue(t.DesiredState) < RUNNING) {
			// A job's replacement runs to completion like the task it replaces.
			const service = k.store.get<SwarmService>(SWARM_SERVICES, t.ServiceID);
			const desired = service !== undefined && isJob(service.Spec) ? 'complete' : 'running';
			updateTask(rt, t, (x) => ({ ...x, DesiredState: desired }));
		}
	}
}
