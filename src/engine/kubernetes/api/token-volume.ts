/**
 * The ServiceAccount admission plugin's token volume, added when the API server stores a pod
 * (plugin/pkg/admission/serviceaccount/admission.go Admit → mountServiceAccountToken; the volume
 * itself is manifests/admission.ts mountServiceAccountToken). Here because its name is random:
 * the API server draws it from a stream of its own (api-server.ts), so adding the volume shifts
 * no pod name or uid.
 */
import type { Pod, PodSpec, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Store } from '../../core/store';
import type { RandomStream } from '../../core/rng';
import {
	mountServiceAccountToken,
	serviceAccountOf,
	shouldAutomount
} from '../../manifests/admission';
import { isMirrorPod } from '../system-addons/static-pods';
import { key, SERVICEACCOUNTS } from './collections';
import { randomSuffix } from './names';

/**
 * The pod with its token volume, unless its spec or its ServiceAccount turns automounting off,
 * or it is a static pod's mirror (the plugin leaves mirror pods' specs alone: the kubelet would
 * find them changed). `namespace` is where the pod is stored.
 *
 * A deviation, for memory: pods that share one spec object (a ReplicaSet's, all made from its
 * template; the kube-proxy pods installed at boot, ../system-addons/install.ts) share one
 * admitted spec and so one volume name, where in Kubernetes each pod draws its own suffix. Pods admitted one by one (bare pods; DaemonSet, Job and StatefulSet pods,
 * each a copy of its template) each get their own.
 */
export function withServiceAccountToken(
	store: Store,
	pod: Pod,
	namespace: string,
	random: RandomStream
): Pod {
	const spec = pod.spec;
	if (spec === undefined) return pod;
	const mounted = tokenMountedSpec(store, pod, spec, namespace, random);
	return mounted === spec ? pod : { ...pod, spec: mounted };
}

/**
 * The spec `pod` is stored with when its spec is `spec` (`withServiceAccountToken`'s): with the
 * token volume, or `spec` itself. For the API server's create, which builds the stored pod once
 * rather than a copy per admission step.
 */
export function tokenMountedSpec(
	store: Store,
	pod: Pod,
	spec: PodSpec,
	namespace: string,
	random: RandomStream
): PodSpec {
	if (isMirrorPod(pod)) return spec;
	const account = store.get<ServiceAccount>(SERVICEACCOUNTS, accountKey(namespace, spec));
	if (!shouldAutomount(spec, account)) return spec;
	// Drawn for every pod, whether the memo below has its spec or not: a replay after a seek finds
	// the memo filled, and must move the stream as the first run did.
	const suffix = randomSuffix(random);
	let mounted = MOUNTED_SPECS.get(spec);
	if (mounted === undefined) {
		mounted = mountServiceAccountToken(spec, () => suffix);
		if (mounted === spec) return spec;
		MOUNTED_SPECS.set(spec, mounted);
	}
	return mounted;
}

/** The last ServiceAccount key asked for: a ReplicaSet's pods ask for one, a pod at a time. */
let lastNamespace = '';
let lastAccount = '';
let lastKey = '';

/** The store key of `spec`'s ServiceAccount in `namespace`, built once for a run of pods. */
function accountKey(namespace: string, spec: PodSpec): string {
	const account = serviceAccountOf(spec);
	if (namespace !== lastNamespace || account !== lastAccount || lastKey === '') {
		lastNamespace = namespace;
		lastAccount = account;
		lastKey = key(namespace, account);
	}
	return lastKey;
}

/**
 * Mounted specs by the admitted spec they came from. A spec that needed nothing (its volume
 * already there, as a DaemonSet's shared spec has it) is not kept: no entry for each such pod.
 */
const MOUNTED_SPECS = new WeakMap<PodSpec, PodSpec>();
