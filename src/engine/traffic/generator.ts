/**
 * `sim traffic`: steady request streams on the kernel clock, and their counters as lab state.
 *
 * Each stream sends request n at startedAt + ⌈n·1000/rate⌉ ms. One queue entry per stream wakes
 * every TICK_MS (or at the next request, if later) and sends every request due by then, each
 * routed on its own by the target — so a dense rate stays cheap while every request still gets
 * its own decision. Counters (sent, succeeded, failed, failures by reason, hits per backend)
 * are saved in checkpoints, so time travel shows them as they were.
 */
import type { Component, Kernel } from '../core/kernel';
import type {
	FailureReason,
	ResolvedTarget,
	RouteOutcome,
	TrafficRequest,
	TrafficTarget
} from './target';

/** The finest grain of a stream's wake-ups (a stated lab default: 10 ms). */
export const TICK_MS = 10;
/** The highest rate one stream accepts (a stated lab default, to keep a page responsive). */
export const MAX_RATE = 10_000;
/** How many of a stream's latest requests it remembers, for the traffic view's paths. */
export const RECENT_MAX = 32;

export interface StreamOptions {
	rate: number;
	clients: number;
	host: string;
	path: string;
}

export interface BackendHits {
	backend: string;
	node: string;
	hits: number;
}

/** Failed requests whose proxy had chosen a backend (it did not answer), by reason. */
export interface BackendMisses {
	backend: string;
	node: string;
	failed: number;
	failures: Partial<Record<FailureReason, number>>;
}

/** One routed request, as the traffic view draws its path: entry node → backend. */
export interface RecentRequest {
	seq: number;
	t: number;
	/** The node whose proxy (or ingress controller, or IPVS) handled it. */
	entry: string;
	ok: boolean;
	backend?: string;
	node?: string;
	reason?: FailureReason;
}

export interface StreamState {
	key: string;
	name: string;
	namespace: string;
	target: ResolvedTarget;
	options: StreamOptions;
	running: boolean;
	/** When the current rate took effect, and how many had been sent by then. */
	startedAt: number;
	base: number;
	/** Bumped when the stream restarts or stops, so older wake-ups are ignored. */
	gen: number;
	sent: number;
	succeeded: number;
	failed: number;
	/** Failures whose backend had been chosen from out-of-date rules (terminating or dead). */
	stale: number;
	failures: Record<string, number>;
	hits: Record<string, BackendHits>;
	/**
	 * Answered requests by `backend@node`: a swarm slot keeps its name when its task is
	 * replaced on another node, and each count should stay with the node that answered.
	 */
	answered: Record<string, BackendHits>;
	/** Failed requests whose proxy had chosen a backend, by `backend@node`. */
	misses: Record<string, BackendMisses>;
	/** The latest requests, oldest first (at most RECENT_MAX). */
	recent: readonly RecentRequest[];
}

export type RequestObserver = (
	stream: Readonly<StreamState>,
	request: TrafficRequest,
	outcome: RouteOutcome
) => void;

export class TrafficGenerator implements Component {
	readonly name = 'traffic';
	private streams = new Map<string, StreamState>();
	private observers = new Set<RequestObserver>();

	constructor(
		private readonly kernel: Kernel,
		readonly target: TrafficTarget
	) {
		kernel.on('traffic.tick', (a) => this.tick(a as { key: string; gen: number }));
		kernel.register(this);
	}

	/** Starts a stream, or changes its rate (counters carry on). */
	start(
		name: string,
		namespace: string,
		target: ResolvedTarget,
		options: StreamOptions
	): StreamState {
		const key = streamKey(target, options);
		const old = this.streams.get(key);
		const s: StreamState = old
			? {
					...old,
					target,
					options,
					running: true,
					startedAt: this.kernel.now,
					base: old.sent,
					gen: old.gen + 1
				}
			: {
					key,
					name,
					namespace,
					target,
					options,
					running: true,
					startedAt: this.kernel.now,
					base: 0,
					gen: 1,
					sent: 0,
					succeeded: 0,
					failed: 0,
					stale: 0,
					failures: {},
					hits: {},
					answered: {},
					misses: {},
					recent: []
				};
		this.streams.set(key, s);
		this.kernel.after(0, 'traffic.tick', { key, gen: s.gen });
		return s;
	}

	/** Stops the streams matching `name` (every stream when undefined). Returns how many stopped. */
	stop(name?: string, namespace?: string): StreamState[] {
		const stopped: StreamState[] = [];
		for (const [key, s] of this.streams) {
			if (!s.running) continue;
			if (name !== undefined && (s.name !== name || s.namespace !== namespace)) continue;
			const next = { ...s, running: false, gen: s.gen + 1 };
			this.streams.set(key, next);
			stopped.push(next);
		}
		return stopped;
	}

