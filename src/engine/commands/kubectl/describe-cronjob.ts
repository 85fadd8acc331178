/**
 * `kubectl describe cronjob` (kubernetes/kubectl pkg/describe/describe.go describeCronJob,
 * describeJobTemplate, printActiveJobs): the schedule and its policies, the job template's
 * counts and pod template, the last schedule time, the active Jobs, then events.
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import type { Kernel } from '../../core/kernel';
import { formatSelector } from '../../kubernetes/pods';
import { writePodTemplate } from './describe-containers';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './describe-writer';

/** `%d` of an optional number, else `<unset>`. */
function orUnset(value: number | undefined | null, suffix = ''): string {
	return value === undefined || value === null ? '<unset>' : `${value}${suffix}`;
}

export function describeCronJob(kernel: Kernel, cronJob: CronJob, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = cronJob.metadata!;
	const spec = cronJob.spec;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, `Schedule:\t${spec?.schedule ?? ''}\n`);
	w.write(0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
	const suspend = spec?.suspend;
	w.write(0, `Suspend:\t${suspend === undefined ? '<unset>' : suspend ? 'True' : 'False'}\n`);
	w.write(0, `Successful Job History Limit:\t${orUnset(spec?.successfulJobsHistoryLimit)}\n`);
	w.write(0, `Failed Job History Limit:\t${orUnset(spec?.failedJobsHistoryLimit)}\n`);
	w.write(0, `Starting Deadline Seconds:\t${orUnset(spec?.startingDeadlineSeconds, 's')}\n`);
	// describeJobTemplate: a template's selector is always generated, so it is unset here.
	const jobSpec = spec?.jobTemplate?.spec;
	const selector = jobSpec?.selector;
	w.write(0, `Selector:\t${selector === undefined ? '<unset>' : formatSelector(selector)}\n`);
	w.write(0, `Parallelism:\t${orUnset(jobSpec?.parallelism)}\n`);
	w.write(0, `Completions:\t${orUnset(jobSpec?.completions)}\n`);
	if (jobSpec?.activeDeadlineSeconds !== undefined && jobSpec.activeDeadlineSeconds !== null)
		w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
	writePodTemplate(w, jobSpec?.template);
	const last = cronJob.status?.lastScheduleTime;
	w.write(0, `Last Schedule Time:\t${last === undefined ? '<unset>' : rfc1123z(last)}\n`);
	const active = cronJob.status?.active ?? [];
	w.write(
		0,
		`Active Jobs:\t${active.length === 0 ? '<none>' : active.map((j) => j.name).join(', ')}\n`
	);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'CronJob',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}
