/**
 * The heavy half of the element, fetched only once it comes near the viewport (./chunk-loader.ts):
 * the Svelte lab widget (or the side-by-side pair), with the engine core, the views and d3. The
 * engine flavours are chunks of their own, loaded by `loadFlavors` (only those a lab runs).
 * Mounted inside the shadow root, so Svelte's injected component styles land there too (Svelte
 * appends them to the root node of the target).
 */
import { mount, unmount } from 'svelte';
import ClusterNodes from '$viz/views/ClusterNodes.svelte';
import RaftRing from '$viz/views/RaftRing.svelte';
import SchedulerTable from '$viz/views/SchedulerTable.svelte';
import TrafficFlow from '$viz/views/TrafficFlow.svelte';
import { trafficTargetOf } from '$viz/views/traffic-model';
import Console from '$viz/widgets/console/Console.svelte';
import LabWidget from '$viz/widgets/LabWidget.svelte';
import Narration from '$viz/widgets/Narration.svelte';
// The Chinese tellings of the trace (the site loads them only for a Chinese lab; the element
// has one core chunk for every lab).
import '$viz/widgets/narration-zh';
import ScaleControls from '$viz/widgets/ScaleControls.svelte';
import SideBySide from '$viz/widgets/SideBySide.svelte';
import Timeline from '$viz/widgets/timeline/Timeline.svelte';
import { provideViewParts } from '$viz/widgets/view-parts.svelte';
import type { ElementConfig } from './attributes';

// Every view comes with this chunk: the element's loader fetches the chunks its manifest lists
// (the core and the flavours), not the site's per-view chunks (view-loaders.ts).
provideViewParts({
	cluster: { ClusterNodes, ScaleControls },
	traffic: { TrafficFlow, trafficTargetOf },
	raft: { RaftRing },
	scheduler: { SchedulerTable },
	timeline: { Timeline },
	console: { Console },
	kubectl: {},
	narration: { Narration }
});

export { loadFlavors } from '$engine/flavors/load';

/** Mounts a widget for `config` into `target`; returns how to take it away again. */
export function mountWidget(target: HTMLElement, config: ElementConfig): () => void {
	const widget =
		config.layout === 'side-by-side'
			? mount(SideBySide, {
					target,
					props: {
						scenario: config.scenario,
						lang: config.lang,
						seed: config.seed,
						headingLevel: config.headingLevel,
						embedded: true
					}
				})
			: mount(LabWidget, {
					target,
					props: {
						scenario: config.scenario,
						flavor: config.flavor,
						views: config.views,
						lang: config.lang,
						seed: config.seed,
						headingLevel: config.headingLevel,
						narrated: config.narrated === true,
						// Inside someone else's page an Embed button would only embed itself.
						embedded: true
					}
				});
	return () => {
		void unmount(widget);
	};
}
