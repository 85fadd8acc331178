/**
 * What the traffic view shows, computed from one `sim traffic` stream of a snapshot: the
 * backends that answered (or were chosen and did not) grouped by node with their state, the
 * failures by reason, where on the path each failure happened, and the command lines the view's
 * buttons send. Pure functions of snapshot data, so the same snapshot always draws the same.
 */
import type { NodeView, TrafficRequestView, TrafficView, UnitView } from '$engine/types';
import { unitTone, type UnitTone } from './unit-state';

/** A backend's state: its pod's (or task's) tone, or `gone` once it no longer exists. */
export type BackendState = UnitTone | 'gone';

export interface BackendRow {
	/** `backend@node`: a swarm slot's old and new task live on different nodes. */
	key: string;
	backend: string;
	node: string;
	hits: number;
	failed: number;
	/** Failures on this backend by reason, largest first. */
	failures: readonly FailureCount[];
	/** Share of all answered requests, 0..1. */
	share: number;
	state: BackendState;
	/** The pod's or task's STATUS word ('' when gone). */
	status: string;
}

export interface NodeGroup {
	node: string;
	/** Powered on (false after `sim node stop`); true for a node the snapshot does not list. */
	running: boolean;
	/** What the orchestrator believes (`Ready`, `NotReady`, `Down`, …). */
	status: string;
	rows: readonly BackendRow[];
}

export interface FailureCount {
	reason: string;
	count: number;
}

/** Where a failed request stops on the drawn path. */
export type FailurePoint = 'entry' | 'service' | 'backend';

/** The stage a request of each reason fails at (see traffic/target.ts FailureReason). */
export function failurePoint(reason: string | undefined, hasBackend: boolean): FailurePoint {
	if (reason === 'unreachable') return 'entry';
	// A backend was chosen and did not answer (refused, timed out, or nginx's 502 after retries).
	if (hasBackend) return 'backend';
	return 'service';
}

/**
 * Failed requests by where they stopped: at an entry node that could not take them
 * (`unreachable`), at the service (no endpoint, an ingress 404/503), or at a chosen backend.
 */
export function failuresByStage(view: TrafficView): Record<FailurePoint, number> {
	const backend = view.misses.reduce((n, m) => n + m.failed, 0);
	const entry = view.failures['unreachable'] ?? 0;
	return { entry, service: view.failed - backend - entry, backend };
}

/** Failures by reason, largest first, then by name (a stable order for the list and tests). */
export function failureCounts(failures: Readonly<Record<string, number>>): FailureCount[] {
	return Object.entries(failures)
		.filter(([, n]) => n > 0)
		.map(([reason, count]) => ({ reason, count }))
		.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** The unit that is this backend: a pod by name, or a swarm task by slot name and node. */
function unitOf(
	view: TrafficView,
	units: readonly UnitView[],
	backend: string,
	node: string
): UnitView | undefined {
	return units.find((u) =>
		u.namespace === ''
			? u.name === backend && (node === '' || u.node === node)
			: u.name === backend && u.namespace === view.namespace
	);
}

/** The stream's backends grouped by node, nodes in the snapshot's order. */
export function backendGroups(
	view: TrafficView,
	nodes: readonly NodeView[],
	units: readonly UnitView[]
): NodeGroup[] {
	const rows = new Map<string, { backend: string; node: string; hits: number; failed: number }>();
	const failuresOf = new Map<string, Readonly<Record<string, number>>>();
	for (const h of view.answered) {
		rows.set(`${h.backend}@${h.node}`, {
			backend: h.backend,
			node: h.node,
			hits: h.hits,
			failed: 0
		});
	}
	for (const m of view.misses) {
		const key = `${m.backend}@${m.node}`;
		const row = rows.get(key) ?? { backend: m.backend, node: m.node, hits: 0, failed: 0 };
		row.failed = m.failed;
		rows.set(key, row);
		failuresOf.set(key, m.failures);
	}
	const answered = view.succeeded;
	const byNode = new Map<string, BackendRow[]>();
	for (const [key, r] of rows) {
		const unit = unitOf(view, units, r.backend, r.node);
		const row: BackendRow = {
			key,
			...r,
			failures: failureCounts(failuresOf.get(key) ?? {}),
			share: answered > 0 ? r.hits / answered : 0,
			state: unit === undefined ? 'gone' : unitTone(unit),
			status: unit?.status ?? ''
		};
		let list = byNode.get(r.node);
		if (list === undefined) byNode.set(r.node, (list = []));
		list.push(row);
	}
	const order = nodes.map((n) => n.name);
	for (const name of byNode.keys()) if (!order.includes(name)) order.push(name);
	return order
		.filter((name) => byNode.has(name))
		.map((name) => {
			const node = nodes.find((n) => n.name === name);
			return {
				node: name,
				running: node?.running ?? true,
				status: node?.status ?? '',
				rows: byNode
					.get(name)!
					.sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0))
			};
		});
}

/** `service/web:8080` → `web`; `ingress/minimal-ingress` → `minimal-ingress`. */
/** The stream the view shows until the reader picks one: the running one, else the first. */
export function defaultStream(traffic: readonly TrafficView[]): TrafficView | undefined {
	return traffic.find((s) => s.running) ?? traffic[0];
}

