/**
 * `node --import tsx bench/cpu-profile.ts <profile.cpuprofile> <bundle.mjs> [--top N]`: where a
 * bundled benchmark spends its time. Profile a bundle (bench/bundled.ts keeps one in a temp
 * directory; `npx esbuild bench/lab-scale.ts --bundle --platform=node --format=esm
 * --outfile=/tmp/lab.mjs` makes one to keep), e.g. `node --expose-gc --cpu-prof
 * --cpu-prof-dir=/tmp/prof /tmp/lab.mjs --small`, then read it here: self time per function,
 * per source module, and inclusive time per function, each function named with the source
 * module esbuild's `// path` comments place it in and `@` its line in the bundle.
 *
 * A profile's times are wall-clock samples: on a busy machine they stretch, so read them as
 * shares of the total. Inlined functions count as their caller's, so a line can carry a
 * neighbour's cost: confirm a fix by measuring CPU time before and after, not by the profile.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const [profileArg, bundleArg] = process.argv.slice(2);
if (profileArg === undefined || bundleArg === undefined)
	throw new Error('usage: bench/cpu-profile.ts <profile.cpuprofile> <bundle.mjs> [--top N]');
const profileFile: string = profileArg;
const bundleFile: string = bundleArg;
const topAt = process.argv.indexOf('--top');
const TOP = topAt < 0 ? 40 : Number(process.argv[topAt + 1]);

// The source module of each bundle line: esbuild opens each module with a `// path` comment.
const lines = readFileSync(bundleFile, 'utf8').split('\n');
const moduleAt: string[] = [];
let current = '(bundle)';
for (const line of lines) {
	const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
	if (m) current = m[1]!.replace(/.*node_modules\//, '');
	moduleAt.push(current);
}

const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function where(n: ProfileNode): { name: string; module: string } {
	const f = n.callFrame;
	const inBundle = f.url.endsWith(bundleFile.replace(/.*\//, ''));
	const module = inBundle ? (moduleAt[f.lineNumber] ?? '(bundle)') : f.url || '(vm)';
	return { name: `${f.functionName || '(anonymous)'} ${module} @${f.lineNumber + 1}`, module };
}

const sampled = new Map<number, number>();
profile.samples.forEach((id, i) =>
	sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
);
let total = 0;
const self = new Map<string, number>();
const byModule = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
for (const [id, t] of sampled) {
	const w = where(byId.get(id)!);
	total += t;
	add(self, w.name, t);
	add(byModule, w.module, t);
	// Each function once per sample, however deep it recurses.
	const seen = new Set<string>();
	for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
		const name = where(byId.get(at)!).name;
		if (!seen.has(name)) add(inclusive, name, t);
		seen.add(name);
	}
}

function print(title: string, m: Map<string, number>, n: number): void {
	console.log(`--- ${title}`);
	for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
		console.log(
			`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`
		);
}

console.log(`total ${(total / 1000).toFixed(0)} ms of samples`);
print('self time by function', self, TOP);
print('self time by module', byModule, TOP);
print('inclusive time by function', inclusive, TOP);
