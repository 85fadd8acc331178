/**
 * What a task's container does once started, read from its spec by the Kubernetes side's
 * interpreter (kubernetes/kubelet/container-program.ts): it serves until stopped, or exits
 * with a code after the time its `sleep`s take; and how long it takes to stop.
 */
import {
	programFor,
	type ImageDefaults,
	type Program
} from '../kubernetes/kubelet/container-program';
import { CONTAINER_STOP_MS, STOP_GRACE_PERIOD_MS } from './defaults';
import type { ContainerSpec } from './spec';

export type Outcome = { serve: true } | { serve: false; afterMs: number; code: number };

function programOf(spec: ContainerSpec, image?: ImageDefaults): Program {
	return programFor(
		{
			name: 'task',
			image: spec.Image,
			...(spec.Command !== undefined ? { command: spec.Command } : {}),
			...(spec.Args !== undefined ? { args: spec.Args } : {})
		},
		image
	);
}

/** The ports the container's program listens on; undefined when the lab cannot tell. */
export function listensOf(
	spec: ContainerSpec,
	image?: ImageDefaults
): readonly number[] | undefined {
	return programOf(spec, image).listens;
}

export function containerOutcome(spec: ContainerSpec, image?: ImageDefaults): Outcome {
	const program = programOf(spec, image);
	let ms = 0;
	let code = 0;
	for (const step of program.steps) {
		if (step.op === 'sleep') ms += step.ms;
		else if (step.op === 'exit') return { serve: false, afterMs: ms, code: step.code };
		else if (step.op === 'status') code = step.code;
		// A network client: Swarm's containers do not run them yet, so it runs on as before.
		else if (step.op === 'client') return { serve: true };
	}
	return program.then === 'serve' ? { serve: true } : { serve: false, afterMs: ms, code };
}

/**
 * From `docker stop`'s SIGTERM to the container's end: a process that handles it stops at once;
 * one that cannot receive it (PID 1 with no handler) is killed when the stop grace period ends
 * (ContainerSpec.StopGracePeriod, 10 s by default).
 */
export function stopMs(spec: ContainerSpec, image?: ImageDefaults): number {
	if (programOf(spec, image).stopsOnTerm) return CONTAINER_STOP_MS;
	return spec.StopGracePeriod !== undefined
		? Math.round(spec.StopGracePeriod / 1e6)
		: STOP_GRACE_PERIOD_MS;
}
