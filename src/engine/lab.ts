/**
 * The facade every consumer uses (design.md §2): `createLab`, then `exec` command lines,
 * `advance` time, `seek` anywhere, and read `snapshot`s and `events`.
 *
 * Time travel: the lab records every line that changed it, with its time, and takes
 * checkpoints as time passes. `seek(t)` restores the last checkpoint at or before t and replays
 * the recorded lines up to t; the result is the same as if the lab had run straight to t.
 *
 * Flavours are looked up in flavors/registry.ts, not imported: ./index.ts registers both, the
 * site's pages load only theirs (flavors/load.ts) before calling `createLab`.
 */
import { runLine } from './commands/run';
import type { CommandContext } from './commands/context';
import { Kernel, type KernelState } from './core/kernel';
import type { Hosts } from './core/hosts';
import { flavorModule } from './flavors/registry';
import type { KubernetesCluster } from './kubernetes/cluster';
import { NETWORK_JITTER_MS, NETWORK_LATENCY_MS } from './kubernetes/defaults';
import type { SwarmCluster } from './swarm/cluster';
import { buildSnapshot } from './snapshot';
import type {
	ExecResult,
	Flavor,
	Lab,
	LabLang,
	LabOptions,
	LabSnapshot,
	SchedulingDecision,
	TraceEvent
} from './types';

interface Input {
	t: number;
	line: string;
	/** The files the line read, as they were: a replay reads these, not the disk. */
	files: Map<string, string | undefined>;
	/**
	 * The queue had run to `t` since the previous recorded line (an `advance(0)` between two
	 * lines typed at one instant): a replay runs it there too, or entries the first line queued
	 * for "now" would meet the second line in a different state.
	 */
	settled: boolean;
}

interface Checkpoint {
	state: KernelState;
	/** How many recorded inputs had run when the checkpoint was taken. */
	cursor: number;
}

/** Normalised options: the lab's shape never changes after creation. */
interface Shape {
	flavor: Flavor;
	workers: number;
	managers: number;
	swarm: 'initialized' | 'uninitialized';
}

/** Checkpoint spacing for clusters up to 100 nodes; bigger ones space them further. */
const FIRST_CHECKPOINT_INTERVAL_MS = 10_000;
/** Checkpoints share immutable objects, but a big cluster still keeps fewer of them. */
const CHECKPOINT_BUDGET = 400_000;

export const MAX_NODES = 10_000;

export function createLab(options: LabOptions = {}): Lab {
	return new LabImpl(options);
}

class LabImpl implements Lab {
	readonly flavor: Flavor;
	private shape: Shape;
	private seed: number;
	private kernel!: Kernel;
	private hosts!: Hosts;
	private kubernetes?: KubernetesCluster;
	private swarm?: SwarmCluster;
	private inputs: Input[] = [];
	private cursor = 0;
	private checkpoints: Checkpoint[] = [];
	private interval = FIRST_CHECKPOINT_INTERVAL_MS;
	private listeners = new Set<(s: LabSnapshot) => void>();
	private cached?: { key: string; snapshot: LabSnapshot };
	private replaying = false;
	/**
	 * Lines running now (a line may run time forward: drain, rollout status). While one runs, time
	 * moves without replaying other lines or taking checkpoints: a checkpoint taken halfway
	 * through a line would replay the whole line again on restore.
	 */
	private linesRunning = 0;
	/** The queue ran (advance, seek) since the last recorded line. */
	private ranSinceInput = true;
	private readonly readFile?: (path: string) => string | undefined;
	private readonly readDir?: (path: string) => readonly string[] | undefined;
	private readonly lang: LabLang;

	constructor(options: LabOptions) {
		this.flavor = options.flavor ?? 'kubernetes';
		if (this.flavor !== 'kubernetes' && this.flavor !== 'swarm') {
			throw new Error(`unknown flavor ${String(this.flavor)}: use kubernetes or swarm`);
		}
		const workers = options.workers ?? (this.flavor === 'kubernetes' ? 3 : 2);
		const managers = options.managers ?? 1;
		checkCount('workers', workers, 0);
		checkCount('managers', managers, 1);
		if (workers + managers > MAX_NODES) throw new Error(`at most ${MAX_NODES} nodes in one lab`);
		const swarm = options.swarm ?? 'initialized';
		if (swarm !== 'initialized' && swarm !== 'uninitialized') {
			throw new Error(`unknown swarm option ${String(swarm)}: use initialized or uninitialized`);
		}
		this.shape = { flavor: this.flavor, workers, managers, swarm };
		this.seed = options.seed ?? 1;
		this.readFile = options.readFile;
		this.readDir = options.readDir;
		this.lang = options.lang ?? 'en';
		if (this.lang !== 'en' && this.lang !== 'zh') {
			throw new Error(`unknown lang ${String(this.lang)}: use en or zh`);
		}
		if (!Number.isInteger(this.seed) || this.seed < 0 || this.seed > 0xffffffff) {
			throw new Error(`seed must be a whole number from 0 to 4294967295, got ${options.seed}`);
		}
		this.build();
	}

