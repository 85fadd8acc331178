/**
 * An update that changes nothing is not written. etcd3's GuaranteedUpdate
 * (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go) encodes the updated object and, when
 * the bytes equal the stored ones, returns the stored object without a write: it keeps its
 * resourceVersion, and no watch event is sent. resourceVersion is not part of those bytes
 * (PrepareObjectForStorage clears it), metadata.generation moves only when the spec does (the
 * registries' PrepareForUpdate), and managedFields keep their time (managedfieldsupdater.go
 * stamps a manager's time only when its operation took fields); so the lab compares the objects
 * without their resourceVersion.
 */
import type { Store } from '../../core/store';
import type { KubeObject } from './api-server';

/**
 * Whether `next` stores as the same bytes as `stored`: equal values field by field, in any key
 * order (an object's fields encode in a fixed order, a map's sorted), a field set to undefined
 * being one the object does not have, `metadata.resourceVersion` left out.
 */
export function unchanged(next: KubeObject, stored: KubeObject): boolean {
	if (next === stored) return true;
	const a = next.metadata;
	const b = stored.metadata;
	return (
		sameFields(next, stored, 'metadata') &&
		(a === b || (isObject(a) && isObject(b) && sameFields(a, b, 'resourceVersion')))
	);
}

/**
 * Whether a write of `next` over `stored` moves metadata.generation (the registries'
 * PrepareForUpdate): any change to the spec; for a Deployment also to its annotations
 * (pkg/registry/apps/deployment/strategy.go: "annotation updates bump the generation because
 * annotations are copied from deployments to their replica sets"). Status writes never do.
 */
export function movesGeneration(next: KubeObject, stored: KubeObject): boolean {
	const spec = (o: KubeObject) => (o as { spec?: unknown }).spec;
	if (!same(spec(next), spec(stored))) return true;
	// Webhook configurations have no spec: their strategies bump generation when webhooks change.
	const webhooks = (o: KubeObject) => (o as { webhooks?: unknown }).webhooks;
	if (!same(webhooks(next), webhooks(stored))) return true;
	return (
		next.kind === 'Deployment' && !same(next.metadata?.annotations, stored.metadata?.annotations)
	);
}

/**
 * Writes `next` over the object at `key`, unless it is `unchanged`: then the stored object, and
 * no write. For writers that build the object themselves rather than through ApiServer.update.
 * `next` is built once (its metadata as it was: resourceVersion is the store's to set), compared,
 * and stored with the write's revision; each kubelet's status post and Lease renewal used to
 * build its object twice, once to compare and once to store.
 */
export function guaranteedUpdate<T extends KubeObject>(
	store: Store,
	collection: string,
	key: string,
	next: T
): T {
	const stored = store.get<T>(collection, key);
	if (stored !== undefined && unchanged(next, stored)) return stored;
	return store.put(collection, key, (rv) => ({
		...next,
		metadata: { ...next.metadata, resourceVersion: String(rv) }
	}));
}

function isObject(v: unknown): v is object {
	return typeof v === 'object' && v !== null;
}

/** Whether two values encode alike (fields in any order, undefined fields absent). */
export function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (!isObject(a) || !isObject(b)) return false;
	const list = Array.isArray(a);
	if (list !== Array.isArray(b)) return false;
	return list ? sameItems(a, b as unknown[]) : sameFields(a, b, undefined);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
	return true;
}

/** The same defined fields with the same values, field `skip` left out. */
function sameFields(a: object, b: object, skip: string | undefined): boolean {
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	// From the last field back: what a write changes is mostly last (a spread puts new fields
	// at the end, a status its changing fields after its fixed ones), so a difference shows
	// after a field or two (a third of the time of a walk from the first field, on a lab's
	// pod writes).
	// The keys go on a stack shared by every comparison (one nests in another), not in an
	// array of their own: Object.keys made one per object compared, two or three a pod write.
	// for-in lists what Object.keys does here: API objects inherit no enumerable field.
	const base = keyTop;
	const keys = KEY_STACK;
	for (const k in x) keys[keyTop++] = k;
	const top = keyTop;
	let fields = 0;
	let equal = true;
	for (let i = top - 1; i >= base; i--) {
		const k = keys[i]!;
		const v = x[k];
		if (v === undefined || k === skip) continue;
		fields++;
		if (!same(v, y[k])) {
			equal = false;
			break;
		}
	}
	keyTop = base;
	if (!equal) return false;
	for (const k in y) if (k !== skip && y[k] !== undefined) fields--;
	return fields === 0;
}

/** The keys of the objects being compared, innermost last (see `sameFields`). */
const KEY_STACK: string[] = [];
let keyTop = 0;
