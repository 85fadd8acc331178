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
import { SlotList, type KeysBySlot } from './slot-list';

export class PodIndex implements Component {
	readonly name = 'pod-index';
	// Sorted lists of the pods' store slots, not Sets of keys: what controllers do must not
	// depend on the order of past writes, so readers want the pods in key order, and a slot
	// costs 4 bytes outside the JS heap where a key in an array costs 8 on it (a Set ~30). A
	// list holds a node's or a controller's pods, a few hundred or a few thousand: an insert's
	// shift is cheap. Readers take each pod from its slot, with no lookup by key.
	private byNode = new Map<string, SlotList>();
	private byOwner = new Map<string, SlotList>();
	private orphanSlots = new SlotList();

	constructor(private readonly kernel: Kernel) {
		kernel.store.watch<Pod>(PODS, (e) => {
			const slot = e.slot!;
			// The store's keys by slot, which the lists are sorted by (read once per write).
			const keys = kernel.store.keysOf(PODS);
			const before = e.type === 'ADDED' ? undefined : e.previous;
			const after = e.type === 'DELETED' ? undefined : e.object;
			// Each index moves only when what it is keyed by moves: most writes are status
			// updates (both stay), a bind moves the node only, and a moved key costs a search.
			const wasOn = before?.spec?.nodeName || undefined;
			const node = after?.spec?.nodeName || undefined;
			if (wasOn !== node) {
				if (wasOn !== undefined) this.remove(this.byNode, wasOn, slot, e.key, keys);
				if (node !== undefined) this.add(this.byNode, node, slot, e.key, keys);
			}
			if (before === undefined) {
				if (after !== undefined) this.learnOwner(slot, e.key, controllerOf(after), keys);
				return;
			}
			if (after === undefined) {
				this.forgetOwner(slot, e.key, controllerOf(before), keys);
				return;
			}
			// The same ownerReferences array (writes carry metadata over) names the same owner.
			if (before.metadata?.ownerReferences === after.metadata?.ownerReferences) return;
			const wasOwnedBy = controllerOf(before);
			const owner = controllerOf(after);
			if (wasOwnedBy === owner) return;
			this.forgetOwner(slot, e.key, wasOwnedBy, keys);
			this.learnOwner(slot, e.key, owner, keys);
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
		return this.pods(this.orphanSlots).filter(
			(p) => (p.metadata?.namespace ?? 'default') === namespace
		);
	}

	/** The pods in `list`, in key order. */
	private pods(list: SlotList | undefined): Pod[] {
		if (list === undefined) return [];
		const out: Pod[] = [];
		// The objects array read once, not looked up per pod: a ReplicaSet's sync reads its
		// thousand pods at every write to one of them.
		const objects = this.kernel.store.objectsOf(PODS) as readonly (Pod | undefined)[];
		for (const slot of list.slots()) {
			const pod = objects[slot];
			if (pod !== undefined) out.push(pod);
		}
		return out;
	}

	private learnOwner(slot: number, key: string, owner: string | undefined, keys: KeysBySlot): void {
		if (owner !== undefined) this.add(this.byOwner, owner, slot, key, keys);
		else this.orphanSlots.insert(slot, key, keys);
	}

	private forgetOwner(
		slot: number,
		key: string,
		owner: string | undefined,
		keys: KeysBySlot
	): void {
		if (owner !== undefined) this.remove(this.byOwner, owner, slot, key, keys);
		else this.orphanSlots.remove(slot, key, keys);
	}

	/** Adds `slot` (key `key`) to the list at `k`. */
	private add(
		map: Map<string, SlotList>,
		k: string,
		slot: number,
		key: string,
		keys: KeysBySlot
	): void {
		let list = map.get(k);
		if (list === undefined) map.set(k, (list = new SlotList()));
		list.insert(slot, key, keys);
	}

	/** Removes `slot` (key `key`) from the list at `k` (and the entry once it is empty). */
	private remove(
		map: Map<string, SlotList>,
		k: string,
		slot: number,
		key: string,
		keys: KeysBySlot
	): void {
		const list = map.get(k);
		if (list === undefined) return;
		list.remove(slot, key, keys);
		if (list.length === 0) map.delete(k);
	}

	save(): null {
		return null;
	}

	load(): void {
		this.byNode.clear();
		this.byOwner.clear();
		this.orphanSlots = new SlotList();
		// The store restores every key in the slot it had, and lists its objects in key order:
		// each list is built by appending.
		const store = this.kernel.store;
		const keys = store.keysOf(PODS);
		for (const pod of store.list<Pod>(PODS)) {
			const key = `${pod.metadata!.namespace ?? 'default'}/${pod.metadata!.name}`;
			const slot = store.slotOf(PODS, key)!;
			const node = pod.spec?.nodeName || undefined;
			if (node !== undefined) this.add(this.byNode, node, slot, key, keys);
			this.learnOwner(slot, key, controllerOf(pod), keys);
		}
	}
}
