/**
 * The Kubernetes lessons (`kubernetes-architecture`, `scheduling`) in the built site, in English
 * and in Chinese: each page renders with its own metadata, its lab mounts and answers typed
 * commands exactly as the same lab run in Node answers them, every terminal transcript pasted
 * into the lesson is what the lab really prints, the numbers the text quotes are the lab's, axe
 * finds nothing, nothing is fetched from another origin, and screenshots (light/dark ×
 * 1280/390 px) are saved for a human to look at.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Lab } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	axeViolations,
	openPage,
	showAt,
	sidewaysOverflow,
	simulatedTime,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

const LANGS = ['en', 'zh'] as const;
const LESSONS = {
	'kubernetes-architecture': SCENARIOS['control-plane-ha'],
	scheduling: SCENARIOS.scheduling
} as const;
type Slug = keyof typeof LESSONS;
const SLUGS = Object.keys(LESSONS) as Slug[];

/** The lesson's scenario in Node, built as the widget builds it, then `lines` (each must work). */
function labInNode(slug: Slug, lines: readonly (string | number)[] = []): Lab {
	const lab = scenarioLab(LESSONS[slug].id, 'kubernetes');
	for (const step of lines) {
		if (typeof step === 'number') lab.advance(step);
		else expect(lab.exec(step).ok, step).toBe(true);
	}
	return lab;
}

/** What a terminal shows for `lines` typed into `lab`: each `$ line`, then its output. */
function transcript(lab: Lab, lines: readonly string[]): string {
	return lines
		.map((line) => {
			const r = lab.exec(line);
			return `$ ${line}\n${r.output}${r.error ?? ''}`;
		})
		.join('')
		.trimEnd();
}

/** The lesson's frontmatter, read from its source file. */
async function metadata(lang: string, slug: Slug): Promise<{ title: string; order: number }> {
	const source = await readFile(`src/lessons/${lang}/${slug}.md`, 'utf8');
	const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
	return parse(front) as { title: string; order: number };
}

async function run(page: Page, line: string) {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

/** The text of the console's last output (or error) entry. */
async function lastEntry(page: Page, kind: 'out' | 'err'): Promise<string> {
	const text = await page.locator(`.console .entry.${kind}`).last().textContent();
	return (text ?? '').trimEnd();
}

/** The transcripts pasted into the lesson (its focusable `<pre>` blocks), in page order. */
function pastedTranscripts(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('.prose pre[tabindex="0"] > code')].map((c) =>
			(c.textContent ?? '').trimEnd()
		)
	);
}

/** Opens a lesson and waits until its lab has drawn its nodes. */
async function open(lang: string, slug: Slug, options: Parameters<typeof openPage>[3] = {}) {
	const opened = await openPage(chromium(), baseURL, `/${lang}/${slug}`, options);
	await opened.page.locator('.lab-widget').first().scrollIntoViewIfNeeded();
	await opened.page.locator('g.node').first().waitFor({ state: 'attached' });
	return opened;
}

/** Every line of the lessons' transcripts, as the lab prints it (checked below in Node). */
const EXPECTED_TRANSCRIPTS: Record<Slug, () => string[]> = {
	'kubernetes-architecture': () => [
		transcript(labInNode('kubernetes-architecture'), ['kubectl get nodes -o wide']),
		transcript(labInNode('kubernetes-architecture'), ['kubectl get pods -o wide']),
		// Steps 3 and 4: the etcd leader stops, a write still works once a new leader is elected;
		// a second member stops, and the next write times out.
		transcript(
			labInNode('kubernetes-architecture', [
				'sim node stop control-plane-1',
				5_000,
				'kubectl scale deployment web --replicas=4',
				'sim node stop control-plane-2',
				5_000
			]),
			['kubectl scale deployment web --replicas=5']
		)
	],
	scheduling: () => [
		SCENARIOS.scheduling.setup.kubernetes.join('\n'),
		transcript(labInNode('scheduling'), ['kubectl describe pod huge']),
		transcript(labInNode('scheduling'), [
			'kubectl taint nodes node-2 maintenance=soon:PreferNoSchedule-',
			'kubectl scale deployment api --replicas=4'
		]),
		// Step 8: the file as the lab reads it, then preemption 30 s in.
		(SCENARIOS.scheduling.files?.['rush.yaml'] ?? '').trimEnd(),
		transcript(labInNode('scheduling', [30_000]), ['kubectl apply -f rush.yaml']),
		transcript(labInNode('scheduling', [30_000, 'kubectl apply -f rush.yaml', 1_000]), [
			'kubectl get pods rush batch -o wide'
		])
	]
};

