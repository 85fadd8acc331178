/**
 * The CronJob controller's arithmetic on schedule times (pkg/controller/cronjob/utils.go:
 * mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration, getJobName, and
 * cronjob_controllerv2.go formatSchedule). Times here are wall-clock milliseconds since the
 * Unix epoch (the lab's time plus LAB_EPOCH_MS).
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { nextAfter, offsetAt, parseStandard, type CronSchedule } from '../cron-schedule';
import { CRONJOB_NEXT_SCHEDULE_DELTA_MS, CRONJOB_TOO_MANY_MISSED } from '../defaults';

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
	earliest: number;
	mostRecent: number | undefined;
	missed: Missed;
	error?: string;
}

/** The schedule the controller parses: `TZ=<timeZone> <schedule>` when a zone is set. */
export function formatSchedule(cronJob: CronJob): string {
	const schedule = cronJob.spec?.schedule ?? '';
	const zone = cronJob.spec?.timeZone;
	if (schedule.includes('TZ') || zone === undefined || zone === null) return schedule;
	return `TZ=${zone} ${schedule}`;
}

export function parseCronJobSchedule(
	cronJob: CronJob
): { ok: true; schedule: CronSchedule } | { ok: false; error: string } {
	return parseStandard(formatSchedule(cronJob));
}

/** Job names: `<cronjob>-<scheduled time in minutes since the Unix epoch>` (getJobName). */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
	return `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;
}

/**
 * mostRecentScheduleTime: the latest schedule time at or before `now` since the last one
 * (or creation, or now − startingDeadlineSeconds), and roughly how many were missed.
 */
export function mostRecentScheduleTime(
	cronJob: CronJob,
	now: number,
	schedule: CronSchedule,
	includeStartingDeadline: boolean
): MostRecent {
	let earliest = Date.parse(
		cronJob.status?.lastScheduleTime ?? cronJob.metadata?.creationTimestamp ?? ''
	);
	const deadline = cronJob.spec?.startingDeadlineSeconds;
	if (includeStartingDeadline && deadline !== undefined && deadline !== null) {
		const schedulingDeadline = now - deadline * 1000;
		if (schedulingDeadline > earliest) earliest = schedulingDeadline;
	}
	const t1 = nextAfter(schedule, earliest);
	if (t1 !== undefined && now < t1) return { earliest, mostRecent: undefined, missed: 'none' };
	const t2 = t1 === undefined ? undefined : nextAfter(schedule, t1);
	if (t1 !== undefined && t2 !== undefined && now < t2)
		return { earliest, mostRecent: t1, missed: 'none' };
	// robfig answers the zero time when nothing matches within five years (`59 23 31 2 *`):
	// the two times are then equal and the schedule is refused.
	const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
	if (between < 1)
		return {
			earliest,
			mostRecent: undefined,
			missed: 'none',
			error: 'time difference between two schedules is less than 1 second'
		};
	const elapsed = Math.trunc((now - t1!) / 1000);
	const missedCount = Math.trunc(elapsed / between) + 1;
	// Step back one interval before the estimate, so that uneven schedules (`30 6-16/4 * * 1-5`)
	// are found by the schedule itself.
	let t = nextAfter(schedule, t1! + (missedCount - 2) * between * 1000);
	let mostRecent: number | undefined;
	while (t !== undefined && t <= now) {
		mostRecent = t;
		t = nextAfter(schedule, t);
	}
	const missed: Missed =
		missedCount > CRONJOB_TOO_MANY_MISSED ? 'many' : missedCount > 0 ? 'few' : 'none';
	return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the sync after the next schedule time (+100 ms). */
export function nextScheduleDelay(
	cronJob: CronJob,
	now: number,
	schedule: CronSchedule
): number | undefined {
	const r = mostRecentScheduleTime(cronJob, now, schedule, false);
	const from = r.error !== undefined ? now : (r.mostRecent ?? r.earliest);
	const next = nextAfter(schedule, from);
	return next === undefined ? undefined : next + CRONJOB_NEXT_SCHEDULE_DELTA_MS - now;
}

/** RFC 3339 of a wall time in a zone, as Go's time.Format(time.RFC3339) writes it. */
export function rfc3339In(ms: number, zone: string | undefined): string {
	const utc = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	if (zone === undefined || zone === 'UTC' || zone === 'Etc/UTC') return utc;
	const offset = offsetAt(zone, ms);
	const wall = Math.floor(ms / 1000) * 1000 + offset;
	const offsetMin = Math.round(offset / 60_000);
	const local = new Date(wall).toISOString().slice(0, 19);
	if (offsetMin === 0) return `${local}Z`;
	const sign = offsetMin < 0 ? '-' : '+';
	const abs = Math.abs(offsetMin);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${local}${sign}${hh}:${mm}`;
}
