/**
 * Rolling updates and rollbacks (moby/swarmkit manager/orchestrator/update/updater.go;
 * facts §2.6). When a service's task spec changes, the slots whose tasks run the old spec are
 * updated `parallelism` at a time (0 = all at once): stop-first shuts the old task down and
 * starts the new one once it has stopped; start-first starts the new one and stops the old
 * once the new one runs. A worker waits for its new task to run (or fail), then `delay`, then
 * takes the next slot. A new task that fails before it runs, or within `monitor` after it
 * started, is a failure; when failures / updated slots exceed `max_failure_ratio` the failure
 * action fires: pause (UpdateStatus paused until the next update), continue, or rollback (the
 * previous spec comes back and is rolled out with the rollback config; a rollback that fails
 * pauses). After the last worker's delay the updater watches for one more monitor period (or
 * delay + 1 s when the delay is not shorter), then marks the update completed.
 */
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	stateValue,
	type SwarmService,
	type SwarmTask
} from './objects';
import { delayStart } from './restart';
import { apiTime, apiTimeMs, type SwarmRuntime, type UpdateRun } from './runtime';
import { isGlobal, specsDiffer, updatePolicy } from './service-spec';
import { newTask, setDesired } from './tasks';

const RUNNING = stateValue('running');

function slotKey(t: SwarmTask): string {
	return t.Slot !== undefined ? String(t.Slot) : t.NodeID;
}

function runnableBySlot(rt: SwarmRuntime, serviceId: string): Map<string, SwarmTask[]> {
	const slots = new Map<string, SwarmTask[]>();
	for (const t of rt.kernel.store.list<SwarmTask>(SWARM_TASKS)) {
		if (t.ServiceID !== serviceId || stateValue(t.DesiredState) > RUNNING) continue;
		const list = slots.get(slotKey(t)) ?? [];
		list.push(t);
		slots.set(slotKey(t), list);
	}
	return slots;
}

