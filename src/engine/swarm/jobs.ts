/**
 * The job orchestrators (moby/swarmkit manager/orchestrator/jobs, Docker ≥ 20.10): a job's
 * tasks are made with desired state COMPLETE and run to their end.
 *
 * - Replicated job (jobs/replicated/reconciler.go): every task gets its own slot, from 0 up to
 *   TotalCompletions-1; at most MaxConcurrent are in progress, and new ones are made until
 *   TotalCompletions tasks have completed. A failed task is restarted in its slot by the
 *   restart supervisor (./restart.ts) and counts as in progress meanwhile.
 * - Global job (jobs/global/reconciler.go): one task on every node that can run it, once.
 */
import { constraintsOrNone, nodeMatches } from './constraints';
import type { SwarmNode } from './node-object';
import { stateValue, wantsToRun, type SwarmService } from './objects';
import { invalidNode } from './orchestrator';
import type { SwarmRuntime } from './runtime';
import { newTask, setDesired, tasksOf } from './tasks';

const RUNNING = stateValue('running');

export function reconcileJob(rt: SwarmRuntime, service: SwarmService, nodes: SwarmNode[]): void {
	const mode = service.Spec.Mode;
	const all = tasksOf(rt, service.ID);
	// Each change of the spec starts a new run (the service's JobIteration); tasks of an older
	// run that still go are removed (reconciler.go removeTasks).
	for (const t of all) {
		const older = t.SpecVersion.Index !== service.Version.Index;
		if (older && stateValue(t.Status.State) <= RUNNING && t.DesiredState !== 'remove')
			setDesired(rt, t, 'remove');
	}
	const tasks = all.filter((t) => t.SpecVersion.Index === service.Version.Index);
	if ('GlobalJob' in mode) {
		const constraints = constraintsOrNone(service.Spec.TaskTemplate.Placement?.Constraints ?? []);
		for (const node of nodes) {
			if (invalidNode(node) || node.Spec.Availability !== 'active') continue;
			if (!nodeMatches(constraints, node) || tasks.some((t) => t.NodeID === node.ID)) continue;
			newTask(rt, service, undefined, node.ID, 'complete');
		}
		return;
	}
	if (!('ReplicatedJob' in mode)) return;
	const total = mode.ReplicatedJob.TotalCompletions ?? 1;
	const maxConcurrent = mode.ReplicatedJob.MaxConcurrent ?? 1;
	let complete = 0;
	let running = 0;
	const slots = new Set<number>();
	for (const t of tasks) {
		const slot = t.Slot ?? 0;
		if (t.Status.State === 'complete') {
			complete++;
			slots.add(slot);
		} else if (wantsToRun(t)) {
			running++;
			slots.add(slot);
		}
	}
	const create = Math.min(maxConcurrent - running, total - complete - running);
	for (let made = 0, slot = 0; made < create && slot < total; slot++) {
		if (slots.has(slot)) continue;
		newTask(rt, service, slot, '', 'complete');
		made++;
	}
}
