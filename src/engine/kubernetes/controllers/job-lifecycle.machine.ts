/**
 * A Job's lifecycle as the v1.35 Job controller walks it (job_controller.go; the terminal
 * condition is delayed until no pod is terminating, since JobPodReplacementPolicy is GA):
 *
 *   running ──SUCCEEDED──▶ success-criteria-met ──PODS_TERMINATED──▶ complete
 *   running ──FAILED─────▶ failure-target ───────PODS_TERMINATED──▶ failed
 *   running ◀──RESUME── suspended ◀──SUSPEND── running   (spec.suspend; the Suspended condition)
 *
 * A suspended Job has no pods and its activeDeadlineSeconds clock is stopped, but it can still
 * fail (backoffLimit, counted from the pods its suspension killed) or succeed.
 *
 * Each state after `running` is one condition of the Job (SuccessCriteriaMet, Complete,
 * FailureTarget, Failed), so the phase is read back from the stored Job and the machine is
 * driven purely (`transition` on a resolved snapshot): nothing but the Job itself to checkpoint.
 */
import { setup, transition, type SnapshotFrom } from 'xstate';

export type JobPhase =
	'running' | 'suspended' | 'success-criteria-met' | 'complete' | 'failure-target' | 'failed';

export type JobEvent =
	/** The completions are reached (or, without completions, a pod succeeded and none runs). */
	| { type: 'SUCCEEDED' }
	/** backoffLimit is exceeded, or activeDeadlineSeconds has passed. */
	| { type: 'FAILED' }
	/** spec.suspend became true. */
	| { type: 'SUSPEND' }
	/** spec.suspend became false. */
	| { type: 'RESUME' }
	/** No pod of the Job is terminating any more. */
	| { type: 'PODS_TERMINATED' };

export const jobLifecycle = setup({ types: { events: {} as JobEvent } }).createMachine({
	id: 'job',
	initial: 'running',
	states: {
		running: {
			on: { SUCCEEDED: 'success-criteria-met', FAILED: 'failure-target', SUSPEND: 'suspended' }
		},
		suspended: {
			on: { SUCCEEDED: 'success-criteria-met', FAILED: 'failure-target', RESUME: 'running' }
		},
		'success-criteria-met': { on: { PODS_TERMINATED: 'complete' } },
		'failure-target': { on: { PODS_TERMINATED: 'failed' } },
		complete: { type: 'final' },
		failed: { type: 'final' }
	}
});

const PHASES: readonly JobPhase[] = [
	'running',
	'suspended',
	'success-criteria-met',
	'complete',
	'failure-target',
	'failed'
];

const SNAPSHOTS = new Map<JobPhase, SnapshotFrom<typeof jobLifecycle>>(
	PHASES.map((phase) => [phase, jobLifecycle.resolveState({ value: phase, context: {} })])
);

/** The phase after `event`, or the same phase when the event means nothing there. */
export function nextJobPhase(phase: JobPhase, event: JobEvent): JobPhase {
	const [next] = transition(jobLifecycle, SNAPSHOTS.get(phase)!, event);
	return next.value as JobPhase;
}

/**
 * The Job condition each terminal or interim phase adds (batch/v1 JobConditionType). Suspended
 * is not here: its condition is set True and back to False, not only added.
 */
export const CONDITION_OF: Record<Exclude<JobPhase, 'running' | 'suspended'>, string> = {
	'success-criteria-met': 'SuccessCriteriaMet',
	complete: 'Complete',
	'failure-target': 'FailureTarget',
	failed: 'Failed'
};

/** Where a Job is, read from its True conditions (the furthest one wins). */
export function phaseOf(conditions: readonly { type: string; status: string }[] = []): JobPhase {
	const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
	if (has('Complete')) return 'complete';
	if (has('Failed')) return 'failed';
	if (has('SuccessCriteriaMet')) return 'success-criteria-met';
	if (has('FailureTarget')) return 'failure-target';
	if (has('Suspended')) return 'suspended';
	return 'running';
}
