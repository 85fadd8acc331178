/**
 * kube-scheduler's loop around the decision logic in ./scheduler: a queue of pods without a
 * node (active, then unschedulable until the cluster changes, with back-off), one pod at a
 * time through filter and score, then binding — or a FailedScheduling condition and event.
 */
import type {
	Namespace,
	Node,
	Pod,
	PodCondition,
	PodStatus,
	Taint
} from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../core/kernel';
import type { TraceFormat } from '../core/trace';
import { rfc3339 } from '../core/time';
import type { ApiServer } from './api/api-server';
import { key as podKeyOfParts, NAMESPACES, PODS, PVCS, PVS } from './api/collections';
import { boundSpec, withConditions, withSpecAndStatus } from './api/compact-objects';
import type { ApiServerLocator } from './kubelets';
import { NODES } from './node-object';
import { isTerminating, podName, podNamespace } from './pods';
import { requestPodDeletion } from './pod-deletion';
import { PREEMPTION_BY_SCHEDULER, PREEMPTION_MESSAGE } from './scheduler/defaults';
import { quantityValue } from './scheduler/resources';
import { sameLabels } from './scheduler/labels';
import {
	assignedPodMayLetIn,
	INTER_POD_AFFINITY,
	ownLabelsMayLetIn,
	POD_TOPOLOGY_SPREAD
} from './scheduler/queueing-hints';
import { podRef } from './api/events';
import type { CapturedCycle, CycleExplanation, CycleSummary } from './scheduler/decision-view';
import {
	POD_INITIAL_BACKOFF_MS,
	POD_MAX_BACKOFF_MS,
	POD_MAX_IN_UNSCHEDULABLE_MS
} from './defaults';

export interface Decision {
	node?: string;
	/** FailedScheduling message when no node fits. */
	message?: string;
	/** Why, node by node, for the scheduling view (decision-log.ts records it). */
	explanation?: CycleExplanation;
	/** The same, still to be built from what the cycle saw (decision-view.ts explainCaptured). */
	captured?: CapturedCycle;
	/** A big cluster's summary, still to be built (decision-view.ts summarizeCycle). */
	summary?: CycleSummary;
	/** Preemption made room there: the pod's nominatedNodeName, once `victims` are gone. */
	nominatedNode?: string;
	victims?: readonly { namespace: string; name: string }[];
	/**
	 * The plugins whose Filter rejected a node (QueuedPodInfo.UnschedulablePlugins): only their
	 * queueing hints can send the pod back to be tried (none known: no bound pod's change does).
	 */
	rejectedBy?: ReadonlySet<string>;
}

/** What the loop needs from the scheduling framework and its cache. */
export interface Framework {
	/** `podKey`: the pod's store key, when the caller has it (saves building it again). */
	schedule(pod: Pod, podKey?: string): Decision;
	nodeChanged(node: Node | undefined, name: string): void;
	podChanged(pod: Pod | undefined, previous: Pod | undefined): void;
	/** Forgets everything and learns the given nodes and bound pods (after a checkpoint restore). */
	reset(nodes: readonly Node[], pods: readonly Pod[]): void;
	/** A pending pod's status.nominatedNodeName appeared, changed or went (the PodNominator). */
	nominationChanged(pod: Pod | undefined, previous: Pod | undefined): void;
	/** The pending pods nominated to a node. */
	nominatedTo(node: string): readonly Pod[];
}

/** A framework that decides with `schedule` and leaves everything else to `inner`. */
export function withSchedule(
	inner: Framework,
	schedule: (pod: Pod, podKey?: string) => Decision
): Framework {
	return {
		schedule,
		nodeChanged: (node, name) => inner.nodeChanged(node, name),
		podChanged: (pod, previous) => inner.podChanged(pod, previous),
		reset: (nodes, pods) => inner.reset(nodes, pods),
		nominationChanged: (pod, previous) => inner.nominationChanged(pod, previous),
		nominatedTo: (node) => inner.nominatedTo(node)
	};
}

/** A pod in the unschedulable pool: its failed attempts, the last one's time, its rejectors. */
interface Unschedulable {
	attempts: number;
	at: number;
	rejectedBy?: ReadonlySet<string>;
}

interface State {
	active: string[];
	unschedulable: Map<string, Unschedulable>;
	runPending: boolean;
}

