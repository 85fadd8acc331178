/**
 * The Deployment's Available and Progressing conditions, as the controller keeps them
 * (pkg/controller/deployment/progress.go syncRolloutStatus, util/deployment_util.go).
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';

export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';

export function condition(
	type: 'Available' | 'Progressing',
	status: 'True' | 'False' | 'Unknown',
	reason: string,
	message: string,
	now: string
): DeploymentCondition {
	return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

export function getCondition(
	conditions: readonly DeploymentCondition[],
	type: string
): DeploymentCondition | undefined {
	return conditions.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing changes for the same status and reason; the transition time
 * stays while the status does; the condition moves to the end of the list.
 */
export function setCondition(
	conditions: readonly DeploymentCondition[],
	next: DeploymentCondition
): DeploymentCondition[] {
	const current = getCondition(conditions, next.type);
	if (current !== undefined && current.status === next.status && current.reason === next.reason)
		return [...conditions];
	const kept =
		current !== undefined && current.status === next.status
			? { ...next, lastTransitionTime: current.lastTransitionTime }
			: next;
	return [...conditions.filter((c) => c.type !== next.type), kept];
}

/** The Progressing update for progress seen: every field but lastTransitionTime moves. */
export function setProgressing(
	conditions: readonly DeploymentCondition[],
	next: DeploymentCondition
): DeploymentCondition[] {
	const current = getCondition(conditions, 'Progressing');
	const kept =
		current?.status === 'True' ? { ...next, lastTransitionTime: current.lastTransitionTime } : next;
	return [...conditions.filter((c) => c.type !== 'Progressing'), kept];
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
export function progressed(old: DeploymentStatus, next: DeploymentStatus): boolean {
	const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
	const nextOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
	return (
		(next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
		(next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
		(next.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
		nextOld < oldOld
	);
}
