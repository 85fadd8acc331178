/**
 * A copy of one node and of the cycle's cross-node counts, to add and remove pods on without
 * touching the cache: the preemption dry run takes victims off it, and the filters add the
 * pods nominated to the node (framework.go RunFilterPluginsWithNominatedPods, addGENominatedPods).
 */
import { account, cloneNodeInfo, type NodeInfo, type PodInfo } from './cache';
import { runFilters, withCounts, type Cycle } from './filters';
import { affinityUpdate, cloneAffinity } from './inter-pod-affinity';
import type { Status } from './status';
import { cloneSpread, spreadUpdate } from './topology-spread';

export interface Sandbox {
	/** The Filter plugins' verdict on the node as it now stands (null: the pod fits). */
	fits(): Status | null;
	/** Puts a pod on the node (1) or takes it off (-1). */
	move(p: PodInfo, sign: 1 | -1): void;
}

export function sandbox(c: Cycle, ni: NodeInfo): Sandbox {
	const node = cloneNodeInfo(ni);
	const cycle = withCounts(
		c,
		c.spread && cloneSpread(c.spread),
		c.affinity && cloneAffinity(c.affinity)
	);
	const move = (p: PodInfo, sign: 1 | -1) => {
		if (sign > 0) {
			node.pods.push(p.pod);
			node.usedPorts.push(...p.ports);
		} else {
			node.pods.splice(node.pods.indexOf(p.pod), 1);
			for (const hp of p.ports) node.usedPorts.splice(node.usedPorts.indexOf(hp), 1);
		}
		account(node, p, sign);
		if (cycle.spread) spreadUpdate(cycle.spread, c.pod, c.nodeAffinity, p, ni, sign);
		if (cycle.affinity) affinityUpdate(cycle.affinity, c.pod, p, ni, sign, c.ns);
	};
	return { fits: () => runFilters(cycle, node), move };
}

/**
 * The filters with the pods nominated to the node that are at least as important as this one
 * (they will take the room their preemption made), then — when the pod fits beside them —
 * once more without them, since pod affinity may hold only because of a nominated pod.
 */
export function filtersWithNominated(
	c: Cycle,
	ni: NodeInfo,
	nominated: readonly PodInfo[] | undefined
): Status | null {
	const ahead = nominatedAhead(c, nominated);
	if (ahead.length > 0) {
		const box = sandbox(c, ni);
		for (const q of ahead) box.move(q, 1);
		const s = box.fits();
		if (s) return s;
	}
	return runFilters(c, ni);
}

/** addGENominatedPods: the other pods nominated to a node whose priority is at least the pod's. */
export function nominatedAhead(c: Cycle, nominated: readonly PodInfo[] | undefined): PodInfo[] {
	return (nominated ?? []).filter(
		(q) => q.priority >= c.pod.priority && q.pod.metadata?.uid !== c.pod.pod.metadata?.uid
	);
}