export class SchedulerLoop implements Component {
	readonly name = 'scheduler';
	private active: string[] = [];
	/** The same keys as `active`, for constant-time membership. */
	private activeKeys = new Set<string>();
	private unschedulable = new Map<string, Unschedulable>();
	/**
	 * The keys in `unschedulable` that InterPodAffinity or PodTopologySpread rejected: the only
	 * ones a bound pod's arrival or new labels may let in (see assignedPodChanged).
	 */
	private crossTopology = new Set<string>();
	private runPending = false;
	/**
	 * The priority of each pending pod whose priority is not 0 (PrioritySort orders the active
	 * queue by it); empty in most labs, so the queue then keeps its order without a sort.
	 */
	private priorities = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator,
		private readonly framework: Framework
	) {
		kernel.on('scheduler.run', () => this.run());
		kernel.on('scheduler.flush', () => this.flushLeftovers());
		kernel.store.watch<Pod>(PODS, (e) =>
			this.onPod(
				e.key,
				e.type === 'DELETED' ? undefined : e.object,
				e.type === 'ADDED' ? undefined : e.previous
			)
		);
		kernel.store.watch<Node>(NODES, (e) => {
			framework.nodeChanged(e.type === 'DELETED' ? undefined : e.object, e.key);
			if (
				e.type !== 'DELETED' &&
				mayLetPodsIn(e.type === 'ADDED' ? undefined : e.previous, e.object)
			)
				this.clusterChanged();
		});
		// VolumeBinding's cluster events: a claim bound or a volume made may let a waiting pod in.
		kernel.store.watch(PVCS, () => this.clusterChanged());
		kernel.store.watch(PVS, () => this.clusterChanged());
		for (const node of kernel.store.list<Node>(NODES))
			framework.nodeChanged(node, node.metadata!.name!);
		kernel.register(this);
	}

	/**
	 * `previous` is the version the store held before (what the cache learned last): the cache
	 * holds bound, active pods, so whether it held this one follows from that version alone.
	 */
	private onPod(podKey: string, pod: Pod | undefined, previous: Pod | undefined): void {
		const wasBound = previous !== undefined && holdsNode(previous) ? previous : undefined;
		if (pod?.status?.nominatedNodeName || previous?.status?.nominatedNodeName)
			this.framework.nominationChanged(pod, previous);
		const priority = pod?.spec?.nodeName ? 0 : (pod?.spec?.priority ?? 0);
		if (priority !== 0) this.priorities.set(podKey, priority);
		else if (this.priorities.size > 0) this.priorities.delete(podKey);
		if (pod !== undefined && holdsNode(pod)) {
			this.framework.podChanged(pod, wasBound);
			if (
				this.crossTopology.size > 0 &&
				(wasBound === undefined || !sameLabels(wasBound.metadata?.labels, pod.metadata?.labels))
			)
				this.assignedPodChanged(pod, wasBound);
		} else if (wasBound !== undefined) {
			this.framework.podChanged(undefined, wasBound);
			this.clusterChanged(); // resources were freed
		}
		if (pod === undefined) {
			this.unschedulable.delete(podKey);
			this.crossTopology.delete(podKey);
			return;
		}
		const waiting = previous === undefined ? undefined : this.unschedulable.get(podKey);
		if (
			waiting?.rejectedBy !== undefined &&
			!pod.spec?.nodeName &&
			!sameLabels(previous!.metadata?.labels, pod.metadata?.labels) &&
			ownLabelsMayLetIn(pod, previous!, waiting.rejectedBy)
		) {
			this.retry(podKey, waiting);
			this.wake();
			return;
		}
		if (!pod.spec?.nodeName && !isTerminating(pod) && !this.queued(podKey)) {
			if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
			// The SchedulingGates PreEnqueue plugin: a gated pod waits outside the queue until its
			// gates are removed (an update brings it back here).
			if ((pod.spec?.schedulingGates ?? []).length > 0) return this.markGated(pod);
			this.enqueue(podKey);
			this.wake();
		}
	}

	/**
	 * PodScheduled=False, SchedulingGated: the API server sets it when a gated pod is created
	 * (registry/core/pod/strategy.go applySchedulingGatedCondition); the lab writes it at the
	 * same instant, once, here where the clock is known.
	 */
	private markGated(pod: Pod): void {
		if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled')) return;
		const gated: PodCondition = {
			type: 'PodScheduled',
			status: 'False',
			reason: 'SchedulingGated',
			message: SCHEDULING_GATED_MESSAGE,
			lastTransitionTime: rfc3339(this.kernel.now),
			observedGeneration: generationOf(pod)
		};
		this.api.update<Pod>(PODS, {
			...pod,
			status: { ...pod.status, conditions: [...(pod.status?.conditions ?? []), gated] }
		});
	}

	private queued(podKey: string): boolean {
		return this.activeKeys.has(podKey) || this.unschedulable.has(podKey);
	}

	private enqueue(podKey: string): void {
		if (this.activeKeys.has(podKey)) return;
		this.activeKeys.add(podKey);
		this.active.push(podKey);
	}

	private wake(): void {
		if (this.runPending) return;
		this.runPending = true;
		this.kernel.after(0, 'scheduler.run');
	}

	/** A node or pod changed: unschedulable pods get another try once their back-off is over. */
	private clusterChanged(): void {
		for (const [podKey, entry] of this.unschedulable) this.retry(podKey, entry);
		if (this.active.length > 0) this.wake();
	}

	/** The pod leaves the unschedulable pool for the active queue, after its back-off. */
	private retry(podKey: string, entry: Unschedulable): void {
		const backoff = Math.min(
			POD_INITIAL_BACKOFF_MS * 2 ** (entry.attempts - 1),
			POD_MAX_BACKOFF_MS
		);
		this.unschedulable.delete(podKey);
		this.crossTopology.delete(podKey);
		this.enqueue(podKey);
		if (entry.at + backoff > this.kernel.now) {
			this.kernel.at(entry.at + backoff, 'scheduler.run');
		}
	}

	/**
	 * A pod was bound (or created bound), or a bound pod's labels changed (AssignedPodAdded /
	 * AssignedPodUpdated with UpdatePodLabel): the unschedulable pods it may let in by the
	 * plugins' queueing hints are tried again (scheduler/queueing-hints.ts).
	 */
	private assignedPodChanged(pod: Pod, previous: Pod | undefined): void {
		const nsLabels = (ns: string) =>
			this.api.get<Namespace>(NAMESPACES, '', ns)?.metadata?.labels ?? {};
		for (const podKey of [...this.crossTopology]) {
			const entry = this.unschedulable.get(podKey);
			const pending = this.kernel.store.get<Pod>(PODS, podKey);
			if (entry === undefined || pending === undefined) {
				this.crossTopology.delete(podKey);
				continue;
			}
			if (assignedPodMayLetIn(pending, entry.rejectedBy ?? NO_PLUGINS, pod, previous, nsLabels))
				this.retry(podKey, entry);
		}
		if (this.active.length > 0) this.wake();
	}

	/** Pods unschedulable for longer than podMaxInUnschedulablePodsDuration are tried again. */
	private flushLeftovers(): void {
		for (const [podKey, entry] of this.unschedulable) {
			if (this.kernel.now - entry.at >= POD_MAX_IN_UNSCHEDULABLE_MS) {
				this.unschedulable.delete(podKey);
				this.crossTopology.delete(podKey);
				this.enqueue(podKey);
			}
		}
		if (this.active.length > 0) this.wake();
	}

	private run(): void {
		this.runPending = false;
		if (this.locator.apiHost() === undefined) {
			// The scheduler runs on the control plane: nothing is scheduled while it is down.
			if (this.active.length > 0) this.kernel.after(POD_INITIAL_BACKOFF_MS, 'scheduler.run');
			return;
		}
		const queue = this.active;
		this.active = [];
		this.activeKeys.clear();
		// PrioritySort: the most important pod first; equal ones in the order they came (stable).
		if (this.priorities.size > 0) {
			const of = (k: string) => this.priorities.get(k) ?? 0;
			queue.sort((a, b) => of(b) - of(a));
		}
		for (const podKey of queue) this.scheduleOne(podKey);
	}

	private scheduleOne(podKey: string): void {
		const pod = this.kernel.store.get<Pod>(PODS, podKey);
		if (pod === undefined || pod.spec?.nodeName || isTerminating(pod)) return;
		if ((pod.spec?.schedulingGates ?? []).length > 0) return;
		// The pod's own strings, not slices of the key: the trace keeps the name for every pod.
		const namespace = podNamespace(pod);
		const name = podName(pod);
		const decision = this.framework.schedule(pod, podKey);
		const now = rfc3339(this.kernel.now);
		if (decision.node !== undefined) {
			const earlier = pod.status?.conditions;
			const conditions =
				earlier === undefined || earlier.length === 0
					? [scheduledCondition(now, generationOf(pod))]
					: [
							...earlier.filter((c) => c.type !== 'PodScheduled'),
							scheduledCondition(now, generationOf(pod))
						];
			// One string for the Event and the trace: a big cluster keeps both for every pod.
			const assigned = `Successfully assigned ${namespace}/${name} to ${decision.node}`;
			// Recorded as the bind is written: the kubelet reacts to the bind within the same
			// instant, and its Pulling must not read as older than Scheduled.
			this.api.events.record(podRef(pod), {
				type: 'Normal',
				reason: 'Scheduled',
				message: assigned,
				source: 'default-scheduler'
			});
			this.api.updateAt<Pod>(
				PODS,
				podKey,
				withSpecAndStatus(
					pod,
					boundSpec(pod.spec!, decision.node),
					withoutNomination(withConditions(pod.status, conditions))
				)
			);
			this.kernel.emitFormatted('pod.scheduled', POD_SCHEDULED, name, assigned);
			return;
		}
		const previous = this.unschedulable.get(podKey);
		const entry: Unschedulable = { attempts: (previous?.attempts ?? 0) + 1, at: this.kernel.now };
		if (decision.rejectedBy !== undefined && decision.rejectedBy.size > 0)
			entry.rejectedBy = decision.rejectedBy;
		this.unschedulable.set(podKey, entry);
		if (crossTopology(entry)) this.crossTopology.add(podKey);
		else this.crossTopology.delete(podKey);
		if (previous === undefined) this.kernel.after(POD_MAX_IN_UNSCHEDULABLE_MS, 'scheduler.flush');
		const message = decision.message ?? '';
		if (decision.nominatedNode !== undefined)
			this.preempt(pod, decision.nominatedNode, decision.victims ?? []);
		this.api.events.record(podRef(pod), {
			type: 'Warning',
			reason: 'FailedScheduling',
			message,
			source: 'default-scheduler'
		});
		// A failed attempt that nominates nothing keeps the earlier nomination (NominatingInfo Noop).
		const nominatedNodeName = decision.nominatedNode ?? pod.status?.nominatedNodeName;
		const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
		if (
			old?.message === message &&
			old.status === 'False' &&
			nominatedNodeName === pod.status?.nominatedNodeName
		)
			return;
		const conditions = [
			...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
			{
				type: 'PodScheduled',
				status: 'False',
				reason: 'Unschedulable',
				message,
				lastTransitionTime: now,
				observedGeneration: generationOf(pod)
			}
		];
		const status = { ...pod.status, phase: 'Pending', conditions };
		if (nominatedNodeName) status.nominatedNodeName = nominatedNodeName;
		this.api.update<Pod>(PODS, { ...pod, status });
		this.kernel.emit('pod.failedscheduling', `pod/${name}`, `FailedScheduling: ${message}`);
	}

	/**
	 * Carries out DefaultPreemption's choice (framework/preemption/executor.go prepareCandidate):
	 * each victim gets the DisruptionTarget condition, a graceful delete and a Preempted event;
	 * less important pods nominated to the same node lose their nomination. The preemptor waits,
	 * nominated to the node, until the victims are gone.
	 */
	private preempt(
		pod: Pod,
		node: string,
		victims: readonly { namespace: string; name: string }[]
	): void {
		const now = rfc3339(this.kernel.now);
		const scheduler = pod.spec?.schedulerName ?? 'default-scheduler';
		for (const v of victims) {
			const victim = this.api.get<Pod>(PODS, v.namespace, v.name);
			// A victim already terminating needs no second request.
			if (victim === undefined || isTerminating(victim)) continue;
			const target: PodCondition = {
				type: 'DisruptionTarget',
				status: 'True',
				reason: PREEMPTION_BY_SCHEDULER,
				message: `${scheduler}${PREEMPTION_MESSAGE}`,
				lastTransitionTime: now,
				observedGeneration: generationOf(victim)
			};
			const marked = this.api.update<Pod>(PODS, {
				...victim,
				status: {
					...victim.status,
					conditions: [
						...(victim.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
						target
					]
				}
			});
			this.api.events.record(podRef(victim), {
				type: 'Normal',
				reason: 'Preempted',
				message: `Preempted by pod ${pod.metadata?.uid ?? ''} on node ${node}`,
				source: scheduler
			});
			requestPodDeletion(this.kernel, this.api, marked, ' (preempted)');
		}
		const priority = pod.spec?.priority ?? 0;
		for (const other of this.framework.nominatedTo(node)) {
			if ((other.spec?.priority ?? 0) >= priority) continue;
			const current = this.api.get<Pod>(PODS, podNamespace(other), podName(other));
			if (current?.status?.nominatedNodeName !== node) continue;
			this.api.update<Pod>(PODS, { ...current, status: withoutNomination(current.status ?? {}) });
		}
	}

	save(): State {
		return {
			active: [...this.active],
			unschedulable: new Map(this.unschedulable),
			runPending: this.runPending
		};
	}

	load(state: unknown): void {
		const s = state as State;
		this.active = [...s.active];
		this.activeKeys = new Set(s.active);
		this.unschedulable = new Map(s.unschedulable);
		this.crossTopology = new Set();
		for (const [podKey, entry] of this.unschedulable)
			if (crossTopology(entry)) this.crossTopology.add(podKey);
		this.runPending = s.runPending;
		// The scheduler's cache is rebuilt from the restored store, and so are the nominations and
		// the pending pods' priorities.
		const pods = this.api.list<Pod>(PODS);
		this.framework.reset(this.kernel.store.list<Node>(NODES), pods.filter(holdsNode));
		this.priorities.clear();
		for (const pod of pods) {
			if (pod.spec?.nodeName) continue;
			if (pod.status?.nominatedNodeName) this.framework.nominationChanged(pod, undefined);
			const priority = pod.spec?.priority ?? 0;
			if (priority !== 0) this.priorities.set(podKeyOf(pod), priority);
		}
	}
}

