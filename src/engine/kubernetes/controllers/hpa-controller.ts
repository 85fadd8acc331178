/**
 * The HorizontalPodAutoscaler controller of a kubeadm cluster, which has no metrics-server
 * (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler, computeReplicasForMetrics,
 * computeStatusForResourceMetric, setCondition, setStatus):
 *
 * - every autoscaler is reconciled once per --horizontal-pod-autoscaler-sync-period (15 s), the
 *   first time one period after it is created (enqueueHPA: "Requests are always added to queue
 *   with resyncPeriod delay");
 * - the target's scale is read (AbleToScale True SucceededGetScale, or False FailedGetScale with
 *   a FailedGetScale event when the target does not exist);
 * - a target at 0 replicas is left alone (ScalingActive False ScalingDisabled); one above
 *   maxReplicas or below minReplicas is rescaled (SuccessfulRescale "New size: N; reason:
 *   Current number of replicas below Spec.MinReplicas", AbleToScale SucceededRescale);
 * - otherwise the metrics are read, and with no metrics.k8s.io API every Resource metric fails:
 *   a FailedGetResourceMetric event and ScalingActive False, then FailedComputeMetricsReplicas
 *   ("invalid metrics (1 invalid out of 1), first error is: …"), and no scaling.
 */
import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2';
import type { HorizontalPodAutoscalerCondition } from 'kubernetes-types/autoscaling/v2';
import type { Component, Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import type { ApiServer, KubeObject } from '../api/api-server';
import { objectRef } from '../api/events';
import { DEPLOYMENTS, REPLICASETS, STATEFULSETS } from '../api/collections';
import { HPA_SYNC_PERIOD_MS, METRICS_API_MISSING } from '../defaults';
import { ownValue } from '../../core/own-keys';

/** Same key apply.ts collectionFor derives from the registry (`group/version/resource`). */
export const HPAS = 'autoscaling/v2/horizontalpodautoscalers';

const SOURCE = 'horizontal-pod-autoscaler';
const SYNC = 'hpa-controller.sync';

/** The scale subresources the lab serves: kind → collection and resource for errors. */
const TARGETS: Record<string, { collection: string; resource: string }> = {
	Deployment: { collection: DEPLOYMENTS, resource: 'deployments.apps' },
	ReplicaSet: { collection: REPLICASETS, resource: 'replicasets.apps' },
	StatefulSet: { collection: STATEFULSETS, resource: 'statefulsets.apps' }
};

interface Scalable extends KubeObject {
	spec?: { replicas?: number };
}

type Hpa = HorizontalPodAutoscaler;
type Status = NonNullable<Hpa['status']>;

/** Why one metric cannot be read: the event's reason and the error it carries. */
function metricFailure(metric: MetricSpec): { reason: string; error: string; wrapped: string } {
	const resource = metric.resource ?? metric.containerResource;
	if (resource !== undefined) {
		const name = resource.name;
		// computeStatusForResourceMetricGeneric: "usage" for an AverageValue target.
		const what = resource.target?.averageValue !== undefined ? 'usage' : 'utilization';
		const error = `failed to get ${name} ${what}: unable to get metrics for resource ${name}: ${METRICS_API_MISSING}`;
		const kind = metric.resource ? 'resource' : 'container resource';
		return {
			reason: metric.resource ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric',
			error,
			wrapped: `failed to get ${name} ${kind} metric value: ${error}`
		};
	}
	// Pods, Object and External metrics come from the custom and external metrics APIs, which a
	// kubeadm cluster does not serve either (the lab's wording of that refusal is its own).
	const name =
		metric.pods?.metric.name ?? metric.object?.metric.name ?? metric.external?.metric.name ?? '';
	const type = metric.type || 'Unknown';
	const error = `unable to get metric ${name}: no ${type === 'External' ? 'external' : 'custom'} metrics API registered`;
	return {
		reason: `FailedGet${type}Metric`,
		error,
		wrapped: `failed to get ${type.toLowerCase()} metric value: ${error}`
	};
}

export class HpaController implements Component {
	readonly name = 'hpa-controller';
	/** Autoscalers with a sync queued (the queue entries themselves are the kernel's). */
	private queued = new Set<string>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		kernel.on(SYNC, (arg) => {
			const key = arg as string;
			this.queued.delete(key);
			const slash = key.indexOf('/');
			const hpa = api.get<Hpa>(HPAS, key.slice(0, slash), key.slice(slash + 1));
			if (hpa === undefined) return;
			this.reconcile(hpa);
			this.enqueue(key);
		});
		kernel.store.watch<Hpa>(HPAS, (e) => {
			if (e.type === 'ADDED')
				this.enqueue(`${e.object.metadata?.namespace ?? 'default'}/${e.object.metadata?.name}`);
		});
		kernel.register(this);
	}

	private enqueue(key: string): void {
		if (this.queued.has(key)) return;
		this.queued.add(key);
		this.kernel.after(HPA_SYNC_PERIOD_MS, SYNC, key);
	}

	private event(hpa: Hpa, type: 'Normal' | 'Warning', reason: string, message: string): void {
		this.api.events.record(objectRef('HorizontalPodAutoscaler', 'autoscaling/v2', hpa), {
			type,
			reason,
			message,
			source: SOURCE
		});
	}

	private reconcile(hpa: Hpa): void {
		const spec = hpa.spec!;
		const ns = hpa.metadata!.namespace ?? 'default';
		const original = hpa.status ?? { desiredReplicas: 0 };
		const conditions = [...(original.conditions ?? [])];
		const set = (type: string, status: 'True' | 'False', reason: string, message: string) =>
			setCondition(conditions, type, status, reason, message, rfc3339(this.kernel.now));
		const ref = spec.scaleTargetRef;
		const target = ownValue(TARGETS, ref.kind);
		const scalable = target && this.api.get<Scalable>(target.collection, ns, ref.name);
		if (target === undefined || scalable === undefined) {
			const error =
				target === undefined
					? `no matches for kind ${JSON.stringify(ref.kind)} in group ${JSON.stringify(groupOf(ref.apiVersion))}`
					: `${target.resource} ${JSON.stringify(ref.name)} not found`;
			this.event(hpa, 'Warning', 'FailedGetScale', error);
			set(
				'AbleToScale',
				'False',
				'FailedGetScale',
				`the HPA controller was unable to get the target's current scale: ${error}`
			);
			this.write(hpa, original, { ...original, conditions });
			return;
		}
		set(
			'AbleToScale',
			'True',
			'SucceededGetScale',
			"the HPA controller was able to get the target's current scale"
		);
		const current = scalable.spec?.replicas ?? 1;
		const min = spec.minReplicas ?? 1;
		let desired: number;
		let reason: string;
		if (current === 0 && min !== 0) {
			set(
				'ScalingActive',
				'False',
				'ScalingDisabled',
				'scaling is disabled since the replica count of the target is zero'
			);
			this.write(hpa, original, statusOf(0, 0, undefined, conditions, original.lastScaleTime));
			return;
		}
		if (current > spec.maxReplicas) {
			reason = 'Current number of replicas above Spec.MaxReplicas';
			desired = spec.maxReplicas;
		} else if (current < min) {
			reason = 'Current number of replicas below Spec.MinReplicas';
			desired = min;
		} else {
			// computeReplicasForMetrics: every metric fails, so the first failure decides.
			const metrics = spec.metrics ?? [];
			const failures = metrics.map(metricFailure);
			for (const f of failures) this.event(hpa, 'Warning', f.reason, f.error);
			const first = failures[0];
			if (first !== undefined)
				set(
					'ScalingActive',
					'False',
					first.reason,
					`the HPA was unable to compute the replica count: ${first.error}`
				);
			// setCurrentReplicasAndMetricsInStatus: one empty MetricStatus per metric.
			const statuses = metrics.map(() => ({ type: '' }));
			this.write(
				hpa,
				original,
				statusOf(current, original.desiredReplicas, statuses, conditions, original.lastScaleTime)
			);
			if (first !== undefined)
				this.event(
					hpa,
					'Warning',
					'FailedComputeMetricsReplicas',
					`invalid metrics (${failures.length} invalid out of ${metrics.length}), first error is: ${first.wrapped}`
				);
			return;
		}
		this.api.update<Scalable>(
			target.collection,
			{ ...scalable, spec: { ...scalable.spec, replicas: desired } },
			true
		);
		set(
			'AbleToScale',
			'True',
			'SucceededRescale',
			`the HPA controller was able to update the target scale to ${desired}`
		);
		this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
		this.write(
			hpa,
			original,
			statusOf(current, desired, undefined, conditions, rfc3339(this.kernel.now))
		);
	}

	/** updateStatusIfNeeded: a status write only when something changed. */
	private write(hpa: Hpa, before: Status, after: Status): void {
		if (JSON.stringify(before) === JSON.stringify(after)) return;
		this.api.update<Hpa>(HPAS, { ...hpa, status: after });
	}

	save(): string[] {
		return [...this.queued];
	}

	load(state: unknown): void {
		this.queued = new Set(state as string[]);
	}
}

