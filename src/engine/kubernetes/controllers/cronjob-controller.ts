/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, v1.35 behaviour):
 *
 * - each sync first deletes the oldest finished Jobs beyond successfulJobsHistoryLimit /
 *   failedJobsHistoryLimit (cleanupFinishedJobs, oldest start time first), then reconciles
 *   status.active with the Jobs it owns (SawCompletedJob, MissingJob, UnexpectedJob) and sets
 *   lastSuccessfulTime from the newest Complete Job;
 * - unless suspended, it finds the most recent unmet schedule time (./cronjob-times), skips it
 *   past startingDeadlineSeconds (MissSchedule), with Forbid while a Job runs
 *   (JobAlreadyActive), deletes the running Jobs first with Replace, and creates the Job
 *   `<cronjob>-<minutes since epoch>` (SuccessfulCreate), then sets lastScheduleTime;
 * - it syncs again 100 ms after the next schedule time, on a kernel-queue timer (the work
 *   queue's AddAfter), whenever the CronJob changes, and whenever one of its Jobs does.
 *
 * Everything it knows lives in the store (CronJob status, Jobs) and its work queue, both of
 * which checkpoints copy, so time travel restores it.
 */
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { LAB_EPOCH_MS, MONTHS, WEEKDAYS, rfc3339 } from '../../core/time';
import { applyDefaults } from '../../manifests/defaults';
import type { ApiServer } from '../api/api-server';
import { objectRef, type Involved } from '../api/events';
import { CRONJOBS, JOBS, key, splitKey } from '../api/collections';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from '../defaults';
import { zoneError } from '../cron-schedule';
import {
	jobNameFor,
	mostRecentScheduleTime,
	nextScheduleDelay,
	parseCronJobSchedule,
	rfc3339In
} from './cronjob-times';
import { GarbageCollector } from './garbage-collector';
import { WorkQueue } from './work-queue';
import { copyOf } from './workload-pods';

const SOURCE = 'cronjob-controller';
const ORPHANS = 'cronjob-controller.orphans';

/** A finished Job's terminal condition (Complete or Failed), if it has one. */
export function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
	for (const c of job.status?.conditions ?? []) {
		if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
	}
	return undefined;
}

function ownerOf(job: Job): { kind: string; name: string; uid: string } | undefined {
	const ref = job.metadata?.ownerReferences?.find((r) => r.controller === true);
	return ref === undefined ? undefined : { kind: ref.kind, name: ref.name, uid: ref.uid };
}

/** byJobStartTime: start time ascending, Jobs never started last, then by name. */
function byStartTime(a: Job, b: Job): number {
	const x = a.status?.startTime;
	const y = b.status?.startTime;
	if (x === undefined && y !== undefined) return 1;
	if (x !== undefined && y === undefined) return -1;
	if (x === y) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
	return Date.parse(x!) - Date.parse(y!);
}