const NO_PLUGINS: ReadonlySet<string> = new Set();

/** Whether a bound pod's add or label change may let the pod in (see assignedPodChanged). */
function crossTopology(entry: Unschedulable): boolean {
	const r = entry.rejectedBy;
	return r !== undefined && (r.has(INTER_POD_AFFINITY) || r.has(POD_TOPOLOGY_SPREAD));
}

/** core/v1 PodReasonSchedulingGated's message (registry/core/pod/strategy.go). */
const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/** The trace's pod.scheduled: the subject built when read, the message the Event's own text. */
const POD_SCHEDULED: TraceFormat = { subject: ['pod/', 0], message: [1] };

/**
 * PodScheduled=True at `at`, one object for every pod bound in the same second: the kubelet
 * keeps it in every later status, so a big cluster would otherwise hold one per pod. Stored
 * objects are never changed in place, so pods can share it.
 */
function scheduledCondition(at: string, generation: number): PodCondition {
	if (lastScheduled.lastTransitionTime !== at || lastScheduled.observedGeneration !== generation)
		lastScheduled = {
			type: 'PodScheduled',
			status: 'True',
			lastTransitionTime: at,
			observedGeneration: generation
		};
	return lastScheduled;
}

/**
 * The generation the scheduler stamps its conditions with (GetPodObservedGenerationIfEnabled-
 * OnCondition: PodObservedGenerationTracking is GA in v1.35).
 */
