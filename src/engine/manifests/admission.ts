/**
 * What the API server adds to some objects on create besides defaulting: the default
 * admission plugins for Pods (and their refusals, podRefusal), and the Job strategy's generated
 * selector. Pods that controllers create from templates go through the same admission
 * (kubernetes/controllers/workload-pods.ts, replicaset-controller.ts).
 */
import type {
	Container,
	Pod,
	PodSpec,
	PodStatus,
	ProjectedVolumeSource,
	ServiceAccount,
	Toleration,
	VolumeMount
} from 'kubernetes-types/core/v1';
import { compareQuantities } from './quantity';
import type { Job } from 'kubernetes-types/batch/v1';
import { applyPriorityClass, forbiddenPod, priorityAdmission } from './priority-classes';
import type { PriorityClasses } from './priority-classes';
import {
	BOUND_TOKEN_EXPIRATION_SECONDS,
	DEFAULT_SERVICE_ACCOUNT,
	DEFAULT_TOLERATION_SECONDS,
	PROJECTED_VOLUME_DEFAULT_MODE,
	ROOT_CA_CONFIGMAP,
	SERVICE_ACCOUNT_MOUNT_PATH,
	TOKEN_VOLUME_PREFIX
} from '../kubernetes/defaults';

export { DEFAULT_TOLERATION_SECONDS };

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: Toleration[], key: string): boolean {
	return tolerations.some(
		(t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect)
	);
}

/**
 * - ServiceAccount (plugin/pkg/admission/serviceaccount): `default` when none is named. Its
 *   `kube-api-access-<random>` token volume needs the API server's random names, so the API server
 *   adds it when it stores the pod (mountServiceAccountToken below, kubernetes/api/token-volume.ts).
 * - Priority (plugin/pkg/admission/priority): the class's priority and preemption policy — the
 *   global default class when the pod names none, priority 0 and PreemptLowerPriority when the
 *   cluster has no default either (./priority-classes.ts; `classes` are the cluster's).
 * - DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): tolerate
 *   not-ready and unreachable nodes for 300 s unless the pod already tolerates them.
 */
export function admitPod(pod: Pod, classes?: PriorityClasses): void {
	const spec = pod.spec;
	if (!spec) return;
	// pkg/registry/core/pod/strategy.go PrepareForCreate: a new Pod is Pending, with its QoS.
	const mutable = pod as { status?: PodStatus };
	mutable.status = { phase: 'Pending', qosClass: qosClass(spec) };
	spec.serviceAccountName = serviceAccountOf(spec);
	// The v1 API mirrors serviceAccountName into the deprecated serviceAccount field.
	spec.serviceAccount = spec.serviceAccountName;
	applyPriorityClass(spec, classes); // ./priority-classes.ts
	const tolerations = (spec.tolerations ??= []);
	for (const key of [NOT_READY, UNREACHABLE]) {
		if (tolerates(tolerations, key)) continue;
		tolerations.push({
			effect: 'NoExecute',
			key,
			operator: 'Exists',
			tolerationSeconds: DEFAULT_TOLERATION_SECONDS
		});
	}
}

/** Whether a namespace holds a ServiceAccount of that name (the plugin's informer lister). */
export type ServiceAccountLookup = (namespace: string, name: string) => boolean;

/**
 * The service account a pod runs as: spec.serviceAccountName, else the deprecated
 * spec.serviceAccount the v1 conversion copies into it, else `default`.
 */
export function serviceAccountOf(spec: PodSpec | undefined): string {
	return spec?.serviceAccountName || spec?.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
}

/**
 * The admission plugins that can refuse a pod, in kube-apiserver's order (pkg/kubeapiserver/
 * options/plugins.go AllOrderedPlugins: ServiceAccount before Priority). Returns the API server's
 * message, or undefined when the pod is admitted. Two map lookups, whoever creates the pod: a
 * controller asks once per template it creates from, not once per pod.
 *
 * - ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go Admit): `error looking up
 *   service account <ns>/<name>: serviceaccount "<name>" not found`.
 * - Priority: ./priority-classes.ts.
 */
export function podRefusal(
	pod: Pod,
	namespace: string,
	serviceAccountExists: ServiceAccountLookup,
	classes?: PriorityClasses
): string | undefined {
	return (
		serviceAccountRefusal(pod, namespace, serviceAccountExists) ?? priorityAdmission(pod, classes)
	);
}

