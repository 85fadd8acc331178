/**
 * The kernel of a lab: virtual time, the event queue, seeded randomness, the store, the network
 * and the trace, plus the checkpoints that make time travel cheap.
 *
 * Time is integer milliseconds from 0. Components register handlers for queue entry kinds and
 * keep their state either in the store or in a `Component` that can save and load itself.
 */
import type { ActorOptions, AnyActorLogic } from 'xstate';
import { EventQueue, type QueueState } from './event-queue';
import { Network, type NetworkSettings, type NetworkState } from './network';
import { Rng, type RngState } from './rng';
import { Store, type StoreState } from './store';
import { Trace, type TraceFormat } from './trace';

/** xstate's clock interface (not exported by name from the package). */
export type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

export type Handler = (arg: unknown) => void;

/** A part of the lab with private state that must survive a checkpoint. */
export interface Component {
	readonly name: string;
	save(): unknown;
	load(state: unknown): void;
}

export interface KernelState {
	now: number;
	processed: number;
	queue: QueueState;
	rng: RngState;
	store: StoreState;
	network: NetworkState;
	trace: { length: number; hash: [number, number] };
	components: Map<string, unknown>;
}

const XSTATE_TIMER = 'xstate.timer';
/**
 * The same number, as a small integer when it is a whole one of at most 31 bits (about 12 days
 * in ms): the queue keeps times as doubles, and the many objects that copy `now` then hold it
 * inline rather than in a boxed number each.
 */
function smallIfWhole(t: number): number {
	const i = t | 0;
	return i === t && i <= 0x3fffffff ? i : t;
}

export class Kernel {
	now = 0;
	/** Queue entries run so far (the benchmark's "events"). */
	processed = 0;
	readonly queue = new EventQueue();
	readonly rng: Rng;
	readonly store = new Store();
	readonly network: Network;
	readonly trace = new Trace();
	private handlers = new Map<string, Handler>();
	private components = new Map<string, Component>();
	// xstate `after` delays arrive as closures; they live beside the queue, keyed by id.
	private timers = new Map<number, () => void>();
	private nextTimerId = 1;

	constructor(seed: number, network: NetworkSettings) {
		this.rng = new Rng(seed);
		this.network = new Network(this.rng.stream('network'), network);
		this.on(XSTATE_TIMER, (id) => {
			const fn = this.timers.get(id as number);
			this.timers.delete(id as number);
			fn?.();
		});
	}

	/** The clock given to xstate actors, so their `after` delays fire in simulated time. */
	readonly clock: Clock = {
		setTimeout: (fn: (...args: unknown[]) => void, timeout: number) => {
			const id = this.nextTimerId++;
			this.timers.set(id, fn);
			this.after(Math.max(0, Math.round(timeout)), XSTATE_TIMER, id);
			return id;
		},
		clearTimeout: (id: unknown) => {
			// The queue entry stays and finds nothing to run: cheaper than removing from a heap.
			this.timers.delete(id as number);
		}
	};

	on(kind: string, handler: Handler): void {
		if (this.handlers.has(kind)) throw new Error(`handler for ${kind} registered twice`);
		this.handlers.set(kind, handler);
	}

	register(component: Component): void {
		this.components.set(component.name, component);
	}

	/** Schedules a queue entry at absolute time `t` (never in the past). */
	at(t: number, kind: string, arg: unknown = null): void {
		this.queue.push(Math.max(t, this.now), kind, arg);
	}

	/** Schedules a queue entry `ms` from now. */
	after(ms: number, kind: string, arg: unknown = null): void {
		this.queue.push(this.now + Math.max(0, ms), kind, arg);
	}

	/** Appends a trace event at the current time. */
	emit(kind: string, subject: string, message: string): void {
		this.trace.add({ t: this.now, kind, subject, message });
	}

	/**
	 * Appends a trace event whose subject and message are `format` filled with `a` and `b`,
	 * built only when read: what a big cluster emits for every pod (see Trace.addFormatted).
	 */
	emitFormatted(kind: string, format: TraceFormat, a: string, b: string): void {
		this.trace.addFormatted(this.now, kind, format, a, b);
	}

	/** Runs every entry due at or before `t`, in order, then sets the clock to `t`. */
	runUntil(t: number): void {
		const queue = this.queue;
		const handlers = this.handlers;
		while (queue.peekTime() <= t) {
			queue.take();
			this.now = smallIfWhole(queue.takenT);
			this.processed++;
			const kind = queue.takenKind;
			const handler = handlers.get(kind);
			if (handler === undefined) throw new Error(`no handler for queue entry ${kind}`);
			handler(queue.takenArg);
		}
		if (t > this.now) this.now = smallIfWhole(t);
	}

	/** A checkpoint, or null while an xstate timer (a closure) is pending and cannot be copied. */
	save(): KernelState | null {
		if (this.timers.size > 0) return null;
		const components = new Map<string, unknown>();
		for (const [name, c] of this.components) components.set(name, c.save());
		return {
			now: this.now,
			processed: this.processed,
			queue: this.queue.save(),
			rng: this.rng.save(),
			store: this.store.save(),
			network: this.network.save(),
			trace: this.trace.save(),
			components
		};
	}

	load(state: KernelState): void {
		this.now = state.now;
		this.processed = state.processed;
		this.queue.load(state.queue);
		this.rng.load(state.rng);
		this.store.load(state.store);
		this.network.load(state.network);
		this.trace.load(state.trace);
		this.timers.clear();
		for (const [name, c] of this.components) c.load(state.components.get(name));
	}
}
