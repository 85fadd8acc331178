/**
 * In which steps the /embed route (and a lesson's LazyLab) mounts a lab's views. Mounting every view in one go is one
 * long main-thread task (Lighthouse's Total Blocking Time counts each task's time over 50 ms, at
 * four times the desktop's CPU time); mounting them a few at a time, one task each, lets the
 * browser breathe in between. The lab stays hidden behind its prerendered first paint until the
 * last step, so nobody sees it half built.
 *
 * Two rules keep the steps invisible to the widget and to whoever waits for it:
 *  - the cluster view (whose node cards are what a reader, or a test, looks for first) comes
 *    last, with everything else already there;
 *  - LabWidget picks its player's pace once, from the views it starts with: if they are all
 *    event-driven it advances only when something is due. The first step must agree with the
 *    whole set, so when the set has a frame-driven view the first step has one too; when the
 *    cluster is the only one, the views are mounted in a single step.
 */
import type { ViewName } from '$viz/scenarios';
import { EVENT_DRIVEN } from '$viz/bridge/due';

/**
 * The views to show at each step, each step a superset of the one before and the last the whole
 * of `views` (in its own order).
 */
export function mountStages(views: readonly ViewName[]): ViewName[][] {
	const rest = views.filter((v) => v !== 'cluster');
	const order = views.includes('cluster') ? [...rest, 'cluster' as const] : rest;
	const frameDriven = (v: ViewName) => !EVENT_DRIVEN.includes(v);
	if (views.some(frameDriven) && !frameDriven(order[0]!)) {
		const first = rest.find(frameDriven);
		if (first === undefined) return [[...views]];
		order.splice(order.indexOf(first), 1);
		order.unshift(first);
	}
	const stages = order.slice(0, -1).map((_, i) => order.slice(0, i + 1));
	return [...stages, [...views]];
}

/** `scheduler.yield()` where the browser has it (Chromium 129+); not in TypeScript's DOM types yet. */
type Yielding = { scheduler?: { yield?: () => Promise<void> } };

/**
 * Ends the current task: what follows runs in a task of its own, after any input the reader gave
 * meanwhile. `scheduler.yield()` where there is one: its continuation goes before other queued
 * tasks, and it is not clamped to 4 ms as nested timeouts are.
 */
export function nextTask(): Promise<void> {
	const scheduler = (globalThis as Yielding).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}
