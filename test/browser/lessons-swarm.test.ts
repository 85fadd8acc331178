/**
 * The Swarm-and-Raft, five-steps and stateless-design lessons, in English and in Chinese: every
 * page renders with its title, every lab on it mounts and answers a typed line exactly as the
 * same lab run in Node does (same scenario, seed and lines), axe finds nothing in light or dark,
 * nothing sticks out sideways on a phone, and screenshots are saved for a human to look at.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import '../../src/engine/index';
import type { ExecResult, Flavor } from '../../src/engine/types';
import type { ScenarioId } from '../../src/viz/scenarios';
import { scenarioLab } from '../../src/viz/scenario-lab';
import {
	axeViolations,
	openPage,
	showAt,
	sidewaysOverflow,
	startAllLabs,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

interface LabCheck {
	scenario: ScenarioId;
	flavor: Flavor;
	/** Lines typed into this lab's console, in order; the last one's answer is compared. */
	lines: readonly string[];
	/** The view that must then draw what the lab's snapshot holds: node cards or Raft members. */
	view: 'cluster' | 'raft';
}

/** Each lesson's labs, in page order, with a line a learner would type in each. */
const LESSONS: Record<string, readonly LabCheck[]> = {
	'swarm-and-raft': [
		{
			scenario: 'swarm-managers',
			flavor: 'swarm',
			lines: ['docker node ls'],
			view: 'cluster'
		},
		{
			scenario: 'raft-election',
			flavor: 'swarm',
			lines: ['sim raft'],
			view: 'raft'
		}
	],
	'five-steps': [
		{
			// The scenario's Dockerfile and page reach `docker build` through its files.
			scenario: 'five-steps',
			flavor: 'kubernetes',
			lines: ['docker build -t registry.lab:5000/web:1 .'],
			view: 'cluster'
		},
		{
			// No swarm until the learner makes one: `docker node ls` fails first, init works, and
			// the cluster view then draws the one node the swarm has (workers appear as they join).
			scenario: 'five-steps',
			flavor: 'swarm',
			lines: ['docker node ls', 'docker swarm init'],
			view: 'cluster'
		}
	],
	'stateless-design': [
		{
			scenario: 'self-healing',
			flavor: 'kubernetes',
			lines: ['sim advance 10s', 'sim crash pod web-766486c5b6-4vf4n', 'kubectl get pods'],
			view: 'cluster'
		}
	]
};

const LANGS = ['en', 'zh'] as const;
const WIDTHS = [1280, 390];
const SCHEMES = ['light', 'dark'] as const;

/** The lesson's title, from its own frontmatter. */
function titleOf(lang: string, slug: string): string {
	const text = readFileSync(`src/lessons/${lang}/${slug}.md`, 'utf8');
	const title = /^title: (.+)$/m.exec(text)?.[1];
	if (title === undefined) throw new Error(`no title in ${lang}/${slug}`);
	return title;
}

/** The same lab in Node, built as the widget builds it: each typed line's result, and then
 * the names the view must draw (the snapshot's nodes, or its Raft members). */
function headless(check: LabCheck): { results: ExecResult[]; drawn: string[] } {
	const lab = scenarioLab(check.scenario, check.flavor);
	const results = check.lines.map((line) => lab.exec(line));
	const snapshot = lab.snapshot();
	const drawn =
		check.view === 'cluster'
			? snapshot.nodes.map((n) => n.name)
			: (snapshot.raft?.members.map((m) => m.name) ?? []);
	return { results, drawn };
}

/** What a view draws, by name: node cards (`g.node`) or Raft members (`g.member`). */
function drawnBy(widget: Locator, view: LabCheck['view']): Promise<(string | null)[]> {
	const [selector, attribute] =
		view === 'cluster' ? ['g.node', 'data-node'] : ['g.member', 'data-member'];
	return widget
		.locator(selector)
		.evaluateAll((els, a) => els.map((el) => el.getAttribute(a)), attribute);
}

