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
	 * A swarm lab starts with its swarm formed (default `initialized`), or with Docker on every
	 * machine but no swarm yet (`uninitialized`): a lesson then runs `docker swarm init` and
	 * `docker swarm join` itself.
	 */
	swarm?: 'initialized' | 'uninitialized';
	/**
	 * Reads a file named on a command line (`kubectl apply -f`, `docker stack deploy -c`): the
	 * CLI reads from the script's folder, a page from its scenario's files. Undefined: no file.
	 */
	readFile?: (path: string) => string | undefined;
	/**
	 * The entries of a folder named on a command line (`kubectl apply -f k8s/`): their names, a
	 * subfolder's ending in `/`; undefined when the path is no folder.
	 */
	readDir?: (path: string) => readonly string[] | undefined;
	/**
	 * The language the lab's own programs answer in (`help`, `sim help`): a page's (default
	 * English). kubectl and docker speak English whatever it is, as the real tools do. Nothing
	 * the simulation does depends on it: the same seed and lines give the same trace.
	 */
	lang?: LabLang;
}

/** The languages of the lab's own messages (LabOptions.lang). */
export type LabLang = 'en' | 'zh';

export interface ExecResult {
	ok: boolean;
	/** What the real tool prints on stdout. */
	output: string;
	/** What the real tool prints on stderr, when the line failed (or warned). */
	error?: string;
	/**
	 * Both streams in the order the real tool writes them, as a terminal shows them, when that
	 * is not stdout then stderr: kubectl prints an API warning before the table it belongs to,
	 * and drain's warning between `cordoned` and the evictions (commands/terminal.ts).
	 */
	interleaved?: readonly OutputChunk[];
}

/** A run of one stream's text. */
export interface OutputChunk {
	stream: 'stdout' | 'stderr';
	text: string;
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
	/**
	 * Answered requests per backend AND node: a swarm slot replaced on another node keeps its
	 * name, and `hits` (by name) would count both tasks on the newer node.
	 */
	answered: readonly { backend: string; node: string; hits: number }[];
	/** Nodes where requests enter (client nodes, node ports, the ingress controller's node). */
	entries: readonly string[];
	/** Failed requests per backend the proxy had chosen (it did not answer), with reasons. */
	misses: readonly {
		backend: string;
		node: string;
		failed: number;
		failures: Readonly<Record<string, number>>;
	}[];
	/** The stream's latest requests, oldest first (at most 32): the path each one took. */
	recent: readonly TrafficRequestView[];
}

/** One recent request of a `sim traffic` stream: where it entered, and who answered (or why not). */
export interface TrafficRequestView {
	seq: number;
	/** Simulated ms it was sent. */
	t: number;
	/** The node whose proxy handled it. */
	entry: string;
	ok: boolean;
	/** The pod or task chosen, if any (a failed request may have one that did not answer). */
	backend?: string;
	node?: string;
	/** Why it failed, in curl's words (`connection refused`, `timeout`, `no endpoints`, …). */
	reason?: string;
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
	/** Votes granted to it, and refused, in its current (pre-)campaign. */
	votes: readonly string[];
	refusals: readonly string[];
	/** When its election timer fires unless a leader is heard (ms), and the timeout it drew. */
	electionDeadline: number;
	electionTimeout: number;
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
	/** Log entries an AppendEntries carries (0: a heartbeat). */
	entries: number;
	/** Responses: the vote was granted, or the append succeeded. */
	ok?: boolean;
}

export interface RaftView {
	/** `swarmkit`, `etcd` or `paper` (src/engine/raft/defaults.ts). */
	preset: string;
	members: readonly RaftMemberSnapshot[];
	/** Messages still on the wire at the snapshot's time. */
	messages: readonly RaftMessageView[];
	/**
	 * Messages that left the wire (arrived, or were dropped when sent) in the last few seconds,
	 * newest last: a view whose frames are further apart than a flight can still show them.
	 */
	recent: readonly RaftMessageView[];
	/** The preset's timing in ms: heartbeat interval, election timeout range. */
	heartbeatMs: number;
	electionMinMs: number;
	electionMaxMs: number;
	/** The network's one-way latency and jitter now (`sim latency`), in ms. */
	latencyMs: number;
	jitterMs: number;
	/** The network's partition (`sim partition A,B / C`): host groups; empty when healed. */
	partitions: readonly (readonly string[])[];
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
	/** What a learner can scale (−/+), when there is any. */
	workloads?: readonly WorkloadView[];
}

