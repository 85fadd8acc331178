/**
 * What a task's container does once started, read from its spec by the Kubernetes side's
 * interpreter (kubernetes/kubelet/container-program.ts): it serves until stopped, or exits
 * with a code after the time its `sleep`s take.
 */
import { programFor, type ImageDefaults } from '../kubernetes/kubelet/container-program';
import type { ContainerSpec } from './spec';

export type Outcome = { serve: true } | { serve: false; afterMs: number; code: number };

export function containerOutcome(spec: ContainerSpec, image?: ImageDefaults): Outcome {
	const program = programFor(
		{
			name: 'task',
			image: spec.Image,
			...(spec.Command !== undefined ? { command: spec.Command } : {}),
			...(spec.Args !== undefined ? { args: spec.Args } : {})
		},
		image
	);
	let ms = 0;
	let code = 0;
	for (const step of program.steps) {
		if (step.op === 'sleep') ms += step.ms;
		else if (step.op === 'exit') return { serve: false, afterMs: ms, code: step.code };
		else if (step.op === 'status') code = step.code;
	}
	return program.then === 'serve' ? { serve: true } : { serve: false, afterMs: ms, code };
}
