/**
 * The Job controller (pkg/controller/job/job_controller.go, v1.35 behaviour):
 *
 * - pods carry the `batch.kubernetes.io/job-tracking` finalizer; a finished pod is counted in
 *   status.succeeded / status.failed once, and the finalizer is removed (JobTrackingWithFinalizers);
 * - up to `parallelism` pods run while completions remain (wantActive); a pod being deleted no
 *   longer counts as active and is replaced at once (podReplacementPolicy TerminatingOrFailed);
 * - after a failure the next pod waits 10 s, 20 s, 40 s … capped at 10 min (backoffRecord);
 * - restartPolicy Never: a failed pod counts against backoffLimit (failed > backoffLimit ends the
 *   Job); OnFailure: the container restarts of running pods do (pastBackoffLimitOnFailure);
 * - a finished Job first gets SuccessCriteriaMet / FailureTarget, and Complete / Failed once no
 *   pod is left terminating (delayTerminalCondition: JobPodReplacementPolicy is GA);
 * - activeDeadlineSeconds, counted from status.startTime: past it the Job fails with reason
 *   DeadlineExceeded and its running pods are deleted (pastActiveDeadline);
 * - suspend: a suspended Job deletes its running pods (without counting them as failed:
 *   deleteJobPods removes their finalizer first) and creates none; the Suspended condition goes
 *   True (JobSuspended) and back to False (JobResumed), and resuming restarts the deadline clock
 *   (status.startTime = now);
 * - completionMode Indexed: see ./job-indexes; podFailurePolicy: see ./job-failure-policy.
 *
 * Its lifecycle (./job-lifecycle.machine) lives in the Job's own conditions, so a checkpoint
 * of the store restores it.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { LAB_EPOCH_MS, rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { JOBS, PODS, key, splitKey } from '../api/collections';
import { JOB_MAX_POD_FAILURE_BACKOFF_MS, JOB_POD_FAILURE_BACKOFF_MS } from '../defaults';
import {
	completionIndexOf,
	formatIndexes,
	indexedPod,
	isIndexed,
	parseIndexes,
	pendingIndexes
} from './job-indexes';
import { isReady, isTerminating, podNamespace } from '../pods';
import {
	CONDITION_OF,
	nextJobPhase,
	phaseOf,
	type JobEvent,
	type JobPhase
} from './job-lifecycle.machine';
import { matchPodFailurePolicy } from './job-failure-policy';
import { WorkQueue } from './work-queue';
import { RetryBackoff } from './retry-backoff';
import { JOB_API_BACKOFF_MS, JOB_MAX_API_BACKOFF_MS } from '../defaults';
import {
	copyOf,
	createPodFromTemplate,
	deleteControlledPod,
	involved,
	type WorkloadKind
} from './workload-pods';

const KIND: WorkloadKind = { kind: 'Job', apiVersion: 'batch/v1', source: 'job-controller' };

/** batch.JobTrackingFinalizer. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

const COMPLETIONS_REACHED = {
	reason: 'CompletionsReached',
	message: 'Reached expected number of succeeded pods'
};
const BACKOFF_LIMIT_EXCEEDED = {
	reason: 'BackoffLimitExceeded',
	message: 'Job has reached the specified backoff limit'
};
const DEADLINE_EXCEEDED = {
	reason: 'DeadlineExceeded',
	message: 'Job was active longer than specified deadline'
};

export class JobController {
	private readonly queue: WorkQueue;
	/** The queue's rate limiter: DefaultJobApiBackOff (1 s) to MaxJobApiBackOff (1 min). */
	private readonly retries: RetryBackoff;
	/** The API server's refusal of a pod this sync tried to create (manageJob's error). */
	private refused: string | undefined;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'job-controller', (k) => this.sync(k));
		this.retries = new RetryBackoff(
			kernel,
			'job-controller',
			JOB_API_BACKOFF_MS,
			JOB_MAX_API_BACKOFF_MS
		);
		kernel.store.watch<Job>(JOBS, (e) => {
			if (e.type !== 'DELETED') this.queue.add(e.key);
		});
		kernel.store.watch<Pod>(PODS, (e) => {
			const owner = e.object.metadata?.ownerReferences?.find((r) => r.controller === true);
			if (owner?.kind === 'Job') this.queue.add(key(podNamespace(e.object), owner.name));
		});
	}

	private sync(jobKey: string): void {
		const { namespace, name } = splitKey(jobKey);
		const job = this.api.get<Job>(JOBS, namespace, name);
		if (job === undefined || job.metadata?.deletionTimestamp !== undefined) {
			this.retries.forget(jobKey);
			return;
		}
		this.refused = undefined;
		const status: JobStatus = copyOf(job.status ?? {});
		const uid = job.metadata!.uid!;
		const phase = phaseOf(status.conditions);
		const decided = phase !== 'running' && phase !== 'suspended';
		// Once the Job has failed, pods still being deleted count as failed too; once it has
		// succeeded, they do not (trackJobStatusAndRemoveFinalizers).
		const succeeded = phase === 'success-criteria-met' || phase === 'complete';
		const failJob = this.countFinished(job, this.api.pods.ownedBy(uid), status, succeeded);
		// A Job created suspended has no start time until it is resumed.
		if (job.spec?.suspend !== true) status.startTime ??= rfc3339(this.kernel.now);
		if (!decided)
			this.reconcile(job, status, this.api.pods.ownedBy(uid).filter(isActivePod), failJob);
		const pods = this.api.pods.ownedBy(uid);
		const active = pods.filter(isActivePod);
		const terminating = pods.filter((p) => isTerminating(p) && !isFinished(p)).length;
		status.active = active.length;
		status.ready = active.filter(isReady).length;
		status.terminating = terminating;
		status.uncountedTerminatedPods ??= {};
		this.finish(job, status, terminating);
		if (status.active === 0) delete status.active;
		if (JSON.stringify(job.status ?? {}) !== JSON.stringify(status))
			this.api.update<Job>(JOBS, { ...job, status });
		// syncJob returns manageJob's error: the key is requeued with backoff (AddRateLimited).
		if (this.refused !== undefined) this.queue.add(jobKey, this.retries.when(jobKey));
		else this.retries.forget(jobKey);
	}

	/** trackJobStatusAndRemoveFinalizers: each finished pod is counted once. */
	/** Returns the message of a podFailurePolicy FailJob rule that a failed pod matched. */
	private countFinished(
		job: Job,
		pods: Pod[],
		status: JobStatus,
		jobSucceeded: boolean
	): string | undefined {
		let failJob: string | undefined;
		// Indexed: succeeded counts indexes, not pods (calculateSucceededIndexes).
		const completions = job.spec?.completions ?? 1;
		const indexes = isIndexed(job) ? parseIndexes(status.completedIndexes, completions) : null;
		for (const pod of pods) {
			if (!(pod.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) continue;
			const phase = pod.status?.phase;
			const ix = completionIndexOf(pod);
			if (phase === 'Succeeded') {
				if (indexes === null) status.succeeded = (status.succeeded ?? 0) + 1;
				else if (ix !== undefined && ix < completions) indexes.add(ix);
			} else if (phase === 'Failed' || (isTerminating(pod) && !jobSucceeded)) {
				const verdict = matchPodFailurePolicy(job, pod);
				failJob ??= verdict.failJob;
				if (verdict.counts) status.failed = (status.failed ?? 0) + 1;
			} else if (!isTerminating(pod)) continue;
			this.api.update<Pod>(PODS, {
				...pod,
				metadata: {
					...pod.metadata,
					finalizers: pod.metadata!.finalizers!.filter((f) => f !== JOB_TRACKING_FINALIZER)
				}
			});
		}
		if (indexes !== null && indexes.size > 0) {
			status.completedIndexes = formatIndexes(indexes);
			status.succeeded = indexes.size;
		}
		return failJob;
	}

	/** Decides whether the Job is done, failed, or needs more pods (syncJob + manageJob). */
	private reconcile(job: Job, status: JobStatus, active: Pod[], failJob?: string): void {
		const spec = job.spec!;
		const succeeded = status.succeeded ?? 0;
		const failed = status.failed ?? 0;
		const backoffLimit = spec.backoffLimit ?? 6;
		// syncJob's order: a FailJob rule, then backoffLimit, then the deadline.
		let failure: { reason: string; message: string } | undefined;
		if (failJob !== undefined) failure = { reason: 'PodFailurePolicy', message: failJob };
		else if (failed > backoffLimit || pastBackoffLimitOnFailure(job, active))
			failure = BACKOFF_LIMIT_EXCEEDED;
		else if (this.pastActiveDeadline(job, status)) failure = DEADLINE_EXCEEDED;
		if (failure !== undefined) {
			this.advance(status, { type: 'FAILED' }, failure);
			for (const pod of active) deleteControlledPod(this.kernel, this.api, KIND, job, pod);
			return;
		}
		const deadline = spec.activeDeadlineSeconds;
		if (deadline !== undefined && deadline !== null && spec.suspend !== true && status.startTime) {
			// Sync again when the deadline passes.
			const left = deadline * 1000 - (this.kernel.now - labMs(status.startTime));
			if (left > 0) this.queue.add(key(job.metadata!.namespace!, job.metadata!.name!), left);
		}
		const completions = spec.completions;
		const complete =
			completions === undefined || completions === null
				? succeeded > 0 && active.length === 0
				: succeeded >= completions;
		if (complete) {
			this.advance(status, { type: 'SUCCEEDED' }, COMPLETIONS_REACHED);
			// Pods still running once the completions are reached are not needed any more.
			for (const pod of active) deleteControlledPod(this.kernel, this.api, KIND, job, pod);
			return;
		}
		if (spec.suspend === true) {
			for (const pod of active) this.deleteUncounted(job, pod);
			this.setSuspended(job, status, true);
			return;
		}
		this.setSuspended(job, status, false);
		const parallelism = spec.parallelism ?? 1;
		let want: number;
		if (completions === undefined || completions === null)
			want = succeeded > 0 ? active.length : parallelism;
		else want = Math.max(0, Math.min(parallelism, completions - succeeded));
		if (active.length > want) {
			for (const pod of [...active].reverse().slice(0, active.length - want))
				this.deleteUncounted(job, pod);
			return;
		}
		if (active.length === want) return;
		const wait = this.backoffRemaining(job);
		if (wait > 0) {
			this.queue.add(key(job.metadata!.namespace!, job.metadata!.name!), wait);
			return;
		}
		if (isIndexed(job)) {
			const succeededIndexes = parseIndexes(status.completedIndexes, completions ?? 1);
			for (const index of pendingIndexes(
				want - active.length,
				completions ?? 1,
				succeededIndexes,
				active
			)) {
				const pod = createPodFromTemplate(this.api, KIND, job, spec.template, {
					...indexedPod(job, index),
					finalizers: [JOB_TRACKING_FINALIZER]
				});
				if (!this.created(pod)) return;
			}
			return;
		}
		for (let i = active.length; i < want; i++) {
			const pod = createPodFromTemplate(this.api, KIND, job, spec.template, {
				finalizers: [JOB_TRACKING_FINALIZER]
			});
			if (!this.created(pod)) return;
		}
	}

	/**
	 * manageJob creates in slow-start batches (1, 2, 4 …) and stops after a batch with a failure:
	 * a refused pod ends the creations, and its error fails the sync.
	 */
	private created(pod: Pod | { refused: string }): boolean {
		if (!('refused' in pod)) return true;
		this.refused = pod.refused;
		return false;
	}

	/** pastActiveDeadline: running (not suspended) for activeDeadlineSeconds or longer. */
	private pastActiveDeadline(job: Job, status: JobStatus): boolean {
		const deadline = job.spec?.activeDeadlineSeconds;
		if (deadline === undefined || deadline === null || job.spec?.suspend === true) return false;
		if (status.startTime === undefined) return false;
		return this.kernel.now - labMs(status.startTime) >= deadline * 1000;
	}

	/**
	 * deleteJobPods: the tracking finalizer comes off first, so a pod deleted because the Job
	 * was suspended or scaled down is not counted as failed.
	 */
	private deleteUncounted(job: Job, pod: Pod): void {
		const untracked = this.api.update<Pod>(PODS, {
			...pod,
			metadata: {
				...pod.metadata,
				finalizers: (pod.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER)
			}
		});
		deleteControlledPod(this.kernel, this.api, KIND, job, untracked);
	}

	/**
	 * ensureJobConditionStatus for Suspended: True (JobSuspended) when suspended, back to False
	 * (JobResumed) when resumed, with the Suspended / Resumed events; resuming restarts the
	 * deadline clock. A Job never suspended gets no condition.
	 */
	private setSuspended(job: Job, status: JobStatus, suspended: boolean): void {
		const from = phaseOf(status.conditions);
		const to = nextJobPhase(from, { type: suspended ? 'SUSPEND' : 'RESUME' });
		if (to === from) return;
		const at = rfc3339(this.kernel.now);
		const condition: JobCondition = {
			type: 'Suspended',
			status: suspended ? 'True' : 'False',
			lastProbeTime: at,
			lastTransitionTime: at,
			reason: suspended ? 'JobSuspended' : 'JobResumed',
			message: suspended ? 'Job suspended' : 'Job resumed'
		};
		const others = (status.conditions ?? []).filter((c) => c.type !== 'Suspended');
		const i = (status.conditions ?? []).findIndex((c) => c.type === 'Suspended');
		status.conditions =
			i < 0 ? [...others, condition] : status.conditions!.map((c, j) => (j === i ? condition : c));
		if (!suspended) status.startTime = at;
		this.api.events.record(involved(KIND, job), {
			type: 'Normal',
			reason: suspended ? 'Suspended' : 'Resumed',
			message: suspended ? 'Job suspended' : 'Job resumed',
			source: KIND.source
		});
	}

	/**
	 * backoffRecord.getRemainingTime: 10 s × 2^(failures after the last success − 1), capped at
	 * 10 min, counted from the last failure.
	 */
	private backoffRemaining(job: Job): number {
		const pods = this.api.pods.ownedBy(job.metadata!.uid!);
		const lastSuccess = Math.max(
			-1,
			...pods.filter((p) => p.status?.phase === 'Succeeded').map(finishedAt)
		);
		// Pods the controller deleted (suspend, scale-down) do not back the Job off.
		const failures = pods
			.filter((p) => p.status?.phase === 'Failed' && p.metadata?.deletionTimestamp === undefined)
			.map(finishedAt)
			.filter((t) => t > lastSuccess);
		if (failures.length === 0) return 0;
		let backoff = JOB_POD_FAILURE_BACKOFF_MS;
		for (let i = 1; i < failures.length && backoff < JOB_MAX_POD_FAILURE_BACKOFF_MS; i++)
			backoff = Math.min(backoff * 2, JOB_MAX_POD_FAILURE_BACKOFF_MS);
		return Math.max(0, backoff - (this.kernel.now - Math.max(...failures)));
	}

	/** enactJobFinished: the terminal condition once no pod is terminating any more. */
	private finish(job: Job, status: JobStatus, terminating: number): void {
		if (terminating > 0) return;
		const phase = this.advance(status, { type: 'PODS_TERMINATED' }, undefined);
		if (phase !== 'complete' && phase !== 'failed') return;
		const success = phase === 'complete';
		if (success) status.completionTime = rfc3339(this.kernel.now);
		const failedCondition = status.conditions?.find((c) => c.type === 'Failed');
		const detail = success
			? COMPLETIONS_REACHED
			: {
					reason: failedCondition?.reason ?? BACKOFF_LIMIT_EXCEEDED.reason,
					message: failedCondition?.message ?? BACKOFF_LIMIT_EXCEEDED.message
				};
		this.api.events.record(involved(KIND, job), {
			type: success ? 'Normal' : 'Warning',
			reason: success ? 'Completed' : detail.reason,
			message: success ? 'Job completed' : detail.message,
			source: KIND.source
		});
		this.kernel.emit(
			success ? 'job.completed' : 'job.failed',
			`job/${job.metadata!.name}`,
			success
				? `Job ${job.metadata!.name} completed.`
				: `Job ${job.metadata!.name} failed: ${detail.message}.`
		);
	}

	/**
	 * Moves the Job along its lifecycle (./job-lifecycle.machine) and adds the condition of the
	 * new phase, with the reason and message of the one before it when none is given. Returns
	 * the new phase when it changed, else undefined.
	 */
	private advance(
		status: JobStatus,
		event: JobEvent,
		detail: { reason: string; message: string } | undefined
	): JobPhase | undefined {
		const from = phaseOf(status.conditions);
		const to = nextJobPhase(from, event);
		if (to === from || to === 'running' || to === 'suspended') return undefined;
		const previous = status.conditions?.find(
			(c) => c.type === CONDITION_OF[from as keyof typeof CONDITION_OF]
		);
		this.setCondition(
			status,
			CONDITION_OF[to],
			detail ?? {
				reason: previous?.reason ?? '',
				message: previous?.message ?? ''
			}
		);
		return to;
	}

	private setCondition(
		status: JobStatus,
		type: string,
		detail: { reason: string; message: string }
	): void {
		if (status.conditions?.some((c) => c.type === type)) return;
		const at = rfc3339(this.kernel.now);
		const condition: JobCondition = {
			type,
			status: 'True',
			lastProbeTime: at,
			lastTransitionTime: at,
			reason: detail.reason,
			message: detail.message
		};
		status.conditions = [...(status.conditions ?? []), condition];
	}
}

function isFinished(pod: Pod): boolean {
	return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Not finished and not being deleted: it counts as active (TerminatingOrFailed). */
function isActivePod(pod: Pod): boolean {
	return !isTerminating(pod) && !isFinished(pod);
}

/** pastBackoffLimitOnFailure: container restarts of running and pending pods. */
function pastBackoffLimitOnFailure(job: Job, active: Pod[]): boolean {
	if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
	let restarts = 0;
	for (const pod of active) {
		if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
		for (const c of [
			...(pod.status?.initContainerStatuses ?? []),
			...(pod.status?.containerStatuses ?? [])
		])
			restarts += c.restartCount;
	}
	const limit = job.spec.backoffLimit ?? 6;
	return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** When a pod's last container finished (lab milliseconds). */
function finishedAt(pod: Pod): number {
	let latest = -1;
	for (const c of pod.status?.containerStatuses ?? []) {
		const t = c.state?.terminated?.finishedAt;
		if (t) latest = Math.max(latest, Date.parse(t) - LAB_EPOCH_MS);
	}
	return latest;
}

/** Lab milliseconds of an API timestamp. */
function labMs(timestamp: string): number {
	return Date.parse(timestamp) - LAB_EPOCH_MS;
}
