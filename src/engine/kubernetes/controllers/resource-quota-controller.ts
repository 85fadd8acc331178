/**
 * kube-controller-manager's resource quota controller (pkg/controller/resourcequota
 * resource_quota_controller.go syncResourceQuota) and the ResourceQuota admission plugin's check
 * (./quota-usage.ts):
 * - status.hard is spec.hard, status.used what the namespace holds of every name in it (zero
 *   included), recomputed when the quota changes and, through the controller's replenishment
 *   monitors, when a counted object comes or goes or a pod finishes — at once: the real
 *   controller's sync takes milliseconds, so `kubectl get quota` right after a create shows it.
 * - quotaRefusal: a new pod, or object of a counted kind, that some quota of its namespace
 *   forbids, with the API server's Forbidden text. Admission counts what the namespace holds at
 *   that instant, which status.used always catches up with.
 */
import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, splitKey } from '../api/collections';
import { RESOURCES } from '../../manifests/registry';
import { formatQuantity } from '../../manifests/quantity';
import {
	exceeded,
	objectUsage,
	podConstraints,
	podMatchesScopes,
	podUsage,
	q,
	sumUsage,
	type Usage
} from './quota-usage';

/** Same key the API server's generic storage gives the kind (apply.ts collectionFor). */
export const QUOTAS = 'core/v1/resourcequotas';

/** The collection of a counted resource (`deployments.apps`, `services`), or undefined. */
function collectionOf(
	qualified: string
): { collection: string; resource: string; group: string } | undefined {
	const dot = qualified.indexOf('.');
	const resource = dot < 0 ? qualified : qualified.slice(0, dot);
	const group = dot < 0 ? '' : qualified.slice(dot + 1);
	const info = RESOURCES.find((r) => r.resource === resource && r.group === group);
	if (info === undefined) return undefined;
	return { collection: `${group || 'core'}/${info.version}/${resource}`, resource, group };
}

/** The counted collections a quota's names need, besides pods. */
function countedCollections(names: readonly string[]): string[] {
	const out = new Set<string>();
	for (const name of names) {
		const qualified = name.startsWith('count/') ? name.slice('count/'.length) : name;
		const legacy = name === 'requests.storage' ? 'persistentvolumeclaims' : qualified;
		const found = collectionOf(name.startsWith('services.') ? 'services' : legacy);
		if (found !== undefined && found.resource !== 'pods') out.add(found.collection);
	}
	return [...out];
}

const hardNames = (rq: ResourceQuota) => Object.keys(rq.spec?.hard ?? {});

/** What the namespace holds of the names a quota limits (pods only, for a scoped quota). */
export function namespaceUsage(api: ApiServer, namespace: string, rq: ResourceQuota): Usage {
	const scopes = rq.spec?.scopes ?? [];
	const parts: Usage[] = api
		.list<Pod>(PODS, namespace)
		.filter((pod) => podMatchesScopes(pod, scopes))
		.map(podUsage);
	if (scopes.length > 0) return sumUsage(parts);
	for (const collection of countedCollections(hardNames(rq))) {
		const resource = collection.slice(collection.lastIndexOf('/') + 1);
		const group = collection.split('/')[0] === 'core' ? '' : collection.split('/')[0]!;
		for (const object of api.list(collection, namespace))
			parts.push(objectUsage(resource, group, object));
	}
	return sumUsage(parts);
}

