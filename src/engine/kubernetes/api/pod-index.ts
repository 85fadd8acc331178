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
	private byNode = new Map<string, Set<string>>();
	private byOwner = new Map<string, Set<string>>();
	private orphanKeys = new Set<string>();
	/** Each set's keys in order, until the set changes. */
	private sorted = new WeakMap<ReadonlySet<string>, string[]>();

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

	private pods(keys: ReadonlySet<string> | undefined): Pod[] {
		if (keys === undefined) return [];
		const out: Pod[] = [];
		// Sorted, so that what controllers do does not depend on the order of past writes. The
		// order is kept until the set changes: a ReplicaSet's sync asks for its pods at every write.
		let sorted = this.sorted.get(keys);
		if (sorted === undefined) this.sorted.set(keys, (sorted = [...keys].sort()));
		for (const k of sorted) {
			const pod = this.kernel.store.get<Pod>(PODS, k);
			if (pod !== undefined) out.push(pod);
		}
		return out;
	}

	private learn(key: string, node: string | undefined, owner: string | undefined): void {
		if (node !== undefined) this.unsort(add(this.byNode, node, key));
		if (owner !== undefined) this.unsort(add(this.byOwner, owner, key));
		else this.unsort(this.orphanKeys.add(key));
	}

	private unsort(set: ReadonlySet<string> | undefined): void {
		if (set !== undefined) this.sorted.delete(set);
	}

	private forget(key: string, node: string | undefined, owner: string | undefined): void {
		if (node !== undefined) this.unsort(remove(this.byNode, node, key));
		if (owner !== undefined) this.unsort(remove(this.byOwner, owner, key));
		else if (this.orphanKeys.delete(key)) this.unsort(this.orphanKeys);
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
		this.orphanKeys.clear();
		this.sorted = new WeakMap();
		for (const pod of this.kernel.store.list<Pod>(PODS)) {
			const k = `${pod.metadata!.namespace ?? 'default'}/${pod.metadata!.name}`;
			this.learn(known.get(k) ?? k, pod.spec?.nodeName || undefined, controllerOf(pod));
		}
	}
}

/** Adds `v` to the set at `k`; returns the set. */
function add(map: Map<string, Set<string>>, k: string, v: string): Set<string> {
	let set = map.get(k);
	if (set === undefined) map.set(k, (set = new Set()));
	return set.add(v);
}

/** Removes `v` from the set at `k`; returns the set it was in. */
function remove(map: Map<string, Set<string>>, k: string, v: string): Set<string> | undefined {
	const set = map.get(k);
	if (set === undefined) return undefined;
	set.delete(v);
	if (set.size === 0) map.delete(k);
	return set;
}
