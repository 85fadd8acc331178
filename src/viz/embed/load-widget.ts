/**
 * Everything a single LabWidget needs before it mounts, fetched in parallel: the widget, the
 * engine flavour its lab runs (only that one), the components of the views it shows (only
 * those: view-loaders.ts), and the narration's tellings in its language (Chinese only for a
 * Chinese lab: narration-langs.ts). Used by mount-in-slices.ts (for LazyLab and the /embed
 * route; imported dynamically: not in a page's eager code), which then builds the lab a step a
 * task and mounts the widget a few views at a time (mount-stages.ts).
 */
import type { Flavor, Lab } from '$engine/types';
import { loadWidgetFlavors } from '$viz/bridge/flavors';
import {
	catalogEntry,
	VIEWS,
	type Lang,
	type ScenarioId,
	type ViewName
} from '$viz/scenario-catalog';
import type LabWidgetType from '$viz/widgets/LabWidget.svelte';
import { loadNarration } from '$viz/widgets/narration-langs';
import { partsFor } from '$viz/widgets/view-parts.svelte';

export interface WidgetRequest {
	scenario: ScenarioId;
	flavor?: Flavor;
	seed?: number;
	/** LabWidget's default: every view. */
	views?: readonly ViewName[];
	narrated?: boolean;
	/** LabWidget's default: English. */
	lang?: Lang;
}

export interface LoadedWidget {
	LabWidget: typeof LabWidgetType;
	/** The views the widget shows. */
	views: readonly ViewName[];
	/**
	 * Builds the lab as the widget would (`scenarioLab`), one step per `next()`, to hand it over
	 * as its `lab` prop.
	 */
	labSteps: () => Generator<void, Lab, void>;
}

export async function loadLabWidget(request: WidgetRequest): Promise<LoadedWidget> {
	const views = request.views ?? VIEWS;
	const flavor = request.flavor ?? catalogEntry(request.scenario).flavors[0];
	const [widget, labs] = await Promise.all([
		import('$viz/widgets/LabWidget.svelte'),
		import('$viz/scenario-lab'),
		loadWidgetFlavors(request.scenario, 'single', flavor),
		loadNarration(request.lang),
		import('$viz/widgets/view-loaders').then((m) =>
			m.loadViewParts(partsFor(views, request.narrated))
		)
	]);
	return {
		LabWidget: widget.default,
		views,
		labSteps: () =>
			labs.scenarioLabSteps(request.scenario, flavor, request.seed, undefined, {
				lang: request.lang ?? 'en'
			})
	};
}
