/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`; a rolling update scales the new ReplicaSet up and
 * the old ones down within maxSurge / maxUnavailable (rolling.go); Recreate scales the old ones
 * to zero first. Status counts come from the ReplicaSets.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { DEPLOYMENTS, REPLICASETS, key, splitKey } from '../api/collections';
import { podTemplateHash } from '../api/names';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from '../defaults';
import { controllerOf, isActive } from '../pods';
import { resolveIntOrPercent } from './int-or-percent';
import { WorkQueue } from './work-queue';
import { rfc3339 } from '../../core/time';
import {
	FOUND_NEW_RS,
	NEW_RS_AVAILABLE,
	NEW_RS_CREATED,
	RS_UPDATED,
	TIMED_OUT,
	condition,
	getCondition,
	progressed,
	setCondition,
	setProgressing
} from './deployment-conditions';
import { withReplicaFailure } from './replica-failure';

/**
 * deployment_util.go annotationsToSkip: the Deployment's annotations its ReplicaSets do not take
 * (every other one is copied, `kubernetes.io/change-cause` among them, which is how
 * `kubectl rollout history` shows a change cause per revision). kubectl's rollback.go keeps the
 * same list on the Deployment when it rolls back.
 */
export const NOT_COPIED: ReadonlySet<string> = new Set([
	'kubectl.kubernetes.io/last-applied-configuration',
	REVISION_ANNOTATION,
	'deployment.kubernetes.io/revision-history',
	'deployment.kubernetes.io/desired-replicas',
	'deployment.kubernetes.io/max-replicas',
	'deprecated.deployment.rollback.to'
]);

/** The Deployment's annotations a ReplicaSet of it carries (copyDeploymentAnnotationsToReplicaSet). */
function copiedAnnotations(d: Deployment): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(d.metadata?.annotations ?? {}))
		if (!NOT_COPIED.has(k)) out[k] = v;
	return out;
}
/** deploymentutil PausedDeployReason / ResumedDeployReason. */
const PAUSED = 'DeploymentPaused';
const RESUMED = 'DeploymentResumed';

/**
 * The ReplicaSet the controller makes for a template (getNewReplicaSet): named and labelled by
 * the template's hash, with the Deployment's annotations and its revision.
 */
export function newReplicaSet(
	d: Deployment,
	hash: string,
	revision: number,
	replicas: number,
	desired: number,
	maxReplicas: number
): ReplicaSet {
	const template = d.spec!.template!;
	const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name: `${d.metadata!.name}-${hash}`,
			namespace: d.metadata!.namespace,
			labels,
			annotations: {
				...copiedAnnotations(d),
				'deployment.kubernetes.io/desired-replicas': String(desired),
				'deployment.kubernetes.io/max-replicas': String(maxReplicas),
				[REVISION_ANNOTATION]: String(revision)
			},
			ownerReferences: [
				{
					apiVersion: 'apps/v1',
					kind: 'Deployment',
					name: d.metadata!.name!,
					uid: d.metadata!.uid!,
					controller: true,
					blockOwnerDeletion: true
				}
			]
		},
		spec: {
			replicas,
			selector: {
				...d.spec!.selector,
				matchLabels: { ...d.spec!.selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash }
			},
			template: { ...template, metadata: { ...template.metadata, labels } },
			...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {})
		}
	};
}

export class DeploymentController {
	private readonly queue: WorkQueue;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		this.queue = new WorkQueue(kernel, 'deployment-controller', (k) => this.sync(k));
		kernel.store.watch<Deployment>(DEPLOYMENTS, (e) => this.queue.add(e.key));
		kernel.store.watch<ReplicaSet>(REPLICASETS, (e) => {
			const owner = e.object.metadata?.ownerReferences?.find((r) => r.controller === true);
			if (owner?.kind === 'Deployment')
				this.queue.add(key(e.object.metadata!.namespace!, owner.name));
		});
	}

	private owned(d: Deployment): ReplicaSet[] {
		const uid = d.metadata!.uid!;
		return this.api
			.list<ReplicaSet>(REPLICASETS, d.metadata!.namespace)
			.filter((rs) => controllerOf(rs) === uid);
	}

	private sync(dKey: string): void {
		const { namespace, name } = splitKey(dKey);
		const d = this.api.get<Deployment>(DEPLOYMENTS, namespace, name);
		if (d === undefined || d.metadata?.deletionTimestamp !== undefined) return;
		const all = this.owned(d);
		const hash = podTemplateHash(d.spec!.template);
		let newRs = all.find((rs) => rs.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
		const old = all.filter((rs) => rs !== newRs);
		const desired = d.spec?.replicas ?? 1;
		// A paused Deployment only scales (sync.go sync): its template changes wait, so no new
		// ReplicaSet is made until it is resumed (getAllReplicaSetsAndSyncRevision with
		// createIfNotExisted false).
		if (d.spec?.paused === true) {
			if (newRs !== undefined) this.copyRevision(d, (newRs = this.promoteRevision(d, newRs, old)));
			this.scalePaused(d, newRs, old, desired);
			this.writeStatus(d, newRs, false);
			return;
		}
		const created = newRs === undefined;
		if (newRs === undefined) newRs = this.createReplicaSet(d, hash, old, desired);
		else newRs = this.promoteRevision(d, newRs, old);
		this.copyRevision(d, newRs);
		if (d.spec?.strategy?.type === 'Recreate') this.recreate(d, newRs, old, desired);
		else this.rollingUpdate(d, newRs, old, desired);
		this.writeStatus(d, newRs, created);
	}

	/**
	 * sync.go scale, for a paused Deployment: with one active ReplicaSet (or none, and a new one),
	 * that set takes the whole desired count. Proportional scaling across several active sets
	 * (paused mid-rollout, then scaled) is not modelled: they keep their sizes.
	 */
	private scalePaused(
		d: Deployment,
		newRs: ReplicaSet | undefined,
		old: ReplicaSet[],
		desired: number
	): void {
		const all = newRs === undefined ? old : [newRs, ...old];
		const active = all.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
		if (active.length === 1) this.scale(d, active[0]!, desired);
		else if (active.length === 0 && newRs !== undefined) this.scale(d, newRs, desired);
	}

	/** sync.go SetDeploymentRevision: the Deployment carries its newest ReplicaSet's revision. */
	private copyRevision(d: Deployment, rs: ReplicaSet): void {
		const current = this.api.get<Deployment>(
			DEPLOYMENTS,
			d.metadata!.namespace!,
			d.metadata!.name!
		);
		const revision = rs.metadata?.annotations?.[REVISION_ANNOTATION];
		if (current === undefined || revision === undefined) return;
		if (current.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return;
		this.api.update<Deployment>(DEPLOYMENTS, {
			...current,
			metadata: {
				...current.metadata,
				annotations: { ...current.metadata?.annotations, [REVISION_ANNOTATION]: revision }
			}
		});
	}

	private createReplicaSet(
		d: Deployment,
		hash: string,
		old: ReplicaSet[],
		desired: number
	): ReplicaSet {
		const revision =
			1 +
			Math.max(0, ...old.map((rs) => Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0)));
		// A first rollout starts at full size; a new template starts at 0 and is scaled up.
		const replicas = old.length === 0 ? desired : 0;
		const rs = this.api.create<ReplicaSet>(
			REPLICASETS,
			newReplicaSet(d, hash, revision, replicas, desired, desired + this.maxSurge(d, desired))
		);
		if (replicas > 0) this.scaled(d, rs, 0, replicas);
		return rs;
	}

	/**
	 * A template seen before (a rollback, or an edit back) reuses its ReplicaSet, which becomes
	 * the newest revision (sync.go getNewReplicaSet: revision = max old revision + 1); the new
	 * ReplicaSet also takes the Deployment's annotations as they change (SetNewReplicaSetAnnotations).
	 */
	private promoteRevision(d: Deployment, rs: ReplicaSet, old: ReplicaSet[]): ReplicaSet {
		const revisionOf = (x: ReplicaSet) =>
			Number(x.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
		const max = Math.max(0, ...old.map(revisionOf));
		const before = rs.metadata?.annotations ?? {};
		const copied = copiedAnnotations(d);
		const stale = Object.entries(copied).some(([k, v]) => before[k] !== v);
		if (revisionOf(rs) > max && !stale) return rs;
		const annotations = { ...before, ...copied };
		if (revisionOf(rs) <= max) annotations[REVISION_ANNOTATION] = String(max + 1);
		return this.api.update<ReplicaSet>(REPLICASETS, {
			...rs,
			metadata: { ...rs.metadata, annotations }
		});
	}

	/** The ScalingReplicaSet event and its trace line (deployment controller sync.go). */
	private scaled(d: Deployment, rs: ReplicaSet, from: number, to: number): void {
		const message = `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata!.name} from ${from} to ${to}`;
		this.api.events.record(
			{
				kind: 'Deployment',
				name: d.metadata!.name!,
				namespace: d.metadata!.namespace,
				uid: d.metadata!.uid,
				apiVersion: 'apps/v1'
			},
			{ type: 'Normal', reason: 'ScalingReplicaSet', message, source: 'deployment-controller' }
		);
		this.kernel.emit('deployment.scaled', `deployment/${d.metadata!.name}`, `${message}.`);
	}

	private maxSurge(d: Deployment, desired: number): number {
		return resolveIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
	}

	private maxUnavailable(d: Deployment, desired: number): number {
		return resolveIntOrPercent(
			d.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
			desired,
			false
		);
	}

	/** rolling.go rolloutRolling: reconcileNewReplicaSet, then reconcileOldReplicaSets. */
	private rollingUpdate(
		d: Deployment,
		newRs: ReplicaSet,
		old: ReplicaSet[],
		desired: number
	): void {
		const surge = this.maxSurge(d, desired);
		let unavailable = this.maxUnavailable(d, desired);
		if (surge === 0 && unavailable === 0) unavailable = 1; // validation forbids 0/0; upstream treats as 1
		const replicasOf = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;
		const total = replicasOf(newRs) + old.reduce((n, rs) => n + replicasOf(rs), 0);
		const newReplicas = replicasOf(newRs);
		if (newReplicas > desired) {
			this.scale(d, newRs, desired);
			return;
		}
		if (newReplicas < desired) {
			const up = Math.min(desired + surge - total, desired - newReplicas);
			// rolloutRolling: after a scale-up the old side waits for the next sync.
			if (up > 0) return this.scale(d, newRs, newReplicas + up);
		}
		this.reconcileOld(d, newRs, old, desired - unavailable);
	}

	/**
	 * rolling.go reconcileOldReplicaSets: counts by spec replicas (not by possibly stale status)
	 * bound how far old ReplicaSets may shrink; unhealthy old pods go first, then available ones
	 * down to minAvailable.
	 */
	private reconcileOld(
		d: Deployment,
		newRs: ReplicaSet,
		old: ReplicaSet[],
		minAvailable: number
	): void {
		const replicasOf = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;
		const oldTotal = old.reduce((n, rs) => n + replicasOf(rs), 0);
		if (oldTotal === 0) return;
		const allPods = replicasOf(newRs) + oldTotal;
		const newUnavailable = replicasOf(newRs) - this.available(newRs);
		const maxScaledDown = allPods - minAvailable - newUnavailable;
		if (maxScaledDown <= 0) return;
		const byAge = [...old].sort((a, b) =>
			a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1
		);
		// cleanupUnhealthyReplicas: pods that are not available serve nothing.
		let cleaned = 0;
		for (const rs of byAge) {
			if (cleaned >= maxScaledDown) break;
			const unhealthy = replicasOf(rs) - this.available(rs);
			if (unhealthy <= 0) continue;
			const down = Math.min(unhealthy, maxScaledDown - cleaned);
			this.scale(d, rs, replicasOf(rs) - down);
			cleaned += down;
		}
		// scaleDownOldReplicaSetsForRollingUpdate: keep at least minAvailable available.
		const current = (rs: ReplicaSet) =>
			this.api.get<ReplicaSet>(REPLICASETS, rs.metadata!.namespace!, rs.metadata!.name!) ?? rs;
		const available = [newRs, ...old].reduce((n, rs) => n + this.available(current(rs)), 0);
		let canRemove = Math.min(available - minAvailable, maxScaledDown - cleaned);
		for (const rs of byAge) {
			if (canRemove <= 0) break;
			const fresh = current(rs);
			const down = Math.min(replicasOf(fresh), canRemove);
			if (down > 0) {
				this.scale(d, fresh, replicasOf(fresh) - down);
				canRemove -= down;
			}
		}
	}

	private recreate(d: Deployment, newRs: ReplicaSet, old: ReplicaSet[], desired: number): void {
		for (const rs of old) if ((rs.spec?.replicas ?? 0) > 0) this.scale(d, rs, 0);
		const oldPods = old.some((rs) => this.activePods(rs) > 0);
		if (!oldPods && (newRs.spec?.replicas ?? 0) !== desired) this.scale(d, newRs, desired);
	}

	private activePods(rs: ReplicaSet): number {
		return this.api.pods.ownedBy(rs.metadata!.uid!).filter(isActive).length;
	}

	private available(rs: ReplicaSet): number {
		return rs.status?.availableReplicas ?? 0;
	}

	private scale(d: Deployment, rs: ReplicaSet, to: number): void {
		const from = rs.spec?.replicas ?? 0;
		if (from === to) return;
		this.api.update<ReplicaSet>(
			REPLICASETS,
			{
				...rs,
				metadata: {
					...rs.metadata,
					annotations: {
						...rs.metadata?.annotations,
						'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1)
					}
				},
				spec: { ...rs.spec!, replicas: to }
			},
			true
		);
		this.scaled(d, rs, from, to);
	}

	private writeStatus(d: Deployment, newRs: ReplicaSet | undefined, created: boolean): void {
		const current = this.api.get<Deployment>(
			DEPLOYMENTS,
			d.metadata!.namespace!,
			d.metadata!.name!
		);
		if (current === undefined) return;
		const all = this.owned(current);
		const hash = podTemplateHash(current.spec!.template);
		const sum = (f: (rs: ReplicaSet) => number) => all.reduce((n, rs) => n + f(rs), 0);
		const replicas = sum((rs) => rs.status?.replicas ?? 0);
		const updated = all.find((rs) => rs.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
		const available = sum((rs) => rs.status?.availableReplicas ?? 0);
		const desired = current.spec?.replicas ?? 1;
		// Zero counts are omitted, as the API's omitempty fields are.
		const counts: DeploymentStatus = omitZeros({
			observedGeneration: current.metadata!.generation ?? 1,
			replicas,
			updatedReplicas: updated?.status?.replicas ?? 0,
			readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
			availableReplicas: available,
			unavailableReplicas: Math.max(0, desired - available)
		});
		const old = current.status ?? {};
		const progress = this.conditions(current, old, counts, newRs, created);
		// syncRolloutStatus ends by copying the ReplicaSets' ReplicaFailure (a paused Deployment's
		// sync only calculates its status, conditions as they were).
		const conditions =
			current.spec?.paused === true ? progress : withReplicaFailure(progress, updated, all);
		const next: DeploymentStatus = { ...counts, ...(conditions.length > 0 ? { conditions } : {}) };
		if (JSON.stringify(next) !== JSON.stringify(old))
			this.api.update<Deployment>(DEPLOYMENTS, { ...current, status: next });
	}

	/** progress.go syncRolloutStatus, and getNewReplicaSet's Progressing condition. */
	private conditions(
		d: Deployment,
		old: DeploymentStatus,
		next: DeploymentStatus,
		newRs: ReplicaSet | undefined,
		created: boolean
	) {
		const now = rfc3339(this.kernel.now);
		const desired = d.spec?.replicas ?? 1;
		let list = [...(old.conditions ?? [])];
		// checkPausedConditions: Progressing turns Unknown while paused, and says so on resume.
		const paused = d.spec?.paused === true;
		const pausedBefore = getCondition(list, 'Progressing')?.reason === PAUSED;
		if (paused && !pausedBefore) {
			list = setCondition(
				list,
				condition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', now)
			);
		} else if (!paused && pausedBefore) {
			list = setCondition(
				list,
				condition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', now)
			);
		}
		if (paused || newRs === undefined)
			return setCondition(list, this.availableCondition(d, next, desired, now));
		const rsName = newRs.metadata!.name!;
		if (created) {
			list = setCondition(
				list,
				condition('Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${rsName}"`, now)
			);
		} else if (getCondition(list, 'Progressing') === undefined) {
			list = setCondition(
				list,
				condition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${rsName}"`, now)
			);
		}
		list = setCondition(list, this.availableCondition(d, next, desired, now));
		const deadline = d.spec?.progressDeadlineSeconds;
		if (deadline === undefined) return list;
		const progressing = getCondition(list, 'Progressing');
		const complete =
			(next.updatedReplicas ?? 0) === desired &&
			(next.replicas ?? 0) === desired &&
			(next.availableReplicas ?? 0) === desired &&
			(next.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1);
		const finished =
			(next.replicas ?? 0) === (next.updatedReplicas ?? 0) &&
			progressing?.reason === NEW_RS_AVAILABLE;
		if (finished) return list;
		if (complete) {
			return setCondition(
				list,
				condition(
					'Progressing',
					'True',
					NEW_RS_AVAILABLE,
					`ReplicaSet "${rsName}" has successfully progressed.`,
					now
				)
			);
		}
		if (progressed(old, next)) {
			list = setProgressing(
				list,
				condition('Progressing', 'True', RS_UPDATED, `ReplicaSet "${rsName}" is progressing.`, now)
			);
		} else if (progressing !== undefined && progressing.reason !== TIMED_OUT) {
			// DeploymentTimedOut: lastUpdateTime + progressDeadlineSeconds is before now.
			const from = Date.parse(progressing.lastUpdateTime ?? now);
			if (from + deadline * 1000 < Date.parse(now)) {
				return setCondition(
					list,
					condition(
						'Progressing',
						'False',
						TIMED_OUT,
						`ReplicaSet "${rsName}" has timed out progressing.`,
						now
					)
				);
			}
		}
		// requeueStuckDeployment: look again when the deadline would pass.
		const cond = getCondition(list, 'Progressing');
		if (cond !== undefined && cond.reason !== TIMED_OUT) {
			const due = Date.parse(cond.lastUpdateTime!) + deadline * 1000 - Date.parse(now);
			this.queue.add(key(d.metadata!.namespace!, d.metadata!.name!), Math.max(1000, due + 1000));
		}
		return list;
	}

	/** deployment_util.go MaxUnavailable: 0 unless rolling; at least 1 when surge is 0 too. */
	private availableCondition(d: Deployment, next: DeploymentStatus, desired: number, now: string) {
		const minimum = (next.availableReplicas ?? 0) >= desired - this.minimumUnavailable(d, desired);
		return minimum
			? condition(
					'Available',
					'True',
					'MinimumReplicasAvailable',
					'Deployment has minimum availability.',
					now
				)
			: condition(
					'Available',
					'False',
					'MinimumReplicasUnavailable',
					'Deployment does not have minimum availability.',
					now
				);
	}

	private minimumUnavailable(d: Deployment, desired: number): number {
		if (d.spec?.strategy?.type === 'Recreate' || desired === 0) return 0;
		let unavailable = this.maxUnavailable(d, desired);
		if (unavailable === 0 && this.maxSurge(d, desired) === 0) unavailable = 1;
		return Math.min(unavailable, desired);
	}
}

function omitZeros(
	status: Required<
		Pick<
			DeploymentStatus,
			| 'observedGeneration'
			| 'replicas'
			| 'updatedReplicas'
			| 'readyReplicas'
			| 'availableReplicas'
			| 'unavailableReplicas'
		>
	>
): DeploymentStatus {
	const out: Record<string, number> = {};
	for (const [k, v] of Object.entries(status)) if (v !== 0) out[k] = v;
	return out as DeploymentStatus;
}