/** A workload with a replica count: a Deployment, StatefulSet or bare ReplicaSet; a Swarm service. */
export interface WorkloadView {
	kind: 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'Service';
	/** '' for a swarm service. */
	namespace: string;
	name: string;
	/** spec.replicas (Kubernetes) or the service's Replicated.Replicas (Swarm). */
	desired: number;
	/** Ready replicas (Kubernetes status.readyReplicas) or running tasks (Swarm). */
	ready: number;
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

/** One Filter plugin's verdict on one node (the scheduling view's filter columns). */
export interface SchedulingFilterCell {
	plugin: string;
	/**
	 * `pass`; `fail`, with the plugin's reasons in the scheduler's own words (the text
	 * FailedScheduling counts); `skipped`: an earlier filter already rejected the node, and the
	 * framework stops at the first rejection.
	 */
	result: 'pass' | 'fail' | 'skipped';
	reasons: readonly string[];
}

/** One Score plugin's result for one node: raw, after NormalizeScore, and weighted. */
export interface SchedulingScoreCell {
	plugin: string;
	/** What the plugin's Score returned. */
	raw: number;
	/** After the plugin's NormalizeScore (0–100); the raw score for plugins without one. */
	normalized: number;
	/** The plugin's weight in the default profile. */
	weight: number;
	/** normalized × weight; the node's total is the sum of these. */
	weighted: number;
}

export interface SchedulingNodeRow {
	node: string;
	/**
	 * `chosen` (the pod was bound there), `feasible` (passed every filter, lost on score),
	 * `rejected` (a filter said no), `not-evaluated` (the filters never looked at it).
	 */
	outcome: 'chosen' | 'feasible' | 'rejected' | 'not-evaluated';
	/**
	 * Why a node was never looked at: the search had already found enough feasible nodes
	 * (`percentageOfNodesToScore`), or a PreFilter stopped the cycle or narrowed it to other
	 * nodes (`PreFilter`).
	 */
	notEvaluated?: 'percentageOfNodesToScore' | 'PreFilter';
	/** 1 for the first node the filters tried: each cycle starts where the previous one stopped. */
	order?: number;
	/** In filter order; empty for a node not evaluated. */
	filters: readonly SchedulingFilterCell[];
	/** The Score plugins that ran, in profile order; empty unless the node was scored. */
	scores: readonly SchedulingScoreCell[];
	/** Σ weighted scores, for a scored node. */
	total?: number;
}

/** The scheduler's latest attempt to place one pod, and why it went as it did. */
export interface SchedulingDecision {
	namespace: string;
	pod: string;
	/** Simulated time of the attempt. */
	t: number;
	/** 1 for the pod's first attempt, 2 after one failed attempt, … */
	attempt: number;
	/** The node chosen; undefined when no node fits. */
	node?: string;
	/** The FailedScheduling message when no node fits (as `kubectl describe pod` shows it). */
	message?: string;
	/** Where preemption would make room, when it found victims. */
	nominatedNode?: string;
	/** Nodes the scheduler knew of. */
	numNodes: number;
	/** Nodes the filters looked at (feasible + rejected). */
	evaluated: number;
	feasible: number;
	/** numFeasibleNodesToFind: the search stops once this many feasible nodes are found. */
	feasibleToFind: number;
	/** A PreFilter rejected the pod before any node was tried. */
	preFilter?: { plugin: string; reason: string };
	/**
	 * Whether per-node rows were kept: the lab keeps them for clusters up to
	 * SCHEDULING_DETAIL_MAX_NODES nodes; above that only the summary fields are set.
	 */
	explained: boolean;
	/** The Filter plugins, in the order they run (the rows' `filters` follow it). */
	filterPlugins: readonly string[];
	/** The Score plugins that ran, in profile order, with their weights. */
	scorePlugins: readonly { plugin: string; weight: number }[];
	/** Score plugins that skipped this cycle (PreScore Skip: nothing to score). */
	skippedScorePlugins: readonly string[];
	/** False when scoring did not run: no feasible node, or only one (bound unscored). */
	scored: boolean;
	/** One row per node, in the scheduler's node order. */
	rows: readonly SchedulingNodeRow[];
}

export interface Lab {
	readonly flavor: Flavor;
	/** Runs one command line as typed in a terminal. A failed line changes nothing. */
	exec(line: string): ExecResult;
	/** Runs the simulation forward by `ms` simulated milliseconds. */
	advance(ms: number): void;
	now(): number;
	/**
	 * When the lab next has something to run (a queued event or a recorded line), in simulated
	 * ms; Infinity when nothing is queued. Nothing changes before then, so a player can sleep.
	 */
	nextEventAt(): number;
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
	/**
	 * The kube-scheduler's latest attempt for every pod it has tried and that still exists,
	 * oldest attempt first (frozen data; [] on a swarm lab). Restored by `seek` like the rest.
	 */
	schedulingDecisions(): readonly SchedulingDecision[];
	/** The latest scheduling attempt for one pod, if the scheduler has tried it. */
	scheduling(namespace: string, pod: string): SchedulingDecision | undefined;
}
