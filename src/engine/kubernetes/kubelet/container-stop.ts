/**
 * What stopping a container costs, by the kubelet's rule (kuberuntime_container.go
 * killContainer → CRI StopContainer): SIGTERM, then SIGKILL when the grace period ends. A
 * process that handles SIGTERM exits at once with its own code; PID 1 without a handler never
 * receives it (pid_namespaces(7)), so it runs until the SIGKILL: exit 137 (128 + 9), `Error`.
 */
import type { Pod, Probe } from 'kubernetes-types/core/v1';
import {
	CONTAINER_STOP_MS,
	MINIMUM_GRACE_PERIOD_SECONDS,
	TERMINATION_GRACE_PERIOD_SECONDS
} from '../defaults';
import type { Program } from './container-program';

export interface Stop {
	/** From SIGTERM to the process's end. */
	ms: number;
	exitCode: number;
	/** containerd's reason for the exit code (0: Completed, else Error). */
	reason: string;
}

/**
 * setTerminationGracePeriod: the deletion's grace period if the pod is being deleted, else for a
 * liveness or startup kill the probe's own `terminationGracePeriodSeconds` when it sets one,
 * else the pod's; killContainer then gives at least minimumGracePeriodInSeconds.
 */
export function graceSeconds(pod: Pod, probe?: Probe): number {
	const grace =
		pod.metadata?.deletionGracePeriodSeconds ??
		probe?.terminationGracePeriodSeconds ??
		pod.spec?.terminationGracePeriodSeconds ??
		TERMINATION_GRACE_PERIOD_SECONDS;
	return Math.max(grace, MINIMUM_GRACE_PERIOD_SECONDS);
}

/**
 * How `program` ends on SIGTERM with `grace` seconds to go. With `shareProcessNamespace` the
 * pod's pause process is PID 1, so a program without a handler dies of the signal: 143.
 */
export function stopOf(program: Program, pod: Pod, grace: number): Stop {
	const graceMs = grace * 1000;
	if (program.stopsOnTerm) {
		const exitCode = program.termExit ?? 0;
		return { ms: Math.min(CONTAINER_STOP_MS, graceMs), exitCode, reason: reasonOf(exitCode) };
	}
	if (pod.spec?.shareProcessNamespace === true)
		return { ms: Math.min(CONTAINER_STOP_MS, graceMs), exitCode: 143, reason: 'Error' };
	return { ms: graceMs, exitCode: 137, reason: 'Error' };
}

/** containerd CRI toCRIContainerStatus: Completed for 0, Error otherwise (OOMKilled aside). */
export function reasonOf(exitCode: number): string {
	return exitCode === 0 ? 'Completed' : 'Error';
}
