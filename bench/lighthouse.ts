/**
 * `npm run bench:lighthouse [-- --json] [-- --runs=3] [-- /en/some-page …]`: Lighthouse 12.2.3
 * (mobile, its default: simulated slow 4G and a 4× slower CPU) on every page of the built site
 * (`build/`): the four category scores against issue 5's goal of 95, the main metrics, and the
 * audits that fail. Builds nothing (run `npx vite build` first); not run in CI (minutes per page
 * on a small machine). `--help` lists the options.
 *
 * The site is served on 127.0.0.1 as a static host would serve it: gzip for text, long caching
 * for the hashed `_app/immutable/` files. Chromium is /usr/bin/chromium, started here with its
 * DevTools port for Lighthouse; the closed network refuses outside connections anyway, and the
 * flags keep Chromium from trying.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { existsSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { CONTENT_TYPES, resolveFile } from '../test/browser/global-setup';
import { report } from './report';

const ROOT = path.join(import.meta.dirname, '..');
/** `--build=DIR`: another copy of the site (e.g. one saved while others rebuild build/). */
const BUILD = path.resolve(
	process.argv.find((a) => a.startsWith('--build='))?.slice('--build='.length) ??
		path.join(ROOT, 'build')
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GOAL = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const json = process.argv.includes('--json');
/** `--runs=N`: each page N times, reported by its median run (by performance score). */
const RUNS = Math.max(1, Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1));
const METRICS = [
	'first-contentful-paint',
	'largest-contentful-paint',
	'total-blocking-time',
	'cumulative-layout-shift'
] as const;

/** `--why`: what the time goes to — the LCP element, the scripts' CPU time, the long tasks. */
const why = process.argv.includes('--why');

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** Rows of an audit's details table (Lighthouse's JSON is loosely typed: read it defensively). */
function rows(lhr: Lhr, id: string): Record<string, unknown>[] {
	const details = lhr.audits[id]?.details as { items?: unknown[] } | undefined;
	return (details?.items ?? []).filter((i): i is Record<string, unknown> => typeof i === 'object');
}

function explain(lhr: Lhr) {
	const ms = (v: unknown) => `${Math.round(Number(v))} ms`;
	for (const row of rows(lhr, 'largest-contentful-paint-element').slice(0, 1)) {
		const items = (row.items as { node?: { snippet?: string } }[] | undefined) ?? [];
		const node = items[0]?.node ?? (row.node as { snippet?: string } | undefined);
		if (node?.snippet) console.log(`    LCP element: ${node.snippet.slice(0, 120)}`);
	}
	for (const row of rows(lhr, 'bootup-time').slice(0, 5)) {
		console.log(
			`    script ${String(row.url).replace(/^https?:\/\/[^/]+/, '')}: ${ms(row.total)} (run ${ms(row.scripting)}, parse ${ms(row.scriptParseCompile)})`
		);
	}
	for (const row of rows(lhr, 'long-tasks').slice(0, 5)) {
		console.log(
			`    long task at ${ms(row.startTime)}: ${ms(row.duration)} in ${String(row.url).replace(/^https?:\/\/[^/]+/, '')}`
		);
	}
}

const HELP = `npm run bench:lighthouse [-- OPTIONS] [-- /path …]

Lighthouse 12.2.3 (mobile) on the pages of build/ (or the paths given), against a goal of ${GOAL}.
  --runs=N       run each page N times and report its median run (a busy machine varies)
  --build=DIR    read another copy of the site instead of build/
  --json         one JSON line a figure (bench/report.ts)
  --why          also print the LCP element, the scripts' CPU time and the long tasks
  --help         this text`;
if (process.argv.includes('--help')) {
	console.log(HELP);
	process.exit(0);
}

/** A static host: the files of build/, text gzipped, hashed assets cached for a year. */
function serve(root: string): Server {
	return createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const file = await resolveFile(root, url.pathname);
		if (!file) {
			response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			response.end('Not Found');
			return;
		}
		const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
		let body = await readFile(file);
		const headers: Record<string, string | number> = {
			'content-type': type,
			'cache-control': url.pathname.includes('/_app/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'public, max-age=0, must-revalidate'
		};
		const text = /^(text\/|application\/(json|manifest)|image\/svg)/.test(type);
		if (text && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
			body = gzipSync(body);
			headers['content-encoding'] = 'gzip';
		}
		headers['content-length'] = body.length;
		response.writeHead(200, headers);
		response.end(request.method === 'HEAD' ? undefined : body);
	});
}

/** Starts Chromium with a DevTools port of its choosing and reads the port it printed. */
function launchChromium(): Promise<{ port: number; process: ChildProcess; profile: string }> {
	const profile = mkdtempSync(path.join(tmpdir(), 'lighthouse-chromium-'));
	const child = spawn(
		CHROMIUM,
		[...CHROME_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	return new Promise((resolve, reject) => {
		let seen = '';
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
		child.stderr!.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
			if (match) resolve({ port: Number(match[1]), process: child, profile });
		});
	});
}

