/**
 * `kubectl describe job` (kubernetes/kubectl pkg/describe/describe.go describeJob): the spec's
 * counts and limits, the run's times, the pods' statuses, the pod template, then events.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Kernel } from '../../core/kernel';
import { formatSelector } from '../../kubernetes/pods';
import { kubectlAge } from '../durations';
import { writePodTemplate } from './describe-containers';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './describe-writer';

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit = 50): string {
	if (indexes === undefined || indexes === '') return '<none>';
	const comma = indexes.indexOf(',', softLimit);
	return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

export function describeJob(kernel: Kernel, job: Job, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = job.metadata!;
	const spec = job.spec;
	const status = job.status;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `Selector:\t${formatSelector(spec?.selector)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const owner = meta.ownerReferences?.find((r) => r.controller === true);
	if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
	if (spec?.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
	w.write(0, `Completions:\t${spec?.completions ?? '<unset>'}\n`);
	if (spec?.completionMode !== undefined) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
	if (spec?.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
	if (spec?.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
	if (spec?.ttlSecondsAfterFinished !== undefined)
		w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
	if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
	if (status?.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
	if (status?.startTime && status.completionTime) {
		const ms = Date.parse(status.completionTime) - Date.parse(status.startTime);
		w.write(0, `Duration:\t${kubectlAge(ms)}\n`);
	}
	if (spec?.activeDeadlineSeconds !== undefined)
		w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
	const counts = `${status?.succeeded ?? 0} Succeeded / ${status?.failed ?? 0} Failed`;
	w.write(
		0,
		status?.ready === undefined
			? `Pods Statuses:\t${status?.active ?? 0} Active / ${counts}\n`
			: `Pods Statuses:\t${status?.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`
	);
	if (spec?.completionMode === 'Indexed')
		w.write(0, `Completed Indexes:\t${capIndexes(status?.completedIndexes)}\n`);
	writePodTemplate(w, spec?.template);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'Job',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}
