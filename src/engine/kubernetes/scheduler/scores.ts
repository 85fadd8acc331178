/**
 * The node-local Score plugins of the default profile and helper/normalize_score.go.
 * Each returns upstream's raw int64 score; integer division truncates as Go's does.
 */
import type { Container, PreferredSchedulingTerm, Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo, PodInfo } from './cache';
import { IMAGE_MAX_CONTAINER_THRESHOLD, IMAGE_MIN_THRESHOLD, MAX_NODE_SCORE } from './defaults';
import { preferredScore, tolerated } from './labels';

/** helper.DefaultNormalizeScore: scale to [0, 100] by the maximum; `reverse` flips it. */
export function defaultNormalize(scores: Float64Array, n: number, reverse: boolean): void {
	let max = 0;
	for (let i = 0; i < n; i++) if ((scores[i] as number) > max) max = scores[i] as number;
	for (let i = 0; i < n; i++) {
		let s = max === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * (scores[i] as number)) / max);
		if (reverse) s = MAX_NODE_SCORE - s;
		scores[i] = s;
	}
}

/**
 * tainttoleration/taint_toleration.go getAllTolerationPreferNoSchedule: tolerations with
 * effect PreferNoSchedule or no effect at all.
 */
export function preferTolerations(tolerations: readonly Toleration[]): Toleration[] {
	return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** taint_toleration.go countIntolerableTaintsPreferNoSchedule (normalized reversed). */
export function taintScore(ni: NodeInfo, prefer: readonly Toleration[]): number {
	let n = 0;
	for (const t of ni.preferTaints) if (!tolerated(prefer, t)) n++;
	return n;
}

/** nodeaffinity/node_affinity.go Score: the weights of matching preferred terms. */
export function nodeAffinityScore(ni: NodeInfo, terms: readonly PreferredSchedulingTerm[]): number {
	return ni.node ? preferredScore(terms, ni.node) : 0;
}

/** least_allocated.go leastRequestedScore: unused share of capacity on a 0–100 scale. */
function leastRequested(requested: number, capacity: number): number {
	if (capacity === 0 || requested > capacity) return 0;
	return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * NodeResourcesFit Score with the default LeastAllocated strategy (least_allocated.go
 * leastResourceScorer): cpu and memory with weight 1 each, using NonZeroRequested, so a
 * pod without requests still counts 100m and 200Mi. Resources a node lacks are skipped.
 */
export function leastAllocatedScore(ni: NodeInfo, p: PodInfo): number {
	let sum = 0;
	let weights = 0;
	if (ni.allocMilliCPU > 0) {
		sum += leastRequested(ni.nonZeroMilliCPU + p.nonZeroMilliCPU, ni.allocMilliCPU);
		weights++;
	}
	if (ni.allocMemory > 0) {
		sum += leastRequested(ni.nonZeroMemory + p.nonZeroMemory, ni.allocMemory);
		weights++;
	}
	return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** balanced_allocation.go PreScore: best-effort pods skip the plugin (issue #129138). */
export function isBestEffort(p: PodInfo): boolean {
	return p.requests.milliCPU === 0 && p.requests.memory === 0;
}

/**
 * balanced_allocation.go balancedResourceScorer on actual (not non-zero) requests:
 * (1 − std) × 100 where, for cpu and memory, std = |cpuFraction − memoryFraction| / 2.
 */
export function balancedScore(ni: NodeInfo, p: PodInfo): number {
	// Two fractions at most, kept in locals: this runs for every scored node.
	let n = 0;
	let f0 = 0;
	let f1 = 0;
	if (ni.allocMilliCPU !== 0) {
		f0 = Math.min((ni.reqMilliCPU + p.requests.milliCPU) / ni.allocMilliCPU, 1);
		n++;
	}
	if (ni.allocMemory !== 0) {
		const f = Math.min((ni.reqMemory + p.requests.memory) / ni.allocMemory, 1);
		if (n === 0) f0 = f;
		else f1 = f;
		n++;
	}
	const std = n === 2 ? Math.abs((f0 - f1) / 2) : 0;
	return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** image_locality.go normalizedImageName: an untagged image means ":latest". */
export function normalizedImageName(name: string): string {
	return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * image_locality.go Score: each image already on the node counts its size scaled by the
 * share of nodes that have it (against "node heating"), and the sum is mapped linearly from
 * [23 MiB, 1000 MiB × containers] to [0, 100].
 */
export function imageLocalityScore(
	ni: NodeInfo,
	images: readonly string[],
	totalNodes: number
): number {
	let sum = 0;
	for (const image of images) {
		const s = ni.images.get(image);
		if (s) sum += Math.trunc(s.size * (s.nodes / totalNodes));
	}
	const maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD * images.length;
	if (sum < IMAGE_MIN_THRESHOLD) sum = IMAGE_MIN_THRESHOLD;
	else if (sum > maxThreshold) sum = maxThreshold;
	return Math.trunc(
		(MAX_NODE_SCORE * (sum - IMAGE_MIN_THRESHOLD)) / (maxThreshold - IMAGE_MIN_THRESHOLD)
	);
}

interface Images {
	readonly initContainers: readonly Container[] | undefined;
	readonly names: readonly string[];
}

/** podImages per containers array (API objects are immutable; a template's pods share it). */
const imagesOf = new WeakMap<readonly Container[], Images>();

/** The pod's images in upstream's order: init containers, then containers. */
export function podImages(p: PodInfo): readonly string[] {
	const spec = p.pod.spec;
	const containers = spec?.containers;
	const memo = containers ? imagesOf.get(containers) : undefined;
	if (memo && memo.initContainers === spec?.initContainers) return memo.names;
	const names = [...(spec?.initContainers ?? []), ...(containers ?? [])].map((c) =>
		normalizedImageName(c.image ?? '')
	);
	if (containers) imagesOf.set(containers, { initContainers: spec?.initContainers, names });
	return names;
}
