/**
 * framework.PodInfo: what the plugins read of a pod, computed once per pod object
 * (pkg/scheduler/framework/types.go NewPodInfo, GetAffinityTerms).
 */
import type {
	Container,
	Pod,
	PodAffinityTerm,
	PodSpec,
	WeightedPodAffinityTerm
} from 'kubernetes-types/core/v1';
import { NOTHING, labelSelector, type Labels, type Selector } from './labels';
import { podRequests, type Requests } from './resources';

export interface HostPort {
	ip: string;
	protocol: string;
	port: number;
}

/** framework.AffinityTerm: namespaces, namespaceSelector, label selector, topology key. */
export interface AffinityTerm {
	namespaces: ReadonlySet<string>;
	namespaceSelector: Selector;
	selector: Selector;
	topologyKey: string;
	weight: number;
}

export interface PodInfo {
	readonly pod: Pod;
	readonly key: string;
	/** spec.nodeName ("" if none): the node the cache holds it on (set once, never changed). */
	readonly nodeName: string;
	readonly namespace: string;
	readonly labels: Labels;
	readonly requests: Requests;
	readonly nonZeroMilliCPU: number;
	readonly nonZeroMemory: number;
	/** Pods with equal shapes get equal resource scores on a node (see NodeInfo.memoShape). */
	readonly shape: number;
	readonly ports: readonly HostPort[];
	readonly requiredAffinity: readonly AffinityTerm[];
	readonly requiredAntiAffinity: readonly AffinityTerm[];
	readonly preferredAffinity: readonly AffinityTerm[];
	readonly preferredAntiAffinity: readonly AffinityTerm[];
	/** NodeInfo.PodsWithAffinity membership: any pod (anti-)affinity at all. */
	readonly hasAffinity: boolean;
	readonly priority: number;
	readonly terminating: boolean;
}

const NO_TERMS: readonly AffinityTerm[] = Object.freeze([]);

function termsOf(
	pod: Pod,
	terms: readonly PodAffinityTerm[] | undefined,
	w?: readonly number[]
): readonly AffinityTerm[] {
	if (!terms?.length) return NO_TERMS;
	const ns = pod.metadata?.namespace ?? 'default';
	return (terms ?? []).map((t, i): AffinityTerm => {
		// getNamespacesFromPodAffinityTerm: no namespaces and no selector means the pod's own.
		const own = !t.namespaces?.length && !t.namespaceSelector;
		return {
			namespaces: new Set(own ? [ns] : (t.namespaces ?? [])),
			namespaceSelector: t.namespaceSelector ? labelSelector(t.namespaceSelector) : NOTHING,
			selector: labelSelector(t.labelSelector),
			topologyKey: t.topologyKey,
			weight: w?.[i] ?? 0
		};
	});
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined) {
	if (!terms?.length) return NO_TERMS;
	const list = terms;
	return termsOf(
		pod,
		list.map((t) => t.podAffinityTerm),
		list.map((t) => t.weight)
	);
}

const podInfos = new WeakMap<Pod, PodInfo>();
const shapes = new Map<string, number>();

/** A small integer per distinct (requests, non-zero requests) combination. */
function shapeOf(r: Requests, nonZero: Requests): number {
	const scalar = r.scalar ? JSON.stringify(r.scalar) : '';
	const key = `${r.milliCPU},${r.memory},${r.ephemeralStorage},${nonZero.milliCPU},${nonZero.memory},${scalar}`;
	let id = shapes.get(key);
	if (id === undefined) {
		if (shapes.size > 100_000) shapes.clear(); // ids stay unique: clearing only forgets keys
		shapes.set(key, (id = nextShape++));
	}
	return id;
}
let nextShape = 0;

/** What a pod's containers ask for: shared by the pods of one template (see specFacts). */
interface SpecFacts {
	readonly initContainers: PodSpec['initContainers'];
	readonly overhead: PodSpec['overhead'];
	readonly requests: Requests;
	readonly nonZeroMilliCPU: number;
	readonly nonZeroMemory: number;
	readonly shape: number;
	readonly ports: readonly HostPort[];
}

const NO_PORTS: readonly HostPort[] = Object.freeze([]);

/**
 * Requests and host ports per containers array: objects are immutable (a write replaces
 * them), and a ReplicaSet's pods, bound or not, share their template's containers, so each
 * pod need not parse its quantities again.
 */
