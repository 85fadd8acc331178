/** The runtime's record of a pod it is about to set up on a node. */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { programFor, type Program } from './container-program';
import { NO_FILES, type PodRun } from './container-state';

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
		hostIP: hostIP(nodeIndex),
		// Set later; there from the start so the run keeps its fields inline (as containers do).
		pulled: undefined,
		pullMs: undefined,
		ip: undefined,
		eventSubject: undefined,
		containers: (pod.spec?.containers ?? []).map((c: Container, i) => ({
			name: c.name,
			image: c.image ?? '',
			program: programOf(c),
			pc: 0,
			status: 0,
			files: NO_FILES,
			state: 'creating',
			startedAt: 0,
			restarts: (before[i]?.restartCount ?? 0) + (rebooted ? 1 : 0),
			crashLoop: 0,
			started: false,
			ready: false,
			run: 0,
			unhealthy: false,
			// Every field a run ever gets is there from the start: runs are copied with spreads, and
			// a field added later would move the object to a slower, bigger out-of-line layout.
			message: undefined,
			last: undefined,
			ended: undefined,
			probes: undefined,
			backoffUntil: undefined
		}))
	};
}

/**
 * A container's program, once per container spec: pods made from one template share its spec
 * objects (stored objects are never changed in place), and a program is only ever read.
 */
const PROGRAMS = new WeakMap<Container, Program>();

function programOf(c: Container): Program {
	let program = PROGRAMS.get(c);
	if (program === undefined) PROGRAMS.set(c, (program = programFor(c)));
	return program;
}

/** The node's address (kind's docker network), one string per node rather than per pod. */
const HOST_IPS: string[] = [];

function hostIP(nodeIndex: number): string {
	return (HOST_IPS[nodeIndex] ??= `172.18.0.${nodeIndex + 2}`);
}
