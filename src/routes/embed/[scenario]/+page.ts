import { error } from '@sveltejs/kit';
import { isScenarioId, scenario, SCENARIO_IDS } from '$viz/scenarios';
import type { EntryGenerator, PageLoad } from './$types';

// One prerendered page per known scenario; the query string is read in the browser only.
export const prerender = true;

export const entries: EntryGenerator = () => SCENARIO_IDS.map((id) => ({ scenario: id }));

export const load: PageLoad = ({ params }) => {
	if (!isScenarioId(params.scenario)) error(404, 'No such scenario');
	return { scenario: params.scenario, title: scenario(params.scenario).title };
};