function dirtySlots(rt: SwarmRuntime, service: SwarmService): string[] {
	const out: string[] = [];
	for (const [slot, tasks] of runnableBySlot(rt, service.ID)) {
		if (tasks.some((t) => specsDiffer(t.Spec, service.Spec.TaskTemplate))) out.push(slot);
	}
	return out.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function setStatus(
	rt: SwarmRuntime,
	service: SwarmService,
	status: SwarmService['UpdateStatus']
): SwarmService {
	const k = rt.kernel;
	return k.store.put<SwarmService>(SWARM_SERVICES, service.ID, (rv) => {
		const next: SwarmService = { ...service, Version: { Index: rv }, UpdatedAt: apiTime(k.now) };
		if (status === undefined) delete next.UpdateStatus;
		else next.UpdateStatus = status;
		return next;
	});
}

function startRun(rt: SwarmRuntime, service: SwarmService, slots: string[]): UpdateRun {
	const rollback = service.UpdateStatus?.State === 'rollback_started';
	const p = updatePolicy(service.Spec, rollback);
	const run: UpdateRun = {
		version: service.Version.Index,
		rollback,
		parallelism: p.parallelism,
		delayMs: p.delayMs,
		monitorMs: p.monitorMs,
		// A rollback is never rolled back (updater.go): its failure action is pause or continue.
		failureAction: rollback && p.failureAction === 'rollback' ? 'pause' : p.failureAction,
		maxFailureRatio: p.maxFailureRatio,
		order: p.order,
		queue: slots,
		workers: [],
		dirty: slots.length,
		created: {},
		failures: []
	};
	rt.state.updates[service.ID] = run;
	const now = apiTime(rt.kernel.now);
	if (!rollback) {
		setStatus(rt, service, { State: 'updating', StartedAt: now, Message: 'update in progress' });
	}
	rt.kernel.emit(
		rollback ? 'swarm.service.rollback' : 'swarm.service.updating',
		`service/${service.Spec.Name}`,
		`Service ${service.Spec.Name}: ${rollback ? 'rollback' : 'update'} started (${slots.length} tasks).`
	);
	return run;
}

/** One step of the service's update, if one is due or running. */
export function advanceUpdate(rt: SwarmRuntime, service: SwarmService): void {
	let run = rt.state.updates[service.ID];
	const state = service.UpdateStatus?.State;
	if (run === undefined) {
		if (state === 'paused' || state === 'rollback_paused') return;
		// Tasks only become dirty when the service's spec changes, which bumps its version.
		if (rt.state.updateChecked[service.ID] === service.Version.Index) return;
		rt.state.updateChecked[service.ID] = service.Version.Index;
		const slots = dirtySlots(rt, service);
		if (slots.length === 0) {
			if (state === 'rollback_started') finish(rt, service, true);
			return;
		}
		run = startRun(rt, service, slots);
	}
	const k = rt.kernel;
	const latest = k.store.get<SwarmService>(SWARM_SERVICES, service.ID) ?? service;
	if (detectFailure(rt, latest, run)) return;
	// Workers whose new task runs (or ended) are free after the delay.
	run.workers = run.workers.filter((w) => {
		const t = k.store.get<SwarmTask>(SWARM_TASKS, w.taskId);
		const observed = t === undefined ? Infinity : stateValue(t.Status.State);
		if (observed < RUNNING) return true;
		if (run.order === 'start-first' && observed === RUNNING) {
			for (const id of w.oldIds) {
				const old = k.store.get<SwarmTask>(SWARM_TASKS, id);
				if (old !== undefined) setDesired(rt, old, 'shutdown');
			}
		}
		if (w.freeAt === undefined) {
			w.freeAt = k.now + run.delayMs;
			if (run.delayMs > 0) k.at(w.freeAt, 'swarm.reconcile.at', null);
		}
		return k.now < w.freeAt;
	});
	const limit = run.parallelism === 0 ? Infinity : run.parallelism;
	while (run.workers.length < limit && run.queue.length > 0) {
		const slot = run.queue.shift()!;
		const current = runnableBySlot(rt, service.ID).get(slot) ?? [];
		if (!current.some((t) => specsDiffer(t.Spec, latest.Spec.TaskTemplate))) continue;
		const global = isGlobal(latest.Spec);
		const startFirst = run.order === 'start-first';
		const fresh = newTask(
			rt,
			latest,
			global ? undefined : Number(slot),
			global ? slot : '',
			startFirst ? 'running' : 'ready'
		);
		run.created[fresh.ID] = -1;
		if (!startFirst) {
			for (const t of current) setDesired(rt, t, 'shutdown');
			delayStart(rt, fresh.ID, current[0]?.ID, 0, true);
		}
		run.workers.push({ slot, taskId: fresh.ID, oldIds: current.map((t) => t.ID) });
	}
	if (run.queue.length > 0 || run.workers.length > 0) return;
	if (run.doneAt === undefined) {
		// updater.go: one more monitor period, or delay + 1 s when the delay is not shorter.
		run.doneAt = k.now + (run.delayMs >= run.monitorMs ? run.delayMs + 1_000 : run.monitorMs);
		k.at(run.doneAt, 'swarm.reconcile.at', null);
		return;
	}
	if (k.now >= run.doneAt) finish(rt, latest, run.rollback);
}

function finish(rt: SwarmRuntime, service: SwarmService, rollback: boolean): void {
	delete rt.state.updates[service.ID];
	const now = apiTime(rt.kernel.now);
	setStatus(rt, service, {
		State: rollback ? 'rollback_completed' : 'completed',
		...(service.UpdateStatus?.StartedAt !== undefined
			? { StartedAt: service.UpdateStatus.StartedAt }
			: {}),
		CompletedAt: now,
		Message: rollback ? 'rollback completed' : 'update completed'
	});
	rt.kernel.emit(
		'swarm.service.updated',
		`service/${service.Spec.Name}`,
		`Service ${service.Spec.Name}: ${rollback ? 'rollback' : 'update'} completed.`
	);
}

/**
 * Counts failures of the tasks this run created (updater.go failureTriggersAction): one that
 * ended before it ran, or within the monitor period after it started. True when the failure
 * action stopped the run.
 */
function detectFailure(rt: SwarmRuntime, service: SwarmService, run: UpdateRun): boolean {
	const k = rt.kernel;
	// With failure action continue, updater.go does not even watch for failures.
	if (run.failureAction === 'continue') return false;
	for (const id of Object.keys(run.created)) {
		const t = k.store.get<SwarmTask>(SWARM_TASKS, id);
		if (t === undefined) continue;
		const started = run.created[id]!;
		const observed = stateValue(t.Status.State);
		if (observed === RUNNING && started === -1) run.created[id] = apiTimeMs(t.Status.Timestamp);
		if (observed <= RUNNING || run.failures.includes(id)) continue;
		// It ended after running longer than the monitor period: not the update's fault.
		if (started !== -1 && apiTimeMs(t.Status.Timestamp) - started > run.monitorMs) continue;
		run.failures.push(id);
		if (run.failures.length / Math.max(1, run.dirty) <= run.maxFailureRatio) continue;
		delete rt.state.updates[service.ID];
		const why = `due to failure or early termination of task ${id}`;
		if (run.failureAction === 'rollback' && !run.rollback && service.PreviousSpec !== undefined) {
			// rollbackUpdate: the previous spec comes back and is cleared.
			k.store.put<SwarmService>(SWARM_SERVICES, service.ID, (rv) => {
				const next: SwarmService = {
					...service,
					Version: { Index: rv },
					UpdatedAt: apiTime(k.now),
					Spec: service.PreviousSpec!,
					UpdateStatus: {
						...(service.UpdateStatus ?? { Message: '' }),
						State: 'rollback_started',
						Message: `update rolled back ${why}`
					}
				};
				delete next.PreviousSpec;
				return next;
			});
			k.emit(
				'swarm.service.rollback',
				`service/${service.Spec.Name}`,
				`Service ${service.Spec.Name}: update rolled back ${why}.`
			);
		} else {
			// pauseUpdate keeps StartedAt and changes only the state and the message.
			const what = run.rollback ? 'rollback' : 'update';
			setStatus(rt, service, {
				...(service.UpdateStatus ?? { Message: '' }),
				State: run.rollback ? 'rollback_paused' : 'paused',
				Message: `${what} paused ${why}`
			});
			k.emit(
				'swarm.service.paused',
				`service/${service.Spec.Name}`,
				`Service ${service.Spec.Name}: ${what} paused ${why}.`
			);
		}
		return true;
	}
	return false;
}
