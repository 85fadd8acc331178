/**
 * PostFilter: DefaultPreemption's dry run (framework/preemption/preemption.go Preempt,
 * findCandidates, DryRunPreemption; defaultpreemption/default_preemption.go
 * SelectVictimsOnNode, PodEligibleToPreemptOthers). PodDisruptionBudgets are not consulted:
 * every candidate counts as "non-violating". The scheduler loop carries the outcome out
 * (scheduler-loop.ts preemptVictims).
 */
import type { NodeInfo, PodInfo } from './cache';
import {
	MIN_CANDIDATE_NODES_ABSOLUTE,
	MIN_CANDIDATE_NODES_PERCENTAGE,
	PREEMPTION_BY_SCHEDULER,
	REASON
} from './defaults';
import { fitErrorMessage } from './fit-error';
import type { Cycle } from './filters';
import { sandbox } from './sandbox';
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

/**
 * SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still fit. The
 * filters see the pods already nominated to the node that are at least as important.
 */
function selectVictims(
	c: Cycle,
	ni: NodeInfo,
	nominated: readonly PodInfo[] | undefined
): { victims: PodInfo[] } | { status: Status } {
	const potential = ni.pods.filter((p) => p.priority < c.pod.priority);
	if (potential.length === 0) return { status: noVictims };
	const box = sandbox(c, ni);
	for (const p of potential) box.move(p, -1);
	for (const q of nominated ?? [])
		if (q.priority >= c.pod.priority && q.pod.metadata?.uid !== c.pod.pod.metadata?.uid)
			box.move(q, 1);
	const s = box.fits();
	if (s) return { status: s };
	const victims: PodInfo[] = [];
	for (const p of potential.sort(moreImportant)) {
		box.move(p, 1);
		if (box.fits()) {
			box.move(p, -1);
			victims.push(p);
		}
	}
	return { victims };
}

/** pickOneNodeForPreemption without PDBs; the start-time rule uses status.startTime. */
function pick(candidates: { node: NodeInfo; victims: PodInfo[] }[]) {
	const rules: ((v: PodInfo[]) => number)[] = [
		(v) => -(v[0]?.priority ?? 0),
		(v) => -v.reduce((sum, p) => sum + p.priority + 2 ** 31, 0),
		(v) => -v.length,
		(v) => {
			const top = v[0]?.priority;
			const starts = v
				.filter((p) => p.priority === top)
				.map((p) => Date.parse(p.pod.status?.startTime ?? ''));
			const earliest = Math.min(...starts);
			return Number.isNaN(earliest) ? -Infinity : earliest;
		}
	];
	let best = candidates;
	for (const rule of rules) {
		const scores = best.map((c) => rule(c.victims));
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
	for (const p of at.node.pods)
		if (p.priority < c.pod.priority && terminatingByPreemption(p))
			return REASON.terminatingOnNominated;
	return undefined;
}

/** DefaultPreemption.PostFilter for a pod no node fits. */
export function preempt(
	c: Cycle,
	failures: readonly Failure[],
	numAllNodes: number,
	next: () => number,
	nominated?: ReadonlyMap<string, readonly PodInfo[]>
): PreemptionOutcome {
	const notEligible = ineligible(c, failures);
	if (notEligible) return { message: `preemption: ${notEligible}` };
	const potential = failures.filter((f) => f.status.code === UNSCHEDULABLE);
	const statuses: Status[] = [];
	const candidates: { node: NodeInfo; victims: PodInfo[] }[] = [];
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
			const r = selectVictims(c, ni, nominated?.get(ni.name));
			if ('victims' in r && r.victims.length > 0) candidates.push({ node: ni, victims: r.victims });
			else if ('status' in r) statuses.push(r.status);
		}
	}
	const best = candidates.length > 0 ? pick(candidates) : undefined;
	if (best) return { message: '', node: best.node.name, victims: best.victims };
	return {
		message: `preemption: ${fitErrorMessage(numAllNodes, { statuses, absent: notHelpful })}`
	};
}
