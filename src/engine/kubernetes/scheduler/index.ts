/** kube-scheduler's decision logic (default profile, v1.35): the surface the engine wires in. */
export { createSchedulerCache, SchedulerCache, type NodeInfo, type PodInfo } from './cache';
export { schedulePod, type NodeScore, type ScheduleResult, type SchedulerState } from './schedule';
export { numFeasibleNodesToFind, nextStartNodeIndex } from './percentage';
export {
	milliValue,
	quantityValue,
	podRequests,
	nodeAllocatable,
	type Requests
} from './resources';
export { preFilter, runFilters, type Cycle } from './filters';
export { fitErrorMessage } from './fit-error';
export type { WorkloadLister } from './topology-spread';
