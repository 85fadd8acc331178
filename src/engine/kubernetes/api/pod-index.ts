/**
 * Pods by node, by controller and without one — the indexes an informer keeps, so that
 * controllers and kubelets never scan every pod of a 150,000-pod cluster. Derived from the
 * store: rebuilt, not saved, when a checkpoint is restored. What a pod was indexed under is
 * read from the version the store held before each write (WatchEvent.previous), not kept per
 * pod a second time.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import { controllerOf } from '../pods';
import { PODS } from './collections';

export class PodIndex implements Component {
	readonly name = 'pod-index';
	// Sorted arrays of keys, not Sets: what controllers do must not depend on the order of past
	// writes, so readers want the keys sorted, and an array costs 8 bytes a key where a Set
	// costs ~30 (plus the sorted copy a Set needs per reader). A list holds a node's or a
	// controller's pods, a few hundred or a few thousand keys: an insert's shift is cheap.
	private byNode = new Map<string, string[]>();
	private byOwner = new Map<string, string[]>();
	private orphanKeys: string[] = [];

	constructor(private readonly kernel: Kernel) {
		kernel.store.watch<Pod>(PODS, (e) => {
			const before = e.type === 'ADDED' ? undefined : e.previous;
			const after = e.type === 'DELETED' ? undefined : e.object;
			// Each index moves only when what it is keyed by moves: most writes are status
			// updates (both stay), a bind moves the node only, and a moved key costs a search.
			const wasOn = before?.spec?.nodeName || undefined;
			const node = after?.spec?.nodeName || undefined;
			if (wasOn !== node) {
				if (wasOn !== undefined) remove(this.byNode, wasOn, e.key);
				if (node !== undefined) add(this.byNode, node, e.key);
			}
			if (before === undefined) {
				if (after !== undefined) this.learnOwner(e.key, controllerOf(after));
				return;
			}
			if (after === undefined) {
				this.forgetOwner(e.key, controllerOf(before));
				return;
			}
			// The same ownerReferences array (writes carry metadata over) names the same owner.
			if (before.metadata?.ownerReferences === after.metadata?.ownerReferences) return;
			const wasOwnedBy = controllerOf(before);
			const owner = controllerOf(after);
			if (wasOwnedBy === owner) return;
			this.forgetOwner(e.key, wasOwnedBy);
			this.learnOwner(e.key, owner);
		});
		kernel.register(this);
	}

	onNode(node: string): Pod[] {
		return this.pods(this.byNode.get(node));
	}

	ownedBy(uid: string): Pod[] {
		return this.pods(this.byOwner.get(uid));
	}

	orphans(namespace: string): Pod[] {
		return this.pods(this.orphanKeys).filter(
			(p) => (p.metadata?.namespace ?? 'default') === namespace
		);
	}

	/** The pods at `keys`, in key order. */
	private pods(keys: readonly string[] | undefined): Pod[] {
		if (keys === undefined) return [];
		const out: Pod[] = [];
		for (const k of keys) {
			const pod = this.kernel.store.get<Pod>(PODS, k);
			if (pod !== undefined) out.push(pod);
		}
		return out;
	}

	private learn(key: string, node: string | undefined, owner: string | undefined): void {
		if (node !== undefined) add(this.byNode, node, key);
		this.learnOwner(key, owner);
	}

	private learnOwner(key: string, owner: string | undefined): void {
		if (owner !== undefined) add(this.byOwner, owner, key);
		else insert(this.orphanKeys, key);
	}

	private forgetOwner(key: string, owner: string | undefined): void {
		if (owner !== undefined) remove(this.byOwner, owner, key);
		else removeFrom(this.orphanKeys, key);
	}

	save(): null {
		return null;
	}

	load(): void {
		// The keys indexed so far are the store's own strings (watch events carry them), and the
		// store restores its entries with those same strings: reuse them rather than build a
		// second copy of every key at each time travel.
		const known = new Map<string, string>();
		for (const keys of [...this.byOwner.values(), this.orphanKeys])
			for (const k of keys) known.set(k, k);
		this.byNode.clear();
		this.byOwner.clear();
		this.orphanKeys = [];
		for (const pod of this.kernel.store.list<Pod>(PODS)) {
			const k = `${pod.metadata!.namespace ?? 'default'}/${pod.metadata!.name}`;
			this.learn(known.get(k) ?? k, pod.spec?.nodeName || undefined, controllerOf(pod));
		}
	}
}

/**
 * Where `key` is in the sorted `keys`, or where it would go. Keys compare as strings do
 * (UTF-16 code units), the order Array.prototype.sort gives them.
 */
function search(keys: readonly string[], key: string): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((keys[mid] as string) < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Adds `key` to the sorted `keys` unless it is there. */
function insert(keys: string[], key: string): void {
	const i = search(keys, key);
	if (keys[i] !== key) keys.splice(i, 0, key);
}

/** Removes `key` from the sorted `keys`; whether it was there. */
function removeFrom(keys: string[], key: string): boolean {
	const i = search(keys, key);
	if (keys[i] !== key) return false;
	keys.splice(i, 1);
	return true;
}

/** Adds `key` to the sorted keys at `k`. */
function add(map: Map<string, string[]>, k: string, key: string): void {
	const keys = map.get(k);
	if (keys === undefined) map.set(k, [key]);
	else insert(keys, key);
}

/** Removes `key` from the sorted keys at `k` (and the entry once it is empty). */
function remove(map: Map<string, string[]>, k: string, key: string): void {
	const keys = map.get(k);
	if (keys === undefined) return;
	removeFrom(keys, key);
	if (keys.length === 0) map.delete(k);
}