/** Every page of build/ by URL path ("/", "/en/why-orchestration", …). */
function pages(dir = BUILD): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === '_app' ? [] : pages(full);
			if (!entry.name.endsWith('.html')) return [];
			const url = '/' + path.relative(BUILD, full).replace(/\.html$/, '');
			return [url.replace(/(^|\/)index$/, '') || '/'];
		})
		.sort();
}

/** Issue 5's list: every lesson, the home page, the embed docs, and one /embed route. */
function chosen(): string[] {
	const asked = process.argv.slice(2).filter((a) => a.startsWith('/'));
	if (asked.length > 0) return asked;
	const all = pages();
	const embeds = all.filter((p) => p.startsWith('/embed/'));
	return [
		...all.filter((p) => !p.startsWith('/embed/')),
		embeds.includes('/embed/node-failure') ? '/embed/node-failure' : embeds[0]!
	];
}

interface Failing {
	id: string;
	title: string;
	score: number;
	detail: string;
}

async function main() {
	if (!existsSync(path.join(BUILD, 'index.html'))) {
		console.error('bench:lighthouse reads build/: run `npx vite build` first.');
		process.exit(1);
	}
	const server = serve(BUILD);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const chromium = await launchChromium();
	// Interrupted (Ctrl-C, a timeout): take Chromium down too, not leave it running.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			chromium.process.kill();
			rmSync(chromium.profile, { recursive: true, force: true });
			process.exit(130);
		});
	}
	const below: string[] = [];
	try {
		for (const page of chosen()) {
			const runs: Lhr[] = [];
			for (let run = 0; run < RUNS; run++) {
				const result = await lighthouse(`${origin}${page}`, {
					port: chromium.port,
					logLevel: 'error',
					output: 'json',
					onlyCategories: [...CATEGORIES]
				});
				if (!result) throw new Error(`lighthouse returned nothing for ${page}`);
				runs.push(result.lhr);
			}
			const performance = (r: (typeof runs)[number]) => r.categories.performance?.score ?? 0;
			runs.sort((a, b) => performance(a) - performance(b));
			const lhr = runs[Math.floor((runs.length - 1) / 2)]!;
			const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
			const failing: Failing[] = [];
			for (const category of CATEGORIES) {
				for (const ref of lhr.categories[category]?.auditRefs ?? []) {
					const audit = lhr.audits[ref.id];
					if (!audit || audit.score === null || audit.score >= 0.9) continue;
					if (ref.weight === 0 && category !== 'performance') continue;
					if (failing.some((f) => f.id === ref.id)) continue;
					failing.push({
						id: ref.id,
						title: audit.title,
						score: audit.score,
						detail: audit.displayValue ?? ''
					});
				}
			}
			if (json) {
				CATEGORIES.forEach((c, i) => report(`lighthouse ${page}: ${c}`, scores[i]!, 'score'));
				report(`lighthouse ${page}: benchmarkIndex`, lhr.environment.benchmarkIndex, 'index');
				for (const metric of METRICS) {
					const value = lhr.audits[metric]?.numericValue;
					if (value !== undefined)
						report(
							`lighthouse ${page}: ${metric}`,
							value,
							metric === 'cumulative-layout-shift' ? 'score' : 'ms'
						);
				}
			} else {
				const cells = CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join('  ');
				// Lighthouse's own CPU yardstick: low values mean a slow or busy machine, and the
				// simulated mobile figures (4× slower again) inflate with it.
				const cpu = Math.round(lhr.environment.benchmarkIndex);
				const all =
					runs.length > 1
						? `; performance of the ${runs.length} runs ${runs.map((r) => Math.round(performance(r) * 100)).join(', ')}`
						: '';
				console.log(`${page.padEnd(32)} ${cells}  (benchmarkIndex ${cpu}${all})`);
				const metrics = METRICS.map((m) => {
					const audit = lhr.audits[m];
					return `${m.replace(/-/g, ' ')} ${audit?.displayValue ?? '?'}`;
				});
				console.log(`    ${metrics.join(' · ')}`);
				for (const f of failing) {
					console.log(
						`    ✗ ${f.id} (${Math.round(f.score * 100)}) ${f.title}${f.detail ? ` — ${f.detail}` : ''}`
					);
				}
				if (why) explain(lhr);
			}
			if (scores.some((s) => s < GOAL)) below.push(page);
		}
	} finally {
		// Chromium writes its profile while it shuts down: remove the profile once it has exited.
		const exited = new Promise((resolve) => chromium.process.once('exit', resolve));
		chromium.process.kill();
		server.close();
		await exited;
		try {
			rmSync(chromium.profile, { recursive: true, force: true, maxRetries: 5 });
		} catch (error) {
			// A straggling Chromium process still writing it: the figures above stand all the same.
			console.error(`could not remove ${chromium.profile}: ${String(error)}`);
		}
	}
	if (!json) {
		console.log(
			below.length === 0
				? `\nEvery page scores ≥ ${GOAL} in every category.`
				: `\nBelow ${GOAL} somewhere: ${below.join(', ')}`
		);
	}
}

await main();
