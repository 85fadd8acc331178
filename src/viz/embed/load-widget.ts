/**
 * Everything a single LabWidget needs before it mounts, fetched in parallel: the widget, the
 * engine flavour its lab runs (only that one), and the components of the views it shows (only
 * those: view-loaders.ts). Used by LazyLab (imported dynamically: not in a lesson's eager
 * code) and the /embed route, which then build the lab in a task of its own and mount the
 * widget a few views at a time (mount-stages.ts).
 */
import type { Flavor, Lab } from '$engine/types';
import { loadWidgetFlavors } from '$viz/bridge/flavors';
import { scenario as findScenario, VIEWS, type ScenarioId, type ViewName } from '$viz/scenarios';
import type LabWidgetType from '$viz/widgets/LabWidget.svelte';
import { partsFor } from '$viz/widgets/view-parts.svelte';

export interface WidgetRequest {
	scenario: ScenarioId;
	flavor?: Flavor;
	seed?: number;
	/** LabWidget's default: every view. */
	views?: readonly ViewName[];
	narrated?: boolean;
}

export interface LoadedWidget {
	LabWidget: typeof LabWidgetType;
	/** The views the widget shows. */
	views: readonly ViewName[];
	/** Builds the lab as the widget would (`scenarioLab`), to hand it over as its `lab` prop. */
	buildLab: () => Lab;
}

export async function loadLabWidget(request: WidgetRequest): Promise<LoadedWidget> {
	const views = request.views ?? VIEWS;
	const flavor = request.flavor ?? findScenario(request.scenario).flavors[0];
	const [widget, labs] = await Promise.all([
		import('$viz/widgets/LabWidget.svelte'),
		import('$viz/scenario-lab'),
		loadWidgetFlavors(request.scenario, 'single', flavor),
		import('$viz/widgets/view-loaders').then((m) =>
			m.loadViewParts(partsFor(views, request.narrated))
		)
	]);
	return {
		LabWidget: widget.default,
		views,
		buildLab: () => labs.scenarioLab(request.scenario, flavor, request.seed)
	};
}
