/**
 * PostFilter: DefaultPreemption's dry run (framework/preemption/preemption.go Preempt,
 * findCandidates, DryRunPreemption; defaultpreemption/default_preemption.go
 * SelectVictimsOnNode, filterPodsWithPDBViolation, PodEligibleToPreemptOthers,
 * pickOneNodeForPreemption). The scheduler loop carries the outcome out (scheduler-loop.ts
 * preempt).
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { heldPodInfo, type NodeInfo, type PodInfo } from './cache';
import {
	MIN_CANDIDATE_NODES_ABSOLUTE,
	MIN_CANDIDATE_NODES_PERCENTAGE,
	PREEMPTION_BY_SCHEDULER,
	REASON
} from './defaults';
import { fitErrorMessage } from './fit-error';
import type { Cycle } from './filters';
import { labelSelector } from './labels';
import { nominatedAhead, sandbox } from './sandbox';
import { status, UNRESOLVABLE, UNSCHEDULABLE, type Status } from './status';

export interface Failure {
	node: NodeInfo;
	status: Status;
}

export interface PreemptionOutcome {
	/** The PostFilter message ("" when preemption found a node). */
	message: string;
	node?: string;
	/** The pods to evict, most important first. */
	victims?: PodInfo[];
}

const notHelpful = status('DefaultPreemption', UNRESOLVABLE, REASON.preemptionNotHelpful);
const noVictims = status('DefaultPreemption', UNRESOLVABLE, REASON.noVictims);

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo): number {
	if (a.priority !== b.priority) return b.priority - a.priority;
	const ta = a.pod.status?.startTime ?? '\uffff';
	const tb = b.pod.status?.startTime ?? '\uffff';
	return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** The budgets of a namespace (the PodDisruptionBudget lister). */
export type BudgetLister = (namespace: string) => readonly PodDisruptionBudget[];

interface Candidate {
	node: NodeInfo;
	/** Most important first. */
	victims: PodInfo[];
	/** Victims whose eviction would take a budget below its allowed disruptions. */
	violations: number;
}

/**
 * filterPodsWithPDBViolation: walking the pods (most important first), each one a budget
 * selects uses up one of its allowed disruptions; a pod past a budget's allowance "violates" it.
 * A pod the budget already counts as disrupted, and a budget with an empty selector, use none.
 */
function splitByBudget(
	pods: readonly PodInfo[],
	budgets: readonly PodDisruptionBudget[]
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
	const allowed = budgets.map((b) => b.status?.disruptionsAllowed ?? 0);
	const violating: PodInfo[] = [];
	const nonViolating: PodInfo[] = [];
	for (const p of pods) {
		let violated = false;
		const labels = p.pod.metadata?.labels;
		if (labels !== undefined && Object.keys(labels).length > 0)
			budgets.forEach((b, i) => {
				if ((b.metadata?.namespace ?? 'default') !== p.namespace) return;
				const selector = labelSelector(b.spec?.selector);
				if (selector.empty || !selector.matches(labels)) return;
				if (b.status?.disruptedPods?.[p.pod.metadata?.name ?? ''] !== undefined) return;
				allowed[i] = (allowed[i] as number) - 1;
				if ((allowed[i] as number) < 0) violated = true;
			});
		(violated ? violating : nonViolating).push(p);
	}
	return { violating, nonViolating };
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still fit —
 * first those whose eviction would violate a PodDisruptionBudget, then the others, the most
 * important first in each group. The filters see the pods already nominated to the node that
 * are at least as important.
 */
function selectVictims(
	c: Cycle,
	ni: NodeInfo,
	nominated: readonly PodInfo[] | undefined,
	budgets: BudgetLister | undefined
): Candidate | { status: Status } {
	const potential = ni.pods.map(heldPodInfo).filter((p) => p.priority < c.pod.priority);
	if (potential.length === 0) return { status: noVictims };
	const box = sandbox(c, ni);
	for (const p of potential) box.move(p, -1);
	for (const q of nominatedAhead(c, nominated)) box.move(q, 1);
	const s = box.fits();
	if (s) return { status: s };
	potential.sort(moreImportant);
	const namespaces = [...new Set(potential.map((p) => p.namespace))];
	const pdbs = budgets === undefined ? [] : namespaces.flatMap((ns) => budgets(ns));
	const { violating, nonViolating } = splitByBudget(potential, pdbs);
	const victims: PodInfo[] = [];
	let violations = 0;
	const reprieve = (p: PodInfo): boolean => {
		box.move(p, 1);
		if (!box.fits()) return true;
		box.move(p, -1);
		victims.push(p);
		return false;
	};
	for (const p of violating) if (!reprieve(p)) violations++;
	for (const p of nonViolating) reprieve(p);
	// "Sort victims after reprieving pods to keep the pods in the victims sorted in order of
	// priority from high to low."
	victims.sort(moreImportant);
	return { node: ni, victims, violations };
}

/**
 * pickOneNodeForPreemption: the fewest budget violations, then the lowest highest-victim
 * priority, the lowest sum of priorities, the fewest victims, and the latest start among the
 * most important victims (status.startTime).
 */
function pick(candidates: Candidate[]) {
	const rules: ((c: Candidate) => number)[] = [
		(c) => -c.violations,
		(c) => -(c.victims[0]?.priority ?? 0),
		(c) => -c.victims.reduce((sum, p) => sum + p.priority + 2 ** 31, 0),
		(c) => -c.victims.length,
		(c) => {
			const top = c.victims[0]?.priority;
			const starts = c.victims
				.filter((p) => p.priority === top)
				.map((p) => Date.parse(p.pod.status?.startTime ?? ''));
			const earliest = Math.min(...starts);
			return Number.isNaN(earliest) ? -Infinity : earliest;
		}
	];
	let best = candidates;
	for (const rule of rules) {
		const scores = best.map((c) => rule(c));
		const top = Math.max(...scores);
		best = best.filter((_, i) => scores[i] === top);
		if (best.length === 1) break;
	}
	return best[0];
}

/** A pod the scheduler is evicting to make room (podTerminatingByPreemption). */
function terminatingByPreemption(p: PodInfo): boolean {
	return (
		!!p.pod.metadata?.deletionTimestamp &&
		!!p.pod.status?.conditions?.some(
			(c) =>
				c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === PREEMPTION_BY_SCHEDULER
		)
	);
}

/**
 * PodEligibleToPreemptOthers: not with preemptionPolicy Never, nor while a lower-priority pod
 * on its nominated node is still terminating for an earlier preemption (unless the filters
 * now rule that node out for good).
 */
function ineligible(c: Cycle, failures: readonly Failure[]): string | undefined {
	if (c.pod.pod.spec?.preemptionPolicy === 'Never') return REASON.preemptNever;
	const nominated = c.pod.pod.status?.nominatedNodeName;
	if (!nominated) return undefined;
	const at = failures.find((f) => f.node.name === nominated);
	if (at === undefined || at.status.code === UNRESOLVABLE) return undefined;
	for (const pod of at.node.pods)
		if ((pod.spec?.priority ?? 0) < c.pod.priority && terminatingByPreemption(heldPodInfo(pod)))
			return REASON.terminatingOnNominated;
	return undefined;
}

/** DefaultPreemption.PostFilter for a pod no node fits. */
export function preempt(
	c: Cycle,
	failures: readonly Failure[],
	numAllNodes: number,
	next: () => number,
	nominated?: ReadonlyMap<string, readonly PodInfo[]>,
	budgets?: BudgetLister
): PreemptionOutcome {
	const notEligible = ineligible(c, failures);
	if (notEligible) return { message: `preemption: ${notEligible}` };
	const potential = failures.filter((f) => f.status.code === UNSCHEDULABLE);
	const statuses: Status[] = [];
	const candidates: Candidate[] = [];
	if (potential.length > 0) {
		// GetOffsetAndNumCandidates: a random start, and 10% of the nodes (at least 100).
		const n = potential.length;
		const want = Math.min(
			n,
			Math.max(Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE)
		);
		const offset = Math.floor(next() * n);
		for (let i = 0; i < n && candidates.length < want; i++) {
			const ni = (potential[(offset + i) % n] as Failure).node;
			const r = selectVictims(c, ni, nominated?.get(ni.name), budgets);
			if ('victims' in r && r.victims.length > 0) candidates.push(r);
			else if ('status' in r) statuses.push(r.status);
		}
	}
	const best = candidates.length > 0 ? pick(candidates) : undefined;
	if (best) return { message: '', node: best.node.name, victims: best.victims };
	return {
		message: `preemption: ${fitErrorMessage(numAllNodes, { statuses, absent: notHelpful })}`
	};
}
