/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go), for the
 * LimitRanges of the new object's namespace, one range after another:
 * - PodMutateLimitFunc: every container (and init container) lacking a request or limit that a
 *   Container item defaults gets it (defaultContainerResourceRequirements,
 *   mergeContainerResources), and the pod is annotated `kubernetes.io/limit-ranger: LimitRanger
 *   plugin set: cpu, memory request for container app; cpu limit for container app`;
 * - PodValidateLimitFunc: min, max and maxLimitRequestRatio of Container items per container, of
 *   Pod items over the pod's sums; PersistentVolumeClaimValidateLimitFunc: min and max storage
 *   of a claim's request. The first range with a violation refuses the object, its errors
 *   joined as utilerrors.NewAggregate prints them (`[a, b]` when more than one).
 */
import type {
	Container,
	LimitRange,
	PersistentVolumeClaim,
	Pod,
	PodSpec
} from 'kubernetes-types/core/v1';
import { parseQuantity, quantityText } from './quantity';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type List = Record<string, string>;

const text = quantityText;
const milli = (value: string | undefined): bigint => {
	if (value === undefined) return 0n;
	const q = parseQuantity(value);
	return 'error' in q ? 0n : q.milli;
};

/** mergeContainerResources: what it set, as the annotation phrases it. */
function mergeContainer(c: Container, requests: List, limits: List, prefix: string): string[] {
	const resources = (c.resources ??= {});
	const setLimits: string[] = [];
	const setRequests: string[] = [];
	for (const [name, value] of Object.entries(limits)) {
		if (resources.limits?.[name] !== undefined) continue;
		resources.limits = { ...resources.limits, [name]: value };
		setLimits.push(name);
	}
	for (const [name, value] of Object.entries(requests)) {
		if (resources.requests?.[name] !== undefined) continue;
		resources.requests = { ...resources.requests, [name]: value };
		setRequests.push(name);
	}
	const out: string[] = [];
	if (setRequests.length > 0)
		out.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
	if (setLimits.length > 0)
		out.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
	return out;
}

/** A copy of the spec whose containers' resources may be changed (the spec may be shared). */
function ownContainers(spec: PodSpec): PodSpec {
	const own = (c: Container): Container => ({ ...c, resources: { ...c.resources } });
	return {
		...spec,
		containers: (spec.containers ?? []).map(own),
		...(spec.initContainers ? { initContainers: spec.initContainers.map(own) } : {})
	};
}

