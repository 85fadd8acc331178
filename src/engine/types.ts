/**
 * The public shapes of the engine: what lessons, widgets, the CLI and tests rely on
 * (../shared/design.md, section 2). Snapshots are plain, JSON-serialisable, read-only data.
 */

export type Flavor = 'kubernetes' | 'swarm';

export interface LabOptions {
	flavor?: Flavor;
	/** Seeds every random stream of the lab; same seed + same commands = same trace. */
	seed?: number;
	/** Worker nodes: kubernetes `node-1..N` (default 3), swarm `worker-1..N` (default 2). */
	workers?: number;
	/** Control-plane nodes / swarm managers (default 1). */
	managers?: number;
	/**
	 * Reads a file named on a command line (`kubectl apply -f`, `docker stack deploy -c`): the
	 * CLI reads from the script's folder, a page from its scenario's files. Undefined: no file.
	 */
	readFile?: (path: string) => string | undefined;
}

export interface ExecResult {
	ok: boolean;
	/** What the real tool prints on stdout. */
	output: string;
	/** What the real tool prints on stderr, when the line failed (or warned). */
	error?: string;
}

export interface TraceEvent {
	/** Simulated milliseconds since the lab started. */
	t: number;
	/** Dotted category, e.g. `node.stopped`, `node.condition`, `command`. */
	kind: string;
	/** What the event is about, e.g. `node/node-2`. */
	subject: string;
	/** One human sentence, used by the timeline and the screen-reader narration. */
	message: string;
}

export type NodeRole = 'control-plane' | 'worker' | 'manager';

export interface NodeView {
	name: string;
	role: NodeRole;
	/** False after `sim node stop`: the machine is powered off. */
	running: boolean;
	/**
	 * What the orchestrator believes, in the real tool's words:
	 * kubernetes `Ready` | `NotReady` | `Unknown`; swarm `Ready` | `Down` | `Unknown`.
	 */
	status: string;
	/** Simulated time of the node's last heartbeat that reached the control plane. */
	lastHeartbeat: number;
}

export interface LabSnapshot {
	schemaVersion: 1;
	flavor: Flavor;
	seed: number;
	t: number;
	nodes: readonly NodeView[];
}

export interface Lab {
	readonly flavor: Flavor;
	/** Runs one command line as typed in a terminal. A failed line changes nothing. */
	exec(line: string): ExecResult;
	/** Runs the simulation forward by `ms` simulated milliseconds. */
	advance(ms: number): void;
	now(): number;
	/** Restores the lab to simulated time `t` (earlier or later than now). */
	seek(t: number): void;
	snapshot(): LabSnapshot;
	/** The trace, oldest first: every event with `t >= sinceT` (all of them without it). */
	events(sinceT?: number): readonly TraceEvent[];
	/**
	 * Called after each batch of events: an `exec` that changed the lab, an `advance`, a `seek`.
	 * Read-only lines notify nobody. Returns an unsubscribe function.
	 */
	subscribe(listener: (snapshot: LabSnapshot) => void): () => void;
	/** A hex digest of the trace so far: proves determinism. */
	traceHash(): string;
}
