/**
 * The kubelet's view of one container while the lab runs it, and the pod status it reports
 * (phase, conditions, containerStatuses) — a pure function of that view.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { fnv1a32, RandomStream } from '../../core/rng';
import { rfc3339 } from '../../core/time';
import { parseReference } from '../../registry/registries';
import { kubeletStatus } from '../api/compact-objects';
import type { PodIpCode } from '../api/pod-ip-code';
import { POD_SYNC_RETRY_MS } from '../defaults';
import type { EventSubject } from '../api/events';
import type { ContainerPhase } from './container.machine';
import type { Program } from './container-program';
import { incompleteInits, initCount, isSidecar, nextInitAction } from './init-containers';
import type { ProbeWorkers } from './probe-worker';

export interface Termination {
	exitCode: number;
	reason: string;
	startedAt: number;
	finishedAt: number;
	/** The runtime's words, when it has some (a StartError's). */
	message?: string;
}

export interface ContainerRun {
	name: string;
	image: string;
	program: Program;
	/** Index of the next program step. */
	pc: number;
	/** Exit status of the last step run (a shell's `$?`). */
	status: number;
	/** Replaced, never changed in place: a container with none holds the shared NO_FILES. */
	files: readonly string[];
	/** Where it is in its lifecycle (./container.machine). */
	state: ContainerPhase;
	/** The waiting message while an image pull fails. */
	message?: string;
	startedAt: number;
	restarts: number;
	/** Restarts in the current back-off sequence (a long enough run starts a new one). */
	crashLoop: number;
	last?: Termination;
	/** The current termination, while `state` is terminated or backoff. */
	ended?: Termination;
	/** The probers' memory of this container (./probe-worker), replaced, never changed in place. */
	probes?: ProbeWorkers;
	/** Its startup probe has succeeded (true at once without one): liveness and readiness may run. */
	started: boolean;
	ready: boolean;
	/** Bumped at every (re)start, so queue entries of an earlier run are ignored. */
	run: number;
	/** Set by `sim unhealthy pod`: probes fail from then on. */
	unhealthy: boolean;
	backoffUntil?: number;
}

/** The files of a container that has written none: one array for all of them. */
export const NO_FILES: readonly string[] = Object.freeze([]);

export interface PodRun {
	node: string;
	gen: number;
	phase: 'starting' | 'running' | 'stopping';
	/** Failed image pulls so far (the image back-off grows with them). */
	pullAttempts: number;
	containers: ContainerRun[];
	/** When the kubelet took the pod on: its probe workers tick from here, every period. */
	setUpAt: number;
	/** The pod's IP as kept (../api/pod-ip-code: a code, or the address itself). */
	ip?: PodIpCode;
	hostIP: string;
	/** The subject of the kubelet's events about this run (one for all of them: api/events.ts). */
	eventSubject: EventSubject | undefined;
}

/**
 * A new condition, shared with every other pod that got the same one in the same second: a
 * Deployment's pods change together, and 150,000 pods × 5 conditions would otherwise each hold
 * an object of their own. Stored objects are never changed in place, so sharing is safe; only
 * the last one per type and status is remembered, so the memo never grows.
 */
function condition(type: string, status: string, at: string, generation: number): PodCondition {
	// By type, then status: the callers' literals, whose hashes V8 keeps (no key built per call).
	let byStatus = LAST_CONDITIONS.get(type);
	if (byStatus === undefined) LAST_CONDITIONS.set(type, (byStatus = new Map()));
	const last = byStatus.get(status);
	if (
		last !== undefined &&
		last.lastTransitionTime === at &&
		last.observedGeneration === generation
	)
		return last;
	const made = { type, status, lastTransitionTime: at, observedGeneration: generation };
	byStatus.set(status, made);
	return made;
}

const LAST_CONDITIONS = new Map<string, Map<string, PodCondition>>();

/** The same five conditions as the last list made: one shared array (see `condition`). */
function conditionList(list: PodCondition[]): PodCondition[] {
	if (sameItems(lastConditionList, list)) return lastConditionList;
	lastConditionList = list;
	return list;
}