describe('the Kubernetes lessons', () => {
	for (const lang of LANGS) {
		for (const slug of SLUGS) {
			// One page per lesson: metadata, lab, pasted transcripts, then its looks at both widths
			// and in both themes.
			it(`/${lang}/${slug}: metadata, lab answers as Node does, transcripts true; axe, overflow, screenshots (1280/390, light/dark)`, async () => {
				const { page, requests, errors, close } = await open(lang, slug, {
					viewport: { width: 1280, height: 900 }
				});
				try {
					const meta = await metadata(lang, slug);
					expect(await page.locator('h1').textContent()).toBe(meta.title);
					expect(await page.locator('html').getAttribute('lang')).toBe(
						lang === 'zh' ? 'zh-CN' : 'en'
					);

					const lab = labInNode(slug);
					const nodes = lab.snapshot().nodes.map((n) => n.name);
					await page.waitForFunction(
						(n) => document.querySelectorAll('g.node').length === n,
						nodes.length
					);
					expect(
						await page
							.locator('g.node')
							.evaluateAll((cards) => cards.map((c) => (c as SVGGElement).dataset.node))
					).toEqual(nodes);

					// The clock has not moved, so the answer is the Node lab's, byte for byte.
					expect(await simulatedTime(page)).toBe(lab.now());
					await run(page, 'kubectl get pods -o wide');
					expect(await lastEntry(page, 'out')).toBe(
						lab.exec('kubectl get pods -o wide').output.trimEnd()
					);

					// Every transcript pasted into the lesson is what the lab prints.
					expect(await pastedTranscripts(page)).toEqual(EXPECTED_TRANSCRIPTS[slug]());

					expect(requests.filter((url) => !url.startsWith(baseURL))).toEqual([]);
					expect(errors).toEqual([]);

					for (const width of [1280, 390]) {
						for (const colorScheme of ['light', 'dark'] as const) {
							await showAt(page, width, colorScheme);
							await page.evaluate(() => window.scrollTo(0, 0));
							expect(await axeViolations(page), `${width}px ${colorScheme}`).toEqual([]);
							// Nothing may stick out sideways, not even on a phone.
							const overflow = await sidewaysOverflow(page);
							expect(overflow, `${width}px ${colorScheme}`).toBe(0);
							await page.screenshot({
								path: `${OUT}/lesson-${slug}-${lang}-${width}-${colorScheme}.png`,
								fullPage: true
							});
						}
					}
				} finally {
					await close();
				}
			});
		}
	}

	it('the architecture lab: losing etcd’s majority stops writes and reads, not the pods', async () => {
		const { page, errors, close } = await open('en', 'kubernetes-architecture');
		try {
			const steps = [
				'sim node stop control-plane-1',
				'sim advance 5s',
				'kubectl scale deployment web --replicas=4',
				'sim node stop control-plane-2',
				'sim advance 5s'
			];
			for (const line of steps) await run(page, line);
			const lab = labInNode('kubernetes-architecture', [
				'sim node stop control-plane-1',
				5_000,
				'kubectl scale deployment web --replicas=4',
				'sim node stop control-plane-2',
				5_000
			]);
			expect(await simulatedTime(page)).toBe(lab.now());

			// The ring shows the members' roles as the lab has them: one left, leaderless.
			const roles = Object.fromEntries(
				(lab.snapshot().raft?.members ?? []).map((m) => [m.name, m.role])
			);
			expect(roles['control-plane-3']).not.toBe('leader');
			expect(
				await page
					.locator('[data-member][data-role]')
					.evaluateAll((els) =>
						Object.fromEntries(
							els.map((e) => [(e as HTMLElement).dataset.member, (e as HTMLElement).dataset.role])
						)
					)
			).toEqual(roles);

			for (const line of ['kubectl scale deployment web --replicas=5', 'kubectl get pods']) {
				await run(page, line);
				const expected = lab.exec(line);
				expect(expected.ok).toBe(false);
				expect(await lastEntry(page, 'err')).toBe((expected.error ?? '').trimEnd());
			}
			// The pods kept answering: no request failed since the set-up started the traffic.
			await run(page, 'sim traffic');
			const traffic = lab.exec('sim traffic').output;
			expect(traffic).toMatch(/service\/web\s+clusterip\s+10\/s\s+\d+\s+\d+\s+0\s/);
			expect(await lastEntry(page, 'out')).toBe(traffic.trimEnd());

			// A member back: a majority again, and the same write works.
			for (const line of ['sim node start control-plane-2', 'sim advance 5s'])
				await run(page, line);
			await run(page, 'kubectl scale deployment web --replicas=5');
			expect(await lastEntry(page, 'out')).toBe('deployment.apps/web scaled');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('the scheduling lab: the totals the lesson quotes are the ones the table shows', async () => {
		const { page, errors, close } = await open('en', 'scheduling');
		try {
			const decisions = labInNode('scheduling').schedulingDecisions();
			const totals = (pod: string) =>
				Object.fromEntries(
					(decisions.find((d) => d.pod === pod)?.rows ?? [])
						.filter((r) => r.total !== undefined)
						.map((r) => [r.node, r.total])
				);
			// The numbers written in the lesson's steps 1 and 2.
			expect(totals('web')).toEqual({ 'node-1': 484, 'node-2': 134 });
			expect(totals('trainer')).toMatchObject({ 'node-3': 672 });

			for (const pod of ['web', 'trainer']) {
				await page.getByLabel('Pod', { exact: true }).selectOption(`default/${pod}`);
				await page.locator(`.scheduler table[data-pod="default/${pod}"]`).waitFor();
				const shown = await page.locator('.scheduler tbody tr').evaluateAll((rows) =>
					Object.fromEntries(
						rows.flatMap((tr) => {
							const total = tr.querySelector<HTMLElement>('td.total')?.dataset.total;
							return total === undefined ? [] : [[(tr as HTMLElement).dataset.node, Number(total)]];
						})
					)
				);
				expect(shown).toEqual(totals(pod));
			}

			// Step 7: without node-2's taint, the two new api pods go to node-2.
			await run(page, 'kubectl taint nodes node-2 maintenance=soon:PreferNoSchedule-');
			await run(page, 'kubectl scale deployment api --replicas=4');
			await run(page, 'sim advance 5s');
			const lab = labInNode('scheduling', [
				'kubectl taint nodes node-2 maintenance=soon:PreferNoSchedule-',
				'kubectl scale deployment api --replicas=4',
				5_000
			]);
			const api = lab.snapshot().units.filter((u) => u.name.startsWith('api-'));
			expect(api.filter((u) => u.node === 'node-2')).toHaveLength(2);
			await run(page, 'kubectl get pods -o wide');
			expect(await lastEntry(page, 'out')).toBe(
				lab.exec('kubectl get pods -o wide').output.trimEnd()
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});
