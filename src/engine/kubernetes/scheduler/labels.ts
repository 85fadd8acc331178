/**
 * Label selectors, node selectors and tolerations with upstream's edge cases:
 * apimachinery labels/selector.go, metav1 LabelSelectorAsSelector, component-helpers
 * scheduling/corev1/nodeaffinity and core/v1 toleration.go ToleratesTaint.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type {
	Node,
	NodeSelectorRequirement,
	NodeSelectorTerm,
	PreferredSchedulingTerm,
	Pod,
	Taint,
	Toleration
} from 'kubernetes-types/core/v1';

export type Labels = Readonly<Record<string, string>>;

export interface Selector {
	/** labels.Selector.Empty(): no requirements, so it matches everything. */
	readonly empty: boolean;
	matches(labels: Labels | undefined): boolean;
}

const NO_LABELS: Labels = {};

/** labels.Nothing(): what a nil *LabelSelector becomes. */
export const NOTHING: Selector = { empty: false, matches: () => false };
/** labels.Everything(): what an empty LabelSelector becomes. */
export const EVERYTHING: Selector = { empty: true, matches: () => true };

type Req = (labels: Labels) => boolean;

function requirement(key: string, op: string, values: readonly string[]): Req {
	switch (op) {
		case 'In':
			return (l) => key in l && values.includes(l[key] as string);
		case 'NotIn':
			return (l) => !(key in l) || !values.includes(l[key] as string);
		case 'Exists':
			return (l) => key in l;
		case 'DoesNotExist':
			return (l) => !(key in l);
		default:
			// An unknown operator is a parse error upstream; the selector then matches nothing.
			return () => false;
	}
}

function fromRequirements(reqs: Req[]): Selector {
	if (reqs.length === 0) return EVERYTHING;
	return {
		empty: false,
		matches(labels) {
			const l = labels ?? NO_LABELS;
			for (const r of reqs) if (!r(l)) return false;
			return true;
		}
	};
}

/** metav1.LabelSelectorAsSelector: nil → Nothing, {} → Everything. */
export function labelSelector(sel: LabelSelector | undefined | null): Selector {
	if (!sel) return NOTHING;
	const reqs: Req[] = [];
	for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push(requirement(k, 'In', [v]));
	for (const e of sel.matchExpressions ?? [])
		reqs.push(requirement(e.key, e.operator, e.values ?? []));
	return fromRequirements(reqs);
}

/** labels.SelectorFromSet (a Service's or RC's map selector): an empty map is Everything. */
export function selectorFromSet(set: Labels | undefined): Selector {
	return fromRequirements(Object.entries(set ?? {}).map(([k, v]) => requirement(k, 'In', [v])));
}

/** The conjunction of selectors (selector.Add of the other's requirements). */
export function and(...sels: Selector[]): Selector {
	const parts = sels.filter((s) => !s.empty);
	if (parts.length === 0) return EVERYTHING;
	if (parts.length === 1) return parts[0] as Selector;
	return { empty: false, matches: (l) => parts.every((s) => s.matches(l)) };
}

/** core/v1 toleration.go ToleratesTaint (empty operator means Equal, empty effect all). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
	if (t.effect && t.effect !== taint.effect) return false;
	if (t.key && t.key !== taint.key) return false;
	const op = t.operator ?? '';
	if (op === '' || op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
	return op === 'Exists';
}

/** component-helpers TolerationsTolerateTaint: any toleration tolerates the taint. */
export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
	for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
	return false;
}

/** nodeaffinity.go: Gt/Lt parse the label as an int64; a parse error fails the term. */
function intLabel(v: string | undefined): number {
	return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
}

function exprMatches(e: NodeSelectorRequirement, labels: Labels): boolean {
	const has = e.key in labels;
	const v = labels[e.key];
	const values = e.values ?? [];
	switch (e.operator) {
		case 'In':
			return has && values.includes(v as string);
		case 'NotIn':
			return !has || !values.includes(v as string);
		case 'Exists':
			return has;
		case 'DoesNotExist':
			return !has;
		case 'Gt':
		case 'Lt': {
			const want = intLabel(values[0]);
			const got = intLabel(v);
			if (values.length !== 1 || Number.isNaN(want) || Number.isNaN(got)) return false;
			return e.operator === 'Gt' ? got > want : got < want;
		}
		default:
			return false;
	}
}

/** A NodeSelectorTerm: ANDed expressions and fields; a term with neither matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
	const exprs = term.matchExpressions ?? [];
	const fields = term.matchFields ?? [];
	if (exprs.length === 0 && fields.length === 0) return false;
	const labels = node.metadata?.labels ?? NO_LABELS;
	for (const e of exprs) if (!exprMatches(e, labels)) return false;
	const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
	for (const f of fields) {
		// Field selectors accept only In/NotIn with exactly one value (nodeaffinity.go
		// nodeSelectorRequirementsAsFieldSelector); anything else is a parse error.
		const op = f.operator === 'In' || f.operator === 'NotIn';
		if (f.key !== 'metadata.name' || !op || f.values?.length !== 1) return false;
		if (!exprMatches(f, nodeFields)) return false;
	}
	return true;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match: nodeSelector AND any required term. */
export interface RequiredNodeAffinity {
	match(node: Node): boolean;
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity | null {
	const selector = pod.spec?.nodeSelector;
	const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
	if (!required && !selector) return null;
	const pairs = Object.entries(selector ?? {});
	const terms = required?.nodeSelectorTerms;
	return {
		match(node) {
			const labels = node.metadata?.labels ?? NO_LABELS;
			for (const [k, v] of pairs) if (labels[k] !== v) return false;
			if (!terms) return true;
			for (const t of terms) if (termMatches(t, node)) return true;
			return false;
		}
	};
}

/** nodeaffinity.PreferredSchedulingTerms.Score: the sum of the weights of matching terms. */
export function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
	let sum = 0;
	for (const t of terms) if (t.weight !== 0 && termMatches(t.preference, node)) sum += t.weight;
	return sum;
}
