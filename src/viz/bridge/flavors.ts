/**
 * Loads the engine flavours one widget runs, and no others (engine/flavors/load.ts): a
 * Kubernetes lesson does not download the Swarm cluster, nor a Swarm lesson kubectl's verbs.
 * Whoever mounts a LabWidget or SideBySide awaits this first, as `createLab` only looks
 * flavours up.
 */
import type { Flavor } from '$engine/types';
import { loadFlavors } from '$engine/flavors/load';
import { catalogEntry, type ScenarioId } from '$viz/scenario-catalog';

export function loadWidgetFlavors(
	scenarioId: ScenarioId,
	layout: 'single' | 'side-by-side',
	flavor?: Flavor
): Promise<void> {
	const found = catalogEntry(scenarioId);
	// Side by side runs the scenario on each of its flavours; a single lab on the one asked for.
	return loadFlavors(layout === 'side-by-side' ? found.flavors : [flavor ?? found.flavors[0]]);
}
