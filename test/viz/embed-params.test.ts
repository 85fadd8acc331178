/** The /embed URL whitelist: good values pass, anything else is refused and quoted, never run. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEmbed } from '../../src/viz/embed/params';
import { SCENARIO_IDS, VIEWS } from '../../src/viz/scenarios';

const parse = (scenario: string, query: string) => parseEmbed(scenario, new URLSearchParams(query));

describe('parseEmbed', () => {
	it('takes the scenario defaults when the query is empty', () => {
		expect(parse('node-failure', '')).toEqual({
			ok: true,
			config: { scenario: 'node-failure', flavor: 'kubernetes', views: [...VIEWS], lang: 'en' }
		});
	});

	it('accepts whitelisted values, and keeps the views in the widget order', () => {
		expect(parse('empty-cluster', 'flavor=swarm&views=console,cluster&lang=zh&seed=42')).toEqual({
			ok: true,
			config: {
				scenario: 'empty-cluster',
				flavor: 'swarm',
				views: ['cluster', 'console'],
				lang: 'zh',
				seed: 42
			}
		});
	});

	it.each([
		['node-failure', 'flavor=swarm', 'Unknown flavor “swarm”: this scenario runs on kubernetes.'],
		[
			'node-failure',
			'flavor=<img src=x onerror=alert(1)>',
			'Unknown flavor “<img src=x onerror=alert(1)>”'
		],
		['node-failure', 'views=cluster,gantt', 'Unknown view “gantt”'],
		['node-failure', 'views=', 'Unknown view “”'],
		['node-failure', 'lang=fr', 'Unknown language “fr”'],
		['node-failure', 'seed=-1', 'Bad seed “-1”'],
		['node-failure', 'seed=4294967296', 'Bad seed “4294967296”'],
		['node-failure', 'seed=1e3', 'Bad seed “1e3”'],
		['node-failure', 'onload=x', 'Unknown parameter “onload”'],
		['nope', '', 'Unknown scenario “nope”']
	])('refuses %s?%s', (scenario, query, problem) => {
		const result = parse(scenario, query);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.join(' ')).toContain(problem);
	});

	it('never accepts a value outside the whitelists, and quotes at most 60 characters of it', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...SCENARIO_IDS),
				fc.constantFrom('flavor', 'views', 'lang'),
				fc.string({ maxLength: 200 }),
				(scenario, key, value) => {
					const result = parse(scenario, new URLSearchParams([[key, value]]).toString());
					if (result.ok) {
						const { flavor, views, lang } = result.config;
						expect(['kubernetes', 'swarm']).toContain(flavor);
						expect(views.every((v) => (VIEWS as readonly string[]).includes(v))).toBe(true);
						expect(['en', 'zh']).toContain(lang);
					} else {
						for (const problem of result.problems) {
							const quoted = /“([^]*)”/.exec(problem)?.[1] ?? '';
							expect(quoted.length).toBeLessThanOrEqual(61);
						}
					}
				}
			)
		);
	});
});