const specFacts = new WeakMap<readonly Container[], SpecFacts>();

let lastContainers: readonly Container[] | null = null;
let lastFacts: SpecFacts | null = null;

function factsOf(spec: PodSpec | undefined): SpecFacts {
	const containers = spec?.containers;
	if (containers) {
		// A template's pods come in runs: the last answer saves most WeakMap lookups.
		const f = containers === lastContainers ? lastFacts : specFacts.get(containers);
		if (f && f.initContainers === spec.initContainers && f.overhead === spec.overhead) {
			lastContainers = containers;
			lastFacts = f;
			return f;
		}
	}
	const pod: Pod = { spec };
	const nonZero = podRequests(pod, true);
	const requests = podRequests(pod, false);
	const ports: HostPort[] = [];
	for (const c of containers ?? [])
		for (const p of c.ports ?? [])
			if ((p.hostPort ?? 0) > 0)
				ports.push({
					ip: p.hostIP || '0.0.0.0',
					protocol: p.protocol || 'TCP',
					port: p.hostPort ?? 0
				});
	const f: SpecFacts = {
		initContainers: spec?.initContainers,
		overhead: spec?.overhead,
		requests,
		nonZeroMilliCPU: nonZero.milliCPU,
		nonZeroMemory: nonZero.memory,
		shape: shapeOf(requests, nonZero),
		ports: ports.length === 0 ? NO_PORTS : ports
	};
	if (containers) specFacts.set(containers, f);
	return f;
}

/** framework.NewPodInfo, memoised per pod object. */
export function podInfo(pod: Pod): PodInfo {
	let info = podInfos.get(pod);
	if (!info) podInfos.set(pod, (info = newPodInfo(pod)));
	return info;
}

/**
 * The memoised PodInfo if there is one, else a new one not remembered: the cache keeps the
 * PodInfo of each pod it holds, so remembering it per pod object as well would only cost.
 */
export function podInfoOnce(pod: Pod): PodInfo {
	// Its node is read from the pod, so a pod bound in place after its PodInfo was made is fine.
	return podInfos.get(pod) ?? newPodInfo(pod);
}

/** A pod's inter-pod (anti-)affinity terms; NO_AFFINITY (shared) for the many without. */
interface AffinityFacts {
	readonly requiredAffinity: readonly AffinityTerm[];
	readonly requiredAntiAffinity: readonly AffinityTerm[];
	readonly preferredAffinity: readonly AffinityTerm[];
	readonly preferredAntiAffinity: readonly AffinityTerm[];
	readonly hasAffinity: boolean;
}

const NO_AFFINITY: AffinityFacts = {
	requiredAffinity: NO_TERMS,
	requiredAntiAffinity: NO_TERMS,
	preferredAffinity: NO_TERMS,
	preferredAntiAffinity: NO_TERMS,
	hasAffinity: false
};