export class CronJobController {
	private readonly queue: WorkQueue;
	private readonly gc: GarbageCollector;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.gc = new GarbageCollector(kernel, api);
		this.queue = new WorkQueue(kernel, SOURCE, (k) => this.sync(k));
		kernel.store.watch<CronJob>(CRONJOBS, (e) => {
			if (e.type === 'DELETED') {
				// The garbage collector deletes the CronJob's Jobs (background propagation):
				// queued, since a watch callback must not write.
				kernel.after(0, ORPHANS, {
					namespace: e.object.metadata?.namespace ?? 'default',
					uid: e.object.metadata?.uid ?? ''
				});
				return;
			}
			this.onCronJobChange(e.key, e.object, e.previous);
		});
		kernel.store.watch<Job>(JOBS, (e) => {
			const owner = ownerOf(e.object);
			if (owner?.kind === 'CronJob')
				this.queue.add(key(e.object.metadata?.namespace ?? 'default', owner.name));
		});
		kernel.on(ORPHANS, (arg) => {
			const { namespace, uid } = arg as { namespace: string; uid: string };
			for (const job of this.api.list<Job>(JOBS, namespace))
				if (ownerOf(job)?.uid === uid) this.gc.delete(JOBS, namespace, job.metadata!.name!);
		});
	}

	/**
	 * updateCronJob: a new schedule or zone queues the sync for its next time; any other
	 * change (status included) syncs now.
	 */
	private onCronJobChange(k: string, cronJob: CronJob, previous: CronJob | undefined): void {
		const changedSchedule =
			previous !== undefined &&
			(previous.spec?.schedule !== cronJob.spec?.schedule ||
				previous.spec?.timeZone !== cronJob.spec?.timeZone);
		if (!changedSchedule) {
			this.queue.add(k);
			return;
		}
		const parsed = parseCronJobSchedule(cronJob);
		if (!parsed.ok) return;
		const delay = nextScheduleDelay(cronJob, this.wallNow(), parsed.schedule);
		if (delay !== undefined) this.queue.add(k, Math.max(1, delay));
	}

	private wallNow(): number {
		return LAB_EPOCH_MS + this.kernel.now;
	}

	private sync(cronJobKey: string): void {
		const { namespace, name } = splitKey(cronJobKey);
		const cronJob = this.api.get<CronJob>(CRONJOBS, namespace, name);
		if (cronJob === undefined || cronJob.metadata?.deletionTimestamp !== undefined) return;
		const uid = cronJob.metadata!.uid!;
		const jobs = this.api.list<Job>(JOBS, namespace).filter((j) => ownerOf(j)?.uid === uid);
		const status: CronJobStatus = copyOf(cronJob.status ?? {});
		const working: CronJob = { ...cronJob, status };
		this.cleanupFinishedJobs(working, jobs);
		const requeue = this.syncCronJob(working, jobs);
		if ((status.active ?? []).length === 0) delete status.active;
		if (JSON.stringify(cronJob.status ?? {}) !== JSON.stringify(status))
			this.api.update<CronJob>(CRONJOBS, { ...cronJob, status });
		if (requeue !== undefined) this.queue.add(cronJobKey, Math.max(1, requeue));
	}

	/** cleanupFinishedJobs + removeOldestJobs. */
	private cleanupFinishedJobs(cronJob: CronJob, jobs: readonly Job[]): void {
		const succeeded = jobs.filter((j) => finishedCondition(j) === 'Complete');
		const failed = jobs.filter((j) => finishedCondition(j) === 'Failed');
		const spec = cronJob.spec!;
		for (const [list, limit] of [
			[succeeded, spec.successfulJobsHistoryLimit],
			[failed, spec.failedJobsHistoryLimit]
		] as const) {
			if (limit === undefined || limit === null) continue;
			const excess = list.length - limit;
			if (excess <= 0) continue;
			for (const job of [...list].sort(byStartTime).slice(0, excess)) this.deleteJob(cronJob, job);
		}
	}

	/** deleteJob: the Job goes (its pods with it), and its reference leaves status.active. */
	private deleteJob(cronJob: CronJob, job: Job): void {
		this.gc.delete(JOBS, job.metadata!.namespace!, job.metadata!.name!);
		removeActive(cronJob.status!, job.metadata!.uid!);
		this.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata!.name}`);
	}

	/** syncCronJob; returns the delay until the next sync, if one is needed. */
	private syncCronJob(cronJob: CronJob, jobs: readonly Job[]): number | undefined {
		const status = cronJob.status!;
		const children = new Set<string>();
		for (const job of jobs) {
			const jobUid = job.metadata!.uid!;
			children.add(jobUid);
			const found = (status.active ?? []).some((r) => r.uid === jobUid);
			const finished = finishedCondition(job);
			if (!found && finished === undefined) {
				this.record(
					cronJob,
					'Warning',
					'UnexpectedJob',
					`Saw a job that the controller did not create or forgot: ${job.metadata!.name}`
				);
			} else if (found && finished !== undefined) {
				removeActive(status, jobUid);
				this.record(
					cronJob,
					'Normal',
					'SawCompletedJob',
					`Saw completed job: ${job.metadata!.name}, condition: ${finished}`
				);
			} else if (finished === 'Complete') {
				const done = job.status?.completionTime;
				if (
					done !== undefined &&
					(status.lastSuccessfulTime === undefined ||
						Date.parse(done) > Date.parse(status.lastSuccessfulTime))
				)
					status.lastSuccessfulTime = done;
			}
		}
		// An active Job that no longer exists leaves the list (MissingJob).
		for (const ref of [...(status.active ?? [])]) {
			if (children.has(ref.uid!)) continue;
			if (this.api.get<Job>(JOBS, ref.namespace ?? 'default', ref.name!) !== undefined) continue;
			this.record(cronJob, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
			removeActive(status, ref.uid!);
		}
		const zone = cronJob.spec?.timeZone;
		if (zone !== undefined && zone !== null) {
			const problem = zoneError(zone);
			if (problem !== undefined) {
				this.record(
					cronJob,
					'Warning',
					'UnknownTimeZone',
					`invalid timeZone: ${JSON.stringify(zone)}: ${problem}`
				);
				return undefined;
			}
		}
		if (cronJob.spec?.suspend === true) return undefined;
		const schedule = cronJob.spec?.schedule ?? '';
		if (schedule.includes('TZ'))
			this.record(
				cronJob,
				'Warning',
				'UnsupportedSchedule',
				`CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`
			);
		const parsed = parseCronJobSchedule(cronJob);
		if (!parsed.ok) {
			this.record(
				cronJob,
				'Warning',
				'UnparseableSchedule',
				`unparseable schedule: ${JSON.stringify(schedule)} : ${parsed.error}`
			);
			return undefined;
		}
		const sched = parsed.schedule;
		const now = this.wallNow();
		const recent = mostRecentScheduleTime(cronJob, now, sched, true);
		if (recent.error !== undefined) {
			this.record(
				cronJob,
				'Warning',
				'InvalidSchedule',
				`invalid schedule: ${schedule} : ${recent.error}`
			);
			return undefined;
		}
		const next = () => nextScheduleDelay(cronJob, now, sched);
		const scheduled = recent.mostRecent;
		if (scheduled === undefined || scheduled > now) return next();
		if (recent.missed === 'many')
			this.record(
				cronJob,
				'Warning',
				'TooManyMissedTimes',
				'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'
			);
		const deadline = cronJob.spec?.startingDeadlineSeconds;
		if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
			this.record(
				cronJob,
				'Warning',
				'MissSchedule',
				`Missed scheduled time to start a job: ${rfc1123z(scheduled)}`
			);
			return next();
		}
		const name = jobNameFor(cronJob.metadata!.name!, scheduled);
		const lastScheduled = status.lastScheduleTime;
		if (
			(status.active ?? []).some((r) => r.name === name) ||
			(lastScheduled !== undefined && Date.parse(lastScheduled) === scheduled)
		)
			return next();
		if (cronJob.spec?.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
			this.record(
				cronJob,
				'Normal',
				'JobAlreadyActive',
				'Not starting job because prior execution is running and concurrency policy is Forbid'
			);
			return next();
		}
		if (cronJob.spec?.concurrencyPolicy === 'Replace') {
			for (const ref of [...(status.active ?? [])]) {
				const job = this.api.get<Job>(JOBS, ref.namespace ?? 'default', ref.name!);
				if (job !== undefined) this.deleteJob(cronJob, job);
			}
		}
		const created = this.createJob(cronJob, name, scheduled);
		if (created === undefined) return next();
		status.active = [...(status.active ?? []), objectReference(created)];
		status.lastScheduleTime = new Date(scheduled).toISOString().replace('.000Z', 'Z');
		return next();
	}

	/**
	 * getJobFromTemplate2 + CreateJob: the template's labels and annotations, the scheduled
	 * time annotation, a controller reference, and the API server's Job defaults. An existing
	 * Job of that name (AlreadyExists) is adopted into the active list when it is ours.
	 */
	private createJob(cronJob: CronJob, name: string, scheduled: number): Job | undefined {
		const namespace = cronJob.metadata!.namespace!;
		const existing = this.api.get<Job>(JOBS, namespace, name);
		if (existing !== undefined) {
			if (ownerOf(existing)?.uid !== cronJob.metadata!.uid) return undefined;
			const active = cronJob.status?.active ?? [];
			return active.some((r) => r.uid === existing.metadata!.uid) ? undefined : existing;
		}
		const template = cronJob.spec!.jobTemplate;
		const job: Job = {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {
				name,
				namespace,
				...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
				annotations: {
					...template.metadata?.annotations,
					[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(
						scheduled,
						cronJob.spec?.timeZone ?? undefined
					)
				},
				ownerReferences: [
					{
						apiVersion: 'batch/v1',
						kind: 'CronJob',
						name: cronJob.metadata!.name!,
						uid: cronJob.metadata!.uid!,
						controller: true,
						blockOwnerDeletion: true
					}
				]
			},
			spec: copyOf(template.spec!)
		};
		applyDefaults(job, namespace, true);
		const created = this.api.create<Job>(JOBS, job);
		this.record(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
		this.kernel.emit(
			'cronjob.scheduled',
			`cronjob/${cronJob.metadata!.name}`,
			`CronJob ${cronJob.metadata!.name} created Job ${name} for ${rfc3339(scheduled - LAB_EPOCH_MS)}.`
		);
		return created;
	}

	private record(
		cronJob: CronJob,
		type: 'Normal' | 'Warning',
		reason: string,
		message: string
	): void {
		this.api.events.record(involvedCronJob(cronJob), { type, reason, message, source: SOURCE });
	}
}

function involvedCronJob(cronJob: CronJob): Involved {
	return objectRef('CronJob', 'batch/v1', cronJob);
}

function removeActive(status: CronJobStatus, uid: string): void {
	status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

/** getRef: the Job as an ObjectReference (ref.GetReference). */
function objectReference(job: Job): ObjectReference {
	return {
		apiVersion: 'batch/v1',
		kind: 'Job',
		name: job.metadata!.name,
		namespace: job.metadata!.namespace,
		resourceVersion: job.metadata!.resourceVersion,
		uid: job.metadata!.uid
	};
}

/** time.RFC1123Z in UTC: `Mon, 05 Jan 2026 09:01:00 +0000`. */
function rfc1123z(ms: number): string {
	const d = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${WEEKDAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
