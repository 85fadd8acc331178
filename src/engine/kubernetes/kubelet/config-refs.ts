/**
 * The ConfigMaps and Secrets a pod refers to, checked as the kubelet reads them: the texts of
 * what it finds missing are the real ones, since the kubelet puts them in the pod's status and
 * events. Its ConfigMap and Secret managers answer a missing object with
 * apierrors.NewNotFound(corev1.Resource("configmap"|"secret"), name) (pkg/kubelet/configmap,
 * pkg/kubelet/secret, util/manager/watch_based_manager.go): `configmap "x" not found`.
 */
import type {
	ConfigMap,
	Container,
	KeyToPath,
	Pod,
	Secret,
	Volume,
	VolumeProjection
} from 'kubernetes-types/core/v1';
import type { Store } from '../../core/store';
import { CONFIGMAPS, key, SECRETS } from '../api/collections';

/**
 * The root CA ConfigMap every namespace holds (rootcacertpublisher); the lab lists it without
 * storing it (commands/kubectl/namespaces.ts), so the kubelet finds it here.
 */
const ROOT_CA: ConfigMap = { data: { 'ca.crt': '' } };

/** The ConfigMap `namespace/name` as the kubelet's manager finds it, or undefined. */
function configMapOf(store: Store, namespace: string, name: string): ConfigMap | undefined {
	const found = store.get<ConfigMap>(CONFIGMAPS, keyOf(namespace, name));
	return found ?? (name === 'kube-root-ca.crt' ? ROOT_CA : undefined);
}

function secretOf(store: Store, namespace: string, name: string): Secret | undefined {
	return store.get<Secret>(SECRETS, keyOf(namespace, name));
}

// The last key made: every pod's kube-api-access volume names its namespace's
// kube-root-ca.crt, so most lookups ask for the key they asked for last (one string, not one
// a pod, whose hash the store would work out again).
let lastNs = '';
let lastName = '';
let lastKey = key('', '');

function keyOf(namespace: string, name: string): string {
	if (namespace !== lastNs || name !== lastName) {
		lastNs = namespace;
		lastName = name;
		lastKey = key(namespace, name);
	}
	return lastKey;
}

const notFound = (resource: 'configmap' | 'secret', name: string): string =>
	`${resource} "${name}" not found`;

/**
 * Why the kubelet cannot make the container's config, or undefined when it can:
 * kubelet_pods.go makeEnvironmentVariables reads `envFrom` first, then `env`, and returns the
 * first error — a missing object unless the reference is optional, or (for `env`) a missing key
 * unless optional: `couldn't find key K in ConfigMap ns/name`. kuberuntime_container.go
 * startContainer then reports it as CreateContainerConfigError.
 */
export function containerConfigError(
	store: Store,
	pod: Pod,
	container: Container
): string | undefined {
	if (container.envFrom === undefined && container.env === undefined) return undefined;
	const namespace = pod.metadata?.namespace ?? 'default';
	for (const from of container.envFrom ?? []) {
		const cm = from.configMapRef;
		if (cm && !cm.optional && !configMapOf(store, namespace, cm.name ?? ''))
			return notFound('configmap', cm.name ?? '');
		const s = from.secretRef;
		if (s && !s.optional && !secretOf(store, namespace, s.name ?? ''))
			return notFound('secret', s.name ?? '');
	}
	for (const e of container.env ?? []) {
		const cm = e.valueFrom?.configMapKeyRef;
		if (cm && !cm.optional) {
			const name = cm.name ?? '';
			const found = configMapOf(store, namespace, name);
			if (!found) return notFound('configmap', name);
			if (!Object.hasOwn(found.data ?? {}, cm.key))
				return `couldn't find key ${cm.key} in ConfigMap ${namespace}/${name}`;
		}
		const s = e.valueFrom?.secretKeyRef;
		if (s && !s.optional) {
			const name = s.name ?? '';
			const found = secretOf(store, namespace, name);
			if (!found) return notFound('secret', name);
			if (!Object.hasOwn(found.data ?? {}, s.key))
				return `couldn't find key ${s.key} in Secret ${namespace}/${name}`;
		}
	}
	return undefined;
}

