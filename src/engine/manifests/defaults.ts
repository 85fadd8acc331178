/**
 * The API server's defaulting, applied after decoding and before validation. Sources (read in
 * the search index; forks named where kubernetes/kubernetes itself is only stored from 2017):
 * - core: pkg/apis/core/v1/defaults.go (sanposhiho/kubernetes 059ce4e8): SetDefaults_PodSpec,
 *   _Pod, _Container, _Probe, _HTTPGetAction, _Volume, _Service, _Secret, _Namespace, …
 *   plus `+default="TCP"` on ContainerPort/ServicePort.protocol (k8s.io/api core/v1 types.go);
 * - apps: pkg/apis/apps/v1/defaults.go (same fork): Deployment, DaemonSet, StatefulSet, RS;
 * - batch: pkg/apis/batch/v1/defaults.go (skitt/kubernetes 03f0c570): SetDefaults_Job.
 * Feature gates are taken at their v1.35.7 defaults (MaxUnavailableStatefulSet is off again
 * from 1.35.4, kubernetes PR #137926).
 */
import type { Container, PodSpec, Probe, Service, Volume } from 'kubernetes-types/core/v1';
import type { PersistentVolumeClaimStatus, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type {
	DaemonSet,
	DaemonSetSpec,
	Deployment,
	DeploymentSpec
} from 'kubernetes-types/apps/v1';
import type { ReplicaSetSpec, StatefulSet, StatefulSetSpec } from 'kubernetes-types/apps/v1';
import type { CronJob, CronJobSpec, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { JsonObject, KubeObject } from './types';
import { putOwn } from '../core/own-keys';
import { base64Utf8 } from './base64';
import {
	CRONJOB_CONCURRENCY_POLICY,
	CRONJOB_FAILED_JOBS_HISTORY_LIMIT,
	CRONJOB_SUCCESSFUL_JOBS_HISTORY_LIMIT
} from '../kubernetes/defaults';

/** core/v1 types.go DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** core/v1 types.go TerminationMessagePathDefault. */
export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** core/v1 types.go SecretVolumeSourceDefaultMode and friends: 0644. */
const DEFAULT_MODE = 0o644;

/**
 * Go holds `spec` and `template.spec` as structs, not pointers: they exist (and get defaults)
 * even when a manifest leaves them out. Required list fields stay unset, as Go's nil slices.
 */
export function emptyPodSpec(): PodSpec {
	return {} as PodSpec;
}

function podTemplate<T extends { template?: PodTemplateSpec }>(spec: T): PodSpec {
	const template = (spec.template ??= {});
	return (template.spec ??= emptyPodSpec());
}

export function applyDefaults(object: KubeObject, namespace: string, namespaced: boolean): void {
	const meta = (object.metadata ??= {});
	// Every create strategy's PrepareForCreate discards the status a manifest may carry.
	delete (object as { status?: unknown }).status;
	// kubectl's DefaultNamespace(), then the API server clears it on cluster-scoped kinds.
	if (namespaced) meta.namespace ||= namespace;
	else delete meta.namespace;
	switch (object.kind) {
		case 'Pod':
			defaultPodSpec((object.spec ??= emptyPodSpec()), true);
			break;
		case 'Service':
			defaultService(object);
			break;
		case 'Namespace':
			// SetDefaults_Namespace: the name label (NamespaceDefaultLabelName, GA).
			if (meta.name) meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name };
			// The namespace strategy's PrepareForCreate, then SetDefaults_NamespaceStatus.
			object.spec = { ...object.spec, finalizers: [...(object.spec?.finalizers ?? [])] };
			if (!object.spec.finalizers?.includes('kubernetes'))
				object.spec.finalizers?.push('kubernetes');
			object.status = { phase: 'Active' };
			break;
		case 'Secret': {
			// SetDefaults_Secret; then the v1 conversion folds the write-only stringData into data.
			object.type ||= 'Opaque';
			const data: JsonObject = { ...object.data };
			for (const [key, value] of Object.entries(object.stringData ?? {})) {
				putOwn(data, key, base64Utf8(value));
			}
			if (object.stringData) object.data = data as Record<string, string>;
			delete object.stringData;
			break;
		}
		case 'Deployment':
			defaultDeployment(object);
			break;
		case 'ReplicaSet': {
			// SetDefaults_ReplicaSet (apps/v1).
			const spec = (object.spec ??= {} as ReplicaSetSpec);
			spec.replicas ??= 1;
			defaultPodSpec(podTemplate(spec), false);
			break;
		}
		case 'DaemonSet':
			defaultDaemonSet(object);
			break;
		case 'StatefulSet':
			defaultStatefulSet(object);
			break;
		case 'Job':
			defaultJob(object);
			break;
		case 'CronJob':
			defaultCronJob(object);
			break;
		default:
			break;
	}
}

/** SetDefaults_Deployment (apps/v1): replicas 1, RollingUpdate 25%/25%, history 10, 600 s. */
function defaultDeployment(deployment: Deployment): void {
	const spec = (deployment.spec ??= {} as DeploymentSpec);
	spec.replicas ??= 1;
	const strategy = (spec.strategy ??= {});
	strategy.type ||= 'RollingUpdate';
	if (strategy.type === 'RollingUpdate') {
		const rolling = (strategy.rollingUpdate ??= {});
		rolling.maxUnavailable ??= '25%';
		rolling.maxSurge ??= '25%';
	}
	spec.revisionHistoryLimit ??= 10;
	spec.progressDeadlineSeconds ??= 600;
	defaultPodSpec(podTemplate(spec), false);
}

/** SetDefaults_DaemonSet (apps/v1): RollingUpdate with maxUnavailable 1, maxSurge 0. */
function defaultDaemonSet(daemonSet: DaemonSet): void {
	const spec = (daemonSet.spec ??= {} as DaemonSetSpec);
	const strategy = (spec.updateStrategy ??= {});
	strategy.type ||= 'RollingUpdate';
	if (strategy.type === 'RollingUpdate') {
		const rolling = (strategy.rollingUpdate ??= {});
		rolling.maxUnavailable ??= 1;
		rolling.maxSurge ??= 0;
	}
	spec.revisionHistoryLimit ??= 10;
	defaultPodSpec(podTemplate(spec), false);
}

/**
 * SetDefaults_StatefulSet (apps/v1), and SetDefaults_PersistentVolumeClaim/-Spec (core/v1) on
 * the claim templates, which the API returns as full PersistentVolumeClaim objects.
 */
function defaultStatefulSet(statefulSet: StatefulSet): void {
	const spec = (statefulSet.spec ??= {} as StatefulSetSpec);
	spec.podManagementPolicy ||= 'OrderedReady';
	const strategy = (spec.updateStrategy ??= {});
	if (!strategy.type) {
		strategy.type = 'RollingUpdate';
		strategy.rollingUpdate ??= {};
	}
	if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
		strategy.rollingUpdate.partition ??= 0;
	}
	// StatefulSetAutoDeletePVC is GA (v1.32): the retention policy is always filled in.
	const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
	retention.whenDeleted ||= 'Retain';
	retention.whenScaled ||= 'Retain';
	spec.replicas ??= 1;
	spec.revisionHistoryLimit ??= 10;
	for (const claim of spec.volumeClaimTemplates ?? []) {
		claim.apiVersion = 'v1';
		claim.kind = 'PersistentVolumeClaim';
		if (claim.spec) claim.spec.volumeMode ||= 'Filesystem';
		const mutable = claim as { status?: PersistentVolumeClaimStatus };
		mutable.status = { phase: 'Pending', ...claim.status };
	}
	defaultPodSpec(podTemplate(spec), false);
}