/** Whether two lists hold the same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

let lastConditionList: PodCondition[] = [];

/** `{ running: { startedAt } }` per start second, shared by the containers started in it. */
function runningState(startedAt: string): ContainerStatus['state'] {
	if (lastRunning.running?.startedAt !== startedAt) lastRunning = { running: { startedAt } };
	return lastRunning;
}

let lastRunning: NonNullable<ContainerStatus['state']> = {};

/** Every creating container's state: one object (stored objects are never changed in place). */
const CREATING: ContainerStatus['state'] = { waiting: { reason: 'ContainerCreating' } };
/**
 * A container not yet created in a pod with init containers (kubelet_pods.go
 * convertToAPIContainerStatuses: the default waiting reason is PodInitializing then).
 */
const INITIALIZING: ContainerStatus['state'] = { waiting: { reason: 'PodInitializing' } };

function terminated(
	x: Termination,
	index: number,
	seed: number
): NonNullable<ContainerStatus['state']>['terminated'] {
	return {
		exitCode: x.exitCode,
		reason: x.reason,
		...(x.message !== undefined ? { message: x.message } : {}),
		startedAt: rfc3339(x.startedAt),
		finishedAt: rfc3339(x.finishedAt),
		containerID: containerId(seed, x.startedAt, index)
	};
}

/**
 * Whether a container waiting to be restarted still shows how it ended: the status written when
 * the kubelet saw the exit holds until its next sync of the pod, POD_SYNC_RETRY_MS later, writes
 * the back-off (kubelet_pods.go convertToAPIContainerStatuses reads the reason cache that sync
 * fills) — or until the restart, if that comes first.
 */
function showsExit(c: ContainerRun, now: number): boolean {
	const end = c.ended?.finishedAt ?? 0;
	return (c.backoffUntil ?? 0) <= end || now < end + POD_SYNC_RETRY_MS;
}

function containerStatus(
	c: ContainerRun,
	index: number,
	now: number,
	pod: Pod,
	seed: number,
	creating = CREATING,
	ready = c.ready
): ContainerStatus {
	let state: ContainerStatus['state'];
	const showExit = c.state === 'backoff' && showsExit(c, now);
	if (c.state === 'creating') state = creating;
	else if (c.state === 'pullerror')
		state = { waiting: { reason: 'ErrImagePull', message: c.message } };
	else if (c.state === 'pullbackoff')
		state = { waiting: { reason: 'ImagePullBackOff', message: c.message } };
	else if (c.state === 'configerror')
		// The reason cache's entry for the failed start (kubelet_pods.go
		// convertToAPIContainerStatuses): ErrCreateContainerConfig and its message.
		state = { waiting: { reason: 'CreateContainerConfigError', message: c.message } };
	else if (c.state === 'neverpull')
		// The reason cache's entry for the failed start: images.ErrImageNeverPull and its message.
		state = { waiting: { reason: 'ErrImageNeverPull', message: c.message } };
	else if (c.state === 'running') state = runningState(rfc3339(c.startedAt));
	else if (showExit) {
		// Restarting at once (the first restart has no back-off), or not yet synced since the
		// exit: the exit shows (Error, Completed, OOMKilled) until then.
		state = { terminated: terminated(c.ended!, index, seed) };
	} else if (c.state === 'backoff') {
		const wait = Math.round(((c.backoffUntil ?? now) - (c.ended?.finishedAt ?? now)) / 1000);
		state = {
			waiting: {
				reason: 'CrashLoopBackOff',
				message: `back-off ${wait === 0 ? 10 : wait}s restarting failed container=${c.name} pod=${pod.metadata!.name!}_${pod.metadata!.namespace ?? 'default'}(${pod.metadata!.uid ?? ''})`
			}
		};
	} else state = { terminated: terminated(c.ended!, index, seed) };
	// A container never created has no image ID; one whose restart failed keeps its last one's.
	const imageID =
		c.state === 'creating' ||
		c.state === 'pullerror' ||
		c.state === 'pullbackoff' ||
		((c.state === 'configerror' || c.state === 'neverpull') && c.last === undefined)
			? ''
			: imageId(c.image);
	const started = c.state === 'running' && c.started;
	// Waiting to restart, the exit is the last state; while the exit shows, the one before it is.
	const last = c.state === 'backoff' && !showExit ? c.ended : c.last;
	// The runtime's ID of the container now (or last) created; none before the first start.
	const id =
		c.state === 'running'
			? containerId(seed, c.startedAt, index)
			: c.ended !== undefined
				? containerId(seed, c.ended.startedAt, index)
				: (c.state === 'configerror' || c.state === 'neverpull') && c.last !== undefined
					? containerId(seed, c.last.startedAt, index)
					: undefined;
	const memo = LAST_STATUS.get(c.name);
	if (
		memo !== undefined &&
		last === undefined &&
		memo.lastState === NO_LAST_STATE &&
		memo.state === state &&
		memo.containerID === id &&
		memo.image === statusImage(c.image) &&
		memo.imageID === imageID &&
		memo.ready === ready &&
		memo.restartCount === c.restarts &&
		memo.started === started
	)
		return memo;
	const status: ContainerStatus = {
		name: c.name,
		image: statusImage(c.image),
		imageID,
		ready,
		restartCount: c.restarts,
		started,
		state,
		// A struct, not a pointer, in the API: `lastState: {}` is always there.
		lastState: last === undefined ? NO_LAST_STATE : { terminated: terminated(last, index, seed) }
	};
	if (id !== undefined) status.containerID = id;
	LAST_STATUS.set(c.name, status);
	return status;
}