/** A volume the kubelet could not set up, and the error the FailedMount event carries. */
export interface MountFailure {
	volume: string;
	error: string;
}

/**
 * The pod's ConfigMap, Secret and projected volumes that cannot be set up now, in spec order.
 * pkg/volume/configmap and pkg/volume/secret SetUpAt fail on a missing object unless optional,
 * then MakePayload on an `items` key the object lacks (unless optional):
 * `configmap references non-existent config key: K`, `references non-existent secret key: K`.
 * pkg/volume/projected collectData gathers its sources' errors (utilerrors.NewAggregate: one
 * error as it is, several as `[a, b]`).
 */
export function mountFailures(store: Store, pod: Pod): MountFailure[] {
	const volumes = pod.spec?.volumes;
	if (volumes === undefined) return NONE;
	let out: MountFailure[] | undefined;
	const namespace = pod.metadata?.namespace ?? 'default';
	for (const v of volumes) {
		const error = volumeError(store, namespace, v);
		if (error !== undefined) (out ??= []).push({ volume: v.name, error });
	}
	return out ?? NONE;
}

const NONE: MountFailure[] = [];
const NO_SOURCES: readonly VolumeProjection[] = [];

function volumeError(store: Store, namespace: string, v: Volume): string | undefined {
	if (v.configMap) return configMapError(store, namespace, v.configMap);
	if (v.secret) return secretError(store, namespace, v.secret);
	if (v.projected === undefined) return undefined;
	// Made at the first error: every pod's kube-api-access volume is projected, and sets up.
	let errors: string[] | undefined;
	const sources = v.projected.sources ?? NO_SOURCES;
	for (let i = 0; i < sources.length; i++) {
		const error = projectionError(store, namespace, sources[i] as VolumeProjection);
		// The aggregate says each distinct message once.
		if (error !== undefined && !(errors ??= []).includes(error)) errors.push(error);
	}
	if (errors === undefined) return undefined;
	return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

function projectionError(
	store: Store,
	namespace: string,
	source: VolumeProjection
): string | undefined {
	if (source.configMap) return configMapError(store, namespace, source.configMap);
	if (source.secret) {
		const { name, items, optional } = source.secret;
		return secretError(store, namespace, { secretName: name, items, optional });
	}
	return undefined;
}

/** A volume source's `items` and `optional` (ConfigMap and Secret sources alike). */
interface Source {
	items?: KeyToPath[];
	optional?: boolean;
}

function configMapError(store: Store, namespace: string, s: Source & { name?: string }) {
	const name = s.name ?? '';
	const found = configMapOf(store, namespace, name);
	// A ConfigMap's keys are its data's and its binaryData's.
	return sourceError('configmap', name, found !== undefined, found?.data, found?.binaryData, s);
}

function secretError(store: Store, namespace: string, s: Source & { secretName?: string }) {
	const name = s.secretName ?? '';
	const found = secretOf(store, namespace, name);
	return sourceError('secret', name, found !== undefined, found?.data, undefined, s);
}

/** MakePayload's words for an `items` key the object lacks (pkg/volume/configmap, secret). */
const MISSING_KEY = {
	configmap: 'configmap references non-existent config key',
	secret: 'references non-existent secret key'
};

/**
 * An optional source never fails (a missing object is empty, a missing key skipped); else a
 * missing object (`found` false), then the first `items` key it lacks. `data` and `binary`:
 * the object's maps of keys, looked in as they are (every pod's kube-root-ca.crt source has an
 * item: no merged copy made for each).
 */
function sourceError(
	resource: 'configmap' | 'secret',
	name: string,
	found: boolean,
	data: Record<string, string> | undefined,
	binary: Record<string, string> | undefined,
	s: Source
): string | undefined {
	if (s.optional) return undefined;
	if (!found) return notFound(resource, name);
	const items = s.items;
	if (items === undefined) return undefined;
	for (let i = 0; i < items.length; i++) {
		const k = (items[i] as KeyToPath).key;
		if (
			!(data !== undefined && Object.hasOwn(data, k)) &&
			!(binary !== undefined && Object.hasOwn(binary, k))
		)
			return `${MISSING_KEY[resource]}: ${k}`;
	}
	return undefined;
}
