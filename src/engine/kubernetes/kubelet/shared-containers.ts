/**
 * Container runs that several holders may see: a list interned because another pod's started
 * alike (a Deployment's pods start together: same image, same program, same millisecond), or
 * one a checkpoint holds. Such objects are never changed in place: whoever changes a container
 * takes its own copy first (`own`, `setContainer`). A big cluster's running pods then share one
 * list of equal containers instead of each holding its own (~230 bytes a pod).
 */
import type { ContainerRun, PodRun } from './container-state';

const SHARED = new WeakSet<object>();

/** Marks a list and its containers as seen by more than one holder. */
export function share(list: readonly ContainerRun[]): void {
	SHARED.add(list);
	for (const c of list) SHARED.add(c);
}

/** Marks one container as seen by more than one holder; returns it. */
export function shareOne(c: ContainerRun): ContainerRun {
	SHARED.add(c);
	return c;
}

/** Whether `c` may be seen by more than one holder (so it never changes in place). */
export function isShared(c: ContainerRun): boolean {
	return SHARED.has(c);
}

/** The run's container `i`, its own to change in place (copied first when shared). */
export function own(run: PodRun, i: number): ContainerRun {
	if (SHARED.has(run.containers)) run.containers = run.containers.slice();
	const c = run.containers[i]!;
	if (!SHARED.has(c)) return c;
	const copy = { ...c };
	run.containers[i] = copy;
	return copy;
}

/** Puts `c` in place of the run's container `i` (copying a shared list first). */
export function setContainer(run: PodRun, i: number, c: ContainerRun): void {
	if (SHARED.has(run.containers)) run.containers = run.containers.slice();
	run.containers[i] = c;
}

/** The last list interned: consecutive pods of one Deployment start alike. */
let lastList: ContainerRun[] = [];

/** `list`, or an interned list with equal containers (which `list` then becomes). */
export function internContainers(list: ContainerRun[]): ContainerRun[] {
	const last = lastList;
	if (sameList(list, last)) return last;
	share(list);
	lastList = list;
	return list;
}

/** Whether two lists hold equal containers (a loop: no callback made per pod). */
function sameList(list: readonly ContainerRun[], last: readonly ContainerRun[]): boolean {
	if (last.length !== list.length) return false;
	for (let i = 0; i < list.length; i++) if (!sameContainer(list[i]!, last[i]!)) return false;
	return true;
}

function sameContainer(a: ContainerRun, b: ContainerRun): boolean {
	if (a === b) return true;
	const x = a as unknown as Record<string, unknown>;
	const y = b as unknown as Record<string, unknown>;
	for (const k in x) if (x[k] !== y[k] || !(k in y)) return false;
	for (const k in y) if (!(k in x)) return false;
	return true;
}
