/**
 * The Events section of kubectl describe (describe.go DescribeEvents): the events whose
 * involvedObject is the described object, sorted by lastTimestamp, in their own table after a
 * flush; repeated events print `<last> (x<count> over <first>)`.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { EVENTS } from '../../kubernetes/api/collections';
import { EventLog } from '../../kubernetes/api/event-log';
import type { DescribeWriter } from './describe-writer';
import { ageOf } from './node-printer';

export type { EventTarget } from '../../kubernetes/api/event-log';
import type { EventTarget } from '../../kubernetes/api/event-log';

/** searchEvents: the involvedObject field selector (name, namespace, kind, uid). */
export function eventsFor(kernel: Kernel, target: EventTarget): Event[] {
	// A cluster's API server mounts the compact event log, which answers without building every
	// event; a bare store (describe's unit tests) holds whole Event objects.
	const log = kernel.store.viewOf(EVENTS);
	if (log instanceof EventLog) return log.about(target);
	return kernel.store.list<Event>(EVENTS).filter((e) => {
		const o = e.involvedObject;
		if (o.name !== target.name || o.kind !== target.kind) return false;
		if (target.namespace !== undefined && (o.namespace ?? 'default') !== target.namespace)
			return false;
		return target.uid === undefined || o.uid === undefined || o.uid === target.uid;
	});
}

/** `false` (`--show-events=false`) leaves the section out: describe.go's events stay nil. */
export function writeEvents(
	w: DescribeWriter,
	events: readonly Event[] | false,
	now: number
): void {
	if (events === false) return;
	if (events.length === 0) {
		w.write(0, 'Events:\t<none>\n');
		return;
	}
	w.flush();
	const sorted = [...events].sort((a, b) => time(a.lastTimestamp) - time(b.lastTimestamp));
	w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
	w.write(1, '----\t------\t----\t----\t-------\n');
	for (const e of sorted) {
		const first = ageOf(e.firstTimestamp, now);
		const age =
			(e.count ?? 1) > 1 ? `${ageOf(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
		const from = e.source?.component || e.reportingComponent || '';
		const path = e.involvedObject.fieldPath;
		const message = (path ? `${path}: ` : '') + (e.message ?? '');
		w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${message.trim()}\n`);
	}
}

function time(t: string | undefined): number {
	return t === undefined ? 0 : Date.parse(t);
}