/**
 * The last status made per container name. The containers of a Deployment's pods start
 * together (one image pull per node, one start per millisecond), so consecutive pods report
 * equal statuses: they share one object, as conditions do (stored objects are never changed in
 * place). Only the last per name is remembered, so the memo never grows past the names in use.
 */
const LAST_STATUS = new Map<string, ContainerStatus>();

/** The same statuses as the last list made: one shared array (see LAST_STATUS). */
function statusList(list: ContainerStatus[]): ContainerStatus[] {
	if (sameItems(lastStatusList, list)) return lastStatusList;
	lastStatusList = list;
	return list;
}

let lastStatusList: ContainerStatus[] = [];

/**
 * A containerd container ID: 64 hex digits, random in containerd (containerd
 * internal/cri/util/id.go GenerateID: 32 bytes of crypto/rand, hex-encoded), here drawn from a
 * stream seeded by the lab's seed, the container's start and its place in the pod: one per
 * container run, computed when asked. Not per pod: containers started in the same millisecond
 * share their status objects (see LAST_STATUS), so they share the ID too; a per-pod ID would
 * cost each pod of a big cluster a status and a 77-character string of its own (the 150k-pod
 * bench keeps a pod within 1 KB).
 */
export function containerId(seed: number, startedAt: number, index = 0): string {
	// A status write asks for the same container's ID several times (state, last state).
	if (seed !== lastIdSeed || startedAt !== lastIdAt || index !== lastIdIndex) {
		lastIdSeed = seed;
		lastIdAt = startedAt;
		lastIdIndex = index;
		const random = new RandomStream(fnv1a32(`${index}/${startedAt}`, seed >>> 0));
		const words: string[] = ['containerd://'];
		for (let i = 0; i < 8; i++)
			words.push(
				Math.floor(random.next() * 4294967296)
					.toString(16)
					.padStart(8, '0')
			);
		// Joined: one flat string, not a rope of nine.
		lastId = words.join('');
	}
	return lastId;
}

let lastIdSeed = NaN;
let lastIdAt = NaN;
let lastIdIndex = 0;
let lastId = '';

/** The empty last state every container without a previous run reports (never changed). */
const NO_LAST_STATE: ContainerStatus['lastState'] = Object.freeze({});

/**
 * The image as containerd reports it in the status: the normalised reference
 * (`nginx` → `docker.io/library/nginx:latest`, by digest `…/nginx@sha256:…`), not the spec's text.
 */
export function statusImage(image: string): string {
	let out = STATUS_IMAGES.get(image);
	if (out === undefined) {
		const ref = parseReference(image);
		out =
			ref === undefined
				? image
				: ref.digest !== undefined && !/:[^/@]+(@|$)/.test(image)
					? `${ref.host}/${ref.path}@${ref.digest}`
					: `${ref.host}/${ref.path}:${ref.tag}`;
		STATUS_IMAGES.set(image, out);
	}
	return out;
}