export function streamName(view: Pick<TrafficView, 'target'>): string {
	const name = view.target.slice(view.target.indexOf('/') + 1);
	const colon = name.lastIndexOf(':');
	return colon < 0 ? name : name.slice(0, colon);
}

/** `sim traffic` writes rates as `50/s`; a whole number keeps the line short. */
export function rateText(rate: number): string {
	return `${Number.isInteger(rate) ? rate : Number(rate.toFixed(2))}/s`;
}

/** What the view's Start button types: the same stream (name, way in, port, host, path) at `rate`. */
export function startCommand(view: TrafficView | TrafficTarget, rate: number): string {
	const parts = ['sim', 'traffic', 'name' in view ? view.name : streamName(view), rateText(rate)];
	if (view.via !== '') parts.push('--via', view.via);
	if ('target' in view) {
		const colon = view.target.lastIndexOf(':');
		if (view.target.startsWith('service/') && colon > 0)
			parts.push('--port', view.target.slice(colon + 1));
		if (view.request !== undefined) {
			const slash = view.request.indexOf('/');
			const host = slash < 0 ? view.request : view.request.slice(0, slash);
			const path = slash < 0 ? '/' : view.request.slice(slash);
			if (host !== '') parts.push('--host', host);
			if (path !== '/') parts.push('--path', path);
		}
	}
	if (view.namespace !== 'default' && view.namespace !== '') parts.push('-n', view.namespace);
	return parts.join(' ');
}

/** What the Stop button types. */
export function stopCommand(view: Pick<TrafficView, 'target' | 'namespace'>): string {
	const ns = view.namespace !== 'default' && view.namespace !== '' ? ` -n ${view.namespace}` : '';
	return `sim traffic stop ${streamName(view)}${ns}`;
}

/** A stream the view can start before any exists: the name and way in of a set-up line. */
export interface TrafficTarget {
	name: string;
	via: string;
	namespace: string;
	rate: number;
}

/** The first `sim traffic NAME RATE …` line of a scenario's set-up, if any. */
export function trafficTargetOf(lines: readonly string[]): TrafficTarget | undefined {
	for (const line of lines) {
		const words = line.trim().split(/\s+/);
		if (words[0] !== 'sim' || words[1] !== 'traffic') continue;
		const name = words[2];
		const rate = /^(\d+(?:\.\d+)?)\/s$/.exec(words[3] ?? '');
		if (name === undefined || name === 'stop' || name === 'clear' || rate === null) continue;
		const flag = (long: string, short?: string) => {
			const i = words.findIndex((w) => w === `--${long}` || (short && w === `-${short}`));
			return i < 0 ? undefined : words[i + 1];
		};
		return {
			name,
			via: flag('via') ?? '',
			namespace: flag('namespace', 'n') ?? 'default',
			rate: Number(rate[1])
		};
	}
	return undefined;
}

/**
 * Requests per second over the last `windowMs` of simulated time, from counters sampled at each
 * snapshot. A sample older than the newest resets the meter (the learner travelled back).
 */
export class RateMeter {
	private samples: { t: number; ok: number; failed: number }[] = [];

	constructor(private readonly windowMs = 2_000) {}

	add(t: number, ok: number, failed: number): void {
		const last = this.samples[this.samples.length - 1];
		if (last !== undefined && (t < last.t || ok < last.ok || failed < last.failed)) {
			this.samples = [];
		}
		if (last !== undefined && t === last.t && this.samples.length > 0) this.samples.pop();
		this.samples.push({ t, ok, failed });
		while (this.samples.length > 2 && this.samples[1]!.t <= t - this.windowMs) this.samples.shift();
	}

	/** Answered and failed per second; undefined until two samples span some time. */
	rates(): { ok: number; failed: number } | undefined {
		const first = this.samples[0];
		const last = this.samples[this.samples.length - 1];
		if (first === undefined || last === undefined || last.t <= first.t) return undefined;
		const s = (last.t - first.t) / 1000;
		return { ok: (last.ok - first.ok) / s, failed: (last.failed - first.failed) / s };
	}

	reset(): void {
		this.samples = [];
	}
}

/**
 * Up to `n` of `list` for the view's dots, in order: as many failed ones as their share of
 * `list` (at least one when there was any, so a rare failure still shows), each kind spread
 * evenly. Spreading over the whole list instead would alias with the clients' turns (one entry
 * node down fails every fourth request, and an even stride could pick none of them).
 */
export function sampleRequests(
	list: readonly TrafficRequestView[],
	n: number
): TrafficRequestView[] {
	if (list.length <= n) return [...list];
	if (n <= 0) return [];
	const failed = list.filter((r) => !r.ok);
	const ok = list.filter((r) => r.ok);
	const k = failed.length === 0 ? 0 : Math.max(1, Math.round((n * failed.length) / list.length));
	const spread = <T>(from: readonly T[], m: number): T[] =>
		Array.from(
			{ length: Math.min(m, from.length) },
			(_, i) => from[Math.floor(((i + 0.5) * from.length) / m)]!
		);
	return [...spread(failed, k), ...spread(ok, n - k)].sort((a, b) => a.seq - b.seq);
}