function affinityOf(pod: Pod): AffinityFacts {
	const a = pod.spec?.affinity;
	if (!a?.podAffinity && !a?.podAntiAffinity) return NO_AFFINITY;
	return {
		requiredAffinity: termsOf(pod, a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
		requiredAntiAffinity: termsOf(
			pod,
			a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution
		),
		preferredAffinity: weighted(
			pod,
			a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution
		),
		preferredAntiAffinity: weighted(
			pod,
			a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution
		),
		hasAffinity: true
	};
}

const NO_LABELS: Labels = Object.freeze({});

/** What a PodInfo reads of its template: the spec's facts and the pod's affinity terms. */
interface TemplateFacts {
	readonly spec: SpecFacts;
	readonly affinity: AffinityFacts;
}

/** The last pair made: a template's pods come in runs, and most have no affinity at all. */
let lastPair: TemplateFacts | undefined;

/**
 * The spec's facts and the affinity terms as one object, shared by consecutive pods with the
 * same: a PodInfo then holds one reference to both (8 bytes a pod of a 150,000-pod cluster).
 */
function templateFacts(spec: SpecFacts, affinity: AffinityFacts): TemplateFacts {
	if (lastPair?.spec !== spec || lastPair.affinity !== affinity) lastPair = { spec, affinity };
	return lastPair;
}

/**
 * A PodInfo keeps only its pod and what its template decides (requests, ports, affinity terms,
 * shared objects); everything else is read from the pod when asked, since one is made for every
 * pod the cache reads (see HeldPodInfo). Stored pods are never changed in place, so what it
 * reads through the pod stays true.
 */
abstract class PodInfoBase implements PodInfo {
	readonly pod: Pod;

	constructor(pod: Pod) {
		this.pod = pod;
	}

	protected abstract get facts(): SpecFacts;
	protected abstract get affinity(): AffinityFacts;

	get key(): string {
		return podKey(this.pod);
	}
	get nodeName(): string {
		return this.pod.spec?.nodeName ?? '';
	}
	get namespace(): string {
		return this.pod.metadata?.namespace ?? 'default';
	}
	get labels(): Labels {
		return this.pod.metadata?.labels ?? NO_LABELS;
	}
	get priority(): number {
		return this.pod.spec?.priority ?? 0;
	}
	get terminating(): boolean {
		return !!this.pod.metadata?.deletionTimestamp;
	}
	get requests(): Requests {
		return this.facts.requests;
	}
	get nonZeroMilliCPU(): number {
		return this.facts.nonZeroMilliCPU;
	}
	get nonZeroMemory(): number {
		return this.facts.nonZeroMemory;
	}
	get shape(): number {
		return this.facts.shape;
	}
	get ports(): readonly HostPort[] {
		return this.facts.ports;
	}
	get requiredAffinity(): readonly AffinityTerm[] {
		return this.affinity.requiredAffinity;
	}
	get requiredAntiAffinity(): readonly AffinityTerm[] {
		return this.affinity.requiredAntiAffinity;
	}
	get preferredAffinity(): readonly AffinityTerm[] {
		return this.affinity.preferredAffinity;
	}
	get preferredAntiAffinity(): readonly AffinityTerm[] {
		return this.affinity.preferredAntiAffinity;
	}
	get hasAffinity(): boolean {
		return this.affinity.hasAffinity;
	}
}

/** A PodInfo that keeps its template's facts: the pod being scheduled, read per node. */
class PodInfoOf extends PodInfoBase {
	private readonly template: TemplateFacts;

	constructor(pod: Pod) {
		super(pod);
		this.template = templateFacts(factsOf(pod.spec), affinityOf(pod));
	}

	protected get facts(): SpecFacts {
		return this.template.spec;
	}
	protected get affinity(): AffinityFacts {
		return this.template.affinity;
	}
}

/**
 * A PodInfo of a pod the cache holds, made when it is read (the pod is added or removed, or
 * other pods' affinity is checked against it) and dropped after: only the pod, its template's
 * facts looked up again when read. The cache keeps the pods themselves (see NodeInfo.pods).
 */
class HeldPodInfo extends PodInfoBase {
	protected get facts(): SpecFacts {
		return factsOf(this.pod.spec);
	}
	protected get affinity(): AffinityFacts {
		return heldAffinityOf(this.pod);
	}
}

/** Affinity terms by the affinity they came from and the pod's namespace (they name it). */
const AFFINITY_FACTS = new WeakMap<object, { namespace: string; facts: AffinityFacts }>();

/** affinityOf, made once per template: the many pods of one share their affinity object. */
function heldAffinityOf(pod: Pod): AffinityFacts {
	const a = pod.spec?.affinity;
	if (!a?.podAffinity && !a?.podAntiAffinity) return NO_AFFINITY;
	const namespace = pod.metadata?.namespace ?? 'default';
	const known = AFFINITY_FACTS.get(a);
	if (known?.namespace === namespace) return known.facts;
	const facts = affinityOf(pod);
	AFFINITY_FACTS.set(a, { namespace, facts });
	return facts;
}

/** A PodInfo of a pod the cache holds, for the one read (see HeldPodInfo). */
export function heldPodInfo(pod: Pod): PodInfo {
	return new HeldPodInfo(pod);
}

/** PodInfo.hasAffinity without making one: the many pods with no terms are skipped cheaply. */
export function podHasAffinity(pod: Pod): boolean {
	const a = pod.spec?.affinity;
	return !!(a?.podAffinity || a?.podAntiAffinity);
}

function newPodInfo(pod: Pod): PodInfo {
	return new PodInfoOf(pod);
}

/** The cache key: the UID when there is one (GetPodKey), else namespace/name. */
export function podKey(pod: Pod): string {
	return pod.metadata?.uid || `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}
