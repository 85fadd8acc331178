/**
 * How LazyLab and the /embed route bring a single lab to life without one long main-thread task
 * (Lighthouse's Total Blocking Time counts each task's time over 50 ms, at four times the
 * desktop's CPU time; a reader's click waits for the task it lands in): evaluating the modules
 * (widget, flavour, views) is one task, each step of the lab's build (the cluster, each set-up
 * line, time 0: scenarioLabSteps) another, mounting the first views another, and each further
 * view one more (mount-stages.ts). The widget stays out of sight until the last stage. The
 * side-by-side pair's two labs are built the same way, one after the other, before it mounts.
 */
import type { Flavor, Lab } from '$engine/types';
import { loadWidgetFlavors } from '$viz/bridge/flavors';
import type { ScenarioId, ViewName } from '$viz/scenarios';
import type SideBySideType from '$viz/widgets/SideBySide.svelte';
import type { LoadedWidget, WidgetRequest } from './load-widget';
import { mountStages, nextTask } from './mount-stages';

export interface SliceSteps {
	/** The lab is built: hand it to the widget (its `lab` prop). */
	built: (lab: Lab) => void;
	/** Mount the widget with these views; `last`: every view is in, show it. */
	stage: (widget: LoadedWidget['LabWidget'], views: ViewName[], last: boolean) => void;
	/** A stage failed to mount (the page's error boundary): stop staging. */
	failed: () => boolean;
}

/**
 * User Timing marks (in a browser's performance panel and Lighthouse's report; the browser tests
 * read them): a lab's code is asked for, and a single lab is live (its last stage).
 */
export const MARKS = { start: 'orchestra-lab:start', live: 'orchestra-lab:live' } as const;

export async function mountInSlices(request: WidgetRequest, on: SliceSteps): Promise<void> {
	performance.mark(MARKS.start, { detail: request.scenario });
	const { loadLabWidget } = await import('./load-widget');
	const widget = await loadLabWidget(request);
	on.built(await buildInSlices(widget.labSteps()));
	const stages = mountStages(widget.views);
	for (const [i, views] of stages.entries()) {
		await nextTask();
		if (on.failed()) return;
		const last = i === stages.length - 1;
		on.stage(widget.LabWidget, views, last);
		if (last) performance.mark(MARKS.live, { detail: request.scenario });
	}
}

/** Runs a lab's build (scenarioLabSteps) one step a task. */
async function buildInSlices(steps: Generator<void, Lab, void>): Promise<Lab> {
	await nextTask();
	let step = steps.next();
	while (!step.done) {
		await nextTask();
		step = steps.next();
	}
	return step.value;
}

export interface LoadedPair {
	SideBySide: typeof SideBySideType;
	/** Its labs, built (SideBySide's `labs`). */
	labs: Record<Flavor, Lab>;
}

/** The side-by-side widget, its two flavours (only those), and its two labs built in slices. */
export async function loadPair(scenario: ScenarioId, seed?: number): Promise<LoadedPair> {
	performance.mark(MARKS.start, { detail: scenario });
	const [module, build] = await Promise.all([
		import('$viz/widgets/SideBySide.svelte'),
		import('$viz/scenario-lab'),
		loadWidgetFlavors(scenario, 'side-by-side')
	]);
	const labs = {} as Record<Flavor, Lab>;
	for (const flavor of ['kubernetes', 'swarm'] as const) {
		labs[flavor] = await buildInSlices(build.scenarioLabSteps(scenario, flavor, seed));
	}
	return { SideBySide: module.default, labs };
}