	private build(): void {
		this.kernel = new Kernel(this.seed, {
			latencyMs: NETWORK_LATENCY_MS,
			jitterMs: NETWORK_JITTER_MS,
			loss: 0
		});
		const { flavor, workers, managers } = this.shape;
		// The flavour's module is registered, not imported: a page loads only the flavours it runs.
		const built = flavorModule(flavor).build(this.kernel, {
			managers,
			workers,
			swarmInitialized: this.shape.swarm === 'initialized'
		});
		this.kubernetes = built.kubernetes;
		this.swarm = built.swarm;
		this.hosts = built.hosts;
		this.kernel.emit(
			'lab.created',
			'lab',
			`A ${flavor} lab with ${managers + workers} nodes starts (seed ${this.seed}).`
		);
		// Everything due at time 0 runs now, so that a command is always given after the events due
		// at its time have run — the order a replay reproduces.
		this.kernel.runUntil(0);
		built.booted?.();
		this.inputs = [];
		this.cursor = 0;
		this.ranSinceInput = true;
		// A big cluster is costly to copy: space its checkpoints out in proportion to its size.
		const nodes = managers + workers;
		this.interval = FIRST_CHECKPOINT_INTERVAL_MS * Math.max(1, Math.ceil(nodes / 100));
		this.checkpoints = [];
		this.takeCheckpoint();
	}

	private context(files?: Map<string, string | undefined>, replay = false): CommandContext {
		const readFile = (path: string): string | undefined => {
			if (replay) return files?.get(path);
			const text = this.readFile?.(path);
			files?.set(path, text);
			return text;
		};
		// A folder's listing is kept with the files, under a key no file path has.
		const readDir = (path: string): readonly string[] | undefined => {
			const key = `\0dir\0${path}`;
			if (replay) {
				const kept = files?.get(key);
				return kept === undefined ? undefined : (JSON.parse(kept) as string[]);
			}
			const entries = this.readDir?.(path);
			files?.set(key, entries === undefined ? undefined : JSON.stringify(entries));
			return entries;
		};
		return {
			readFile,
			readDir,
			flavor: this.flavor,
			seed: this.seed,
			kernel: this.kernel,
			hosts: this.hosts,
			kubernetes: this.kubernetes,
			swarm: this.swarm,
			lang: this.lang,
			advance: (ms) => this.advanceTo(this.kernel.now + ms),
			reseed: (seed) => {
				this.seed = seed;
				this.build();
			}
		};
	}

	exec(line: string): ExecResult {
		const before = this.kernel.now;
		const hash = this.kernel.trace.digest();
		const revision = this.kernel.store.currentRevision;
		const files = new Map<string, string | undefined>();
		this.linesRunning++;
		let result;
		try {
			result = runLine(this.context(files), String(line));
		} finally {
			this.linesRunning--;
		}
		// Recorded even when the line also failed: `kubectl apply` stores a file's valid objects
		// and reports the invalid ones, as kubectl does.
		if (result.mutates === true && !this.replaying) {
			// A new action forks history: the recorded future after this moment is dropped.
			this.inputs.length = this.cursor;
			this.checkpoints = this.checkpoints.filter(
				(c) => c.state.now <= before && c.cursor <= this.cursor
			);
			this.inputs.push({ t: before, line, files, settled: this.ranSinceInput });
			this.ranSinceInput = false;
			this.cursor = this.inputs.length;
		}
		// Read-only lines (get, ls, time, events) change nothing, so nobody needs telling.
		const changed =
			this.kernel.now !== before ||
			this.kernel.store.currentRevision !== revision ||
			this.kernel.trace.digest() !== hash;
		if (changed) this.notify();
		const out: ExecResult = { ok: result.ok, output: result.output };
		if (result.error !== undefined) out.error = result.error;
		if (result.interleaved !== undefined) out.interleaved = result.interleaved;
		return out;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new Error(`advance needs a duration ≥ 0 ms, got ${ms}`);
		this.advanceTo(this.kernel.now + Math.round(ms));
		this.notify();
	}

