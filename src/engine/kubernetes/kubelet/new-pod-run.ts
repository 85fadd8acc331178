/** The runtime's record of a pod it is about to set up on a node. */
import { nodeAddress } from '../../core/addresses';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { programFor, type Program } from './container-program';
import { NO_FILES, type ContainerRun, type PodRun } from './container-state';
import { allSpecs, initCount, isSidecar } from './init-containers';
import { share } from './shared-containers';

export function newPodRun(pod: Pod, node: string, nodeIndex: number, now: number): PodRun {
	return {
		node,
		gen: 1,
		phase: 'starting',
		pullAttempts: 0,
		setUpAt: now,
		hostIP: hostIP(nodeIndex),
		// Set later; there from the start so the run keeps its fields inline (as containers do).
		ip: undefined,
		eventSubject: undefined,
		containers: containersOf(pod)
	};
}

/**
 * The containers of a pod about to be set up. A pod that never ran (most: a ReplicaSet's new
 * pods) gets the one list every such pod of its template gets, shared (./shared-containers:
 * whoever changes a container copies it first), rather than a list and objects of its own.
 */
function containersOf(pod: Pod): ContainerRun[] {
	// Init containers first (./init-containers): a pod without any keeps its own list.
	const specs = initCount(pod) === 0 ? (pod.spec?.containers ?? NO_CONTAINERS) : allSpecs(pod);
	const before =
		initCount(pod) === 0
			? pod.status?.containerStatuses
			: initStatusesFirst(pod, pod.status?.initContainerStatuses, pod.status?.containerStatuses);
	for (const c of pod.spec?.initContainers ?? NO_CONTAINERS) if (!isSidecar(c)) TASKS.add(c);
	// A pod whose containers ran before (its node rebooted) gets new ones: attempt + 1.
	const rebooted = pod.status?.phase === 'Running';
	if ((before === undefined || before.length === 0) && !rebooted) {
		let fresh = FRESH.get(specs);
		if (fresh === undefined) {
			fresh = newContainers(specs, [], false);
			share(fresh);
			FRESH.set(specs, fresh);
		}
		return fresh;
	}
	return newContainers(specs, before ?? [], rebooted);
}

/** The statuses in run order (undefined when the pod never had any). */
function initStatusesFirst(
	pod: Pod,
	inits: readonly { restartCount?: number }[] | undefined,
	apps: readonly { restartCount?: number }[] | undefined
): { restartCount?: number }[] | undefined {
	if ((inits?.length ?? 0) === 0 && (apps?.length ?? 0) === 0) return undefined;
	// Missing init statuses still take their places, so app statuses line up with their containers.
	const out = Array.from({ length: initCount(pod) }, (_, i) => inits?.[i] ?? {});
	return out.concat(apps ?? []);
}

const NO_CONTAINERS: Container[] = [];

/** The shared fresh containers by the spec's container list (stored specs never change). */
const FRESH = new WeakMap<readonly Container[], ContainerRun[]>();

/** Regular init containers are one-shot tasks (container-program.ts `programFor`). */
const TASKS = new WeakSet<Container>();

function newContainers(
	specs: readonly Container[],
	before: readonly { restartCount?: number }[],
	rebooted: boolean
): ContainerRun[] {
	return specs.map((c: Container, i) => ({
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
	}));
}

/**
 * A container's program, once per container spec: pods made from one template share its spec
 * objects (stored objects are never changed in place), and a program is only ever read.
 */
const PROGRAMS = new WeakMap<Container, Program>();

function programOf(c: Container): Program {
	let program = PROGRAMS.get(c);
	if (program === undefined) PROGRAMS.set(c, (program = programFor(c, undefined, TASKS.has(c))));
	return program;
}

/** The node's address (kind's docker network), one string per node rather than per pod. */
const HOST_IPS: string[] = [];

function hostIP(nodeIndex: number): string {
	return (HOST_IPS[nodeIndex] ??= nodeAddress(nodeIndex));
}