	/** Forgets stopped streams and their counters. */
	clear(): void {
		for (const [key, s] of this.streams) if (!s.running) this.streams.delete(key);
	}

	list(): readonly StreamState[] {
		return [...this.streams.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	}

	/** Calls `fn` for every request routed from now on (tests and views); not saved. */
	observe(fn: RequestObserver): () => void {
		this.observers.add(fn);
		return () => this.observers.delete(fn);
	}

	private tick(arg: { key: string; gen: number }): void {
		const s = this.streams.get(arg.key);
		if (s === undefined || s.gen !== arg.gen || !s.running) return;
		const now = this.kernel.now;
		const { rate } = s.options;
		const timeOf = (n: number) => s.startedAt + Math.ceil((n * 1000) / rate);
		const next: StreamState = {
			...s,
			failures: { ...s.failures },
			hits: { ...s.hits },
			answered: { ...s.answered },
			misses: { ...s.misses }
		};
		const recent = [...s.recent];
		const entries = s.target.entries;
		while (timeOf(next.sent - next.base) <= now) {
			const seq = next.sent;
			const c = seq % s.options.clients;
			const request: TrafficRequest = {
				seq,
				t: now,
				client: clientAddress(c),
				entry: entries[c % entries.length] ?? '',
				host: s.options.host,
				path: s.options.path
			};
			const outcome = this.target.route(s.target, request);
			next.sent++;
			if (outcome.ok) {
				next.succeeded++;
				const h = next.hits[outcome.backend];
				next.hits[outcome.backend] = {
					backend: outcome.backend,
					node: outcome.node,
					hits: (h?.hits ?? 0) + 1
				};
				const at = `${outcome.backend}@${outcome.node}`;
				next.answered[at] = {
					backend: outcome.backend,
					node: outcome.node,
					hits: (next.answered[at]?.hits ?? 0) + 1
				};
			} else {
				next.failed++;
				next.failures[outcome.reason] = (next.failures[outcome.reason] ?? 0) + 1;
				if (outcome.stale) next.stale++;
				if (outcome.backend !== undefined) {
					const key = `${outcome.backend}@${outcome.node ?? ''}`;
					const m = next.misses[key];
					next.misses[key] = {
						backend: outcome.backend,
						node: outcome.node ?? '',
						failed: (m?.failed ?? 0) + 1,
						failures: { ...m?.failures, [outcome.reason]: (m?.failures[outcome.reason] ?? 0) + 1 }
					};
				}
			}
			recent.push(recentOf(request, outcome));
			for (const o of this.observers) o(next, request, outcome);
		}
		next.recent = recent.length > RECENT_MAX ? recent.slice(-RECENT_MAX) : recent;
		this.streams.set(s.key, next);
		const wake = Math.max(now + TICK_MS, timeOf(next.sent - next.base));
		this.kernel.at(wake, 'traffic.tick', { key: s.key, gen: s.gen });
	}

	save(): Map<string, StreamState> {
		// Stream objects are replaced, never changed in place: a shallow copy is a snapshot.
		return new Map(this.streams);
	}

	load(state: unknown): void {
		this.streams = new Map((state as Map<string, StreamState> | undefined) ?? []);
	}
}

function recentOf(request: TrafficRequest, outcome: RouteOutcome): RecentRequest {
	const r: RecentRequest = {
		seq: request.seq,
		t: request.t,
		entry: outcome.entry ?? request.entry,
		ok: outcome.ok
	};
	if (outcome.backend !== undefined) r.backend = outcome.backend;
	if (outcome.node !== undefined) r.node = outcome.node;
	if (!outcome.ok) r.reason = outcome.reason;
	return Object.freeze(r);
}

function streamKey(target: ResolvedTarget, options: StreamOptions): string {
	return target.via === 'ingress' ? `${target.key} ${options.host}${options.path}` : target.key;
}

/** Client c's address: 10.0.x.y, a stable address per client (what ClientIP affinity keys on). */
export function clientAddress(c: number): string {
	return `10.0.${(c >> 8) & 255}.${(c & 255) + 1}`;
}

const generators = new WeakMap<Kernel, TrafficGenerator>();

/** Gives a lab its traffic generator, routing through `target` (once per kernel). */
export function attachTraffic(kernel: Kernel, target: TrafficTarget): TrafficGenerator {
	let g = generators.get(kernel);
	if (g === undefined) {
		g = new TrafficGenerator(kernel, target);
		generators.set(kernel, g);
	}
	return g;
}

/** The lab's traffic generator, if its flavour has a traffic target. */
export function trafficOf(kernel: Kernel): TrafficGenerator | undefined {
	return generators.get(kernel);
}