/** The ServiceAccount plugin's refusal: the account the pod runs as is not in its namespace. */
export function serviceAccountRefusal(
	pod: Pod,
	namespace: string,
	serviceAccountExists: ServiceAccountLookup
): string | undefined {
	const account = serviceAccountOf(pod.spec);
	if (serviceAccountExists(namespace, account)) return undefined;
	return forbiddenPod(
		pod,
		`error looking up service account ${namespace}/${account}: serviceaccount ${JSON.stringify(account)} not found`
	);
}

/**
 * shouldAutomount (plugin/pkg/admission/serviceaccount/admission.go): the pod's
 * automountServiceAccountToken wins, then its ServiceAccount's, else true.
 */
export function shouldAutomount(spec: PodSpec, account: ServiceAccount | undefined): boolean {
	return spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
}

/**
 * TokenVolumeSource: a bound token (WarnOnlyBoundTokenExpirationSeconds), the namespace's
 * kube-root-ca.crt and the pod's namespace, mode 0644 set explicitly (kubernetes #104464).
 * One object that every token volume shares: stored objects never change in place.
 */
const TOKEN_VOLUME_SOURCE: ProjectedVolumeSource = {
	defaultMode: PROJECTED_VOLUME_DEFAULT_MODE,
	sources: [
		{ serviceAccountToken: { expirationSeconds: BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
		{ configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: ROOT_CA_CONFIGMAP } },
		{
			downwardAPI: {
				items: [
					{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }
				]
			}
		}
	]
};

/** Whether a container already mounts something at the token's path (which then wins). */
function mountsTokenPath(c: Container): boolean {
	return c.volumeMounts?.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH) === true;
}

/**
 * mountServiceAccountToken (admission.go): the spec with the token volume mounted read-only in
 * every init container and container that does not mount the path already, and the volume
 * itself when a container needs it. A volume named `kube-api-access-…` already there is reused
 * (a pod read back and created again); otherwise `suffix()` draws the name's 5 characters, as
 * the plugin draws one whether or not a container turns out to need it. Returns the same spec
 * when nothing changes, else a copy (the given spec may be shared by many pods).
 */
export function mountServiceAccountToken(spec: PodSpec, suffix: () => string): PodSpec {
	const existing = spec.volumes?.find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
	const name = existing?.name ?? TOKEN_VOLUME_PREFIX + suffix();
	const mount: VolumeMount = { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true };
	let needed = false;
	const withMount = (c: Container): Container => {
		if (mountsTokenPath(c)) return c;
		needed = true;
		return { ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] };
	};
	const initContainers = spec.initContainers?.map(withMount);
	const containers = (spec.containers ?? []).map(withMount);
	if (!needed) return spec;
	return {
		...spec,
		...(initContainers ? { initContainers } : {}),
		containers,
		volumes: existing
			? spec.volumes
			: [...(spec.volumes ?? []), { name, projected: TOKEN_VOLUME_SOURCE }]
	};
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** pkg/apis/core/helper/qos GetPodQOS: from the cpu and memory of every container. */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
	const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
	let any = false;
	let guaranteed = true;
	for (const c of containers) {
		const requests = c.resources?.requests ?? {};
		const limits = c.resources?.limits ?? {};
		for (const name of QOS_RESOURCES) {
			const request = requests[name];
			const limit = limits[name];
			if (request !== undefined && compareQuantities(request, '0') > 0) any = true;
			if (limit !== undefined && compareQuantities(limit, '0') > 0) any = true;
			if (limit === undefined || request === undefined) guaranteed = false;
			else if (compareQuantities(request, limit) !== 0) guaranteed = false;
		}
	}
	if (!any) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** batch.LegacyJobNameLabel, JobNameLabel, LegacyControllerUidLabel, ControllerUidLabel. */
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/**
 * pkg/registry/batch/job/strategy.go generateSelector: run by the store once the Job has its
 * UID, unless `spec.manualSelector` is true.
 */
export function generateJobSelector(job: Job, uid: string): void {
	const spec = job.spec;
	if (!spec || spec.manualSelector === true) return;
	const template = (spec.template ??= {});
	const meta = (template.metadata ??= {});
	const labels = (meta.labels ??= {});
	for (const key of JOB_NAME_LABELS) labels[key] ??= job.metadata?.name ?? '';
	for (const key of CONTROLLER_UID_LABELS) labels[key] ??= uid;
	const selector = (spec.selector ??= {});
	const matchLabels = (selector.matchLabels ??= {});
	matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
}