function generationOf(pod: Pod): number {
	return pod.metadata?.generation ?? 1;
}

let lastScheduled: PodCondition = { type: 'PodScheduled', status: 'True' };

function podKeyOf(pod: Pod): string {
	return podKeyOfParts(podNamespace(pod), podName(pod));
}

/**
 * The status without nominatedNodeName: kube-apiserver clears it when the pod is bound (v1.34,
 * kubernetes#132443), and preemption clears it on less important pods it displaces.
 */
function withoutNomination(status: PodStatus): PodStatus {
	if (status.nominatedNodeName === undefined) return status;
	const { nominatedNodeName: _dropped, ...rest } = status;
	return rest;
}

/** Pods that hold node resources: bound and not finished (terminating pods still hold them). */
function holdsNode(pod: Pod): boolean {
	return (
		!!pod.spec?.nodeName && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed'
	);
}

/**
 * Whether a Node event can make an unschedulable pod schedulable, as the filter plugins'
 * queueing hints judge it (scheduler framework EnqueueExtensions; QueueingHints are on by
 * default since v1.32): a new node; labels changed (NodeAffinity, PodTopologySpread); a taint
 * removed or changed (TaintToleration queues only when a taint stops rejecting); the node made
 * schedulable again (NodeUnschedulable: true → false); more allocatable (NodeResourcesFit).
 * A cordon, a taint added or a kubelet's heartbeat (conditions and times only) lets no pod in,
 * so a waiting pod is not tried again for them. (The real hints also ask whether the change
 * suits this pod; here such a change retries them all.)
 */
function mayLetPodsIn(previous: Node | undefined, node: Node): boolean {
	if (previous === undefined) return true;
	const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
	if (!same(previous.metadata?.labels, node.metadata?.labels)) return true;
	const taints = node.spec?.taints ?? [];
	const stillThere = (t: Taint) => taints.some((n) => same(n, t));
	if (!(previous.spec?.taints ?? []).every(stillThere)) return true;
	if (previous.spec?.unschedulable === true && node.spec?.unschedulable !== true) return true;
	const before = previous.status?.allocatable ?? {};
	const after = node.status?.allocatable ?? {};
	return Object.keys(after).some(
		(r) => before[r] === undefined || quantityValue(after[r]!) > quantityValue(before[r]!)
	);
}
