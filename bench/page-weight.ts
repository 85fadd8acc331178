/**
 * `npm run bench:weight [-- --json]`: the JavaScript every page of the built site (`build/`)
 * downloads, gzip-compressed (node:zlib, default level), against issue 5's budget of 100 KB a
 * lesson page. Builds nothing: run `npx vite build` first.
 *
 * For each page:
 *  - eager: the modules its HTML preloads and imports, and everything they import statically;
 *  - with labs: eager, plus what its labs load once they come near the viewport — the dynamic
 *    imports of the page's modules (not the router's imports of other pages) and their static
 *    imports, with only the engine flavours its labs run (src/engine/flavors) and the views they
 *    show (src/viz/widgets/view-loaders.ts), and the narration's Chinese tellings only on a
 *    Chinese page (src/viz/widgets/narration-langs.ts); read from the lesson's `<LazyLab>` tags
 *    and src/viz/scenarios.ts, or the /embed route's scenario (every view, English, by default).
 * `--all-flavors` counts both flavours everywhere (the weight before the engine was split).
 * `--sources=/en/scheduling` adds what that page's lab chunks hold, by source folder (needs the
 * build's source maps: `BUILD_SOURCEMAP=1 npx vite build`; bench/chunk-sources.ts); `--depth=5`
 * names them more finely (`src/engine/swarm/stack/load.ts`; 3 by default: `src/engine/swarm`).
 * Also: the lab chunks by source (the Vite manifest in .svelte-kit, when there), and the
 * custom element: its loader script (what a page embedding it downloads at once) and the chunks
 * it fetches for a lab of each flavour (src/viz/element/chunk-format.ts).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Flavor } from '../src/engine/types';
import { scenario as findScenario, VIEWS, type ScenarioId } from '../src/viz/scenarios';
import { lessonLabs } from '../src/viz/embed/lesson-labs';
import { bytesBySource, sourceGroup, UNMAPPED } from './chunk-sources';
import { report } from './report';

const ROOT = path.join(import.meta.dirname, '..');
const BUILD = path.join(ROOT, 'build');
const MANIFEST = path.join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
const BUDGET_KB = 100;
const lesson = (url: string) => /^\/(en|zh)\/[^/]+$/.test(url);
const json = process.argv.includes('--json');
/** `--all-flavors`: count both engine flavours on every page, as before they were split. */
const allFlavors = process.argv.includes('--all-flavors');
/** `--sources=URL`: that page's lab chunks by source folder. */
const sourcesOf = process.argv.find((a) => a.startsWith('--sources='))?.slice('--sources='.length);
/** `--depth=N` with --sources: how many folder levels name a source (3: `src/engine/swarm`). */
const sourceDepth = Number(
	process.argv.find((a) => a.startsWith('--depth='))?.slice('--depth='.length) ?? 3
);

if (!existsSync(path.join(BUILD, '_app'))) {
	console.error('bench:weight reads build/: run `npx vite build` first.');
	process.exit(1);
}

/** Files under build/, by their path from build/ ("_app/immutable/chunks/x.js"). */
const gzipped = new Map<string, number>();
function gzipKb(file: string): number {
	let size = gzipped.get(file);
	if (size === undefined) {
		size = gzipSync(readFileSync(path.join(BUILD, file))).length / 1024;
		gzipped.set(file, size);
	}
	return size;
}

interface Imports {
	statics: string[];
	dynamics: string[];
}
const parsed = new Map<string, Imports>();

/** A module's imports, resolved to paths from build/ (minified ESM: `from"./x.js"`, `import("./x.js")`). */
function importsOf(file: string): Imports {
	const known = parsed.get(file);
	if (known) return known;
	const code = readFileSync(path.join(BUILD, file), 'utf8');
	const resolve = (spec: string) =>
		path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
	const statics = new Set<string>();
	const dynamics = new Set<string>();
	for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
		statics.add(resolve(m[1]!));
	}
	for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)) {
		dynamics.add(resolve(m[1]!));
	}
	const result = { statics: [...statics], dynamics: [...dynamics] };
	parsed.set(file, result);
	return result;
}

/** `roots` and every module they import statically. */
function staticClosure(roots: Iterable<string>, into = new Set<string>()): Set<string> {
	const stack = [...roots];
	while (stack.length > 0) {
		const file = stack.pop()!;
		if (into.has(file)) continue;
		into.add(file);
		stack.push(...importsOf(file).statics);
	}
	return into;
}

/** Source module → built file, from the Vite manifest (to name chunks and find the flavours). */
interface ManifestEntry {
	file: string;
	src?: string;
	name?: string;
}
const manifest: Record<string, ManifestEntry> = existsSync(MANIFEST)
	? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestEntry>)
	: {};
