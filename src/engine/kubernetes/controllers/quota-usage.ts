/**
 * What a ResourceQuota counts, and the admission plugin's verdict on a new object
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go CheckRequest,
 * pkg/quota/v1/evaluator/core/pods.go, staging/src/k8s.io/apiserver/pkg/quota/v1 resources.go):
 * - a pod counts as `pods`/`count/pods` 1 (unless Succeeded or Failed), and for cpu and memory
 *   the sum over its containers of requests (`requests.cpu`, and bare `cpu`) and limits
 *   (`limits.cpu`), an init container counting where it is larger (PodUsageFunc);
 * - any other object counts 1 towards `count/<resource>[.<group>]` and its legacy name
 *   (`services`, `configmaps`, `secrets`, `persistentvolumeclaims`, `resourcequotas`), a claim
 *   its storage request towards `requests.storage`;
 * - Constraints: when a quota limits cpu or memory, every container must state that request or
 *   limit: `failed quota: NAME: must specify limits.cpu for: app; requests.memory for: app`;
 * - then `exceeded quota: NAME, requested: …, used: …, limited: …`, each list `name=quantity`
 *   sorted and comma-joined (prettyPrint), for the names the new object would push past hard.
 * Quantities add as resource.Quantity.Add does: the sum keeps the format of its first non-zero
 * term.
 */
