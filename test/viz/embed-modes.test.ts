/**
 * Narrated and side-by-side labs through `/embed` and `<orchestra-lab>`: the two new
 * parameters/attributes, their refusals, the snippets that carry them, the shared button class
 * reaching the element's shadow root, and the per-page lab numbers that keep region names unique.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { parseAttributes, type AttributeName } from '../../src/viz/element/attributes';
import { hostScoped } from '../../src/viz/element/host-css';
import { elementSnippet, iframeSnippet, type SnippetConfig } from '../../src/viz/element/snippets';
import { parseEmbed } from '../../src/viz/embed/params';
import { claimLabNumber, labelled, labelledBy, labSuffix } from '../../src/viz/widgets/lab-name';
import { SCENARIO_IDS, SCENARIOS } from '../../src/viz/scenarios';
import { catalogEntry } from '../../src/viz/scenario-catalog';

const parse = (scenario: string, query: string) => parseEmbed(scenario, new URLSearchParams(query));
const attrs = (values: Partial<Record<AttributeName, string>>) =>
	parseAttributes((name) => values[name] ?? null);
const problemsOf = (result: { ok: boolean; problems?: string[] }) =>
	result.ok ? [] : (result.problems ?? []);

const TWO_FLAVOURS = SCENARIO_IDS.filter(
	(id) => SCENARIOS[id].flavors.length > 1 && catalogEntry(id).swarm !== 'uninitialized'
);
const ONE_FLAVOUR = SCENARIO_IDS.filter((id) => SCENARIOS[id].flavors.length === 1);

describe('/embed: narrated and layout', () => {
	it('narrated=1 turns the story on, and only then is it in the config', () => {
		const on = parse('node-failure', 'narrated=1&views=cluster,timeline');
		expect(on.ok && on.config.narrated).toBe(true);
		const off = parse('node-failure', 'views=cluster');
		expect(off.ok && 'narrated' in off.config).toBe(false);
	});

	it.each(['0', 'true', 'yes', '', '<script>alert(1)</script>'])(
		'refuses narrated=%s with the value quoted',
		(value) => {
			const problems = problemsOf(parse('node-failure', `narrated=${encodeURIComponent(value)}`));
			expect(problems).toEqual([
				`Bad narrated “${value}”: use narrated=1 (or the bare attribute), or leave it out.`
			]);
		}
	);

	it('layout=side-by-side is taken for every scenario with two flavours', () => {
		expect(TWO_FLAVOURS.length).toBeGreaterThan(0);
		for (const id of TWO_FLAVOURS) {
			const parsed = parse(id, 'layout=side-by-side&lang=zh');
			expect(parsed.ok && parsed.config.layout).toBe('side-by-side');
			expect(parsed.ok && parsed.config.lang).toBe('zh');
		}
	});

	it('refuses side-by-side for a scenario with one flavour, naming that flavour', () => {
		for (const id of ONE_FLAVOUR) {
			expect(problemsOf(parse(id, 'layout=side-by-side'))).toEqual([
				`Layout “side-by-side” needs a scenario with two flavours: ${id} runs on ${SCENARIOS[id].flavors[0]} only.`
			]);
		}
	});

	it('refuses side-by-side for a scenario whose swarm the learner forms (five-steps)', () => {
		expect(problemsOf(parse('five-steps', 'layout=side-by-side'))).toEqual([
			'Layout “side-by-side” needs both clusters formed: five-steps starts with no swarm (the learner forms it).'
		]);
	});

	it('refuses an unknown layout, quoted and cut short', () => {
		const hostile = `"><img src=x onerror=alert(1)>${'x'.repeat(100)}`;
		const [problem] = problemsOf(parse('node-failure', `layout=${encodeURIComponent(hostile)}`));
		expect(problem).toMatch(
			/^Unknown layout “"><img src=x onerror=alert\(1\)>x+…”: use single or side-by-side\.$/
		);
		expect(/“([^]*)”/.exec(problem ?? '')?.[1]?.length).toBe(61);
	});

	it('refuses what side by side would silently ignore: flavor, views, narrated', () => {
		const problems = problemsOf(
			parse('node-failure-both', 'layout=side-by-side&flavor=swarm&views=cluster&narrated=1')
		);
		expect(problems).toEqual([
			'Parameter “flavor” does not go with layout “side-by-side”.',
			'Parameter “views” does not go with layout “side-by-side”.',
			'Parameter “narrated” does not go with layout “side-by-side”.'
		]);
		// The single layout takes them all.
		expect(parse('node-failure-both', 'layout=single&flavor=swarm&narrated=1').ok).toBe(true);
	});
});

describe('<orchestra-lab>: narrated and layout attributes', () => {
	it.each(['', 'narrated', '1', 'true'])('narrated="%s" (present) turns the story on', (value) => {
		const parsed = attrs({ scenario: 'node-failure', narrated: value });
		expect(parsed.ok && parsed.config.narrated).toBe(true);
	});

	it('narrated="false" is refused rather than read as on', () => {
		expect(problemsOf(attrs({ scenario: 'node-failure', narrated: 'false' }))).toEqual([
			'Bad narrated “false”: use narrated=1 (or the bare attribute), or leave it out.'
		]);
	});

	it('layout goes through the /embed whitelist', () => {
		const parsed = attrs({
			scenario: 'node-failure-both',
			layout: 'side-by-side',
			'heading-level': '3'
		});
		expect(parsed).toEqual({
			ok: true,
			config: {
				scenario: 'node-failure-both',
				flavor: 'kubernetes',
				views: expect.any(Array),
				lang: 'en',
				layout: 'side-by-side',
				headingLevel: 3
			}
		});
		expect(problemsOf(attrs({ scenario: 'node-failure', layout: 'side-by-side' }))).toHaveLength(1);
		expect(problemsOf(attrs({ scenario: 'node-failure', layout: 'grid' }))[0]).toContain(
			'Unknown layout “grid”'
		);
	});
});

describe('snippets for the two modes', () => {
	const base: SnippetConfig = {
		site: 'https://lab.example',
		scenario: 'node-failure',
		flavor: 'kubernetes',
		views: ['cluster', 'timeline'],
		lang: 'en',
		title: 'Orchestra Lab: A node fails'
	};

	it('narrated: a bare attribute on the element, narrated=1 in the iframe', () => {
		const config = { ...base, narrated: true };
		expect(elementSnippet(config).split('\n')[1]).toBe(
			'<orchestra-lab scenario="node-failure" flavor="kubernetes" views="cluster,timeline" lang="en" narrated></orchestra-lab>'
		);
		expect(iframeSnippet(config)).toContain(
			'/embed/node-failure?flavor=kubernetes&amp;views=cluster%2Ctimeline&amp;lang=en&amp;narrated=1"'
		);
	});

	it('side by side: layout and lang only (flavor and views would be refused)', () => {
		const config = { ...base, scenario: 'node-failure-both', layout: 'side-by-side' as const };
		expect(elementSnippet(config).split('\n')[1]).toBe(
			'<orchestra-lab scenario="node-failure-both" layout="side-by-side" lang="en"></orchestra-lab>'
		);
		expect(iframeSnippet(config)).toContain(
			'/embed/node-failure-both?layout=side-by-side&amp;lang=en"'
		);
	});

	it('every snippet parses back to the same mode', () => {
		for (const config of [
			{ ...base, narrated: true },
			{ ...base, scenario: 'node-failure-both', layout: 'side-by-side' as const }
		]) {
			const src = /src="([^"]*)"/.exec(iframeSnippet(config))?.[1]?.replaceAll('&amp;', '&') ?? '';
			const url = new URL(src);
			const parsed = parseEmbed(config.scenario, url.searchParams);
			expect(parsed.ok).toBe(true);
			if (parsed.ok) {
				expect(parsed.config.narrated ?? false).toBe(config.narrated ?? false);
				expect(parsed.config.layout ?? 'single').toBe(config.layout ?? 'single');
			}
		}
	});
});

describe('the one button class', () => {
	it('reaches the element’s shadow root, with its focus ring and its dark colours', async () => {
		const css = hostScoped(await readFile('src/app.css', 'utf8'));
		expect(css).toMatch(/\.btn\s*\{[^}]*min-height:\s*2\.75rem/);
		expect(css).toMatch(/\.btn\s*\{[^}]*min-width:\s*2\.75rem/);
		expect(css).toMatch(/\.btn:focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)/);
		expect(css).toMatch(/\.btn-primary\s*\{[^}]*background:\s*var\(--accent\)/);
		// The variables the class uses are set on :host, in light and in dark.
		expect(css).toMatch(/prefers-color-scheme: dark\)\s*\{\s*:host\s*\{[^}]*--accent:/);
		expect(css).not.toMatch(/:root/);
	});
});

describe('lab numbers on a page', () => {
	it('claims nothing while rendering on the server (nothing stays mounted there)', () => {
		const a = claimLabNumber();
		const b = claimLabNumber();
		expect([a.n, b.n]).toEqual([1, 1]);
	});

	it('the first lab keeps plain names; later ones get a number, freed on unmount', () => {
		vi.stubGlobal('document', {});
		const first = claimLabNumber();
		const second = claimLabNumber();
		expect([first.n, second.n]).toEqual([1, 2]);
		expect(labSuffix(first.n, 'en')).toBe('');
		expect(labSuffix(second.n, 'en')).toBe(' (lab 2)');
		expect(labSuffix(second.n, 'zh')).toBe('（实验 2）');
		first.release();
		const third = claimLabNumber();
		expect(third.n).toBe(1);
		second.release();
		third.release();
		vi.unstubAllGlobals();
	});

	it('names a region with the lab’s suffix element only when there is a suffix', () => {
		expect(labelledBy('w1-title', undefined)).toBe('w1-title');
		expect(labelledBy('w1-title', { id: 'w1-lab', suffix: '' })).toBe('w1-title');
		expect(labelledBy('w1-title', { id: 'w1-lab', suffix: ' (lab 2)' })).toBe('w1-title w1-lab');
		expect(labelled('Events', { id: 'w1-lab', suffix: ' (lab 2)' })).toBe('Events (lab 2)');
	});
});
