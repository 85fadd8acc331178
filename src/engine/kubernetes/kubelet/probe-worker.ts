/**
 * One probe worker's bookkeeping, as pkg/kubelet/prober/worker.go keeps it: the last result and
 * how many times in a row it came, whether the worker is on hold (after it had the container
 * killed), and which run of the container it is looking at — a new run (a new container ID)
 * starts afresh. Pure functions over plain data, so checkpoints copy it as is.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import {
	PROBE_FAILURE_THRESHOLD,
	PROBE_INITIAL_DELAY_SECONDS,
	PROBE_PERIOD_SECONDS,
	PROBE_SUCCESS_THRESHOLD
} from '../defaults';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

export interface ProbeWorker {
	/** The container run last probed. */
	run: number;
	last: 'success' | 'failure' | 'none';
	/** How many probes in a row gave `last` (worker.go resultRun). */
	count: number;
	/** After a liveness/startup kill: no probing until the container runs again. */
	onHold: boolean;
	/** When the next periodic tick is due; undefined while the container is not running. */
	next?: number;
}

export type ProbeWorkers = Partial<Record<ProbeKind, ProbeWorker>>;

export function probeOf(container: Container, kind: ProbeKind): Probe | undefined {
	if (kind === 'liveness') return container.livenessProbe;
	if (kind === 'readiness') return container.readinessProbe;
	return container.startupProbe;
}

export function periodMs(probe: Probe): number {
	return (probe.periodSeconds ?? PROBE_PERIOD_SECONDS) * 1000;
}

/** The first tick of a worker started at `anchor` that is not before `now`. */
export function nextTick(anchor: number, period: number, now: number): number {
	return anchor + Math.max(0, Math.ceil((now - anchor) / period)) * period;
}

export const IDLE_WORKER: ProbeWorker = { run: 0, last: 'none', count: 0, onHold: false };

/**
 * Whether the worker probes now (worker.go doProbe): not while on hold, not during the initial
 * delay (whole seconds since the container started, truncated as Go's int32 conversion does),
 * and only the startup probe until it has succeeded, then only the others.
 */
export function shouldProbe(
	w: ProbeWorker,
	kind: ProbeKind,
	probe: Probe,
	sinceStartMs: number,
	started: boolean
): boolean {
	if (w.onHold) return false;
	if (Math.trunc(sinceStartMs / 1000) < (probe.initialDelaySeconds ?? PROBE_INITIAL_DELAY_SECONDS))
		return false;
	return started ? kind !== 'startup' : kind === 'startup';
}

/** Counts one result; `decided` when it came often enough in a row to count (thresholds). */
export function record(
	w: ProbeWorker,
	probe: Probe,
	ok: boolean
): { worker: ProbeWorker; decided: boolean } {
	const result: ProbeWorker['last'] = ok ? 'success' : 'failure';
	const worker: ProbeWorker =
		w.last === result ? { ...w, count: w.count + 1 } : { ...w, last: result, count: 1 };
	const threshold = ok
		? (probe.successThreshold ?? PROBE_SUCCESS_THRESHOLD)
		: (probe.failureThreshold ?? PROBE_FAILURE_THRESHOLD);
	return { worker, decided: worker.count >= threshold };
}
