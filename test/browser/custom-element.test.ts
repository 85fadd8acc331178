/**
 * The standalone `<orchestra-lab>` script on a page that is not ours, the Embed panel's two
 * snippets, and the embedding docs page.
 *
 * The plain page (fixtures/plain.html) is served from a made-up foreign origin and loads the
 * script from another made-up origin, both answered by Playwright from the test server (a real
 * cross-origin `<script src>`, without Chromium's loopback-access checks getting in the way).
 * The script fetches the lab's chunks (/orchestra-lab/*.js) from that second origin too.
 * What the elements draw is compared with the same lab run here in Node (same seed, same lines).
 *
 * For speed, each page is opened once and looked at in both colour schemes and at both widths
 * (`emulateMedia`, `setViewportSize`) rather than reopened for each.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import '../../src/engine/index';
import type { Flavor } from '../../src/engine/types';
import { elementSnippet, iframeSnippet } from '../../src/viz/element/snippets';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { isViewName, SCENARIOS, VIEWS, type ScenarioId } from '../../src/viz/scenarios';
import { axeInBothSchemes, openPage, sidewaysOverflow, useChromium } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const HOST = 'http://third-party.test';
const SCRIPT_ORIGIN = 'http://orchestra.test';
const SCRIPT = `${SCRIPT_ORIGIN}/orchestra-lab.js`;
/** The chunk an engine flavour starts from, as the build names it (`swarm-<hash>.js`). */
const FLAVOR_CHUNK = await (async () => {
	const files = await readdir('build/orchestra-lab');
	const find = (flavor: Flavor) => {
		const file = files.find((f) => f.startsWith(`${flavor}-`));
		if (file === undefined) throw new Error(`build/orchestra-lab has no ${flavor} chunk`);
		return `/orchestra-lab/${file}`;
	};
	return { kubernetes: find('kubernetes'), swarm: find('swarm') };
})();

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The views the lesson asks its widget for (its `<LazyLab … views={[…]}>`). */
const LESSON_VIEWS = await (async () => {
	const lesson = await readFile('src/lessons/en/why-orchestration.md', 'utf8');
	const match = /<LazyLab scenario="node-failure" views=\{\[([^\]]*)\]\}/.exec(lesson);
	const asked = (match?.[1] ?? '').split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
	return asked.length > 0 && asked.every(isViewName) ? asked : [...VIEWS];
})();

/** The lesson widget's snippets: its scenario, flavour, views and language, on this site. */
const LESSON_SNIPPET = {
	site: baseURL,
	scenario: 'node-failure',
	flavor: 'kubernetes' as const,
	views: LESSON_VIEWS,
	lang: 'en' as const,
	title: `Orchestra Lab: ${SCENARIOS['node-failure'].title.en}`
};

interface PlainPage {
	page: Page;
	requests: string[];
	errors: string[];
	dialogs: string[];
	close: () => Promise<void>;
}

/** Opens the plain fixture page on a foreign origin, with the script from a second one. */
async function openPlain(options: BrowserContextOptions = {}): Promise<PlainPage> {
	const context = await chromium().newContext(options);
	const page = await context.newPage();
	const html = (await readFile('test/browser/fixtures/plain.html', 'utf8')).replace(
		'src="/orchestra-lab.js"',
		`src="${SCRIPT}"`
	);
	const requests: string[] = [];
	const errors: string[] = [];
	const dialogs: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await page.route(`${HOST}/**`, (route) =>
		route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
	);
	// The script and its chunks as the site build serves them.
	await page.route(`${SCRIPT_ORIGIN}/**`, async (route) =>
		route.fulfill({
			response: await route.fetch({ url: `${baseURL}${new URL(route.request().url()).pathname}` })
		})
	);
	await page.goto(`${HOST}/plain.html`);
	return { page, requests, errors, dialogs, close: () => context.close() };
}

/** Node cards an element draws: name, status, powered on. */
function shownNodes(element: Locator) {
	return element.locator('g.node').evaluateAll((cards) =>
		cards.map((card) => ({
			name: card.getAttribute('data-node'),
			status: card.getAttribute('data-status'),
			running: card.getAttribute('data-running')
		}))
	);
}

