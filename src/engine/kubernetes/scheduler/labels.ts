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
import { hasOwnKey } from '../../core/own-keys';

export type Labels = Readonly<Record<string, string>>;

const NO_LABELS_SET: Labels = Object.freeze({});

/**
 * Whether two label maps hold the same own keys and values (undefined: none). Counted with
 * for-in, no key arrays made: the scheduler asks on node updates and bound pods' writes.
 */
export function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
	if (a === b) return true;
	const x = a ?? NO_LABELS_SET;
	const y = b ?? NO_LABELS_SET;
	let n = 0;
	for (const k in x) {
		if (!Object.hasOwn(x, k)) continue;
		if (!Object.hasOwn(y, k) || x[k] !== y[k]) return false;
		n++;
	}
	for (const k in y) if (Object.hasOwn(y, k)) n--;
	return n === 0;
}

export interface Selector {
	/** labels.Selector.Empty(): no requirements, so it matches everything. */
	readonly empty: boolean;
	/**
	 * The requirements in a canonical text (sorted, values sorted and deduplicated): two
	 * selectors with the same key match the same label sets. It names a selector's pod counts
	 * in the cache (SchedulerCache.podCounter).
	 */
	readonly key: string;
	/** The requirements, in key order. */
	readonly reqs: readonly Requirement[];
	matches(labels: Labels | undefined): boolean;
}

/** One labels.Requirement: key, operator and values (sorted, unique). */
export interface Requirement {
	readonly key: string;
	readonly op: string;
	readonly values: readonly string[];
	/** The canonical text of this requirement, a part of Selector.key. */
	readonly text: string;
}

const NO_LABELS: Labels = {};

function requirementOf(key: string, op: string, values: readonly string[]): Requirement {
	// Exists and DoesNotExist ignore their values; In and NotIn read them as a set.
	const set = op === 'In' || op === 'NotIn' ? [...new Set(values)].sort() : [];
	return { key, op, values: set, text: JSON.stringify([key, op, ...set]) };
}

/** Requirement.Matches. */
function reqMatches(r: Requirement, l: Labels): boolean {
	switch (r.op) {
		case 'In':
			return hasOwnKey(l, r.key) && r.values.includes(l[r.key] as string);
		case 'NotIn':
			return !hasOwnKey(l, r.key) || !r.values.includes(l[r.key] as string);
		case 'Exists':
			return hasOwnKey(l, r.key);
		case 'DoesNotExist':
			return !hasOwnKey(l, r.key);
		default:
			// An unknown operator is a parse error upstream; the selector then matches nothing.
			return false;
	}
}

/** Compiled selectors by canonical key, so that equal selectors are one object. */
const compiled = new Map<string, Selector>();

function compile(reqs: readonly Requirement[]): Selector {
	if (reqs.length === 0) return EVERYTHING;
	const key = reqs.map((r) => r.text).join('\n');
	let sel = compiled.get(key);
	if (sel) return sel;
	if (compiled.size > 10_000) compiled.clear(); // keys stay canonical; only sharing is lost
	// Single-value In requirements (matchLabels, a Service's map) compare one label each:
	// `key in l && [v].includes(l[key])` is `l[key] === v` for a string v (an inherited
	// Object.prototype member is never a string, so no own-key test is needed).
	const simple = reqs.every(
		(r) => r.op === 'In' && r.values.length === 1 && typeof r.values[0] === 'string'
	);
	const keys = reqs.map((r) => r.key);
	const values = reqs.map((r) => r.values[0] as string);
	const n = reqs.length;
	sel = {
		empty: false,
		key,
		reqs,
		matches: simple
			? (labels) => {
					const l = labels ?? NO_LABELS;
					for (let i = 0; i < n; i++) if (l[keys[i] as string] !== values[i]) return false;
					return true;
				}
			: (labels) => {
					const l = labels ?? NO_LABELS;
					for (let i = 0; i < n; i++) if (!reqMatches(reqs[i] as Requirement, l)) return false;
					return true;
				}
	};
	compiled.set(key, sel);
	return sel;
}

/** Sorts requirements by their text and drops repeats (a selector is their conjunction). */
function canonical(reqs: Requirement[]): Requirement[] {
	reqs.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
	return reqs.filter((r, i) => i === 0 || r.text !== (reqs[i - 1] as Requirement).text);
}

/** labels.Everything(): what an empty LabelSelector becomes. */
export const EVERYTHING: Selector = { empty: true, key: '', reqs: [], matches: () => true };
/** labels.Nothing(): what a nil *LabelSelector becomes (one requirement no label set meets). */
export const NOTHING: Selector = compile([requirementOf('', 'Nothing', [])]);

/** Compiled selectors per LabelSelector object (API objects are immutable: writes replace them). */
const fromObjects = new WeakMap<LabelSelector, Selector>();

/** metav1.LabelSelectorAsSelector: nil → Nothing, {} → Everything. */
export function labelSelector(sel: LabelSelector | undefined | null): Selector {
	if (!sel) return NOTHING;
	let s = fromObjects.get(sel);
	if (!s) fromObjects.set(sel, (s = compileLabelSelector(sel)));
	return s;
}

function compileLabelSelector(sel: LabelSelector): Selector {
	const reqs: Requirement[] = [];
	for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
		reqs.push(requirementOf(k, 'In', [v]));
	for (const e of sel.matchExpressions ?? [])
		reqs.push(requirementOf(e.key, e.operator, e.values ?? []));
	return compile(canonical(reqs));
}

/** labels.SelectorFromSet (a Service's or RC's map selector): an empty map is Everything. */
export function selectorFromSet(set: Labels | undefined): Selector {
	if (!set) return EVERYTHING;
	let s = fromSets.get(set);
	if (!s) fromSets.set(set, (s = compileSet(set)));
	return s;
}

/** Compiled selectors per map object (a Service's spec.selector; objects are immutable). */
const fromSets = new WeakMap<Labels, Selector>();

function compileSet(set: Labels): Selector {
	const reqs: Requirement[] = [];
	for (const [k, v] of Object.entries(set)) reqs.push(requirementOf(k, 'In', [v]));
	return reqs.length === 0 ? EVERYTHING : compile(canonical(reqs));
}

/** The conjunction of two selectors (selector.Add of the other's requirements). */
export function and(a: Selector, b: Selector): Selector {
	if (b.empty) return a;
	if (a.empty) return b;
	return compile(canonical([...a.reqs, ...b.reqs]));
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
	const has = hasOwnKey(labels, e.key);
	const v = has ? labels[e.key] : undefined;
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
