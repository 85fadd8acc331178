/** The runtime's record of a pod it is about to set up on a node. */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { programFor } from './container-program';
import type { PodRun } from './container-state';

export function newPodRun(pod: Pod, node: string, nodeIndex: number, now: number): PodRun {
	// A pod whose containers ran before (its node rebooted) gets new ones: attempt + 1.
	const before = pod.status?.containerStatuses ?? [];
	const rebooted = pod.status?.phase === 'Running';
	return {
		node,
		gen: 1,
		phase: 'starting',
		pullAttempts: 0,
		setUpAt: now,
		hostIP: `172.18.0.${nodeIndex + 2}`,
		containers: (pod.spec?.containers ?? []).map((c: Container, i) => ({
			name: c.name,
			image: c.image ?? '',
			program: programFor(c),
			pc: 0,
			status: 0,
			files: [],
			state: 'creating',
			startedAt: 0,
			restarts: (before[i]?.restartCount ?? 0) + (rebooted ? 1 : 0),
			crashLoop: 0,
			started: false,
			ready: false,
			run: 0,
			unhealthy: false
		}))
	};
}
