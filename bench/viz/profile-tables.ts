/**
 * Reading a CDP CPU profile (Profiler.stop) of a page: self and total time per function, by
 * file:line in the built site, for the viz profilers (raft-profile.ts, cluster-profile.ts).
 * Build with `vite build --minify false` for readable function names.
 */

export interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

export interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

function keyOf(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url === '' ? '' : url.replace(/^.*\/_app\//, '');
	return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
}

/** Self time per function (ms), from the samples and the gaps between them. */
export function selfTimes(profile: Profile): Map<string, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const node = byId.get(id);
		if (node === undefined) return;
		const key = keyOf(node);
		out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	});
	return out;
}

/** Total time (self + callees) per function, counting a function once per sample. */
export function totalTimes(profile: Profile): Map<string, number> {
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const node = byId.get(at);
			if (node === undefined) break;
			const key = keyOf(node);
			if (seen.has(key)) continue;
			seen.add(key);
			out.set(key, (out.get(key) ?? 0) + ms);
		}
	});
	return out;
}

/** The `top` functions of `times`, with their ms in the window and ms a second. */
export function printTop(title: string, times: Map<string, number>, seconds: number, top: number) {
	console.log(`\n${title} (ms in window, ms a second)`);
	const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, top);
	for (const [key, ms] of rows) {
		console.log(`${ms.toFixed(1).padStart(8)} ${(ms / seconds).toFixed(2).padStart(8)}  ${key}`);
	}
}

/** A stretch of the profile where the thread never went idle, and what ran in it. */
export interface Burst {
	/** Start, ms from the profile's start. */
	at: number;
	ms: number;
	/** Total time per function in the burst (ms). */
	totals: Map<string, number>;
	/** Self time per function in the burst (ms). */
	selves: Map<string, number>;
}

/**
 * The stretches of at least `minMs` in which the main thread ran without going idle (a long
 * frame's work, whatever its callbacks), each with the total time per function in it.
 */
export function bursts(profile: Profile, minMs: number): Burst[] {
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out: Burst[] = [];
	let t = 0;
	let open: Burst | undefined;
	profile.samples.forEach((id, i) => {
		t += (profile.timeDeltas[i] ?? 0) / 1000;
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const node = byId.get(id);
		const idle = node === undefined || node.callFrame.functionName === '(idle)';
		if (idle) {
			if (open !== undefined && open.ms >= minMs) out.push(open);
			open = undefined;
			return;
		}
		open ??= { at: t, ms: 0, totals: new Map(), selves: new Map() };
		open.ms += ms;
		const self = keyOf(node);
		open.selves.set(self, (open.selves.get(self) ?? 0) + ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at);
			if (frame === undefined) break;
			const key = keyOf(frame);
			if (seen.has(key)) continue;
			seen.add(key);
			open.totals.set(key, (open.totals.get(key) ?? 0) + ms);
		}
	});
	if (open !== undefined && open.ms >= minMs) out.push(open);
	return out;
}
