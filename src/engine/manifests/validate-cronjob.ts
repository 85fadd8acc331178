/**
 * CronJob specs on create: pkg/apis/batch/validation/validation.go validateCronJobSpec,
 * validateScheduleFormat, validateTimeZone, validateConcurrencyPolicy, ValidateJobTemplateSpec
 * and ValidateCronJobCreate's 52-character name limit, in their source order.
 */
import type { CronJob, CronJobSpec, JobSpec } from 'kubernetes-types/batch/v1';
import type { JsonValue } from './types';
import type { ErrorList } from './field-errors';
import { child, invalid, notSupported, notSupportedRendered, required } from './field-errors';
import { nonNegative } from './validate-meta';
import { validateJobSpec } from './validate-job';
import { parseStandard, zoneError } from '../kubernetes/cron-schedule';
import { CRONJOB_MAX_NAME_LENGTH } from '../kubernetes/defaults';

/** validateTimeZone: an IANA name, each part 1-14 of `[A-Za-z.\-_0-9+]`, never `Local`. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export function validateCronJob(cronJob: CronJob): ErrorList {
	const errs = validateCronJobSpec(cronJob.spec ?? ({} as CronJobSpec), 'spec');
	const name = cronJob.metadata?.name ?? '';
	if (name.length > CRONJOB_MAX_NAME_LENGTH)
		errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
	return errs;
}

function validateCronJobSpec(spec: CronJobSpec, path: string): ErrorList {
	const errs: ErrorList = [];
	const schedule = spec.schedule ?? '';
	const at = child(path, 'schedule');
	if (schedule === '') errs.push(required(at));
	else {
		const parsed = parseStandard(schedule);
		if (!parsed.ok) errs.push(invalid(at, schedule, parsed.error));
		// On create no TZ is allowed in the schedule (allowTZInSchedule is false).
		if (schedule.includes('TZ'))
			errs.push(
				invalid(at, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead')
			);
	}
	errs.push(...nonNegative(child(path, 'startingDeadlineSeconds'), spec.startingDeadlineSeconds));
	errs.push(...validateTimeZone(spec.timeZone, child(path, 'timeZone')));
	const policy = spec.concurrencyPolicy ?? '';
	const policyPath = child(path, 'concurrencyPolicy');
	if (policy === '') errs.push(required(policyPath));
	else if (!['Allow', 'Forbid', 'Replace'].includes(policy))
		errs.push(notSupported(policyPath, policy, ['Allow', 'Forbid', 'Replace']));
	errs.push(...validateJobTemplateSpec(spec.jobTemplate?.spec, child(path, 'jobTemplate')));
	errs.push(
		...nonNegative(child(path, 'successfulJobsHistoryLimit'), spec.successfulJobsHistoryLimit)
	);
	errs.push(...nonNegative(child(path, 'failedJobsHistoryLimit'), spec.failedJobsHistoryLimit));
	return errs;
}

export function validateTimeZone(timeZone: string | undefined, path: string): ErrorList {
	if (timeZone === undefined || timeZone === null) return [];
	if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
	for (const part of timeZone.split('/')) {
		if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))
			return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
	}
	const errs: ErrorList = [];
	if (timeZone.toLowerCase() === 'local')
		errs.push(
			invalid(
				path,
				timeZone,
				'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'
			)
		);
	const problem = zoneError(timeZone);
	if (problem !== undefined) errs.push(invalid(path, timeZone, problem));
	return errs;
}

/**
 * ValidateJobTemplateSpec: the Job spec's own rules, then no selector (it is generated for
 * every Job) and no manualSelector.
 */
function validateJobTemplateSpec(spec: JobSpec | undefined, path: string): ErrorList {
	const specPath = child(path, 'spec');
	const jobSpec = spec ?? ({} as JobSpec);
	// validateJobSpec's manualSelector branch is ValidateJobSpec's, not the template's.
	const errs = validateJobSpec({ ...jobSpec, manualSelector: undefined }, specPath);
	if (jobSpec.selector !== undefined && jobSpec.selector !== null)
		errs.push(
			invalid(
				child(specPath, 'selector'),
				jobSpec.selector as unknown as JsonValue,
				'`selector` will be auto-generated'
			)
		);
	if (jobSpec.manualSelector === true)
		errs.push(notSupportedRendered(child(specPath, 'manualSelector'), 'true', ['nil', 'false']));
	return errs;
}
