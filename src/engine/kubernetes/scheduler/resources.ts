/**
 * Quantities and requests as the scheduler counts them: integer milli-CPU and bytes.
 *
 * Parsing is the API server's own (manifests/quantity.ts); Value() and MilliValue() round up,
 * so "0.5" bytes is 1 and "0.1m" CPU is 1m.
 * Pod requests follow component-helpers resource/helpers.go PodRequests.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../manifests/quantity';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from './defaults';

/** ceil(q × scale / 1000) from the quantity's milli-units; NaN when it does not parse. */
function scaled(text: string, scale: bigint): number {
	const parsed = parseQuantity(text.trim());
	if ('error' in parsed) return NaN;
	const num = parsed.milli * scale;
	// Ceiling toward +∞, as Quantity.Value()/MilliValue() round.
	let q = num / 1000n;
	if (num % 1000n !== 0n && num > 0n) q += 1n;
	return Number(q);
}

const valueCache = new Map<string, number>();
const milliCache = new Map<string, number>();

function cached(cache: Map<string, number>, text: string, scale: bigint): number {
	let v = cache.get(text);
	if (v === undefined) {
		v = scaled(text, scale);
		if (cache.size > 4096) cache.clear(); // quantities repeat; a cap keeps this bounded
		cache.set(text, v);
	}
	return v;
}

/** Quantity.Value(): an integer, rounded up (bytes, pods, extended resources). */
export function quantityValue(q: string | number | undefined): number {
	if (q === undefined) return 0;
	return cached(valueCache, String(q), 1n);
}

/** Quantity.MilliValue(): thousandths, rounded up (milli-CPU). */
export function milliValue(q: string | number | undefined): number {
	if (q === undefined) return 0;
	return cached(milliCache, String(q), 1000n);
}

export interface Requests {
	milliCPU: number;
	memory: number;
	ephemeralStorage: number;
	/** Extended and hugepages resources, null when the pod asks for none. */
	scalar: Record<string, number> | null;
}

type Sink = Requests;

function blank(): Requests {
	return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: null };
}

/** IsScalarResourceName: extended (domain/name) and hugepages-* resources. */
export function isScalar(name: string): boolean {
	return name.includes('/') || name.startsWith('hugepages-');
}

/**
 * A container's requests after API-server defaulting (pkg/apis/core/v1/defaults.go
 * SetDefaults_Pod copies a limit into an absent request), plus, for scoring, the non-zero
 * defaults for an absent cpu or memory request (resource_allocation.go
 * calculatePodResourceRequest → applyNonMissing: only when the key is missing, not when "0").
 */
function containerRequests(c: Container, nonZero: boolean): Requests {
	const req = c.resources?.requests;
	const lim = c.resources?.limits;
	const r = blank();
	if (req) for (const name in req) put(r, name, req[name]);
	if (lim) for (const name in lim) if (!req || !(name in req)) put(r, name, lim[name]);
	if (nonZero && !(req && 'cpu' in req) && !(lim && 'cpu' in lim))
		r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
	if (nonZero && !(req && 'memory' in req) && !(lim && 'memory' in lim))
		r.memory = DEFAULT_MEMORY_REQUEST;
	return r;
}

function put(r: Requests, name: string, q: string | undefined): void {
	if (name === 'cpu') r.milliCPU = milliValue(q);
	else if (name === 'memory') r.memory = quantityValue(q);
	else if (name === 'ephemeral-storage') r.ephemeralStorage = quantityValue(q);
	else if (isScalar(name)) (r.scalar ??= {})[name] = quantityValue(q);
}

function add(into: Sink, r: Requests): void {
	into.milliCPU += r.milliCPU;
	into.memory += r.memory;
	into.ephemeralStorage += r.ephemeralStorage;
	if (r.scalar)
		for (const [k, v] of Object.entries(r.scalar))
			(into.scalar ??= {})[k] = (into.scalar[k] ?? 0) + v;
}

function max(into: Sink, r: Requests): void {
	into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
	into.memory = Math.max(into.memory, r.memory);
	into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
	if (r.scalar)
		for (const [k, v] of Object.entries(r.scalar))
			(into.scalar ??= {})[k] = Math.max(into.scalar[k] ?? 0, v);
}

/**
 * A pod's effective requests: the sum over containers, then the max with each init container
 * (a sidecar — restartPolicy Always — adds to the sum and to every later init container),
 * plus spec.overhead. `nonZero` applies the 100m / 200Mi scoring defaults per container.
 */
export function podRequests(pod: Pod, nonZero = false): Requests {
	const sum = blank();
	for (const c of pod.spec?.containers ?? []) add(sum, containerRequests(c, nonZero));
	const sidecars = blank();
	const init = blank();
	for (const c of pod.spec?.initContainers ?? []) {
		const r = containerRequests(c, nonZero);
		if (c.restartPolicy === 'Always') {
			add(sum, r);
			add(sidecars, r);
			max(init, sidecars);
		} else {
			const tmp = blank();
			add(tmp, r);
			add(tmp, sidecars);
			max(init, tmp);
		}
	}
	max(sum, init);
	const overhead = pod.spec?.overhead;
	if (overhead) add(sum, containerRequests({ name: '', resources: { requests: overhead } }, false));
	return sum;
}

export interface Allocatable extends Requests {
	pods: number;
}

/**
 * The scalar resources (hugepages, extended resources) of an allocatable object, frozen: nodes
 * that share one allocatable object (the lab's nodes are all one machine) share one table
 * rather than each NodeInfo holding its own (56 B a node).
 */
const SCALARS = new WeakMap<object, Record<string, number> | null>();

/** NodeInfo.Allocatable from node.status.allocatable (types.go Resource.Add). */
export function nodeAllocatable(node: Node): Allocatable {
	const a = node.status?.allocatable ?? {};
	let scalar = SCALARS.get(a);
	if (scalar === undefined) {
		scalar = null;
		for (const [k, v] of Object.entries(a)) if (isScalar(k)) (scalar ??= {})[k] = quantityValue(v);
		if (scalar !== null) Object.freeze(scalar);
		SCALARS.set(a, scalar);
	}
	// One literal with every field set: objects read in the filter loop keep a single shape.
	return {
		milliCPU: milliValue(a.cpu),
		memory: quantityValue(a.memory),
		ephemeralStorage: quantityValue(a['ephemeral-storage']),
		scalar,
		pods: quantityValue(a.pods)
	};
}