const sourceOf = new Map(
	Object.entries(manifest).map(([key, e]) => [e.file, e.src ?? `${e.name ?? key} (shared chunk)`])
);
const FLAVOR_FILES: Record<Flavor, string | undefined> = {
	kubernetes: manifest['src/engine/flavors/kubernetes.ts']?.file,
	swarm: manifest['src/engine/flavors/swarm.ts']?.file
};

/**
 * Each view's chunks (a part of view-loaders.ts: its `import(…)`s), loaded only for a lab that
 * shows the view; read from that file, so that the two cannot drift apart.
 */
const PART_FILES: Map<string, string[]> = (() => {
	const source = readFileSync(path.join(ROOT, 'src/viz/widgets/view-loaders.ts'), 'utf8');
	const body = source.slice(source.indexOf('const LOADERS'), source.indexOf('\n};'));
	const parts = new Map<string, string[]>();
	let part: string | undefined;
	for (const line of body.split('\n')) {
		part = /^\t(\w+): async/.exec(line)?.[1] ?? part;
		for (const m of line.matchAll(/import\('([^']+)'\)/g)) {
			const spec = m[1]!.replace(/^\$viz\//, 'src/viz/').replace(/^\.\//, 'src/viz/widgets/');
			const key = [spec, `${spec}.ts`].find((k) => manifest[k] !== undefined);
			if (part !== undefined && key !== undefined) {
				parts.set(part, [...(parts.get(part) ?? []), manifest[key]!.file]);
			}
		}
	}
	return parts;
})();

/** The narration's Chinese tellings: loaded only by a Chinese lab (narration-langs.ts). */
const NARRATION_ZH_FILE = manifest['src/viz/widgets/narration-zh.ts']?.file;

/** The widgets LazyLab imports, each loaded only for a lab of its layout. */
const WIDGET_FILES = { single: widgetFile('LabWidget'), 'side-by-side': widgetFile('SideBySide') };

/** A widget's chunk: its own entry, or (imported by an /embed page too) a shared chunk named after it. */
function widgetFile(name: string): string | undefined {
	const src = `src/viz/widgets/${name}.svelte`;
	return (manifest[src] ?? Object.values(manifest).find((e) => !e.src && e.name === name))?.file;
}

interface Labs {
	flavors: Set<Flavor>;
	layouts: Set<keyof typeof WIDGET_FILES>;
	/** The view parts its single widgets show (view-loaders.ts). */
	parts: Set<string>;
	/** The labs' language (a lesson's, or /embed's default). */
	lang: 'en' | 'zh';
}

/** What a page's labs run: its lesson's `<LazyLab>` tags, or the /embed route's scenario. */
function labsOf(url: string): Labs | undefined {
	const embed = /^\/embed\/([^/]+)$/.exec(url);
	if (embed) {
		const found = findScenario(embed[1] as ScenarioId);
		return {
			flavors: new Set([found.flavors[0]]),
			layouts: new Set(['single']),
			parts: new Set(VIEWS),
			lang: 'en'
		};
	}
	const lesson = /^\/(en|zh)\/([^/]+)$/.exec(url);
	const source = lesson && path.join(ROOT, 'src/lessons', lesson[1]!, `${lesson[2]}.md`);
	if (!source || !existsSync(source)) return undefined;
	const flavors = new Set<Flavor>();
	const layouts = new Set<keyof typeof WIDGET_FILES>();
	const parts = new Set<string>();
	for (const lab of lessonLabs(readFileSync(source, 'utf8'))) {
		const found = findScenario(lab.scenario);
		layouts.add(lab.layout);
		if (lab.layout === 'single') {
			for (const v of lab.views ?? VIEWS) parts.add(v);
			if (lab.narrated) parts.add('narration');
		}
		const wanted = lab.layout === 'side-by-side' ? found.flavors : [lab.flavor ?? found.flavors[0]];
		for (const f of wanted) flavors.add(f);
	}
	return { flavors, layouts, parts, lang: lesson[1] === 'zh' ? 'zh' : 'en' };
}

interface PageWeight {
	url: string;
	eager: number;
	withLabs: number;
	/**
	 * What the page downloads by itself: its eager modules when its labs wait for the reader (a
	 * lesson's first paints: LazyLab loads a lab when the reader acts on it), else with its labs
	 * (they load near the viewport, or after the load window on /embed).
	 */
	loads: number;
	flavors: string;
	/** What its labs load beyond the eager modules (built files, from build/). */
	lazy: string[];
}

function weigh(html: string): PageWeight {
	const file = path.relative(BUILD, html);
	const url = '/' + file.replace(/\.html$/, '').replace(/(^|\/)index$/, '');
	const text = readFileSync(html, 'utf8');
	const dir = path.posix.dirname(file);
	const roots = [
		...text.matchAll(/<link\b[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g),
		...text.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
		...text.matchAll(/\bimport\(\s*"([^"]+\.js)"\s*\)/g)
	].map((m) => path.posix.normalize(path.posix.join(dir, m[1]!)));
	// A lesson's text is a module the page imports dynamically (import.meta.glob over every
	// lesson) while it starts: its own counts as eager, the other lessons' are not loaded.
	const own = /^\/(en|zh)\/([^/]+)$/.exec(url);
	const ownLesson = own ? manifest[`src/lessons/${own[1]}/${own[2]}.md`]?.file : undefined;
	const otherLessons = new Set(
		Object.values(manifest)
			.filter((e) => e.src?.startsWith('src/lessons/') && e.file !== ownLesson)
			.map((e) => e.file)
	);
	const eager = staticClosure(ownLesson ? [...roots, ownLesson] : roots);
	const labs = labsOf(url);
	const needed = labs?.flavors;
	// Chunks the page's labs never ask for: other flavours, the other layout's widget.
	const skipped = new Set<string>();
	for (const [f, built] of Object.entries(FLAVOR_FILES) as [Flavor, string | undefined][]) {
		if (built === undefined || labs === undefined || allFlavors) continue;
		if (!labs.flavors.has(f)) skipped.add(built);
	}
	for (const [layout, built] of Object.entries(WIDGET_FILES) as [
		keyof typeof WIDGET_FILES,
		string | undefined
	][]) {
		if (built !== undefined && labs !== undefined && !labs.layouts.has(layout)) skipped.add(built);
	}
	if (NARRATION_ZH_FILE !== undefined && labs !== undefined && labs.lang !== 'zh') {
		skipped.add(NARRATION_ZH_FILE);
	}
	for (const [part, files] of PART_FILES) {
		if (labs === undefined || labs.parts.has(part)) continue;
		for (const file of files) skipped.add(file);
	}
	// The lazy part: dynamic imports of the page's own modules, not the router's (entry/*).
	const loaded = new Set(eager);
	const queue = [...eager];
	while (queue.length > 0) {
		const from = queue.pop()!;
		if (from.startsWith('_app/immutable/entry/')) continue;
		for (const target of importsOf(from).dynamics) {
			if (
				skipped.has(target) ||
				otherLessons.has(target) ||
				loaded.has(target) ||
				target.startsWith('_app/immutable/nodes/')
			) {
				continue;
			}
			for (const added of staticClosure([target])) {
				if (!loaded.has(added)) {
					loaded.add(added);
					queue.push(added);
				}
			}
		}
	}
	if (process.env.WEIGHT_DEBUG === url) {
		for (const f of loaded)
			console.log(eager.has(f) ? 'E' : 'L', gzipKb(f).toFixed(1), f, sourceOf.get(f) ?? '');
	}
	const sum = (files: Set<string>) => [...files].reduce((kb, f) => kb + gzipKb(f), 0);
	const onDemand = lesson(url) && text.includes('class="first-paint"');
	return {
		url,
		eager: sum(eager),
		withLabs: sum(loaded),
		loads: onDemand ? sum(eager) : sum(loaded),
		flavors: needed === undefined ? 'all' : [...needed].join('+') || '–',
		lazy: [...loaded].filter((f) => !eager.has(f))
	};
}

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === '_app' ? [] : htmlFiles(full);
		return entry.name.endsWith('.html') ? [full] : [];
	});
}

