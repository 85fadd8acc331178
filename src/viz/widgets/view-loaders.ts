/**
 * Where each view's components come from on the site: a dynamic import each, so each is a chunk
 * of its own, fetched only for a lab that shows the view (view-parts.svelte.ts says why). Not
 * part of the custom element, which bundles every view with its core.
 */
import {
	isProvided,
	provideViewParts,
	setPartFetcher,
	type PartName,
	type ViewParts
} from './view-parts.svelte';

const LOADERS: { [K in PartName]: () => Promise<ViewParts[K]> } = {
	cluster: async () => {
		const [nodes, scale] = await Promise.all([
			import('$viz/views/ClusterNodes.svelte'),
			import('./ScaleControls.svelte')
		]);
		return { ClusterNodes: nodes.default, ScaleControls: scale.default };
	},
	traffic: async () => {
		const [flow, model] = await Promise.all([
			import('$viz/views/TrafficFlow.svelte'),
			import('$viz/views/traffic-model')
		]);
		return { TrafficFlow: flow.default, trafficTargetOf: model.trafficTargetOf };
	},
	raft: async () => ({ RaftRing: (await import('$viz/views/RaftRing.svelte')).default }),
	scheduler: async () => ({
		SchedulerTable: (await import('$viz/views/SchedulerTable.svelte')).default
	}),
	timeline: async () => ({ Timeline: (await import('./timeline/Timeline.svelte')).default }),
	console: async () => ({ Console: (await import('./console/Console.svelte')).default }),
	kubectl: async () => ({}),
	narration: async () => ({ Narration: (await import('./Narration.svelte')).default })
};

/** Loads under way, by part (each part is fetched once per page). */
const pending = new Map<PartName, Promise<void>>();

/** Loads `names`' parts and provides them; resolves when all are in. */
export function loadViewParts(names: readonly PartName[]): Promise<void> {
	return Promise.all(
		names.map((name) => {
			if (isProvided(name)) return undefined;
			let loading = pending.get(name);
			if (loading === undefined) {
				loading = LOADERS[name]().then((parts) => provideViewParts({ [name]: parts }));
				// A failed fetch may be tried again (by the next widget, or this one re-rendered).
				loading.catch(() => pending.delete(name));
				pending.set(name, loading);
			}
			return loading;
		})
	).then(() => undefined);
}

// A widget that finds a part missing fetches it from here.
setPartFetcher(loadViewParts);
