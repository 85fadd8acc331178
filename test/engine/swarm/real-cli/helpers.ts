// A swarm lab (1 manager, 2 workers) whose `-c FILE` / build-context paths read `files`.
import { createLab, type Lab } from '../../../../src/engine/index';

export function swarmLab(files: Record<string, string> = {}): Lab {
	return createLab({ flavor: 'swarm', workers: 2, seed: 21, readFile: (p) => files[p] });
}

/** One field of one service, through a `docker service inspect --format` template. */
export function specImage(lab: Lab, service: string): string {
	const r = lab.exec(
		`docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' ${service}`
	);
	if (!r.ok) throw new Error(r.error);
	return r.output.trimEnd();
}

export const DIGEST = /^sha256:[0-9a-f]{64}$/;
