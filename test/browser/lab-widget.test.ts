/**
 * The lesson's lab widget and the /embed route: the console drives the views, the timeline's
 * scrubber travels in time with every view in step (checked against a lab run in Node with the
 * same seed and lines), everything works from the keyboard, axe finds nothing, hostile URL
 * parameters stay text, and screenshots for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { LabSnapshot } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	axeInBothSchemes,
	openPage,
	showAt,
	sidewaysOverflow,
	simulatedTime,
	useChromium
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const LESSON = '/en/why-orchestration';
const SCENARIO = SCENARIOS['node-failure'];

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

interface ShownPod {
	name: string;
	node: string;
	status: string;
	ready: string;
}

/** Types a line into the widget's console and presses Enter. */
async function run(page: Page, line: string) {
	const input = page.locator('.console-input');
	await input.fill(line);
	await input.press('Enter');
}

/** The pods the cluster view draws (leaving ones excluded), by node, in drawing order. */
function shownPods(page: Page): Promise<ShownPod[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<SVGGElement>('g.node')].flatMap((card) =>
			[...card.querySelectorAll<SVGGElement>('g.pod:not(.exiting)')].map((pod) => ({
				name: pod.dataset.pod ?? '',
				node: card.dataset.node ?? '',
				status: pod.dataset.status ?? '',
				ready: pod.dataset.ready ?? ''
			}))
		)
	);
}

/** What the cluster view should draw for a snapshot: bound units, grouped by node in node order. */
function expectedPods(snapshot: LabSnapshot): ShownPod[] {
	return snapshot.nodes.flatMap((node) =>
		snapshot.units
			.filter((u) => u.node === node.name)
			.map((u) => ({ name: u.name, node: node.name, status: u.status, ready: String(u.ready) }))
	);
}

function nodeStates(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll<SVGGElement>('g.node')].map((card) => ({
			name: card.dataset.node,
			status: card.dataset.status,
			running: card.dataset.running
		}))
	);
}

/** The same lab in Node: the scenario's set-up, then `lines`, as the console ran them. */
function labInNode(lines: readonly string[]) {
	const lab = scenarioLab(SCENARIO.id, 'kubernetes');
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
	return lab;
}

async function scrubTo(page: Page, t: number) {
	await page.locator('.scrubber').fill(String(t));
	await page.waitForFunction(
		(target) =>
			document.querySelector<HTMLElement>('.clock-value')?.dataset.clock === String(target),
		t
	);
}