/** PodMutateLimitFunc for one range. Mutates the pod. */
function mutatePod(pod: Pod, lr: LimitRange): void {
	const requests: List = {};
	const limits: List = {};
	for (const item of lr.spec?.limits ?? []) {
		if (item.type !== 'Container') continue;
		Object.assign(requests, item.defaultRequest);
		Object.assign(limits, item.default);
	}
	const spec = pod.spec;
	if (spec === undefined) return;
	const notes = [
		...(spec.containers ?? []).flatMap((c) => mergeContainer(c, requests, limits, 'container')),
		...(spec.initContainers ?? []).flatMap((c) =>
			mergeContainer(c, requests, limits, 'init container')
		)
	];
	if (notes.length === 0) return;
	const meta = (pod.metadata ??= {});
	meta.annotations = {
		...meta.annotations,
		[LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`
	};
}

function minConstraint(type: string, name: string, enforced: string, req: List, lim: List) {
	const r = req[name];
	const l = lim[name];
	const e = text(enforced);
	if (r === undefined) return `minimum ${name} usage per ${type} is ${e}.  No request is specified`;
	if (milli(r) < milli(enforced))
		return `minimum ${name} usage per ${type} is ${e}, but request is ${text(r)}`;
	if (l !== undefined && milli(l) < milli(enforced))
		return `minimum ${name} usage per ${type} is ${e}, but limit is ${text(l)}`;
	return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, req: List, lim: List) {
	const r = req[name];
	const l = lim[name];
	const e = text(enforced);
	if (l === undefined) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified`;
	if (milli(l) > milli(enforced))
		return `maximum ${name} usage per ${type} is ${e}, but limit is ${text(l)}`;
	if (r !== undefined && milli(r) > milli(enforced))
		return `maximum ${name} usage per ${type} is ${e}, but request is ${text(r)}`;
	return undefined;
}

/** maxRequestConstraint: a claim's storage request against a max. */
function maxRequestConstraint(type: string, name: string, enforced: string, req: List) {
	const r = req[name];
	const e = text(enforced);
	if (r === undefined) return `maximum ${name} usage per ${type} is ${e}.  No request is specified`;
	if (milli(r) > milli(enforced))
		return `maximum ${name} usage per ${type} is ${e}, but request is ${text(r)}`;
	return undefined;
}

function ratioConstraint(type: string, name: string, enforced: string, req: List, lim: List) {
	const r = milli(req[name]);
	const l = milli(lim[name]);
	const e = text(enforced);
	if (r === 0n)
		return `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
	if (l === 0n)
		return `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
	const observed = Number(l) / Number(r);
	if (observed * 1000 > Number(milli(enforced)))
		// Go's %f: six decimals.
		return `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${observed.toFixed(6)}`;
	return undefined;
}

/** The pod's sums over its containers (podRequests/podLimits, init containers as maxima). */
function podTotals(pod: Pod, field: 'requests' | 'limits'): List {
	const sum = new Map<string, bigint>();
	for (const c of pod.spec?.containers ?? [])
		for (const [name, value] of Object.entries(c.resources?.[field] ?? {}))
			sum.set(name, (sum.get(name) ?? 0n) + milli(value));
	for (const c of pod.spec?.initContainers ?? [])
		for (const [name, value] of Object.entries(c.resources?.[field] ?? {}))
			if (milli(value) > (sum.get(name) ?? 0n)) sum.set(name, milli(value));
	const out: List = {};
	for (const [name, m] of sum) out[name] = `${m}m`;
	return out;
}

/** The checks of one item against one set of requests and limits, names sorted. */
function itemErrors(
	item: NonNullable<LimitRange['spec']>['limits'][number],
	req: List,
	lim: List
): string[] {
	const type = item.type;
	const errs: (string | undefined)[] = [];
	for (const name of Object.keys(item.min ?? {}).sort())
		errs.push(minConstraint(type, name, item.min![name]!, req, lim));
	for (const name of Object.keys(item.max ?? {}).sort())
		errs.push(maxConstraint(type, name, item.max![name]!, req, lim));
	for (const name of Object.keys(item.maxLimitRequestRatio ?? {}).sort())
		errs.push(ratioConstraint(type, name, item.maxLimitRequestRatio![name]!, req, lim));
	return errs.filter((e): e is string => e !== undefined);
}

function validatePod(pod: Pod, lr: LimitRange): string[] {
	const errs: string[] = [];
	for (const item of lr.spec?.limits ?? []) {
		if (item.type === 'Container') {
			const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
			for (const c of containers)
				errs.push(...itemErrors(item, c.resources?.requests ?? {}, c.resources?.limits ?? {}));
		} else if (item.type === 'Pod')
			errs.push(...itemErrors(item, podTotals(pod, 'requests'), podTotals(pod, 'limits')));
	}
	return errs;
}

function validateClaim(claim: PersistentVolumeClaim, lr: LimitRange): string[] {
	const errs: (string | undefined)[] = [];
	const requests = claim.spec?.resources?.requests ?? {};
	for (const item of lr.spec?.limits ?? []) {
		if (item.type !== 'PersistentVolumeClaim') continue;
		for (const name of Object.keys(item.min ?? {}).sort())
			errs.push(minConstraint(item.type, name, item.min![name]!, requests, {}));
		for (const name of Object.keys(item.max ?? {}).sort())
			errs.push(maxRequestConstraint(item.type, name, item.max![name]!, requests));
	}
	return errs.filter((e): e is string => e !== undefined);
}

/** utilerrors.NewAggregate(...).Error(): duplicates dropped, `[a, b]` for several. */
function aggregate(errs: readonly string[]): string {
	const unique = [...new Set(errs)];
	return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/**
 * The plugin for a new pod or claim: mutates a pod's resources (admit), then validates against
 * each range. Returns the reason to refuse (without the `… is forbidden: ` prefix), or undefined.
 */
export function limitRanger(
	kind: string,
	object: object,
	ranges: readonly LimitRange[]
): string | undefined {
	if (ranges.length === 0) return undefined;
	if (kind === 'Pod') {
		const pod = object as { spec?: PodSpec };
		if (pod.spec !== undefined) pod.spec = ownContainers(pod.spec);
		for (const lr of ranges) mutatePod(object as Pod, lr);
		for (const lr of ranges) {
			const errs = validatePod(object as Pod, lr);
			if (errs.length > 0) return aggregate(errs);
		}
	} else if (kind === 'PersistentVolumeClaim')
		for (const lr of ranges) {
			const errs = validateClaim(object as PersistentVolumeClaim, lr);
			if (errs.length > 0) return aggregate(errs);
		}
	return undefined;
}
