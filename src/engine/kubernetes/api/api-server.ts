/**
 * The API server's write path for namespaced workload objects: names (generateName), uid,
 * creationTimestamp, generation, resourceVersion, and the admission step that adds the default
 * not-ready/unreachable tolerations to pods (DefaultTolerationSeconds).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import { generateJobSelector } from '../../manifests/admission';
import type { Kernel } from '../../core/kernel';
import { uuid } from '../../core/ids';
import { rfc3339 } from '../../core/time';
import { DEFAULT_TOLERATION_SECONDS, TAINT_NOT_READY, TAINT_UNREACHABLE } from '../defaults';
import { key } from './collections';
import { namedPodMetadata, withMetadata, withResourceVersion } from './compact-objects';
import { flatText, randomSuffix } from './names';
import { PodIndex } from './pod-index';
import { EventRecorder } from './events';
import { unchanged } from './unchanged';
import { tracksGeneration } from './generation-kinds';
import { tokenMountedSpec, withServiceAccountToken } from './token-volume';
import { withCrdStatus } from './custom-resources';

export interface KubeObject {
	apiVersion?: string;
	kind?: string;
	metadata?: ObjectMeta;
}

const API_STREAMS = {
	names: 'apiserver/names',
	uids: 'apiserver/uids',
	tokenVolumes: 'apiserver/token-volumes'
};
const BOOT_STREAMS = {
	names: 'apiserver/boot-names',
	uids: 'apiserver/boot-uids',
	tokenVolumes: 'apiserver/boot-token-volumes'
};

export class ApiServer {
	/** Pods by node and by controller (an informer's indexes). */
	readonly pods: PodIndex;
	/** Kubernetes Events (kubectl get events, describe). */
	readonly events: EventRecorder;

	/**
	 * The random streams generated names and uids are drawn from. While the cluster boots, its
	 * add-ons (./system-addons) draw from streams of their own, so installing them shifts no name
	 * or uid that the learner's objects get.
	 */
	private streams = BOOT_STREAMS;

	constructor(private readonly kernel: Kernel) {
		this.pods = new PodIndex(kernel);
		this.events = new EventRecorder(kernel);
	}

	/** The cluster has booted (everything due at time 0 has run): objects draw from the API's streams. */
	booted(): void {
		this.streams = API_STREAMS;
	}

	get<T extends KubeObject>(collection: string, namespace: string, name: string): T | undefined {
		return this.kernel.store.get<T>(collection, key(namespace, name));
	}

	list<T extends KubeObject>(collection: string, namespace?: string): T[] {
		const all = this.kernel.store.list<T>(collection);
		return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
	}

	/** How many objects `collection` holds (in every namespace), without listing them. */
	count(collection: string): number {
		return this.kernel.store.size(collection);
	}

	/** Stores a new object; fills in what the API server fills in. Returns the stored object. */
	create<T extends KubeObject>(collection: string, object: T, namespaced = true): T {
		const k = this.kernel;
		const meta = object.metadata ?? {};
		const namespace = namespaced ? (meta.namespace ?? 'default') : '';
		let name = meta.name;
		// The key a generated name was checked under, which the write then uses: one string
		// (built and hashed once) for both.
		let checked: string | undefined;
		if (name === undefined || name === '') {
			const random = k.rng.stream(this.streams.names);
			do {
				const generated = (meta.generateName ?? '') + randomSuffix(random);
				if (namespace === '') name = checked = flatText(generated);
				else {
					// The key flat, and the name a slice of it (a SlicedString, 32 bytes, for a name of
					// 13 characters or more): the store keeps the key anyway, so the name costs only
					// the slice rather than its own copy of the characters.
					checked = flatText(key(namespace, generated));
					name = checked.slice(namespace.length + 1);
				}
			} while (k.store.get(collection, checked) !== undefined);
		}
		const uid = uuid(k.rng.stream(this.streams.uids));
		// A pod's admitted spec (default tolerations, then the token volume), put into the stored
		// pod as it is built: no copy of the pod per admission step.
		const spec = object.kind === 'Pod' ? this.admittedSpec(object as Pod, namespace) : undefined;
		const admitted =
			object.kind === 'Job'
				? (withGeneratedSelector(object as Job, uid) as T)
				: object.kind === 'CustomResourceDefinition'
					? withCrdStatus(object, rfc3339(k.now))
					: object;
		const admittedMeta = admitted.metadata ?? {};
		const at = namespaced ? (checked ?? key(namespace, name)) : name;
		return k.store.put<T>(collection, at, (rv) => {
			const creationTimestamp = rfc3339(k.now);
			const compact =
				namespaced && object.kind === 'Pod'
					? namedPodMetadata(meta, { name, namespace, uid, revision: rv, creationTimestamp })
					: undefined;
			return withMetadata(
				admitted,
				compact ?? {
					...admittedMeta,
					name,
					...(namespaced ? { namespace } : {}),
					uid,
					resourceVersion: String(rv),
					creationTimestamp,
					...(tracksGeneration(object.kind) ? { generation: 1 } : {})
				},
				spec
			);
		});
	}

	/**
	 * The spec a new pod is stored with: DefaultTolerationSeconds' tolerations, then the
	 * ServiceAccount plugin's token volume (`withTokenVolume`).
	 */
	private admittedSpec(pod: Pod, namespace: string): PodSpec {
		const spec = defaultTolerations(pod.spec);
		const random = this.kernel.rng.stream(this.streams.tokenVolumes);
		return tokenMountedSpec(this.kernel.store, pod, spec, namespace, random);
	}

	/**
	 * The pod with the ServiceAccount admission plugin's token volume (./token-volume.ts), its name
	 * drawn from a stream of its own. Also for a spec that several pods will share.
	 */
	withTokenVolume(pod: Pod, namespace: string): Pod {
		const random = this.kernel.rng.stream(this.streams.tokenVolumes);
		return withServiceAccountToken(this.kernel.store, pod, namespace, random);
	}

	/**
	 * Replaces an object. `specChanged` bumps metadata.generation, as the API server does when
	 * anything but status and metadata changes, for the kinds whose strategy tracks it
	 * (./generation-kinds.ts). An object that would store unchanged is not
	 * written (./unchanged.ts): the stored one comes back, with its resourceVersion and
	 * generation, and watchers hear nothing.
	 */
	update<T extends KubeObject>(collection: string, object: T, specChanged = false): T {
		const meta = object.metadata!;
		const at = meta.namespace === undefined ? meta.name! : key(meta.namespace, meta.name!);
		return this.updateAt(collection, at, object, specChanged);
	}

	/**
	 * `update` for a writer that holds the object's store key (`at`; the store's own string reads
	 * fastest) and perhaps the stored object, read in the same step (else it is read here): the
	 * scheduler's bind and the kubelet's status posts, one or more a pod, build no key, and the
	 * kubelet's read the pod once.
	 */
	updateAt<T extends KubeObject>(
		collection: string,
		at: string,
		object: T,
		specChanged = false,
		stored: T | undefined = this.kernel.store.get<T>(collection, at)
	): T {
		// The CRD's names and storage version may have changed: its controllers answer (custom-resources.ts).
		if (object.kind === 'CustomResourceDefinition')
			object = withCrdStatus(object, rfc3339(this.kernel.now), stored);
		if (stored !== undefined && unchanged(object, stored)) return stored;
		const meta = object.metadata!;
		return this.kernel.store.put<T>(collection, at, (rv) =>
			withMetadata(
				object,
				specChanged && tracksGeneration(object.kind)
					? { ...meta, resourceVersion: String(rv), generation: (meta.generation ?? 0) + 1 }
					: withResourceVersion(meta, rv)
			)
		);
	}

	/** Removes an object from storage (after any graceful termination is over). */
	remove(collection: string, namespace: string, name: string): boolean {
		return this.kernel.store.delete(collection, key(namespace, name));
	}
}

