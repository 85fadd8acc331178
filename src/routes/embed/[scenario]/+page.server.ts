import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { renderFirstPaint } from '$viz/embed/first-paint';
import { lazyStylesheets } from '$viz/embed/lazy-stylesheets';
import { isScenarioId, scenario, SCENARIO_IDS } from '$viz/scenarios';
import type { EntryGenerator, PageServerLoad } from './$types';

// One prerendered page per known scenario; the query string is read in the browser only.
export const prerender = true;

export const entries: EntryGenerator = () => SCENARIO_IDS.map((id) => ({ scenario: id }));

export const load: PageServerLoad = async ({ params }) => {
	if (!isScenarioId(params.scenario)) error(404, 'No such scenario');
	return {
		scenario: params.scenario,
		title: scenario(params.scenario).title,
		// Built with the site (`vite dev` has no client manifest for the widget's stylesheets).
		firstPaint: dev ? '' : await renderFirstPaint(params.scenario),
		stylesheets: dev ? [] : lazyStylesheets('src/routes/embed/[scenario]/+page.server.ts')
	};
};
