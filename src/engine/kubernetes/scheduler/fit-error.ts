/**
 * The FailedScheduling text: pkg/scheduler/framework/types.go FitError.Error (v1.32+):
 *
 *   "0/X nodes are available: <PreFilterMsg>. <sorted reason histogram>. <PostFilterMsg>"
 *
 * Each histogram entry is "<count> <reason>" (fmt "%v %v"), the entries sorted as whole
 * strings (sort.Strings, so "10 a" sorts before "2 b") and joined by ", ". A PreFilter
 * rejection replaces the histogram; nodes never evaluated count under the absent status's
 * reasons; the PostFilter message follows after one space, without an added period (older
 * releases added one, hence the "incoming pod.." seen in old logs). It is the reasons of
 * every rejecting PostFilter plugin joined by ", " (framework.go RunPostFilterPlugins).
 */
import type { Status } from './status';

export interface Diagnosis {
	/** Statuses of the nodes a Filter (or the preemption dry run) rejected. */
	statuses: readonly Status[];
	/** The status of nodes without an explicit one (NodeToStatus.AbsentNodesStatus). */
	absent?: Status | null;
	preFilterMsg?: string;
	postFilterMsg?: string;
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
	let msg = `0/${numAllNodes} nodes are available:`;
	if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
	else {
		const counts = new Map<string, number>();
		for (const s of d.statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
		const absent = numAllNodes - d.statuses.length;
		if (absent > 0 && d.absent)
			for (const r of d.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
		const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
		if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
	}
	if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
	return msg;
}
