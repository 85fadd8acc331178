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
			const node = after?.spec?.nodeName || undefined;
			const owner = after === undefined ? undefined : controllerOf(after);
			if (before !== undefined) {
				const wasOn = before.spec?.nodeName || undefined;
				const wasOwnedBy = controllerOf(before);
				// Most writes are status updates: the node and the owner stay, and so do the indexes.
				if (after !== undefined && wasOn === node && wasOwnedBy === owner) return;
				this.forget(e.key, wasOn, wasOwnedBy);
			}
			if (after !== undefined) this.learn(e.key, node, owner);
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
		if (owner !== undefined) add(this.byOwner, owner, key);
		else insert(this.orphanKeys, key);
	}

	private forget(key: string, node: string | undefined, owner: string | undefined): void {
		if (node !== undefined) remove(this.byNode, node, key);
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
