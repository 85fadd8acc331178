/**
 * Init containers and native sidecars as the kubelet runs them (kubelet v1.35,
 * pkg/kubelet/kuberuntime/kuberuntime_container.go computeInitContainerActions; docs "Init
 * Containers", "Sidecar Containers"). A run keeps a pod's init containers first in its container
 * list, then its app containers: container `i` of a run is `specAt(pod, i)`.
 *
 * A pod without init containers takes none of these paths beyond one length check, so it costs
 * nothing more (no per-pod object, no extra field).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ContainerRun } from './container-state';

const NO_CONTAINERS: Container[] = [];

/** How many init containers (regular and sidecars) the pod has. */
export function initCount(pod: Pod): number {
	return pod.spec?.initContainers?.length ?? 0;
}

/** The spec of the run's container `i`: init containers first, then app containers. */
export function specAt(pod: Pod, i: number): Container {
	const inits = pod.spec?.initContainers;
	if (inits === undefined || i >= inits.length)
		return pod.spec!.containers[i - (inits?.length ?? 0)]!;
	return inits[i]!;
}

/**
 * Every container spec in run order. Stored specs never change, so one list per init
 * container list (pods of one template share theirs).
 */
export function allSpecs(pod: Pod): readonly Container[] {
	const apps = pod.spec?.containers ?? NO_CONTAINERS;
	const inits = pod.spec?.initContainers;
	if (inits === undefined || inits.length === 0) return apps;
	let all = ALL.get(inits);
	if (all === undefined || all.apps !== apps)
		ALL.set(inits, (all = { apps, list: [...inits, ...apps] }));
	return all.list;
}

const ALL = new WeakMap<readonly Container[], { apps: readonly Container[]; list: Container[] }>();

/** A restartable init container: a native sidecar (podutil.IsRestartableInitContainer). */
export function isSidecar(spec: Container): boolean {
	return spec.restartPolicy === 'Always';
}

/** Whether run container `i` of the pod is an init container that is not a sidecar. */
export function isRegularInit(pod: Pod, i: number): boolean {
	return i < initCount(pod) && !isSidecar(pod.spec!.initContainers![i]!);
}

/** What the kubelet does next for a pod with init containers. */
export type InitAction =
	/** Start run container `start` (an init container), or every app container when it is the first. */
	| { kind: 'start'; start: number }
	/** Something is running, restarting or being pulled: wait for it. */
	| { kind: 'wait' }
	/** A regular init container failed under restartPolicy Never: the pod has failed. */
	| { kind: 'failed' }
	/** Initialized, and the app containers have been started. */
	| { kind: 'done' };

/**
 * computeInitContainerActions, simplified to the lab's states: init containers in order; a
 * regular one must exit 0 before the next starts, a sidecar must have started (its startup
 * probe passed). Then the app containers start together.
 */
export function nextInitAction(pod: Pod, containers: readonly ContainerRun[]): InitAction {
	const inits = pod.spec!.initContainers!;
	const never = pod.spec?.restartPolicy === 'Never';
	for (let i = 0; i < inits.length; i++) {
		const c = containers[i]!;
		if (c.state === 'creating') return { kind: 'start', start: i };
		if (isSidecar(inits[i]!)) {
			if (c.state === 'running' && c.started) continue;
			return { kind: 'wait' };
		}
		if (c.state === 'terminated') {
			if (c.ended?.exitCode === 0) continue;
			return never ? { kind: 'failed' } : { kind: 'wait' };
		}
		return { kind: 'wait' };
	}
	const first = containers[inits.length];
	return first !== undefined && first.state === 'creating'
		? { kind: 'start', start: inits.length }
		: { kind: 'done' };
}

/**
 * The init containers not yet done, for the Initialized condition (status
 * generate.go GeneratePodInitializedCondition): a regular one until it terminated with exit 0,
 * a sidecar until it has started. Undefined once initialized (an app container has started:
 * HasAnyRegularContainerStarted, so a restarting sidecar does not undo it).
 */
export function incompleteInits(
	pod: Pod,
	containers: readonly ContainerRun[]
): string[] | undefined {
	const inits = pod.spec!.initContainers!;
	for (let i = inits.length; i < containers.length; i++)
		if (containers[i]!.run > 0) return undefined;
	const out: string[] = [];
	for (let i = 0; i < inits.length; i++) {
		const c = containers[i]!;
		const done = isSidecar(inits[i]!)
			? c.state === 'running' && c.started
			: c.state === 'terminated' && c.ended?.exitCode === 0;
		if (!done) out.push(c.name);
	}
	return out.length === 0 ? undefined : out;
}
