/**
 * How many feasible nodes a cycle looks for, and where the next cycle starts looking:
 * pkg/scheduler/schedule_one.go numFeasibleNodesToFind and findNodesThatFitPod.
 */
import {
	BASE_PERCENTAGE_OF_NODES_TO_SCORE,
	MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
	MIN_FEASIBLE_NODES_TO_FIND
} from './defaults';

/**
 * Once this many feasible nodes are found, filtering stops and scoring starts. Below 100
 * nodes every node is searched; otherwise percentageOfNodesToScore (0 = adaptive:
 * 50 − numAllNodes/125 in integer division, at least 5) of them, but never fewer than 100.
 */
export function numFeasibleNodesToFind(
	percentageOfNodesToScore: number,
	numAllNodes: number
): number {
	if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
	let percentage = percentageOfNodesToScore;
	if (percentage === 0) {
		percentage = BASE_PERCENTAGE_OF_NODES_TO_SCORE - Math.trunc(numAllNodes / 125);
		if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
			percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
	}
	const numNodes = Math.trunc((numAllNodes * percentage) / 100);
	return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/**
 * sched.nextStartNodeIndex after a cycle that processed (found feasible, or rejected)
 * `processedNodes` nodes: the next pod starts where this one stopped, so every node gets
 * the same chance of being examined across pods.
 */
export function nextStartNodeIndex(
	previous: number,
	processedNodes: number,
	numAllNodes: number
): number {
	return numAllNodes === 0 ? 0 : (previous + processedNodes) % numAllNodes;
}
