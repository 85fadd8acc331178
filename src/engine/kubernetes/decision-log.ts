/**
 * The scheduler's memory of *why*: the latest attempt for each pod, as the scheduling view
 * reads it (`lab.schedulingDecisions()`). It wraps the framework the scheduler loop calls, so
 * it sees every attempt, including those a PreFilter outside the framework (VolumeBinding)
 * turns away, and it is a kernel component, so time travel restores it with everything else.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../core/kernel';
import type { SchedulingDecision, SchedulingNodeRow } from '../types';
import type { ApiServer } from './api/api-server';
import { PODS, key } from './api/collections';
import { NODES } from './node-object';
import { podName, podNamespace } from './pods';
import { withSchedule, type Decision, type Framework } from './scheduler-loop';
import {
	explainCaptured,
	FILTER_PLUGINS,
	SCHEDULING_DETAIL_MAX_NODES,
	summarizeCycle,
	type CapturedCycle,
	type CycleExplanation,
	type CycleSummary
} from './scheduler/decision-view';
import { DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE } from './scheduler/defaults';
import { numFeasibleNodesToFind } from './scheduler/percentage';
import { volumeBindingPreFilter } from './storage/volume-binding';

function built(explanation: CycleExplanation, at: Attempt): SchedulingDecision {
	return Object.freeze({ ...explanation, ...at });
}

/** Pods remembered at most; the one tried longest ago goes first. A lab choice. */
const MAX_DECISIONS = 256;

/** Who and when: what the log adds to a cycle's explanation. */
interface Attempt {
	namespace: string;
	pod: string;
	t: number;
	attempt: number;
}

/**
 * What an unread decision is built from: what a small cluster's cycle saw (explainCaptured),
 * or a big cluster's summary (summarizeCycle); both pure functions of it.
 */
type Unread =
	| { readonly cycle: CapturedCycle; readonly summary: undefined; readonly at: Attempt }
	| { readonly cycle: undefined; readonly summary: CycleSummary; readonly at: Attempt };

/**
 * One pod's latest attempt: its decision, or what it is built from until somebody reads it.
 * Entries are never changed: reading one replaces it with its built decision, so a checkpoint
 * holding the unread one stays as it was.
 */
interface Entry {
	readonly uid: string;
	readonly attempt: number;
	readonly decision: SchedulingDecision | undefined;
	readonly captured: Unread | undefined;
}

export class DecisionLog implements Component {
	readonly name = 'scheduler-decisions';
	/** By pod key, in the order of their latest attempt. */
	private entries = new Map<string, Entry>();
	private list: readonly SchedulingDecision[] | null = null;
	/**
	 * A live iterator over the entries' keys, just past the ones evicted: its next key is the
	 * oldest entry. keys().next() afresh would step over every evicted entry's hole in the Map
	 * again (they stay until it rehashes), on every attempt of a scale-up.
	 */
	private oldest: Iterator<string> = this.entries.keys();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type === 'DELETED' && this.entries.delete(e.key)) this.list = null;
		});
		kernel.register(this);
	}

	/** The framework the scheduler loop calls, recording each attempt on the way out. */
	wrap(framework: Framework): Framework {
		return withSchedule(framework, (pod, podKey) => {
			const decision = framework.schedule(pod, podKey);
			this.record(pod, decision, podKey);
			return decision;
		});
	}

	private record(pod: Pod, decision: Decision, storeKey: string | undefined): void {
		const namespace = podNamespace(pod);
		const name = podName(pod);
		// The store's key when the loop passes it: the Map has hashed that string already.
		const podKey = storeKey ?? key(namespace, name);
		const uid = pod.metadata?.uid ?? '';
		const previous = this.entries.get(podKey);
		const attempt = previous?.uid === uid ? previous.attempt + 1 : 1;
		const at: Attempt = { namespace, pod: name, t: this.kernel.now, attempt };
		this.entries.delete(podKey);
		if (decision.captured !== undefined || decision.summary !== undefined) {
			const captured: Unread =
				decision.captured !== undefined
					? { cycle: decision.captured, summary: undefined, at }
					: { cycle: undefined, summary: decision.summary!, at };
			this.entries.set(podKey, { uid, attempt, decision: undefined, captured });
		} else {
			const explanation = decision.explanation ?? this.outsideFramework(pod, decision);
			this.entries.set(podKey, {
				uid,
				attempt,
				decision: built(explanation, at),
				captured: undefined
			});
		}
		if (this.entries.size > MAX_DECISIONS) {
			// Every key before the iterator's place is gone, and a key recorded again moved to the
			// end: its next key is the oldest. A finished iterator (never here: the Map holds
			// entries) is replaced.
			let oldest = this.oldest.next();
			if (oldest.done) oldest = (this.oldest = this.entries.keys()).next();
			if (!oldest.done) this.entries.delete(oldest.value);
		}
		this.list = null;
	}

	/** An attempt the framework never saw: a PreFilter in front of it turned the pod away. */
	private outsideFramework(pod: Pod, decision: Decision): CycleExplanation {
		const nodes = this.kernel.store.list<Node>(NODES);
		const explained = nodes.length <= SCHEDULING_DETAIL_MAX_NODES;
		const reason = volumeBindingPreFilter(this.api, pod);
		const rows: SchedulingNodeRow[] = explained
			? nodes.map((n) =>
					Object.freeze({
						node: n.metadata?.name ?? '',
						outcome: 'not-evaluated',
						notEvaluated: 'PreFilter',
						filters: [],
						scores: []
					})
				)
			: [];
		const out: CycleExplanation = {
			numNodes: nodes.length,
			evaluated: 0,
			feasible: 0,
			feasibleToFind: numFeasibleNodesToFind(DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE, nodes.length),
			explained,
			filterPlugins: FILTER_PLUGINS,
			scorePlugins: [],
			skippedScorePlugins: [],
			scored: false,
			rows: Object.freeze(rows)
		};
		if (reason !== undefined) out.preFilter = { plugin: 'VolumeBinding', reason };
		if (decision.node !== undefined) out.node = decision.node;
		if (decision.message !== undefined) out.message = decision.message;
		return out;
	}

	/** Latest attempt per pod, oldest first; the same frozen array until the next attempt. */
	decisions(): readonly SchedulingDecision[] {
		this.list ??= Object.freeze([...this.entries.keys()].map((k) => this.decisionOf(k)!));
		return this.list;
	}

	get(namespace: string, pod: string): SchedulingDecision | undefined {
		return this.decisionOf(key(namespace, pod));
	}

	/** The entry's decision, built now if nobody has read it yet. */
	private decisionOf(podKey: string): SchedulingDecision | undefined {
		const entry = this.entries.get(podKey);
		if (entry === undefined || entry.decision !== undefined) return entry?.decision;
		const { cycle, summary, at } = entry.captured!;
		const explanation = cycle !== undefined ? explainCaptured(cycle) : summarizeCycle(summary);
		const decision = built(explanation, at);
		// Map.set on a present key keeps its place: the order of attempts stays.
		this.entries.set(podKey, { ...entry, decision, captured: undefined });
		return decision;
	}

	save(): Map<string, Entry> {
		// Entries are never changed: a checkpoint shares them.
		return new Map(this.entries);
	}

	load(state: unknown): void {
		this.entries = new Map(state as Map<string, Entry>);
		this.oldest = this.entries.keys();
		this.list = null;
	}
}