const STATUS_IMAGES = new Map<string, string>();

/** `docker.io/library/nginx@sha256:…`: the resolved repository and a digest stable per reference. */
export function imageId(image: string): string {
	let id = IMAGE_IDS.get(image);
	if (id === undefined) IMAGE_IDS.set(image, (id = computeImageId(image)));
	return id;
}

/** A pure function's results, kept because every status write asks again. */
const IMAGE_IDS = new Map<string, string>();

function computeImageId(image: string): string {
	const ref = parseReference(image);
	const repo = ref === undefined ? image : `${ref.host}/${ref.path}`;
	let digest = '';
	for (let i = 0; digest.length < 64; i++)
		digest += fnv1a32(`${image}#${i}`).toString(16).padStart(8, '0');
	return `${repo}@sha256:${digest}`;
}

/** The status the kubelet posts for a pod, at time `now`, in the lab of seed `seed`. */
export function podStatus(pod: Pod, run: PodRun, now: number, seed: number): Pod['status'] {
	const at = rfc3339(now);
	// The pod's last conditions of each type (the first of a type, as a search would find).
	let readyToStart: PodCondition | undefined;
	let initialized: PodCondition | undefined;
	let ready: PodCondition | undefined;
	let containersReady: PodCondition | undefined;
	let scheduled: PodCondition | undefined;
	// Conditions the kubelet does not own (DisruptionTarget from a preemption or an eviction,
	// readiness gates) are kept as they are (status_manager.go mergePodStatus).
	let others: PodCondition[] | null = null;
	for (const c of pod.status?.conditions ?? NO_CONDITIONS) {
		if (c.type === 'PodReadyToStartContainers') readyToStart ??= c;
		else if (c.type === 'Initialized') initialized ??= c;
		else if (c.type === 'Ready') ready ??= c;
		else if (c.type === 'ContainersReady') containersReady ??= c;
		else if (c.type === 'PodScheduled') scheduled ??= c;
		else (others ??= []).push(c);
	}
	const cs = run.containers;
	// Init containers come first in a run (./init-containers); most pods have none.
	const n = initCount(pod);
	let allReady = cs.length > n;
	let allTerminated = true;
	let allSucceeded = true;
	// A container never created (its config failed) is waiting: getPhase says Pending.
	let neverCreated = false;
	for (let i = n; i < cs.length; i++) {
		const c = cs[i]!;
		if (!c.ready) allReady = false;
		if (c.state !== 'terminated') allTerminated = false;
		if (c.ended?.exitCode !== 0) allSucceeded = false;
		if ((c.state === 'configerror' || c.state === 'neverpull') && c.last === undefined)
			neverCreated = true;
	}
	// Running unless starting or every container has terminated (then by their exit codes).
	let phase: string = 'Running';
	if (run.phase === 'starting' || (n === 0 && neverCreated)) phase = 'Pending';
	else if (n > 0) phase = initPhase(pod, cs, allTerminated, allSucceeded);
	else if (allTerminated) phase = allSucceeded ? 'Succeeded' : 'Failed';
	const started = run.phase !== 'starting';
	const statuses: ContainerStatus[] = [];
	const creating = n > 0 ? INITIALIZING : CREATING;
	for (let i = n; i < cs.length; i++)
		statuses.push(containerStatus(cs[i]!, i, now, pod, seed, creating));
	// Init containers: sidecars count in the pod's readiness; Initialized waits for them all.
	let incomplete: string[] | undefined;
	if (n > 0) {
		const inits = pod.spec!.initContainers!;
		for (let i = 0; i < n; i++) if (isSidecar(inits[i]!) && !cs[i]!.ready) allReady = false;
		incomplete = incompleteInits(pod, cs);
	}
	// The generation this status is made from (status_manager / generateAPIPodStatus set it on the
	// status and on the kubelet's conditions: PodObservedGenerationTracking, GA in v1.35).
	const generation = pod.metadata?.generation ?? 1;
	const conditions = [
		keep(readyToStart, 'PodReadyToStartContainers', started ? 'True' : 'False', at, generation),
		n > 0
			? initializedCondition(initialized, incomplete, at, generation)
			: keep(initialized, 'Initialized', 'True', at, generation),
		keep(ready, 'Ready', allReady ? 'True' : 'False', at, generation),
		keep(containersReady, 'ContainersReady', allReady ? 'True' : 'False', at, generation),
		scheduled ?? condition('PodScheduled', 'True', at, generation)
	];
	// Pushed, not spread into the literal: most pods have none.
	if (others !== null) for (const c of others) conditions.push(c);
	const status = kubeletStatus(pod.status, {
		phase,
		// Pods with init containers are few: their lists are their own.
		conditions: n > 0 ? conditions : conditionList(conditions),
		containerStatuses: n > 0 ? statuses : statusList(statuses),
		hostIP: run.hostIP,
		// hostIPs and podIPs follow from these (kubeletStatus). The pod's IP (its code, made
		// text when read) is absent (undefined) until it has an address: kubeletStatus then
		// leaves both out.
		podIP: run.ip,
		qosClass: pod.status?.qosClass ?? 'BestEffort',
		startTime: pod.status?.startTime ?? at,
		observedGeneration: generation
	});
	if (n === 0) return status;
	const inits = pod.spec!.initContainers!;
	const initStatuses: ContainerStatus[] = [];
	for (let i = 0; i < n; i++)
		initStatuses.push(
			containerStatus(cs[i]!, i, now, pod, seed, INITIALIZING, initReady(inits[i]!, cs[i]!))
		);
	return { ...status, initContainerStatuses: initStatuses };
}