/** Starts every lab of the page (a lesson's labs wait for the reader), and waits for each. */
async function loadLabs(page: Page): Promise<Locator[]> {
	await startAllLabs(page);
	const widgets = await page.locator('.lab-widget').all();
	for (const widget of widgets) {
		await widget.locator('.console-input').waitFor({ state: 'attached' });
	}
	await page.evaluate(() => window.scrollTo(0, 0));
	return widgets;
}

/** Types one line into this widget's console and returns what the console printed for it. */
async function type(widget: Locator, line: string): Promise<string> {
	const input = widget.locator('.console-input');
	const before = await widget.locator('.console .entry').count();
	await input.fill(line);
	await input.press('Enter');
	await expect
		.poll(async () => widget.locator('.console .entry').count())
		.toBeGreaterThan(before + 1);
	const printed = await widget.locator('.console .entry').evaluateAll(
		(entries, n) =>
			entries
				.slice(n + 1)
				.filter((e) => !e.classList.contains('in'))
				.map((e) => e.textContent ?? ''),
		before
	);
	return printed.join('\n');
}

/** What the console shows for a result: stdout, then stderr, each without its last newline. */
function shown(result: ExecResult): string {
	return [result.output, result.error ?? '']
		.filter((part) => part !== '')
		.map((part) => part.replace(/\n$/, ''))
		.join('\n');
}

// One page per lesson: its labs are checked against Node, then the page (labs used) is seen at
// both widths and in both themes, with axe and a full-page screenshot (for a human to look at).
describe('the Swarm, five-steps and stateless-design lessons', () => {
	for (const lang of LANGS) {
		for (const [slug, checks] of Object.entries(LESSONS)) {
			it(`/${lang}/${slug} renders, each lab answers typed lines as Node does; axe, overflow and screenshots at ${WIDTHS.join(' and ')}px, light and dark`, async () => {
				const { page, errors, close } = await openPage(chromium(), baseURL, `/${lang}/${slug}`, {
					viewport: { width: WIDTHS[0]!, height: 900 },
					reducedMotion: 'reduce'
				});
				try {
					const title = titleOf(lang, slug);
					expect(await page.locator('h1').textContent()).toBe(title);
					expect(await page.title()).toBe(`${title} · Orchestra Lab`);
					expect(await page.evaluate(() => document.documentElement.lang)).toBe(
						lang === 'en' ? 'en' : 'zh-CN'
					);

					const widgets = await loadLabs(page);
					expect(widgets.length).toBe(checks.length);
					for (const [i, check] of checks.entries()) {
						const widget = widgets[i]!;
						const expected = headless(check);
						for (const [j, line] of check.lines.entries()) {
							expect(await type(widget, line), `${check.scenario}: ${line}`).toBe(
								shown(expected.results[j]!)
							);
						}
						expect(expected.drawn.length).toBeGreaterThan(0);
						expect(await drawnBy(widget, check.view)).toEqual(expected.drawn);
					}
					expect(errors).toEqual([]);

					// The same page, its labs used, seen at every width and in both themes.
					for (const width of WIDTHS) {
						for (const colorScheme of SCHEMES) {
							await showAt(page, width, colorScheme);
							await page.evaluate(() => window.scrollTo(0, 0));
							await page.screenshot({
								path: `${OUT}/lessons-swarm-${lang}-${slug}-${width}-${colorScheme}.png`,
								fullPage: true
							});

							expect(await axeViolations(page), `${width}px ${colorScheme}`).toEqual([]);

							const overflow = await sidewaysOverflow(page);
							expect(overflow, `${width}px ${colorScheme}`).toBe(0);
						}
					}
				} finally {
					await close();
				}
			});
		}
	}

	it('the five-steps Swarm lab starts with no swarm: the first line fails, init succeeds', () => {
		const [ls, init] = headless(LESSONS['five-steps']![1]!).results;
		expect(ls!.ok).toBe(false);
		expect(ls!.error).toMatch(/This node is not a swarm manager/);
		expect(init!.ok).toBe(true);
		expect(init!.output).toMatch(
			/^Swarm initialized: current node \([a-z0-9]{25}\) is now a manager/
		);
	});
});