import type { Container, Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import { formatQuantity, parseQuantity, type Quantity } from '../../manifests/quantity';
import { qosClass } from '../../manifests/admission';

export type Usage = Map<string, Quantity>;

/**
 * podEvaluator.MatchingScopes: whether a pod falls under every scope of a quota (BestEffort by
 * its QoS class, Terminating when it has spec.activeDeadlineSeconds). PriorityClass and the
 * other selector scopes are not modelled: they match every pod.
 */
export function podMatchesScopes(pod: Pod, scopes: readonly string[]): boolean {
	const bestEffort = () => qosClass(pod.spec ?? { containers: [] }) === 'BestEffort';
	const terminating = () => pod.spec?.activeDeadlineSeconds !== undefined;
	return scopes.every((scope) => {
		if (scope === 'BestEffort') return bestEffort();
		if (scope === 'NotBestEffort') return !bestEffort();
		if (scope === 'Terminating') return terminating();
		if (scope === 'NotTerminating') return !terminating();
		return true;
	});
}

const ZERO: Quantity = { milli: 0n, format: 'DecimalSI' };

export function q(text: string | undefined): Quantity {
	if (text === undefined) return ZERO;
	const parsed = parseQuantity(text);
	return 'error' in parsed ? ZERO : parsed;
}

export function add(a: Quantity, b: Quantity): Quantity {
	return { milli: a.milli + b.milli, format: a.milli === 0n ? b.format : a.format };
}

function addTo(usage: Usage, name: string, amount: Quantity): void {
	usage.set(name, add(usage.get(name) ?? ZERO, amount));
}

/** podComputeUsageHelper for one container: what it requests and limits of cpu and memory. */
function containerUsage(c: Container): Usage {
	const usage: Usage = new Map();
	const requests = c.resources?.requests ?? {};
	const limits = c.resources?.limits ?? {};
	for (const name of ['cpu', 'memory']) {
		if (requests[name] !== undefined) {
			usage.set(name, q(requests[name]));
			usage.set(`requests.${name}`, q(requests[name]));
		}
		if (limits[name] !== undefined) usage.set(`limits.${name}`, q(limits[name]));
	}
	return usage;
}

/** PodUsageFunc: containers summed, then each init container taken where it is larger. */
export function podUsage(pod: Pod): Usage {
	const usage: Usage = new Map();
	const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
	usage.set('pods', q(terminal ? '0' : '1'));
	usage.set('count/pods', q(terminal ? '0' : '1'));
	if (terminal) return usage;
	const sum: Usage = new Map();
	for (const c of pod.spec?.containers ?? [])
		for (const [name, amount] of containerUsage(c)) addTo(sum, name, amount);
	for (const c of pod.spec?.initContainers ?? [])
		for (const [name, amount] of containerUsage(c)) {
			const current = sum.get(name);
			if (current === undefined || amount.milli > current.milli) sum.set(name, amount);
		}
	for (const [name, amount] of sum) usage.set(name, amount);
	return usage;
}

/** The quota names an object of this resource counts under besides `count/…`. */
const LEGACY_COUNTS: Record<string, string> = {
	services: 'services',
	configmaps: 'configmaps',
	secrets: 'secrets',
	persistentvolumeclaims: 'persistentvolumeclaims',
	resourcequotas: 'resourcequotas'
};

/** An object's usage: `count/<resource>[.<group>]`, its legacy name, a claim's storage. */
export function objectUsage(resource: string, group: string, object: object): Usage {
	const usage: Usage = new Map();
	const one = q('1');
	usage.set(`count/${group === '' ? resource : `${resource}.${group}`}`, one);
	const legacy = LEGACY_COUNTS[group === '' ? resource : ''];
	if (legacy !== undefined) usage.set(legacy, one);
	if (resource === 'persistentvolumeclaims') {
		const storage = (object as { spec?: { resources?: { requests?: Record<string, string> } } })
			.spec?.resources?.requests?.['storage'];
		usage.set('requests.storage', q(storage));
	}
	if (resource === 'services') {
		const type = (object as { spec?: { type?: string } }).spec?.type;
		if (type === 'NodePort' || type === 'LoadBalancer') {
			const ports = (object as { spec?: { ports?: unknown[] } }).spec?.ports?.length ?? 0;
			usage.set('services.nodeports', q(String(ports)));
		}
		if (type === 'LoadBalancer') usage.set('services.loadbalancers', one);
	}
	return usage;
}

export function sumUsage(usages: Iterable<Usage>): Usage {
	const total: Usage = new Map();
	for (const usage of usages) for (const [name, amount] of usage) addTo(total, name, amount);
	return total;
}

/** quota.Mask then prettyPrint: `a=1,b=2Gi`, names sorted. */
function pretty(usage: (name: string) => Quantity, names: readonly string[]): string {
	return names.map((n) => `${n}=${formatQuantity(usage(n))}`).join(',');
}

/** pods.go validationSet: the names that oblige every container to state its resources. */
const VALIDATION_SET = [
	'cpu',
	'memory',
	'requests.cpu',
	'requests.memory',
	'limits.cpu',
	'limits.memory'
];

/** podEvaluator.Constraints: `must specify …`, or undefined. */
export function podConstraints(pod: Pod, hard: readonly string[]): string | undefined {
	const required = VALIDATION_SET.filter((n) => hard.includes(n));
	const missing = new Map<string, Set<string>>();
	const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
	for (const c of containers) {
		const has = containerUsage(c);
		for (const name of required)
			if (!has.has(name)) {
				const names = missing.get(name) ?? new Set<string>();
				names.add(c.name);
				missing.set(name, names);
			}
	}
	if (missing.size === 0) return undefined;
	const parts = [...missing.keys()]
		.sort()
		.map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
	return `must specify ${parts.join('; ')}`;
}

/** CheckRequest's usage half for one quota: the `exceeded quota` message, or undefined. */
export function exceeded(quota: ResourceQuota, used: Usage, requested: Usage): string | undefined {
	const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
	const names = Object.keys(hard).filter((n) => requested.has(n));
	const over = names
		.filter((n) => add(used.get(n) ?? ZERO, requested.get(n)!).milli > q(hard[n]).milli)
		.sort();
	if (over.length === 0) return undefined;
	return (
		`exceeded quota: ${quota.metadata?.name}, ` +
		`requested: ${pretty((n) => requested.get(n)!, over)}, ` +
		`used: ${pretty((n) => used.get(n) ?? ZERO, over)}, ` +
		`limited: ${pretty((n) => q(hard[n]), over)}`
	);
}
