/**
 * `kubectl get cronjobs` (printers.go cronJobColumnDefinitions, printCronJob): NAME SCHEDULE
 * TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE; `-o wide` adds CONTAINERS IMAGES SELECTOR of the
 * job template. TIMEZONE is `<none>` without spec.timeZone, SUSPEND is printBoolPtr's
 * True/False (`<unset>` when nil), LAST SCHEDULE `<none>` before the first Job.
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { formatSelector } from '../../kubernetes/pods';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

function boolPtr(value: boolean | undefined): string {
	if (value === undefined || value === null) return '<unset>';
	return value ? 'True' : 'False';
}

export const CRONJOB_PRINTER: Printer<CronJob> = {
	columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
	wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(cronJob, now, wide) {
		const last = cronJob.status?.lastScheduleTime;
		const row = [
			cronJob.metadata?.name ?? '',
			cronJob.spec?.schedule ?? '',
			cronJob.spec?.timeZone ?? '<none>',
			boolPtr(cronJob.spec?.suspend),
			String(cronJob.status?.active?.length ?? 0),
			last === undefined ? '<none>' : ageOf(last, now),
			ageOf(cronJob.metadata?.creationTimestamp, now)
		];
		if (wide) {
			// layoutContainerCells: names and images joined by commas.
			const containers = cronJob.spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
			row.push(
				containers.map((c) => c.name).join(','),
				containers.map((c) => c.image ?? '').join(','),
				formatSelector(cronJob.spec?.jobTemplate?.spec?.selector)
			);
		}
		return row;
	}
};