function groupOf(apiVersion: string | undefined): string {
	const slash = (apiVersion ?? '').indexOf('/');
	return slash < 0 ? '' : apiVersion!.slice(0, slash);
}

/** setStatus: currentReplicas is omitempty in autoscaling/v2, desiredReplicas is not. */
function statusOf(
	current: number,
	desired: number,
	metrics: Status['currentMetrics'],
	conditions: HorizontalPodAutoscalerCondition[],
	lastScaleTime: string | undefined
): Status {
	return {
		...(current !== 0 ? { currentReplicas: current } : {}),
		desiredReplicas: desired,
		...(lastScaleTime !== undefined ? { lastScaleTime } : {}),
		...(metrics !== undefined ? { currentMetrics: metrics } : {}),
		...(conditions.length > 0 ? { conditions } : {})
	};
}

/** setCondition: the transition time moves only when the status does. */
function setCondition(
	conditions: HorizontalPodAutoscalerCondition[],
	type: string,
	status: 'True' | 'False',
	reason: string,
	message: string,
	now: string
): void {
	const i = conditions.findIndex((c) => c.type === type);
	const old = conditions[i];
	const lastTransitionTime =
		old !== undefined && old.status === status ? old.lastTransitionTime : now;
	const next = { type, status, lastTransitionTime, reason, message };
	if (i < 0) conditions.push(next);
	else conditions[i] = next;
}