const pages = htmlFiles(BUILD)
	.map(weigh)
	.sort((a, b) => a.url.localeCompare(b.url));

if (!json) {
	console.log(`JavaScript per page, KB gzip (budget ${BUDGET_KB} KB a lesson page)\n`);
	console.log('  eager: what the page imports as it starts;');
	console.log('  page: what it downloads unless the reader starts a lab (eager, or with labs');
	console.log('        that load by themselves near the viewport);');
	console.log('  labs started: with every lab of the page started.\n');
	console.log(
		`${'page'.padEnd(34)} ${'eager'.padStart(7)} ${'page'.padStart(7)} ${'labs started'.padStart(13)}  flavours`
	);
}
for (const p of pages) {
	if (json) {
		report(`page weight ${p.url}: eager JS`, p.eager, 'KB gzip');
		report(`page weight ${p.url}: JS the page downloads`, p.loads, 'KB gzip');
		report(`page weight ${p.url}: JS with its labs in use`, p.withLabs, 'KB gzip');
	} else {
		const verdict = lesson(p.url) ? (p.loads <= BUDGET_KB ? '  ok' : '  over budget') : '';
		console.log(
			`${p.url.padEnd(34)} ${p.eager.toFixed(1).padStart(7)} ${p.loads.toFixed(1).padStart(7)} ` +
				`${p.withLabs.toFixed(1).padStart(13)}  ${p.flavors}${verdict}`
		);
	}
}