const NO_CONDITIONS: readonly PodCondition[] = [];

/**
 * getPhase (kubelet_pods.go) for a pod with init containers: Failed once a regular init
 * container failed under restartPolicy Never; Pending while initializing or while an app
 * container has not been created; then as any pod, by the app containers.
 */
function initPhase(
	pod: Pod,
	cs: readonly ContainerRun[],
	allTerminated: boolean,
	allSucceeded: boolean
): string {
	const failed = nextInitAction(pod, cs).kind === 'failed';
	if (failed || allTerminated) {
		// Terminal only once every container has stopped: sidecars being stopped keep the pod
		// Running (generateAPIPodStatus keeps the old phase until the pod worker is terminal).
		for (let i = 0; i < initCount(pod); i++) if (cs[i]!.state === 'running') return 'Running';
		return failed ? 'Failed' : allSucceeded ? 'Succeeded' : 'Failed';
	}
	for (let i = initCount(pod); i < cs.length; i++) if (cs[i]!.run === 0) return 'Pending';
	return 'Running';
}

/**
 * prober_manager.go UpdatePodStatus: a regular init container is ready once it exited 0; a
 * sidecar as an app container (started, and its readiness probe passed if it has one).
 */
function initReady(spec: Container, c: ContainerRun): boolean {
	if (!isSidecar(spec)) return c.state === 'terminated' && c.ended?.exitCode === 0;
	return c.ready;
}

/**
 * The Initialized condition (status/generate.go GeneratePodInitializedCondition): False with
 * ContainersNotInitialized and the incomplete init containers while any is; the transition
 * time stays while the status does.
 */
function initializedCondition(
	before: PodCondition | undefined,
	incomplete: readonly string[] | undefined,
	at: string,
	generation: number
): PodCondition {
	if (incomplete === undefined) return keep(before, 'Initialized', 'True', at, generation);
	const message = `containers with incomplete status: [${incomplete.join(' ')}]`;
	if (
		before?.status === 'False' &&
		before.message === message &&
		before.observedGeneration === generation
	)
		return before;
	return {
		type: 'Initialized',
		status: 'False',
		lastTransitionTime: before?.status === 'False' ? before.lastTransitionTime! : at,
		reason: 'ContainersNotInitialized',
		message,
		observedGeneration: generation
	};
}

/** The pod's condition `o` of `type` while its status stays, else a new one at `at`. */
function keep(
	o: PodCondition | undefined,
	type: string,
	status: string,
	at: string,
	generation: number
): PodCondition {
	if (o === undefined || o.status !== status) return condition(type, status, at, generation);
	if (o.observedGeneration === generation) return o;
	// A new generation observed: the same transition, now stamped with it.
	return { ...o, observedGeneration: generation };
}