/** The same nodes from a headless lab of the scenario, as the widget builds it. */
function expectedNodes(id: ScenarioId, flavor: Flavor) {
	const lab = scenarioLab(id, flavor);
	return lab.snapshot().nodes.map((n) => ({
		name: n.name,
		status: n.status,
		running: String(n.running)
	}));
}

async function clockOf(element: Locator): Promise<number> {
	return Number(await element.locator('.clock-value').getAttribute('data-clock'));
}

function originOf(url: string): string {
	return new URL(url).origin;
}

describe('<orchestra-lab> on a plain page from another origin', () => {
	it('renders both labs as headless labs have them, each flavour fetched only when near; axe finds nothing', async () => {
		const { page, requests, errors, close } = await openPlain({
			viewport: { width: 1280, height: 600 }
		});
		try {
			const k8s = page.locator('#k8s');
			const swarm = page.locator('#swarm');
			await k8s.locator('g.node').first().waitFor({ state: 'attached' });
			// Nothing scrolled yet: the Swarm lab below the fold has fetched nothing, so the page has
			// only the Kubernetes engine.
			expect(await swarm.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(600);
			expect(requests).toContain(`${SCRIPT_ORIGIN}${FLAVOR_CHUNK.kubernetes}`);
			expect(requests).not.toContain(`${SCRIPT_ORIGIN}${FLAVOR_CHUNK.swarm}`);
			await swarm.scrollIntoViewIfNeeded();
			await swarm.locator('g.node').first().waitFor({ state: 'attached' });
			expect(requests).toContain(`${SCRIPT_ORIGIN}${FLAVOR_CHUNK.swarm}`);
			// Each chunk is fetched once, however many labs need it.
			expect(requests.length).toBe(new Set(requests).size);

			expect(await shownNodes(k8s)).toEqual(expectedNodes('node-failure', 'kubernetes'));
			expect(await shownNodes(swarm)).toEqual(expectedNodes('empty-cluster', 'swarm'));
			// Only the views asked for, in the widget's language.
			expect(await k8s.locator('.timeline-panel').count()).toBe(1);
			expect(await k8s.locator('.kubectl').count()).toBe(0);
			expect(await swarm.locator('.kubectl').textContent()).toMatch(/^ID\s+HOSTNAME\s+STATUS/);
			expect(await swarm.getByRole('button', { name: '播放' }).count()).toBe(1);

			// Styles land in the shadow roots, not in the host page; the host's styles stay out.
			const styles = await page.evaluate(() => ({
				head: document.head.querySelectorAll('style').length,
				shadow: document.querySelector('#k8s')?.shadowRoot?.querySelectorAll('style').length ?? 0
			}));
			expect(styles.head).toBe(1); // the fixture's own
			expect(styles.shadow).toBeGreaterThan(1); // site variables + Svelte component styles
			const play = k8s.getByRole('button', { name: 'Play', exact: true });
			expect(await play.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(
				'rgb(255, 255, 0)'
			);

			expect(new Set(requests.map(originOf))).toEqual(
				new Set([HOST, originOf(SCRIPT)].map(originOf))
			);
			expect(errors).toEqual([]);

			await page.locator('#hostile [role="alert"]').waitFor();
			expect(await axeInBothSchemes(page)).toEqual([]);
		} finally {
			await close();
		}
	});

	it('Play runs each lab on its own; a lab scrolled away waits', async () => {
		const { page, errors, close } = await openPlain({ viewport: { width: 1280, height: 700 } });
		try {
			const k8s = page.locator('#k8s');
			const swarm = page.locator('#swarm');
			await k8s.locator('g.node').first().waitFor({ state: 'attached' });
			await k8s.getByRole('button', { name: 'Play', exact: true }).click();
			await page.waitForFunction(
				() =>
					Number(
						document.querySelector('#k8s')?.shadowRoot?.querySelector<HTMLElement>('.clock-value')
							?.dataset.clock
					) >= 5_000
			);
			await k8s.getByRole('button', { name: 'Pause' }).click();
			const paused = await clockOf(k8s);
			await page.waitForTimeout(300);
			expect(await clockOf(k8s)).toBe(paused);

			await swarm.scrollIntoViewIfNeeded();
			await swarm.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await clockOf(swarm)).toBe(0);
			await swarm.getByRole('button', { name: '播放' }).click();
			await page.waitForFunction(
				() =>
					Number(
						document.querySelector('#swarm')?.shadowRoot?.querySelector<HTMLElement>('.clock-value')
							?.dataset.clock
					) > 0
			);
			// The other lab did not move.
			expect(await clockOf(k8s)).toBe(paused);

			// Scrolled out of view, a playing lab waits instead of running hidden.
			await page.evaluate(() => window.scrollTo(0, 0));
			expect(await swarm.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(700);
			await expect
				.poll(() => swarm.locator('.run-state').textContent())
				.toBe('等待中（已滚出视野）');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('loads a lab only near the viewport, re-mounts on a new attribute, unmounts when removed', async () => {
		const { page, errors, close } = await openPlain({ viewport: { width: 1280, height: 700 } });
		try {
			await page.evaluate(() => {
				const far = document.createElement('orchestra-lab');
				far.id = 'far';
				far.setAttribute('scenario', 'empty-cluster');
				far.style.marginTop = '6000px';
				document.querySelector('main')?.append(far);
			});
			const far = page.locator('#far');
			await page.waitForTimeout(500);
			expect(await far.locator('.placeholder').textContent()).toBe(
				'Loading the simulated cluster…'
			);
			expect(await far.locator('figure').count()).toBe(0);

			await far.scrollIntoViewIfNeeded();
			await far.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await shownNodes(far)).toEqual(expectedNodes('empty-cluster', 'kubernetes'));

			// Several attributes set together make one fresh lab with all of them.
			await far.evaluate((el) => {
				el.setAttribute('flavor', 'swarm');
				el.setAttribute('lang', 'zh');
			});
			await expect
				.poll(() => far.locator('g.node').first().getAttribute('data-node'))
				.toBe('manager-1');
			expect(await shownNodes(far)).toEqual(expectedNodes('empty-cluster', 'swarm'));
			expect(await far.getByRole('button', { name: '播放' }).count()).toBe(1);

			// A bad value stops the lab and says why.
			await far.evaluate((el) => el.setAttribute('views', 'cluster,nope'));
			await expect
				.poll(() => far.locator('[role="alert"]').textContent())
				.toContain('Unknown view “nope”');
			expect(await far.locator('figure').count()).toBe(0);

			// Removed from the page, the widget is unmounted (its player stops with it).
			await far.evaluate((el) => el.setAttribute('views', 'cluster'));
			await far.locator('g.node').first().waitFor({ state: 'attached' });
			const left = await far.evaluate((el) => {
				el.remove();
				return el.shadowRoot?.querySelectorAll('figure, g.node').length;
			});
			expect(left).toBe(0);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('shows a hostile attribute as text and runs nothing', async () => {
		const { page, dialogs, errors, close } = await openPlain();
		try {
			const hostile = page.locator('#hostile');
			await hostile.scrollIntoViewIfNeeded();
			const alert = hostile.locator('[role="alert"]');
			await alert.waitFor();
			expect(await alert.textContent()).toContain(
				'Unknown scenario “<img src=x onerror=alert(1)>”.'
			);
			// Set from a script too, with a payload for every attribute.
			await hostile.evaluate((el) => {
				for (const name of [
					'flavor',
					'views',
					'lang',
					'seed',
					'heading-level',
					'narrated',
					'layout'
				]) {
					el.setAttribute(name, '"><img src=x onerror=alert(2)><script>alert(3)</script>');
				}
				el.setAttribute('scenario', 'node-failure');
			});
			await expect.poll(() => alert.locator('li').count()).toBe(7);
			await page.waitForTimeout(300);
			const imgs = await page.evaluate(
				() =>
					document.querySelectorAll('img, script:not([src])').length +
					[...document.querySelectorAll('orchestra-lab')].reduce(
						(n, el) => n + (el.shadowRoot?.querySelectorAll('img, script').length ?? 0),
						0
					)
			);
			expect(imgs).toBe(0);
			expect(await hostile.locator('figure').count()).toBe(0);
			expect(dialogs).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('the Embed panel', () => {
	const LESSON = '/en/why-orchestration';

	it('copies the custom element and the iframe to the clipboard', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, LESSON, {
			permissions: ['clipboard-read', 'clipboard-write']
		});
		try {
			await page.getByRole('button', { name: 'Embed' }).click();
			expect(await page.getByLabel(/^Script and custom element/).inputValue()).toBe(
				elementSnippet(LESSON_SNIPPET)
			);
			expect(await page.getByLabel(/^Iframe/).inputValue()).toBe(iframeSnippet(LESSON_SNIPPET));

			await page.getByRole('button', { name: 'Copy the custom element' }).click();
			await expect
				.poll(() => page.locator('.copy-status').textContent())
				.toBe('Copied the custom element to the clipboard.');
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
				elementSnippet(LESSON_SNIPPET)
			);

			await page.getByRole('button', { name: 'Copy the iframe' }).click();
			await expect
				.poll(() => page.locator('.copy-status').textContent())
				.toBe('Copied the iframe to the clipboard.');
			const copied = await page.evaluate(() => navigator.clipboard.readText());
			expect(copied).toBe(iframeSnippet(LESSON_SNIPPET));
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('the copied element snippet, pasted into an empty page, runs the lab', async () => {
		// Same origin as the test server: the snippet's script address is the site's own.
		const { page, errors, close } = await openPage(chromium(), baseURL, '/');
		try {
			await page.route(`${baseURL}/pasted.html`, (route) =>
				route.fulfill({
					contentType: 'text/html; charset=utf-8',
					body: `<!doctype html><html lang="en"><head><title>Pasted</title></head><body><main>${elementSnippet(LESSON_SNIPPET)}</main></body></html>`
				})
			);
			await page.goto('/pasted.html');
			const lab = page.locator('orchestra-lab');
			await lab.locator('g.node').first().waitFor({ state: 'attached' });
			expect(await shownNodes(lab)).toEqual(expectedNodes('node-failure', 'kubernetes'));
			expect(await lab.locator('.console').count()).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('falls back to selecting the snippet when the clipboard refuses', async () => {
		const { page, close } = await openPage(chromium(), baseURL, LESSON);
		try {
			await page.evaluate(() => {
				navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
			});
			await page.getByRole('button', { name: 'Embed' }).click();
			await page.getByRole('button', { name: 'Copy the custom element' }).click();
			await expect
				.poll(() => page.locator('.copy-status').textContent())
				.toBe('Could not copy: select the code and copy it yourself.');
			const selected = await page.evaluate(() => {
				const box = document.activeElement;
				return box instanceof HTMLTextAreaElement
					? box.value.slice(box.selectionStart, box.selectionEnd)
					: null;
			});
			expect(selected).toBe(elementSnippet(LESSON_SNIPPET));
		} finally {
			await close();
		}
	});
});

describe('the embedding docs page', () => {
	/** Scrolls to every live lab of the page and to the iframe, and waits until each has drawn. */
	async function loadEveryLab(page: Page) {
		for (const lab of await page.locator('orchestra-lab:not(.refusal-demo)').all()) {
			await lab.scrollIntoViewIfNeeded();
			await lab.locator('g.node').first().waitFor({ state: 'attached' });
		}
		// The iframe is made once its slot comes near.
		await page.locator('.iframe-slot').scrollIntoViewIfNeeded();
		await page.frameLocator('iframe').locator('g.node').first().waitFor({ state: 'attached' });
	}

	async function expectAxeClean(page: Page, label: string, exclude?: string) {
		expect(await axeInBothSchemes(page, { exclude }), label).toEqual([]);
	}

	/** The iframe is a page of its own, checked on its own (counted with the docs page, axe's
	 * landmark-unique rule sometimes pairs its <main> with the docs page's <main>). */
	async function expectIframePageAxeClean(page: Page) {
		const src = await page.locator('iframe').getAttribute('src');
		expect(src).toMatch(/^\/embed\//);
		await page.goto(src ?? '');
		await page.locator('g.node').first().waitFor({ state: 'attached' });
		await expectAxeClean(page, src ?? '');
	}

	// One page does what nine did (four labs and an iframe, axe twice, four screenshots): it
	// gets their time, which on a busy 2-core machine is more than the default minute.
	const DOCS_TIMEOUT = 180_000;

	it(
		'loads only the script until a lab is near, then shows both snippets live; axe; screenshots',
		async () => {
			// Lighthouse's phone screen: what this page costs before anyone scrolls.
			const { page, errors, requests, close } = await openPage(
				chromium(),
				baseURL,
				'/en/docs/embed',
				{
					viewport: { width: 412, height: 823 }
				}
			);
			try {
				const element = page.locator('orchestra-lab[scenario="node-failure"]:not([narrated])');
				expect(requests).toContain(`${baseURL}/orchestra-lab.js`);
				expect(await element.locator('.placeholder').count()).toBe(1);
				await page.waitForTimeout(500);
				expect(requests.filter((url) => /\/orchestra-lab\/|\/embed\//.test(url))).toEqual([]);

				await element.scrollIntoViewIfNeeded();
				await element.locator('g.node').first().waitFor({ state: 'attached' });
				expect(await shownNodes(element)).toEqual(expectedNodes('node-failure', 'kubernetes'));
				expect(await page.locator('pre[data-snippet="element"]').textContent()).toBe(
					elementSnippet({ ...LESSON_SNIPPET, views: ['cluster', 'timeline'] })
				);

				await page.locator('.iframe-slot').scrollIntoViewIfNeeded();
				const frame = page.frameLocator('iframe');
				await frame.locator('g.node').first().waitFor({ state: 'attached' });
				expect(await page.locator('pre[data-snippet="iframe"]').textContent()).toContain(
					`src="${baseURL}/embed/empty-cluster?flavor=swarm`
				);
				expect(await frame.locator('g.node').first().getAttribute('data-node')).toBe('manager-1');

				// The two modes, live: a narrated lab, and the side-by-side pair.
				const narrated = page.locator('orchestra-lab.narrated-demo');
				await narrated.scrollIntoViewIfNeeded();
				await narrated.locator('.narration .caption').waitFor();
				expect(await shownNodes(narrated)).toEqual(expectedNodes('node-failure', 'kubernetes'));
				expect(await page.locator('pre[data-snippet="narrated"]').textContent()).toBe(
					elementSnippet({ ...LESSON_SNIPPET, views: ['cluster', 'timeline'], narrated: true })
				);
				const side = page.locator('orchestra-lab.side-by-side-demo');
				await side.scrollIntoViewIfNeeded();
				await side.locator('section.side g.node').first().waitFor({ state: 'attached' });
				expect(await shownNodes(side.locator('section.side[data-flavor="swarm"]'))).toEqual(
					expectedNodes('node-failure-both', 'swarm')
				);
				expect(await page.locator('pre[data-snippet="side-by-side"]').textContent()).toContain(
					'<orchestra-lab scenario="node-failure-both" layout="side-by-side" lang="en">'
				);

				// The refusal example is text, and nothing runs.
				expect(
					await page.locator('orchestra-lab.refusal-demo [role="alert"]').textContent()
				).toContain('Unknown scenario “no-such-lab”.');

				expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
				expect(errors).toEqual([]);

				await expectAxeClean(page, '/en/docs/embed', 'iframe');
				for (const width of [1280, 390]) {
					await page.setViewportSize({ width, height: 900 });
					for (const colorScheme of ['light', 'dark'] as const) {
						await page.emulateMedia({ colorScheme });
						await page.evaluate(() => window.scrollTo(0, 0));
						const overflow = await sidewaysOverflow(page);
						expect(overflow, `${width}px`).toBe(0);
						await page.screenshot({
							path: `${OUT}/docs-embed-${width}-${colorScheme}.png`,
							fullPage: true
						});
					}
				}
				await expectIframePageAxeClean(page);
			} finally {
				await close();
			}
		},
		DOCS_TIMEOUT
	);

	it(
		'axe finds nothing on /zh/docs/embed, every lab loaded (light and dark)',
		async () => {
			const { page, close } = await openPage(chromium(), baseURL, '/zh/docs/embed');
			try {
				await loadEveryLab(page);
				await expectAxeClean(page, '/zh/docs/embed', 'iframe');
				await expectIframePageAxeClean(page);
			} finally {
				await close();
			}
		},
		DOCS_TIMEOUT
	);
});