/** SetDefaults_Job (batch/v1): backoffLimit 6, completions and parallelism 1, … */
function defaultJob(job: Job): void {
	const spec = (job.spec ??= {} as JobSpec);
	if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
	spec.parallelism ??= 1;
	spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : 2147483647;
	const templateLabels = spec.template?.metadata?.labels;
	const meta = (job.metadata ??= {});
	if (templateLabels && Object.keys(meta.labels ?? {}).length === 0)
		meta.labels = { ...templateLabels };
	spec.completionMode ??= 'NonIndexed';
	spec.suspend ??= false;
	// JobPodReplacementPolicy is GA (v1.34).
	spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
	spec.manualSelector ??= false;
	defaultPodSpec(podTemplate(spec), false);
}

/**
 * SetDefaults_CronJob (batch/v1): concurrencyPolicy Allow, suspend false, history limits 3 and
 * 1. The job template's spec gets only the pod defaults: SetDefaults_Job takes a whole Job.
 */
function defaultCronJob(cronJob: CronJob): void {
	const spec = (cronJob.spec ??= {} as CronJobSpec);
	spec.concurrencyPolicy ||= CRONJOB_CONCURRENCY_POLICY;
	spec.suspend ??= false;
	spec.successfulJobsHistoryLimit ??= CRONJOB_SUCCESSFUL_JOBS_HISTORY_LIMIT;
	spec.failedJobsHistoryLimit ??= CRONJOB_FAILED_JOBS_HISTORY_LIMIT;
	const jobTemplate = (spec.jobTemplate ??= {});
	defaultPodSpec(podTemplate((jobTemplate.spec ??= {} as JobSpec)), false);
}

/** SetDefaults_Service (core/v1), with ServicePort.protocol's `+default="TCP"`. */
function defaultService(service: Service): void {
	const spec = (service.spec ??= {});
	spec.sessionAffinity ||= 'None';
	if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
	if (
		spec.sessionAffinity === 'ClientIP' &&
		!spec.sessionAffinityConfig?.clientIP?.timeoutSeconds
	) {
		spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
	}
	spec.type ||= 'ClusterIP';
	for (const port of spec.ports ?? []) {
		port.protocol ||= 'TCP';
		if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') {
			port.targetPort = port.port;
		}
	}
	const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
	if (external) spec.externalTrafficPolicy ||= 'Cluster';
	if (external || spec.type === 'ClusterIP') spec.internalTrafficPolicy ??= 'Cluster';
	if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/** SetDefaults_PodSpec for every pod spec; `isPod` adds SetDefaults_Pod (not for templates). */
