/**
 * Indexed Jobs (`completionMode: Indexed`; pkg/controller/job/indexed_job_utils.go): each pod
 * gets a completion index 0 … completions-1, the Job is done once every index has succeeded,
 * and status.completedIndexes lists them in the controller's interval form ("0-2,4", "0,1").
 *
 * - the index is the pod's `batch.kubernetes.io/job-completion-index` annotation and label
 *   (addCompletionIndexAnnotation, addCompletionIndexLabel: PodIndexLabel is GA in v1.32);
 * - every container gets JOB_COMPLETION_INDEX from that label (addCompletionIndexEnvVariable);
 * - the pod's hostname is `<job>-<index>` and its name `<job>-<index>-<random>`
 *   (manageJob, podGenerateNameWithIndex);
 * - missing indexes are created lowest first (firstPendingIndexes).
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_COMPLETION_INDEX_ENV } from '../defaults';
import type { NewPod } from './workload-pods';

export function isIndexed(job: Job): boolean {
	return job.spec?.completionMode === 'Indexed';
}

/** getCompletionIndex: the pod's index, or undefined when it has none (or a bad one). */
export function completionIndexOf(pod: Pod): number | undefined {
	const text = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
	if (text === undefined || !/^\d+$/.test(text)) return undefined;
	return Number(text);
}

/** parseIndexesFromString: "0-2,4" → {0, 1, 2, 4}, ignoring indexes ≥ completions. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
	const out = new Set<number>();
	for (const part of (text ?? '').split(',')) {
		if (part === '') continue;
		const [first, last] = part.split('-').map(Number);
		if (!Number.isInteger(first)) continue;
		const end = Math.min(last ?? first!, completions - 1);
		for (let i = first!; i <= end; i++) out.add(i);
	}
	return out;
}

/**
 * orderedIntervals.String: runs of three or more as `first-last`, two neighbours as `a,b`
 * (the controller writes "0,1", not "0-1").
 */
export function formatIndexes(indexes: Iterable<number>): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let i = 0; i < sorted.length;) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
		const first = sorted[i]!;
		const last = sorted[j]!;
		if (last === first) parts.push(String(first));
		else if (last === first + 1) parts.push(`${first},${last}`);
		else parts.push(`${first}-${last}`);
		i = j + 1;
	}
	return parts.join(',');
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor run by a pod. */
export function pendingIndexes(
	count: number,
	completions: number,
	succeeded: Set<number>,
	active: Pod[]
): number[] {
	const taken = new Set(succeeded);
	for (const pod of active) {
		const ix = completionIndexOf(pod);
		if (ix !== undefined) taken.add(ix);
	}
	const out: number[] = [];
	for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
	return out;
}

/** What a pod of index `index` gets besides the template (see the file comment). */
export function indexedPod(job: Job, index: number): NewPod {
	const name = job.metadata!.name!;
	const value = String(index);
	return {
		generateName: `${name}-${value}-`,
		labels: { [JOB_COMPLETION_INDEX_ANNOTATION]: value },
		annotations: { [JOB_COMPLETION_INDEX_ANNOTATION]: value },
		spec: (spec: PodSpec) => ({
			...spec,
			...(spec.initContainers ? { initContainers: spec.initContainers.map(withIndexEnv) } : {}),
			containers: spec.containers.map(withIndexEnv),
			hostname: `${name}-${value}`
		})
	};
}

function withIndexEnv(container: Container): Container {
	if (container.env?.some((e) => e.name === JOB_COMPLETION_INDEX_ENV)) return container;
	return {
		...container,
		env: [
			...(container.env ?? []),
			{
				name: JOB_COMPLETION_INDEX_ENV,
				valueFrom: {
					fieldRef: {
						apiVersion: 'v1',
						fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']`
					}
				}
			}
		]
	};
}
