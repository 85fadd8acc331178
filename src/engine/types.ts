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

/**
 * One workload unit, flavour-neutral: a Kubernetes pod (later a Swarm task), as views draw it
 * inside its node.
 */
export interface UnitView {
	/** Pod name (unique within its namespace); a swarm task's `service.slot` (not unique). */
	name: string;
	/** The pod's namespace; '' for a swarm task. */
	namespace: string;
	/** A swarm task's ID, which tells apart an old task and its replacement in one slot. */
	id?: string;
	/** The node it is bound to; undefined while unscheduled. */
	node?: string;
	/**
	 * The state in the real tool's words: kubectl's STATUS column (`Pending`,
	 * `ContainerCreating`, `Running`, `CrashLoopBackOff`, `Terminating`, `ErrImagePull`, …).
	 */
	status: string;
	/** Every container is ready (the pod's Ready condition). */
	ready: boolean;
	/** Container restarts, summed (kubectl's RESTARTS column without the age). */
	restarts: number;
	/** The controlling owner as `Kind/name` (`ReplicaSet/web-5d4f…`), if any. */
	owner?: string;
}

/** One `sim traffic` stream and its counters, for the traffic view. */
export interface TrafficView {
	/** What the requests go to: `service/web`, `ingress/minimal-ingress`. */
	target: string;
	namespace: string;
	/** How they get there: `clusterip`, `nodeport`, `ingress` (swarm: `mesh`, `vip`). */
	via: string;
	/** For an ingress stream, the host and path requested (`/testpath`, `foo.com/api`). */
	request?: string;
	/** Requests per second while running. */
	rate: number;
	running: boolean;
	sent: number;
	succeeded: number;
	failed: number;
	/** Failures on a backend the proxy still believed in (terminating, dead, or gone). */
	stale: number;
	/** Failed requests by reason (`connection refused`, `timeout`, `no endpoints`, `503 …`). */
	failures: Readonly<Record<string, number>>;
	/** Answered requests per backend (pod or task) and its node, by backend name. */
	hits: readonly { backend: string; node: string; hits: number }[];
}

/** One Raft member as `sim raft -o json` prints it. */
export interface RaftMemberView {
	name: string;
	role: 'follower' | 'pre-candidate' | 'candidate' | 'leader' | 'stopped';
	term: number;
	votedFor: string | null;
	commitIndex: number;
	lastLogIndex: number;
	leader: string | null;
}

/** A member for the Raft view: its newest log entries too (index `logStart` first). */
export interface RaftMemberSnapshot extends RaftMemberView {
	logStart: number;
	log: readonly { term: number; data: string }[];
}

/** A Raft message a view animates: `(t − sentAt) / (arriveAt − sentAt)` of the way along. */
export interface RaftMessageView {
	from: string;
	to: string;
	type: string;
	term: number;
	sentAt: number;
	/** −1 when the network dropped it. */
	arriveAt: number;
}

export interface RaftView {
	/** `swarmkit`, `etcd` or `paper` (src/engine/raft/defaults.ts). */
	preset: string;
	members: readonly RaftMemberSnapshot[];
	/** Messages still on the wire at the snapshot's time. */
	messages: readonly RaftMessageView[];
}

export interface LabSnapshot {
	schemaVersion: 1;
	flavor: Flavor;
	seed: number;
	t: number;
	nodes: readonly NodeView[];
	/** Workload units (Kubernetes pods), in store order (namespace/name). */
	units: readonly UnitView[];
	/** `sim traffic` streams, when any was started. */
	traffic?: readonly TrafficView[];
	/** The lab's Raft group: swarm managers, or Kubernetes' etcd members (`sim raft`). */
	raft?: RaftView;
	/** Swarm tasks (history included), when the lab is a swarm with services. */
	tasks?: readonly TaskView[];
}

/** One Swarm task, for the cluster view. States are swarmkit's, lower case (`running`). */
export interface TaskView {
	id: string;
	/** `web.1` (replicated: service.slot) or `web.<nodeID>` (global). */
	name: string;
	service: string;
	/** Hostname of the node it was assigned to ('' while pending). */
	node: string;
	state: string;
	desiredState: string;
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
