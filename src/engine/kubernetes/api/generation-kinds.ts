/**
 * Which kinds the API server gives `metadata.generation`: only those whose registry strategy
 * sets `Generation = 1` in PrepareForCreate and bumps it in PrepareForUpdate when the spec
 * changes (kubernetes/kubernetes pkg/registry/…/strategy.go). Having a spec is not enough:
 * Service (core/service/strategy.go), PersistentVolumeClaim, PersistentVolume, Namespace,
 * Node, ResourceQuota and LimitRange strategies never touch it, and HorizontalPodAutoscaler only
 * gets one behind the HPAGeneration feature gate (kubernetes PR #138228, after v1.35).
 */
import { customKinds } from '../../manifests/custom-kinds';

const TRACKED = new Set([
	// apps/deployment, replicaset, statefulset, daemonset; core/replicationcontroller
	'Deployment',
	'ReplicaSet',
	'StatefulSet',
	'DaemonSet',
	'ReplicationController',
	// batch/job, batch/cronjob
	'Job',
	'CronJob',
	// core/pod: PodObservedGenerationTracking (KEP-5067, GA in v1.35)
	'Pod',
	// networking/ingress, ingressclass, networkpolicy
	'Ingress',
	'IngressClass',
	'NetworkPolicy',
	// policy/poddisruptionbudget
	'PodDisruptionBudget',
	// discovery/endpointslice (its controller writes the slices)
	'EndpointSlice',
	// scheduling/priorityclass: Generation = 1 on create (it has no spec to bump it)
	'PriorityClass',
	// apiextensions-apiserver registry/customresourcedefinition/strategy.go
	'CustomResourceDefinition',
	// admissionregistration/validatingwebhookconfiguration, mutatingwebhookconfiguration
	// strategy.go: Generation = 1 on create, +1 when webhooks change (unchanged.ts movesGeneration).
	// APIService's strategy (kube-aggregator registry/apiservice/strategy.go) sets none.
	'ValidatingWebhookConfiguration',
	'MutatingWebhookConfiguration'
]);

/** Whether objects of this kind carry metadata.generation. */
export function tracksGeneration(kind: string | undefined): boolean {
	// Custom objects too: registry/customresource/strategy.go PrepareForCreate/PrepareForUpdate.
	return kind !== undefined && (TRACKED.has(kind) || customKinds().some((k) => k.kind === kind));
}
