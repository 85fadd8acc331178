/**
 * Pods by node, by controller and without one — the indexes an informer keeps, so that
 * controllers and kubelets never scan every pod of a 150,000-pod cluster. Derived from the
 * store: rebuilt, not saved, when a checkpoint is restored.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import { controllerOf } from '../pods';
import { PODS } from './collections';

interface Entry {
	node?: string;
	owner?: string;
}

export class PodIndex implements Component {
	readonly name = 'pod-index';
	private entries = new Map<string, Entry>();
	private byNode = new Map<string, Set<string>>();
	private byOwner = new Map<string, Set<string>>();
	private orphanKeys = new Set<string>();
	/** Each set's keys in order, until the set changes. */
	private sorted = new WeakMap<ReadonlySet<string>, string[]>();

	constructor(private readonly kernel: Kernel) {
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type === 'MODIFIED') {
				// Most writes are status updates: the node and the owner stay, and so do the indexes.
				const entry = this.entries.get(e.key);
				if (
					entry !== undefined &&
					entry.node === (e.object.spec?.nodeName || undefined) &&
					entry.owner === controllerOf(e.object)
				)
					return;
			}
			this.forget(e.key);
			if (e.type !== 'DELETED') this.learn(e.key, e.object);
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

	private learn(key: string, pod: Pod): void {
		const entry: Entry = { node: pod.spec?.nodeName || undefined, owner: controllerOf(pod) };
		this.entries.set(key, entry);
		if (entry.node !== undefined) this.unsort(add(this.byNode, entry.node, key));
		if (entry.owner !== undefined) this.unsort(add(this.byOwner, entry.owner, key));
		else this.unsort(this.orphanKeys.add(key));
	}

	private unsort(set: ReadonlySet<string> | undefined): void {
		if (set !== undefined) this.sorted.delete(set);
	}

	private forget(key: string): void {
		const entry = this.entries.get(key);
		if (entry === undefined) return;
		this.entries.delete(key);
		if (entry.node !== undefined) this.unsort(remove(this.byNode, entry.node, key));
		if (entry.owner !== undefined) this.unsort(remove(this.byOwner, entry.owner, key));
		else if (this.orphanKeys.delete(key)) this.unsort(this.orphanKeys);
	}

	save(): null {
		return null;
	}

	load(): void {
		this.entries.clear();
		this.byNode.clear();
		this.byOwner.clear();
		this.orphanKeys.clear();
		this.sorted = new WeakMap();
		for (const pod of this.kernel.store.list<Pod>(PODS)) {
			this.learn(`${pod.metadata!.namespace ?? 'default'}/${pod.metadata!.name}`, pod);
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
