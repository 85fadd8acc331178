/**
 * The components behind each view of a LabWidget, which the widget reads from here rather than
 * importing them: on the site each view is a chunk of its own, loaded only when a lab shows that
 * view (view-loaders.ts; issue 5, JavaScript per lesson page), so that a Swarm lab with the Raft
 * view does not download the traffic view, the scheduler table or the cluster's canvas renderer.
 * The custom element, whose loader fetches only the chunks it knows of, hands every view over at
 * once (mount-widget.ts).
 *
 * Whoever mounts a widget provides its parts first (LazyLab, the /embed route, the first paint:
 * load-widget.ts), so the widget draws each view in the same update as before. A widget whose
 * parts are not in yet (a view added later) asks for them and shows each view once it is in.
 */
import type ClusterNodes from '$viz/views/ClusterNodes.svelte';
import type RaftRing from '$viz/views/RaftRing.svelte';
import type SchedulerTable from '$viz/views/SchedulerTable.svelte';
import type TrafficFlow from '$viz/views/TrafficFlow.svelte';
import type { trafficTargetOf } from '$viz/views/traffic-model';
import type { ViewName } from '$viz/scenarios';
import type Console from './console/Console.svelte';
import type Narration from './Narration.svelte';
import type ScaleControls from './ScaleControls.svelte';
import type Timeline from './timeline/Timeline.svelte';

/** What each view (and the narrated mode) draws with. */
export interface ViewParts {
	cluster: { ClusterNodes: typeof ClusterNodes; ScaleControls: typeof ScaleControls };
	traffic: { TrafficFlow: typeof TrafficFlow; trafficTargetOf: typeof trafficTargetOf };
	raft: { RaftRing: typeof RaftRing };
	scheduler: { SchedulerTable: typeof SchedulerTable };
	timeline: { Timeline: typeof Timeline };
	console: { Console: typeof Console };
	/** Drawn by LabWidget itself. */
	kubectl: Record<never, never>;
	narration: { Narration: typeof Narration };
}
export type PartName = keyof ViewParts;

/** The parts provided so far, for every widget on the page (reactive: a widget waiting redraws). */
let provided = $state.raw<Partial<ViewParts>>({});
/** Fetches parts on demand (view-loaders.ts registers itself); none in the custom element. */
let fetchParts: ((names: readonly PartName[]) => Promise<void>) | undefined;

/** The parts a widget showing `views` (narrated or not) needs. */
export function partsFor(views: readonly ViewName[], narrated = false): PartName[] {
	return narrated ? [...views, 'narration'] : [...views];
}

export function provideViewParts(parts: Partial<ViewParts>): void {
	provided = { ...provided, ...parts };
}

export function isProvided(name: PartName): boolean {
	return provided[name] !== undefined;
}

export function setPartFetcher(fetch: (names: readonly PartName[]) => Promise<void>): void {
	fetchParts = fetch;
}

/**
 * `name`'s parts if they are in; if not, undefined, and they are asked for (the caller, reading
 * this in its template, draws them once they arrive). A failed fetch is reported, not thrown.
 */
export function viewParts<K extends PartName>(name: K): ViewParts[K] | undefined {
	const parts = provided[name] as ViewParts[K] | undefined;
	if (parts === undefined) fetchParts?.([name]).catch((error: unknown) => console.error(error));
	return parts;
}