describe('the lab widget on the lesson page', () => {
	it('starts with the scenario: three pods, one per worker, drawn inside their nodes', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			await page.locator('g.pod').first().waitFor({ state: 'attached' });
			const expected = expectedPods(labInNode([]).snapshot());
			expect(expected).toHaveLength(3);
			expect(await shownPods(page)).toEqual(expected);
			// Each pod says its state in words too (not by colour alone).
			const label = await page.locator('g.pod').first().getAttribute('aria-label');
			expect(label).toMatch(/^web-\S+: ContainerCreating, not ready, 0 restarts$/);
			expect(await page.locator('.console .entry.in').first().textContent()).toBe(
				'$ kubectl create deployment web --image=nginx --replicas=3'
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('the scrubber reaches the furthest time even when it is not a whole second', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			await page.locator('g.pod').first().waitFor({ state: 'attached' });
			await run(page, 'sim advance 61500ms');
			expect(await simulatedTime(page)).toBe(61_500);
			await page.locator('.scrubber').press('Home');
			expect(await simulatedTime(page)).toBe(0);
			await page.locator('.scrubber').press('End');
			expect(await simulatedTime(page)).toBe(61_500);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('console lines change the views; errors are stderr and change nothing', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON, {
			reducedMotion: 'reduce'
		});
		try {
			const lines = ['kubectl scale deployment web --replicas=5', 'sim advance 10s'];
			for (const line of lines) await run(page, line);
			await page.waitForFunction(() => document.querySelectorAll('g.pod').length === 5);
			const lab = labInNode(lines);
			expect(await shownPods(page)).toEqual(expectedPods(lab.snapshot()));
			expect(await simulatedTime(page)).toBe(10_000);

			await run(page, 'sim node stop node-3');
			expect(await page.locator('g.node[data-node="node-3"]').getAttribute('data-running')).toBe(
				'false'
			);
			expect(await page.getByRole('button', { name: 'Start node-3' }).count()).toBe(1);

			const before = await shownPods(page);
			await run(page, 'kubectl scale deployment nope --replicas=1');
			const err = page.locator('.console .entry.err').last();
			expect(await err.textContent()).toContain('deployments.apps "nope" not found');
			expect(await shownPods(page)).toEqual(before);

			await run(page, 'kubectl get pods');
			expect(await page.locator('.console .entry.out').last().textContent()).toMatch(
				/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/
			);
			await run(page, 'clear');
			expect(await page.locator('.console .entry').count()).toBe(0);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('plays the terminal for an interactive shell: each line an exec, until exit', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON, {
			reducedMotion: 'reduce'
		});
		try {
			await run(page, 'kubectl exec -it nope -- sh');
			expect(await page.locator('.console .entry.err').last().textContent()).toContain(
				'pods "nope" not found'
			);
			await run(page, 'kubectl run box --image=busybox:1.36 -- sleep 3600');
			await run(page, 'sim advance 20s');
			await run(page, 'kubectl exec -it box -- sh');
			const sigil = page.locator('.console .prompt .sigil');
			expect(await sigil.textContent()).toBe('/ #');
			expect(await page.locator('.console-input').getAttribute('id')).toBeTruthy();
			expect(await page.getByLabel('Shell in box').count()).toBe(1);
			await run(page, 'hostname && wget -qO- http://nowhere');
			const entries = page.locator('.console .entry');
			expect(await entries.nth(-3).textContent()).toBe('/ # hostname && wget -qO- http://nowhere');
			expect(await entries.nth(-2).textContent()).toBe('box');
			expect(await entries.nth(-1).textContent()).toBe("wget: bad address 'nowhere'");
			await page.locator('.console').screenshot({ path: `${OUT}/console-shell-1280-light.png` });
			await run(page, 'exit');
			expect(await sigil.textContent()).toBe('$');
			// kubectl run -it --rm: a new pod, a shell in it, deleted when the shell ends.
			await run(page, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh');
			expect(await entries.last().textContent()).toBe(
				'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
					"If you don't see a command prompt, try pressing enter."
			);
			expect(await sigil.textContent()).toBe('/ #');
			await run(page, 'hostname');
			expect(await entries.last().textContent()).toBe('debug');
			await run(page, 'exit');
			expect(await entries.nth(-2).textContent()).toBe(
				"Session ended, resume using 'kubectl attach debug -c debug -n default -i -t' command"
			);
			expect(await entries.last().textContent()).toBe('pod "debug" deleted from default namespace');
			await run(page, 'kubectl get pod box');
			expect(await page.locator('.console .entry.out').last().textContent()).toMatch(/^NAME/);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('draws Pending pods outside the nodes, and a failing pod with its own shape', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON, {
			reducedMotion: 'reduce'
		});
		try {
			const cordon = ['node-1', 'node-2', 'node-3'].map((n) => `kubectl cordon ${n}`);
			const uncordon = ['node-1', 'node-2', 'node-3'].map((n) => `kubectl uncordon ${n}`);
			const first = [...cordon, 'kubectl scale deployment web --replicas=5', 'sim advance 5s'];
			for (const line of first) await run(page, line);
			const pending = page.locator('.unscheduled li');
			expect(await pending.count()).toBe(2);
			expect(await pending.evaluateAll((items) => items.map((li) => li.textContent))).toEqual(
				labInNode(first)
					.snapshot()
					.units.filter((u) => u.node === undefined)
					.map((u) => expect.stringContaining(`${u.name}: Pending, not ready, 0 restarts`))
			);

			const second = [
				...uncordon,
				'sim advance 10s',
				'kubectl set image deployment/web nginx=nginx:nope',
				'sim advance 30s'
			];
			for (const line of second) await run(page, line);
			expect(await pending.count()).toBe(0);
			expect(await shownPods(page)).toEqual(
				expectedPods(labInNode([...first, ...second]).snapshot())
			);
			const failing = page.locator('g.pod[data-status*="ImagePull"]');
			expect(await failing.count()).toBeGreaterThan(0);
			const shapes = await page.evaluate(() => ({
				bad: document.querySelector('g.pod[data-status*="ImagePull"] .pod-icon')?.getAttribute('d'),
				ok: document.querySelector('g.pod[data-status="Running"] .pod-icon')?.getAttribute('d')
			}));
			// The triangle (UNIT_SHAPES.bad), placed in its chip by its coordinates.
			expect(shapes.bad).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+H[\d.]+z$/);
			expect(shapes.ok).not.toBe(shapes.bad);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('fades a deleted pod out while the clock runs, then removes it', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			await run(page, 'sim advance 10s');
			const victim = await page.locator('g.pod').first().getAttribute('data-pod');
			await page.getByLabel('Speed').selectOption('100');
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await run(page, `kubectl delete pod ${victim} --wait=false`);
			const gone = page.locator(`g.pod[data-pod="${victim}"]`);
			await page.locator(`g.pod.exiting[data-pod="${victim}"]`).waitFor({ state: 'attached' });
			// Frames keep coming while it plays: the fade must still finish.
			await gone.waitFor({ state: 'detached', timeout: 5_000 });
			await page.getByRole('button', { name: 'Pause' }).click();
			expect(await page.locator('g.pod.exiting').count()).toBe(0);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('seeking back and forward keeps the cluster view equal to the lab at that time', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON, {
			reducedMotion: 'reduce'
		});
		try {
			const lines = ['sim node stop node-2', 'sim advance 7m'];
			for (const line of lines) await run(page, line);
			expect(await simulatedTime(page)).toBe(420_000);
			const lab = labInNode(lines);

			// Back before NotReady, after it, after the eviction, to the start, and forward again.
			for (const t of [40_000, 100_000, 400_000, 0, 200_000, 420_000]) {
				await scrubTo(page, t);
				lab.seek(t);
				const snapshot = lab.snapshot();
				expect(await shownPods(page), `pods at ${t}`).toEqual(expectedPods(snapshot));
				expect(await nodeStates(page), `nodes at ${t}`).toEqual(
					snapshot.nodes.map((n) => ({
						name: n.name,
						status: n.status,
						running: String(n.running)
					}))
				);
				// The timeline lists exactly the events up to then.
				const listed = await page
					.locator('.timeline li')
					.evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.t)));
				expect(
					listed.every((eventT) => eventT <= t),
					`events at ${t}`
				).toBe(true);
			}
			// At 7 minutes node-2's pod was evicted and replaced: the view shows both.
			const pods = await shownPods(page);
			expect(pods.filter((p) => p.node === 'node-2').map((p) => p.status)).toEqual(['Terminating']);
			expect(pods.filter((p) => p.status === 'Running')).toHaveLength(3);
			expect(await page.locator('.timeline path.fault').count()).toBeGreaterThanOrEqual(3);

			// Play continues from the sought time.
			await scrubTo(page, 100_000);
			await page.getByRole('button', { name: 'Play', exact: true }).click();
			await page.waitForFunction(() => {
				const t = Number(document.querySelector<HTMLElement>('.clock-value')?.dataset.clock);
				return t > 100_000 && t < 200_000;
			});
			await page.getByRole('button', { name: 'Pause' }).click();
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('Step runs to the next event, and Reset starts again', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			const lab = labInNode(['sim advance 1m']);
			const first = lab.events(1)[0];
			expect(first).toBeDefined();
			await page.getByRole('button', { name: 'Step to next event' }).click();
			expect(await simulatedTime(page)).toBe(first!.t);
			await run(page, 'sim advance 1m');
			await page.getByRole('button', { name: 'Reset' }).click();
			expect(await simulatedTime(page)).toBe(0);
			expect(await page.locator('.speed option').allTextContents()).toEqual([
				'0.25×',
				'0.5×',
				'1×',
				'2×',
				'5×',
				'10×',
				'30×',
				'100×'
			]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('works from the keyboard: console with completion and history, scrubber, no trap', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			const focused = () =>
				page.evaluate(() => {
					const el = document.activeElement;
					return {
						cls: el?.getAttribute('class') ?? '',
						visible: el?.matches(':focus-visible') ?? false
					};
				});
			async function tabUntil(cls: string, key = 'Tab') {
				for (let i = 0; i < 120; i++) {
					await page.keyboard.press(key);
					const f = await focused();
					if (f.cls.split(' ').includes(cls)) return f;
				}
				throw new Error(`${key} never reached .${cls}`);
			}

			const input = await tabUntil('console-input');
			expect(input.visible).toBe(true);
			await page.keyboard.type('sim node sto');
			await page.keyboard.press('Tab');
			expect(await page.locator('.console-input').inputValue()).toBe('sim node stop ');
			await page.keyboard.type('node-');
			await page.keyboard.press('Tab'); // several names fit: they are listed
			expect(await page.locator('.console .entry.info').last().textContent()).toContain(
				'node-1  node-2  node-3'
			);
			await page.keyboard.type('3');
			await page.keyboard.press('Enter');
			expect(await page.locator('g.node[data-node="node-3"]').getAttribute('data-running')).toBe(
				'false'
			);
			await page.keyboard.press('ArrowUp');
			expect(await page.locator('.console-input').inputValue()).toBe('sim node stop node-3');
			await page.keyboard.press('ArrowDown');
			expect(await page.locator('.console-input').inputValue()).toBe('');
			await page.keyboard.type('sim advance 2m');
			await page.keyboard.press('Enter');
			expect(await simulatedTime(page)).toBe(120_000);

			// An empty line: Tab moves on, it does not trap focus in the console.
			await page.keyboard.press('Tab');
			expect((await focused()).cls).not.toContain('console-input');

			const scrubber = await tabUntil('scrubber', 'Shift+Tab');
			expect(scrubber.visible).toBe(true);
			await page.keyboard.press('Home');
			expect(await simulatedTime(page)).toBe(0);
			// The stop was typed at 00:00: off at once, but not yet noticed.
			expect(await page.locator('g.node[data-node="node-3"]').getAttribute('data-status')).toBe(
				'Ready'
			);
			await page.keyboard.press('End');
			expect(await simulatedTime(page)).toBe(120_000);
			await page.keyboard.press('ArrowLeft');
			expect(await simulatedTime(page)).toBe(119_000);
			expect(await page.locator('g.node[data-node="node-3"]').getAttribute('data-status')).toBe(
				'NotReady'
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('announces a seek in words through the one polite live region', async () => {
		const { page, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			await run(page, 'sim advance 1m');
			await scrubTo(page, 30_000);
			await page.waitForFunction(
				() =>
					document.querySelector('.lab-widget [aria-live="polite"]')?.textContent ===
					'Moved to 00:30.',
				undefined,
				{ timeout: 10_000 }
			);
			expect(await page.locator('.console [role="log"]').count()).toBe(1);
		} finally {
			await close();
		}
	});

	it('shows an Embed snippet for this scenario, with a selectable fallback', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			const button = page.getByRole('button', { name: 'Embed' });
			expect(await button.getAttribute('aria-expanded')).toBe('false');
			await button.click();
			expect(await button.getAttribute('aria-expanded')).toBe('true');
			const code = await page.getByLabel(/^Iframe/).inputValue();
			expect(code).toBe(
				`<iframe src="${baseURL}/embed/node-failure?flavor=kubernetes&amp;views=cluster%2Ctimeline%2Cconsole%2Ckubectl&amp;lang=en" title="Orchestra Lab: ${SCENARIO.title.en}" width="100%" height="900" loading="lazy" style="border:0"></iframe>`
			);
			await page.getByRole('button', { name: 'Copy the iframe' }).click();
			await page.waitForFunction(
				() => (document.querySelector('.copy-status')?.textContent ?? '') !== ''
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('/embed/[scenario]', () => {
	it('runs the views the URL asks for, and no Embed button', async () => {
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/node-failure?views=cluster,console&lang=zh'
		);
		try {
			await page.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await page.locator('.timeline').count()).toBe(0);
			expect(await page.locator('pre.kubectl').count()).toBe(0);
			expect(await page.getByRole('button', { name: '嵌入' }).count()).toBe(0);
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
			await run(page, 'sim node stop node-1');
			expect(await page.locator('g.node[data-node="node-1"]').getAttribute('data-running')).toBe(
				'false'
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	// [parameter, value, the part the refusal quotes]
	const HOSTILE = [
		['flavor', '<img src=x onerror=alert(1)>', '“<img src=x onerror=alert(1)>”'],
		['views', 'cluster,"><script>alert(1)</script>', '“"><script>alert(1)</script>”'],
		['lang', '<svg onload=alert(1)>', '“<svg onload=alert(1)>”'],
		['seed', '1;alert(1)', '“1;alert(1)”'],
		['<b>x</b>', '1', '“<b>x</b>”']
	] as const;

	for (const [key, value, quoted] of HOSTILE) {
		it(`refuses ${key}=${value} and shows it as text, never as markup`, async () => {
			const query = new URLSearchParams([[key, value]]).toString();
			const { page, close } = await openPage(chromium(), baseURL, `/embed/node-failure?${query}`);
			const dialogs: string[] = [];
			page.on('dialog', (dialog) => {
				dialogs.push(dialog.message());
				void dialog.dismiss();
			});
			try {
				const refused = page.locator('.refused');
				await refused.waitFor();
				expect(await refused.textContent()).toContain(quoted);
				expect(await page.locator('g.node').count()).toBe(0);
				const injected = await page.evaluate(() => ({
					img: document.querySelectorAll('img').length,
					script: [...document.querySelectorAll('script')].filter((s) =>
						s.textContent?.includes('alert')
					).length,
					handlers: document.querySelectorAll('[onerror], [onload]').length,
					bold: document.querySelectorAll('.refused b').length
				}));
				expect(injected).toEqual({ img: 0, script: 0, handlers: 0, bold: 0 });
				await page.waitForTimeout(300);
				expect(dialogs).toEqual([]);
			} finally {
				await close();
			}
		});
	}

	it('has a prerendered page per known scenario and none for others', async () => {
		for (const id of Object.keys(SCENARIOS)) {
			expect((await fetch(`${baseURL}/embed/${id}`)).status, id).toBe(200);
		}
		expect((await fetch(`${baseURL}/embed/%3Cimg%20src%3Dx%3E`)).status).toBe(404);
	});
});

describe('accessibility and looks', () => {
	// One busy widget, seen at both widths in both schemes; axe in both schemes with the Embed
	// panel open too. Then one page per embed route.
	it('the busy widget: nothing sticks out, screenshots (1280/390, light/dark), axe finds nothing', async () => {
		const { page, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			for (const line of [
				'kubectl scale deployment web --replicas=4',
				'sim node stop node-2',
				'sim advance 7m',
				'kubectl get nope',
				'kubectl get pods'
			]) {
				await run(page, line);
			}
			await page.waitForTimeout(1_000); // let the flashes finish
			for (const width of [1280, 390]) {
				for (const colorScheme of ['light', 'dark'] as const) {
					await showAt(page, width, colorScheme);
					const overflow = await sidewaysOverflow(page);
					expect(overflow, `${width}px ${colorScheme}`).toBe(0);
					await page.locator('.lab-widget').screenshot({
						path: `${OUT}/lab-widget-${width}-${colorScheme}.png`
					});
				}
			}
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.getByRole('button', { name: 'Embed' }).click();
			expect(await axeInBothSchemes(page, { include: '.lab-widget' })).toEqual([]);
		} finally {
			await close();
		}
	});

	it('the embed pages: axe finds nothing (light, dark); screenshots (1280/390, light/dark)', async () => {
		const swarm = await openPage(chromium(), baseURL, '/embed/empty-cluster?flavor=swarm');
		try {
			await swarm.page.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await axeInBothSchemes(swarm.page)).toEqual([]);
		} finally {
			await swarm.close();
		}
		const embed = await openPage(chromium(), baseURL, '/embed/node-failure?views=cluster,timeline');
		try {
			for (const width of [1280, 390]) {
				for (const colorScheme of ['light', 'dark'] as const) {
					await showAt(embed.page, width, colorScheme);
					await embed.page.screenshot({
						path: `${OUT}/embed-${width}-${colorScheme}.png`,
						fullPage: true
					});
				}
			}
		} finally {
			await embed.close();
		}
	});
});
