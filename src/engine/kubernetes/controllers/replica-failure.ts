/**
 * The ReplicaFailure condition: what the ReplicaSet controller sets when it could not create
 * (or delete) pods, and how the Deployment controller passes it on.
 *
 * - ReplicaSet (pkg/controller/replicaset/replica_set_utils.go calculateStatus): a sync whose
 *   manageReplicas failed adds `ReplicaFailure=True` — reason FailedCreate when pods were
 *   missing, FailedDelete when there were too many — with the error as its message, unless the
 *   condition is already there; a sync that succeeds removes it. NewReplicaSetCondition stamps
 *   lastTransitionTime only.
 * - Deployment (pkg/controller/deployment/progress.go syncRolloutStatus, getReplicaFailures):
 *   the new ReplicaSet's ReplicaFailure condition, else the first one among the others, is
 *   copied onto the Deployment (util.ReplicaSetToDeploymentCondition: both times from the
 *   ReplicaSet's lastTransitionTime); with none, the Deployment's is removed.
 */
import type {
	DeploymentCondition,
	ReplicaSet,
	ReplicaSetCondition
} from 'kubernetes-types/apps/v1';
import { setCondition } from './deployment-conditions';

export const REPLICA_FAILURE = 'ReplicaFailure';

/**
 * The ReplicaSet's conditions after a sync, given the error of its manageReplicas (undefined when
 * it succeeded) and its active pods against spec.replicas. Returns the same array when nothing
 * changes, so a caller can compare by identity.
 */
export function replicaSetConditions(
	current: ReplicaSetCondition[] | undefined,
	error: string | undefined,
	podsMinusReplicas: number,
	now: string
): ReplicaSetCondition[] | undefined {
	const failure = current?.find((c) => c.type === REPLICA_FAILURE);
	if (error !== undefined && failure === undefined) {
		const reason =
			podsMinusReplicas < 0 ? 'FailedCreate' : podsMinusReplicas > 0 ? 'FailedDelete' : '';
		const condition: ReplicaSetCondition = {
			type: REPLICA_FAILURE,
			status: 'True',
			lastTransitionTime: now,
			reason,
			message: error
		};
		return [...(current ?? []), condition];
	}
	if (error === undefined && failure !== undefined) {
		const kept = current!.filter((c) => c.type !== REPLICA_FAILURE);
		return kept.length > 0 ? kept : undefined;
	}
	return current;
}

/**
 * The Deployment's conditions with the ReplicaFailure of its ReplicaSets (the new one first),
 * or without one when none of them has it.
 */
export function withReplicaFailure(
	conditions: DeploymentCondition[],
	newRs: ReplicaSet | undefined,
	all: readonly ReplicaSet[]
): DeploymentCondition[] {
	let failure = failureOf(newRs);
	for (let i = 0; failure === undefined && i < all.length; i++) failure = failureOf(all[i]);
	if (failure === undefined) {
		return conditions.some((c) => c.type === REPLICA_FAILURE)
			? conditions.filter((c) => c.type !== REPLICA_FAILURE)
			: conditions;
	}
	return setCondition(conditions, {
		type: REPLICA_FAILURE,
		status: failure.status,
		reason: failure.reason,
		message: failure.message,
		lastUpdateTime: failure.lastTransitionTime,
		lastTransitionTime: failure.lastTransitionTime
	});
}

function failureOf(rs: ReplicaSet | undefined): ReplicaSetCondition | undefined {
	// Almost every ReplicaSet has no conditions at all: that is the whole test for them.
	const conditions = rs?.status?.conditions;
	return conditions === undefined ? undefined : conditions.find((c) => c.type === REPLICA_FAILURE);
}
