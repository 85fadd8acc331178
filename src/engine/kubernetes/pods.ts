/** Small facts about pods that several components need. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export function podName(pod: Pod): string {
	return pod.metadata!.name!;
}

export function podNamespace(pod: Pod): string {
	return pod.metadata!.namespace ?? 'default';
}

export function isTerminating(pod: Pod): boolean {
	return pod.metadata?.deletionTimestamp !== undefined;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isActive(pod: Pod): boolean {
	const phase = pod.status?.phase;
	return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

export function isReady(pod: Pod): boolean {
	// A loop, not `some` with a callback: controllers ask for every pod of a set at each sync.
	for (const c of pod.status?.conditions ?? NO_CONDITIONS)
		if (c.type === 'Ready' && c.status === 'True') return true;
	return false;
}

const NO_CONDITIONS: readonly { type: string; status: string }[] = [];

/** The controller owning the pod (ownerReferences with controller: true). */
export function controllerOf(pod: { metadata?: Pod['metadata'] }): string | undefined {
	return pod.metadata?.ownerReferences?.find((r) => r.controller === true)?.uid;
}

/** metav1.LabelSelector matching: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
export function selectorMatches(
	selector: LabelSelector | undefined,
	labels: Readonly<Record<string, string>> = {}
): boolean {
	if (selector === undefined) return false;
	for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
		if (labels[k] !== v) return false;
	for (const e of selector.matchExpressions ?? []) {
		const has = Object.prototype.hasOwnProperty.call(labels, e.key);
		const value = labels[e.key];
		const values = e.values ?? [];
		if (e.operator === 'In' && !(has && values.includes(value!))) return false;
		if (e.operator === 'NotIn' && has && values.includes(value!)) return false;
		if (e.operator === 'Exists' && !has) return false;
		if (e.operator === 'DoesNotExist' && has) return false;
	}
	return true;
}

/** `app=web,tier=front` as kubectl prints a selector (metav1.FormatLabelSelector). */
export function formatSelector(selector: LabelSelector | undefined): string {
	if (selector === undefined) return '<none>';
	const parts = Object.keys(selector.matchLabels ?? {})
		.sort()
		.map((k) => `${k}=${selector.matchLabels![k]}`);
	for (const e of selector.matchExpressions ?? []) {
		const vals = [...(e.values ?? [])].sort().join(',');
		if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
		else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
		else if (e.operator === 'Exists') parts.push(e.key);
		else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
	}
	return parts.length === 0 ? '<none>' : parts.join(',');
}