export function defaultPodSpec(spec: PodSpec, isPod: boolean): void {
	spec.dnsPolicy ||= 'ClusterFirst';
	spec.restartPolicy ||= 'Always';
	spec.securityContext ??= {};
	spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
	spec.schedulerName ||= 'default-scheduler';
	for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
		defaultContainer(container, isPod, spec.hostNetwork === true);
	}
	for (const volume of spec.volumes ?? []) defaultVolume(volume);
	if (isPod) spec.enableServiceLinks ??= true;
}

/**
 * SetDefaults_Pod for a pod a controller makes from its template (which SetDefaults_PodSpec
 * alone defaulted): requests from limits, and enableServiceLinks true (pkg/apis/core/v1/
 * defaults.go SetDefaults_Pod). The same spec when it needs neither, else a copy.
 */
export function withPodDefaults(spec: PodSpec): PodSpec {
	const requested = withRequestsFromLimits(spec);
	if (requested.enableServiceLinks !== undefined) return requested;
	return { ...requested, enableServiceLinks: true };
}

/**
 * SetDefaults_Pod's requests-from-limits for a pod a controller makes from its template (the
 * template itself is not defaulted so): the same spec when no container needs it, else a copy.
 */
export function withRequestsFromLimits(spec: PodSpec): PodSpec {
	const needs = (c: Container) =>
		Object.keys(c.resources?.limits ?? {}).some((n) => c.resources?.requests?.[n] === undefined);
	const lists = [spec.initContainers, spec.containers] as const;
	if (!lists.some((list) => list?.some(needs))) return spec;
	const fill = (c: Container): Container =>
		needs(c)
			? {
					...c,
					resources: {
						...c.resources,
						requests: { ...c.resources!.limits, ...c.resources!.requests }
					}
				}
			: c;
	return {
		...spec,
		...(spec.initContainers ? { initContainers: spec.initContainers.map(fill) } : {}),
		containers: spec.containers.map(fill)
	};
}

/**
 * SetDefaults_Container (pull policy from the tag, termination message), ContainerPort's
 * `+default="TCP"`, defaultHostNetworkPorts and SetDefaults_Pod's requests-from-limits.
 */
function defaultContainer(container: Container, isPod: boolean, hostNetwork: boolean): void {
	container.imagePullPolicy ||=
		imageTag(container.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
	container.terminationMessagePath ||= TERMINATION_MESSAGE_PATH;
	container.terminationMessagePolicy ||= 'File';
	// A non-pointer struct in Go: always present in what the API server returns.
	const resources = (container.resources ??= {});
	if (isPod && resources.limits) {
		// Requests default to limits on Pods only (SetDefaults_Pod), not on templates.
		resources.requests = { ...resources.limits, ...resources.requests };
	}
	for (const port of container.ports ?? []) {
		port.protocol ||= 'TCP';
		if (isPod && hostNetwork && !port.hostPort) port.hostPort = port.containerPort;
	}
	for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
		if (probe) defaultProbe(probe);
	}
	for (const env of container.env ?? []) {
		const fieldRef = env.valueFrom?.fieldRef;
		if (fieldRef) fieldRef.apiVersion ||= 'v1';
	}
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction (core/v1). */
function defaultProbe(probe: Probe): void {
	probe.timeoutSeconds ||= 1;
	probe.periodSeconds ||= 10;
	probe.successThreshold ||= 1;
	probe.failureThreshold ||= 3;
	if (probe.httpGet) {
		probe.httpGet.path ||= '/';
		probe.httpGet.scheme ||= 'HTTP';
	}
}

const VOLUME_SOURCE_KEYS = ['name'];

/**
 * SetDefaults_Volume (no source: emptyDir), SetDefaults_{Secret,ConfigMap,Projected,
 * DownwardAPI}VolumeSource (mode 0644) and SetDefaults_HostPathVolumeSource (type '').
 */
function defaultVolume(volume: Volume): void {
	const sources = Object.keys(volume).filter((key) => !VOLUME_SOURCE_KEYS.includes(key));
	if (sources.length === 0) volume.emptyDir = {};
	if (volume.secret) volume.secret.defaultMode ??= DEFAULT_MODE;
	if (volume.configMap) volume.configMap.defaultMode ??= DEFAULT_MODE;
	if (volume.projected) volume.projected.defaultMode ??= DEFAULT_MODE;
	if (volume.downwardAPI) volume.downwardAPI.defaultMode ??= DEFAULT_MODE;
	if (volume.hostPath) volume.hostPath.type ??= '';
}

/**
 * The tag that pkg/util/parsers.ParseImageName finds: `latest` when there is neither tag nor
 * digest, '' when the name does not parse (then the pull policy is IfNotPresent).
 */
export function imageTag(image: string): string {
	if (image === '' || /[\sA-Z]/.test(image.split(/[:@]/)[0] ?? '')) return '';
	const [name = '', digest] = image.split('@');
	const slash = name.lastIndexOf('/');
	const colon = name.lastIndexOf(':');
	const tag = colon > slash ? name.slice(colon + 1) : '';
	return tag === '' && digest === undefined ? 'latest' : tag;
}
