/** `<orchestra-lab>` attributes: the /embed whitelists, a heading level, and refusals as text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	ATTRIBUTES,
	parseAttributes,
	type AttributeName
} from '../../../src/viz/element/attributes';
import { isScenarioId, isViewName } from '../../../src/viz/scenarios';

const parse = (attrs: Partial<Record<AttributeName, string>>) =>
	parseAttributes((name) => attrs[name] ?? null);

describe('parseAttributes', () => {
	it('reads the issue’s example, with the scenario’s defaults for the rest', () => {
		expect(
			parse({ scenario: 'node-failure', flavor: 'kubernetes', views: 'cluster,timeline' })
		).toEqual({
			ok: true,
			config: {
				scenario: 'node-failure',
				flavor: 'kubernetes',
				views: ['cluster', 'timeline'],
				lang: 'en',
				headingLevel: 2
			}
		});
	});

	it('accepts every whitelisted attribute', () => {
		const parsed = parse({
			scenario: 'empty-cluster',
			flavor: 'swarm',
			views: 'kubectl,cluster',
			lang: 'zh',
			seed: '42',
			'heading-level': '3'
		});
		expect(parsed).toEqual({
			ok: true,
			config: {
				scenario: 'empty-cluster',
				flavor: 'swarm',
				views: ['cluster', 'kubectl'],
				lang: 'zh',
				seed: 42,
				headingLevel: 3
			}
		});
	});

	it('refuses a missing scenario and names the choices', () => {
		const parsed = parse({ flavor: 'swarm' });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.problems[0]).toMatch(/scenario attribute is missing.*node-failure/);
	});

	it('quotes a hostile scenario as text', () => {
		expect(parse({ scenario: '<img src=x onerror=alert(1)>' })).toEqual({
			ok: false,
			problems: ['Unknown scenario “<img src=x onerror=alert(1)>”.']
		});
	});

	it('lists every refused attribute, not just the first', () => {
		const parsed = parse({
			scenario: 'node-failure',
			flavor: 'swarm',
			lang: 'fr',
			'heading-level': '1'
		});
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.problems).toHaveLength(3);
			expect(parsed.problems.join(' ')).toMatch(/flavor “swarm”.*language “fr”.*heading-level “1”/);
		}
	});

	it('never throws, and only ever accepts whitelisted values', () => {
		const value = fc.option(
			fc.oneof(
				fc.string(),
				fc.constantFrom('node-failure', 'empty-cluster', 'swarm', 'kubernetes', 'zh', '3', '7')
			),
			{ nil: undefined }
		);
		fc.assert(
			fc.property(fc.record(Object.fromEntries(ATTRIBUTES.map((a) => [a, value]))), (attrs) => {
				const parsed = parse(attrs as Partial<Record<AttributeName, string>>);
				if (!parsed.ok) {
					expect(parsed.problems.length).toBeGreaterThan(0);
					return;
				}
				expect(isScenarioId(parsed.config.scenario)).toBe(true);
				expect(parsed.config.views.every(isViewName)).toBe(true);
				expect(['en', 'zh']).toContain(parsed.config.lang);
				expect([2, 3]).toContain(parsed.config.headingLevel);
			})
		);
	});
});