function quotasIn(api: ApiServer, namespace: string): ResourceQuota[] {
	return api
		.list<ResourceQuota>(QUOTAS, namespace)
		.filter((rq) => rq.metadata?.deletionTimestamp === undefined)
		.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

/**
 * The ResourceQuota plugin's refusal of a new object (`pods "x" is forbidden: …`), or
 * undefined. `requested` is the object's own usage; `pod` is given for the Constraints check.
 */
function refusal(
	api: ApiServer,
	namespace: string,
	what: string,
	requested: Usage,
	pod?: Pod
): string | undefined {
	// A scoped quota counts only the pods its scopes match (evaluator.Matches).
	const quotas = quotasIn(api, namespace).filter((rq) =>
		(rq.spec?.scopes ?? []).length === 0
			? true
			: pod !== undefined && podMatchesScopes(pod, rq.spec!.scopes!)
	);
	if (quotas.length === 0) return undefined;
	if (pod !== undefined)
		for (const rq of quotas) {
			const missing = podConstraints(pod, hardNames(rq));
			if (missing !== undefined)
				return `${what} is forbidden: failed quota: ${rq.metadata!.name}: ${missing}`;
		}
	for (const rq of quotas) {
		const used = namespaceUsage(api, namespace, rq);
		const over = exceeded(rq, used, requested);
		if (over !== undefined) return `${what} is forbidden: ${over}`;
	}
	return undefined;
}

/** Admission of a new pod: the Forbidden text, or undefined. */
export function podQuotaRefusal(api: ApiServer, pod: Pod): string | undefined {
	const namespace = pod.metadata?.namespace ?? 'default';
	if (api.count(QUOTAS) === 0) return undefined;
	// A generateName pod (a controller's) is named in the error by what it would be called.
	const name = pod.metadata?.name ?? pod.metadata?.generateName ?? '';
	return refusal(api, namespace, `pods ${JSON.stringify(name)}`, podUsage(pod), pod);
}

/** Admission of a new object of another kind (`count/…`, services, claims …). */
export function objectQuotaRefusal(
	api: ApiServer,
	resource: string,
	group: string,
	object: { metadata?: { name?: string; namespace?: string } }
): string | undefined {
	if (api.count(QUOTAS) === 0) return undefined;
	const namespace = object.metadata?.namespace ?? 'default';
	const what = `${group === '' ? resource : `${resource}.${group}`} ${JSON.stringify(object.metadata?.name ?? '')}`;
	return refusal(api, namespace, what, objectUsage(resource, group, object));
}

/** status.hard (canonical quantities) and status.used (every hard name, zero included). */
function statusOf(rq: ResourceQuota, used: Usage): ResourceQuota['status'] {
	const hard: Record<string, string> = {};
	const usedOut: Record<string, string> = {};
	for (const name of Object.keys(rq.spec?.hard ?? {}).sort()) {
		hard[name] = formatQuantity(q(rq.spec!.hard![name]));
		usedOut[name] = formatQuantity(used.get(name) ?? q('0'));
	}
	return { hard, used: usedOut };
}

export class ResourceQuotaController {
	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		kernel.store.watch<ResourceQuota>(QUOTAS, (e) => {
			if (e.type !== 'DELETED') this.sync(e.object.metadata?.namespace ?? 'default');
		});
		// Replenishment: pods that come, go or finish; counted objects that come or go.
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type === 'MODIFIED') {
				const phase = e.object.status?.phase;
				if (phase !== 'Succeeded' && phase !== 'Failed') return;
			}
			this.touch(splitKey(e.key).namespace);
		});
		for (const r of RESOURCES) {
			if (r.resource === 'pods' || !r.namespaced) continue;
			kernel.store.watch(`${r.group || 'core'}/${r.version}/${r.resource}`, (e) => {
				if (e.type !== 'MODIFIED') this.touch(splitKey(e.key).namespace);
			});
		}
	}

	/** A write in a namespace: sync only where some quota lives. */
	private touch(namespace: string): void {
		if (this.kernel.store.size(QUOTAS) === 0) return;
		if (this.api.list(QUOTAS, namespace).length > 0) this.sync(namespace);
	}

	/** syncResourceQuota for every quota of the namespace; a write only when status changes. */
	private sync(namespace: string): void {
		for (const rq of this.api.list<ResourceQuota>(QUOTAS, namespace)) {
			const status = statusOf(rq, namespaceUsage(this.api, namespace, rq));
			if (JSON.stringify(status) === JSON.stringify(rq.status)) continue;
			this.api.update<ResourceQuota>(QUOTAS, { ...rq, status });
		}
	}
}
