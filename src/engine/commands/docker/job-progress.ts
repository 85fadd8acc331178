/**
 * The progress of a job service (docker/cli cli/command/service/progress/progress.go
 * replicatedJobProgressUpdater, globalJobProgressUpdater): `job progress: N out of T complete`
 * with a bar of completed tasks, a replicated job's `active tasks` line, and one line a task
 * whose bar fills at COMPLETE (maxJobProgress = 10).
 */
import type { SwarmTask } from '../../swarm/objects';
import {
	Frame,
	LONGEST_STATE,
	MAX_PROGRESS_BARS,
	numbered,
	truncError,
	type Updater
} from './service-progress';

/** progress.go maxJobProgress: numberedStates[complete]. */
const MAX_JOB_PROGRESS = 10;

/** The task with the lower observed state wins its key (tasksBySlot / tasksByNodeID). */
function lowest(
	tasks: readonly SwarmTask[],
	key: (t: SwarmTask) => string
): Map<string, SwarmTask> {
	const out = new Map<string, SwarmTask>();
	for (const t of tasks) {
		if (numbered(t.DesiredState) === 0 || numbered(t.Status.State) === 0) continue;
		const existing = out.get(key(t));
		if (existing === undefined || numbered(existing.Status.State) > numbered(t.Status.State))
			out.set(key(t), t);
	}
	return out;
}

function jobTaskLine(frame: Frame, id: string, t: SwarmTask): void {
	if (t.Status.Err !== undefined && t.Status.Err !== '') frame.action(id, truncError(t.Status.Err));
	else
		frame.action(
			id,
			t.Status.State.padEnd(LONGEST_STATE),
			numbered(t.Status.State),
			MAX_JOB_PROGRESS
		);
}

/** `%*d`: the number right-aligned in `width`. */
const pad = (n: number, width: number) => String(n).padStart(width);

export function replicatedJobUpdater(
	frame: Frame,
	job: { MaxConcurrent?: number; TotalCompletions?: number }
): Updater {
	const concurrent = job.MaxConcurrent ?? 1;
	const total = job.TotalCompletions ?? concurrent;
	const progressDigits = String(total).length;
	const activeDigits = String(concurrent).length;
	let initialized = false;
	const overallLines = (active: number, completed: number) => {
		frame.action(
			'job progress',
			`${pad(completed, progressDigits)} out of ${total} complete`,
			completed,
			total
		);
		const desired = Math.min(total - completed, concurrent);
		frame.action(
			'active tasks',
			`${pad(active, activeDigits)} out of ${pad(desired, activeDigits)} tasks`
		);
	};
	return {
		update(_service, tasks) {
			if (!initialized) {
				overallLines(0, 0);
				if (total <= MAX_PROGRESS_BARS) {
					for (let i = 1; i <= total; i++) frame.action(`${i}/${total}`, ' ');
				}
				initialized = true;
			}
			const bySlot = lowest(tasks, (t) => String(t.Slot ?? 0));
			let active = 0;
			let complete = 0;
			// progress.go walks slots 0…len-1.
			for (let slot = 0; slot < bySlot.size; slot++) {
				const t = bySlot.get(String(slot));
				if (t === undefined) continue;
				if (total <= MAX_PROGRESS_BARS) jobTaskLine(frame, `${slot + 1}/${total}`, t);
				if (numbered(t.Status.State) < numbered('complete')) active++;
				if (t.Status.State === 'complete') complete++;
			}
			overallLines(active, complete);
			return complete === total;
		}
	};
}

export function globalJobUpdater(frame: Frame): Updater {
	let nodes: Set<string> | undefined;
	let total = 0;
	const overallLine = (complete: number) =>
		frame.action(
			'job progress',
			`${pad(complete, String(total).length)} out of ${total} complete`,
			complete,
			total
		);
	return {
		update(_service, tasks, active) {
			if (nodes === undefined) {
				if (tasks.length === 0 && active.size !== 0) {
					frame.action('job progress', 'waiting for tasks');
					return false;
				}
				nodes = new Set(tasks.map((t) => t.NodeID));
				total = nodes.size;
				overallLine(0);
			}
			const byNode = lowest(
				tasks.filter((t) => nodes!.has(t.NodeID)),
				(t) => t.NodeID
			);
			let complete = 0;
			for (const [node, t] of byNode) {
				if (total <= MAX_PROGRESS_BARS) jobTaskLine(frame, node, t);
				if (t.Status.State === 'complete') complete++;
			}
			overallLine(complete);
			return complete === total;
		}
	};
}