	now(): number {
		return this.kernel.now;
	}

	nextEventAt(): number {
		// A recorded line ahead of the clock (after a seek back) is due too: it replays there.
		const line = this.inputs[this.cursor];
		return Math.min(this.kernel.queue.peekTime(), line === undefined ? Infinity : line.t);
	}

	seek(t: number): void {
		if (!Number.isFinite(t) || t < 0) throw new Error(`seek needs a time ≥ 0 ms, got ${t}`);
		const target = Math.round(t);
		if (target < this.kernel.now) {
			let i = this.checkpoints.length - 1;
			while (i > 0 && this.checkpoints[i]!.state.now > target) i--;
			const cp = this.checkpoints[i]!;
			this.kernel.load(cp.state);
			this.cursor = cp.cursor;
			this.cached = undefined;
		}
		this.advanceTo(target);
		this.notify();
	}

	/** Runs to `target`, replaying recorded lines on the way and taking checkpoints. */
	private advanceTo(target: number): void {
		if (this.linesRunning > 0) {
			this.kernel.runUntil(target);
			return;
		}
		while (this.cursor < this.inputs.length && this.inputs[this.cursor]!.t <= target) {
			const input = this.inputs[this.cursor]!;
			// Lines typed at the same instant with no queue run between them replay that way:
			// entries a line queued for "now" wait for the clock to move, as they did live.
			if (input.t > this.kernel.now || input.settled) this.runWithCheckpoints(input.t);
			this.cursor++;
			this.replaying = true;
			this.linesRunning++;
			try {
				runLine(this.context(input.files, true), input.line);
			} finally {
				this.replaying = false;
				this.linesRunning--;
			}
		}
		this.runWithCheckpoints(target);
		this.ranSinceInput = true;
	}

	private runWithCheckpoints(target: number): void {
		const k = this.kernel;
		for (;;) {
			const last = this.checkpoints[this.checkpoints.length - 1];
			const next = (last?.state.now ?? 0) + this.interval;
			if (next > target) break;
			k.runUntil(next);
			this.takeCheckpoint();
		}
		k.runUntil(target);
	}

	private takeCheckpoint(): void {
		const state = this.kernel.save();
		if (state === null) return;
		const last = this.checkpoints[this.checkpoints.length - 1];
		if (last !== undefined && last.state.now >= state.now) return;
		this.checkpoints.push({ state, cursor: this.cursor });
		const size = state.queue.t.length + this.kernel.store.currentRevision / 100 + 1_000;
		const budget = Math.max(8, Math.min(128, Math.floor(CHECKPOINT_BUDGET / size)));
		if (this.checkpoints.length > budget) {
			// Keep the first, thin the rest, and space future checkpoints twice as far apart.
			this.checkpoints = this.checkpoints.filter((_, i) => i === 0 || i % 2 === 1);
			this.interval *= 2;
		}
	}

	snapshot(): LabSnapshot {
		const k = this.kernel;
		const key = `${k.now}:${k.store.currentRevision}:${k.trace.length}:${this.seed}`;
		if (this.cached?.key !== key) {
			this.cached = {
				key,
				snapshot: buildSnapshot({
					flavor: this.flavor,
					seed: this.seed,
					kernel: k,
					hosts: this.hosts,
					kubernetes: this.kubernetes,
					swarm: this.swarm
				})
			};
		}
		return this.cached.snapshot;
	}

	events(sinceT?: number): readonly TraceEvent[] {
		return this.kernel.trace.since(sinceT);
	}

	subscribe(listener: (snapshot: LabSnapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	traceHash(): string {
		return this.kernel.trace.digest();
	}

	schedulingDecisions(): readonly SchedulingDecision[] {
		return this.kubernetes?.scheduling.decisions() ?? [];
	}

	scheduling(namespace: string, pod: string): SchedulingDecision | undefined {
		return this.kubernetes?.scheduling.get(namespace, pod);
	}

	private notify(): void {
		if (this.listeners.size === 0) return;
		const s = this.snapshot();
		for (const l of this.listeners) l(s);
	}
}

function checkCount(name: string, value: number, min: number): void {
	if (!Number.isInteger(value) || value < min) {
		throw new Error(`${name} must be a whole number ≥ ${min}, got ${value}`);
	}
}
