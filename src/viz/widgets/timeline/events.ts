/**
 * Sorting the trace for the timeline: which group an event belongs to (for the filters), and
 * which events are faults (drawn as markers on the time axis).
 */
import type { TraceEvent } from '$engine/types';

export const GROUPS = ['node', 'pod', 'workload', 'network', 'other'] as const;
export type EventGroup = (typeof GROUPS)[number];

export function groupOf(event: TraceEvent): EventGroup {
	const dot = event.kind.indexOf('.');
	const head = dot < 0 ? event.kind : event.kind.slice(0, dot);
	if (head === 'node') return 'node';
	if (head === 'pod') return 'pod';
	if (['deployment', 'replicaset', 'service', 'task', 'job'].includes(head)) return 'workload';
	if (['network', 'partition', 'raft', 'traffic'].includes(head)) return 'network';
	return 'other';
}

/** Something broke, or was broken on purpose: a machine, a network link, a container. */
const FAULT_KINDS = new Set([
	'node.stopped',
	'node.restarted',
	'node.notready',
	'node.down',
	'node.tainted',
	'pod.crash',
	'pod.unhealthy',
	'pod.notready',
	'pod.terminating',
	'pod.backoff',
	'pod.failed'
]);

export function isFault(event: TraceEvent): boolean {
	return (
		FAULT_KINDS.has(event.kind) || /\.(partition|lost|loss|crash|failed|evicted)/.test(event.kind)
	);
}

/** A stable key per event: the trace only grows (or is cut back by a seek), never reorders. */
export function eventKey(event: TraceEvent, index: number): string {
	return `${index}|${event.t}|${event.kind}|${event.subject}`;
}

/** `mm:ss` of simulated time. */
export function clock(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
	const ss = String(seconds % 60).padStart(2, '0');
	return `${mm}:${ss}`;
}