// One page's lab chunks by source folder (minified bytes, and their share of the gzip size).
if (sourcesOf !== undefined && !json) {
	const page = pages.find((p) => p.url === sourcesOf);
	if (page === undefined) throw new Error(`--sources: no page ${sourcesOf} in build/`);
	const groups = new Map<string, { min: number; gzip: number }>();
	let unmapped = 0;
	for (const file of page.lazy) {
		const bytes = bytesBySource(path.join(BUILD, file));
		if (bytes === undefined) {
			throw new Error(`--sources: ${file} has no source map; build with BUILD_SOURCEMAP=1`);
		}
		const total = [...bytes.values()].reduce((a, b) => a + b, 0);
		for (const [source, n] of bytes) {
			const name = source === UNMAPPED ? UNMAPPED : sourceGroup(source, sourceDepth);
			if (source === UNMAPPED) unmapped += n;
			const g = groups.get(name) ?? { min: 0, gzip: 0 };
			g.min += n / 1024;
			g.gzip += (gzipKb(file) * n) / total;
			groups.set(name, g);
		}
	}
	console.log(`\n${sourcesOf}: its labs' chunks by source, KB minified / KB gzip (shared out)`);
	for (const [name, g] of [...groups].sort((a, b) => b[1].min - a[1].min)) {
		console.log(`  ${g.min.toFixed(1).padStart(7)} ${g.gzip.toFixed(1).padStart(6)}  ${name}`);
	}
	if (unmapped > 0) console.log(`  (unmapped: bundler glue, export lists)`);
}

// The lab's lazy chunks by source, to see where the bytes are.
if (Object.keys(manifest).length > 0) {
	const lazy = new Set<string>();
	const lab = WIDGET_FILES.single;
	const chunks = lab ? staticClosure([lab]) : new Set<string>();
	for (const f of Object.values(FLAVOR_FILES)) if (f) staticClosure([f], lazy);
	if (!json) console.log('\nLab chunks (LabWidget and its imports; the flavour chunks), KB gzip');
	for (const file of [...new Set([...chunks, ...lazy])].sort((a, b) => gzipKb(b) - gzipKb(a))) {
		const name = sourceOf.get(file) ?? file;
		if (json) report(`lab chunk ${name}`, gzipKb(file), 'KB gzip');
		else console.log(`  ${gzipKb(file).toFixed(1).padStart(6)}  ${name}`);
	}
}

// The custom element: the loader every embedding page runs, then the chunks a lab fetches.
const ELEMENT_DIR = 'orchestra-lab';
if (existsSync(path.join(BUILD, 'orchestra-lab.js'))) {
	const loader = gzipKb('orchestra-lab.js');
	/** A chunk's static `require("./x.js")`s (`()=>require(…)` is a dynamic import: a flavour). */
	const requires = (file: string) =>
		[
			...readFileSync(path.join(BUILD, file), 'utf8').matchAll(
				/(?<!=>)\brequire\("\.\/([^"]+\.js)"\)/g
			)
		].map((m) => `${ELEMENT_DIR}/${m[1]!}`);
	const chunks = existsSync(path.join(BUILD, ELEMENT_DIR))
		? readdirSync(path.join(BUILD, ELEMENT_DIR))
		: [];
	const named = (prefix: string) => chunks.find((f) => f.startsWith(`${prefix}-`));
	const closure = (roots: (string | undefined)[]) => {
		const out = new Set<string>();
		const stack = roots
			.filter((r): r is string => r !== undefined)
			.map((r) => `${ELEMENT_DIR}/${r}`);
		while (stack.length > 0) {
			const file = stack.pop()!;
			if (out.has(file)) continue;
			out.add(file);
			stack.push(...requires(file));
		}
		return [...out].reduce((kb, f) => kb + gzipKb(f), 0);
	};
	const labs = {
		'a Kubernetes lab': closure([named('core'), named('kubernetes')]),
		'a Swarm lab': closure([named('core'), named('swarm')]),
		'both (side by side)': closure([named('core'), named('kubernetes'), named('swarm')])
	};
	if (json) {
		report('custom element loader orchestra-lab.js', loader, 'KB gzip');
		for (const [what, kb] of Object.entries(labs)) {
			report(`custom element chunks for ${what}`, kb, 'KB gzip');
		}
	} else {
		console.log(
			`\n/orchestra-lab.js (custom element loader, classic script) ${loader.toFixed(1)} KB gzip`
		);
		for (const [what, kb] of Object.entries(labs)) {
			console.log(`  + /${ELEMENT_DIR}/*.js for ${what}`.padEnd(52) + `${kb.toFixed(1)} KB gzip`);
		}
	}
}