/**
 * DefaultTolerationSeconds admission (plugin/pkg/admission/defaulttolerationseconds): pods that
 * do not tolerate not-ready/unreachable NoExecute get both for 300 s.
 */
function defaultTolerations(spec: PodSpec | undefined): PodSpec {
	if (spec === undefined) return admitSpec({} as PodSpec);
	let admitted = ADMITTED_SPECS.get(spec);
	if (admitted === undefined) {
		admitted = admitSpec(spec);
		ADMITTED_SPECS.set(spec, admitted);
	}
	return admitted;
}

/**
 * Admitted specs by the spec they came from. A ReplicaSet's pods all come from its template's
 * spec object (stored objects are never changed in place), so they share one admitted spec
 * rather than each holding its own copy with two new tolerations.
 */
const ADMITTED_SPECS = new WeakMap<PodSpec, PodSpec>();

function admitSpec(spec: PodSpec): PodSpec {
	const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
	const tolerates = (taintKey: string) =>
		tolerations.some(
			(t) =>
				(t.effect === 'NoExecute' || t.effect === undefined || t.effect === '') &&
				((t.operator === 'Exists' && (t.key === undefined || t.key === '')) || t.key === taintKey)
		);
	for (const taintKey of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
		if (!tolerates(taintKey)) {
			tolerations.push({
				key: taintKey,
				operator: 'Exists',
				effect: 'NoExecute',
				tolerationSeconds: DEFAULT_TOLERATION_SECONDS
			});
		}
	}
	// Nothing added (a daemon pod's tolerations already cover both): keep the spec's array,
	// which a DaemonSet's pods share.
	return {
		...spec,
		tolerations: tolerations.length === spec.tolerations?.length ? spec.tolerations : tolerations
	};
}

/**
 * A new Job as the API server stores it: its selector and pod labels generated once it has its
 * uid (registry/batch/job/strategy.go generateSelector), and, with no labels of its own, the
 * pod template's labels (batch/v1 defaults.go SetDefaults_Job, which runs again when the stored
 * Job is read back, so the generated labels are among them).
 */
function withGeneratedSelector(job: Job, uid: string): Job {
	const copy = JSON.parse(JSON.stringify(job)) as Job;
	generateJobSelector(copy, uid);
	const templateLabels = copy.spec?.template?.metadata?.labels;
	if (templateLabels !== undefined && Object.keys(copy.metadata?.labels ?? {}).length === 0)
		copy.metadata = { ...copy.metadata, labels: { ...templateLabels } };
	return copy;
}
