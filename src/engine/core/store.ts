/**
 * The object store: every API object of the lab (Kubernetes objects in their real API shapes,
 * Swarm objects in docker's shapes), with a resourceVersion and watches — a small etcd.
 *
 * Objects are immutable: a write replaces the stored object, so a checkpoint can share them.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T = unknown> {
	type: WatchEventType;
	collection: string;
	key: string;
	object: T;
	/** The revision of the write that caused the event. */
	revision: number;
	/**
	 * What the key held before this write (for DELETED, the deleted object itself); undefined
	 * for ADDED and for writes a mounted view keeps. Watchers that must undo what they learned
	 * of the old version read it here rather than each keeping a copy per key.
	 */
	previous?: T;
	/**
	 * The key's slot in a collection the store keeps itself (see `Store.slotOf`); for DELETED,
	 * the slot it had. Undefined for a mounted collection.
	 */
	slot?: number;
}

export type Watcher<T = unknown> = (event: WatchEvent<T>) => void;

/**
 * One collection's objects. Each key has a slot, and the slot's object, revision and key are
 * entries of three arrays, found through one map of slots by key: a 150,000-pod cluster would
 * otherwise hold an entry object per key (48 bytes) besides the map's own slot. The slot of a
 * key stays the same while the key exists, so components that keep something per object (the
 * kubelets' runtime) keep it in arrays indexed by the store's slot rather than in maps of
 * their own.
 */
interface Table {
	/** The slot of each key (the key as first written, the string `keys` holds). */
	readonly slots: Map<string, number>;
	readonly objects: unknown[];
	/**
	 * The revision of the last write to each slot's key (its resourceVersion): numbers in a
	 * typed array (room for at least `keys.length`), outside the JS heap the objects fill.
	 */
	revisions: Float64Array;
	/**
	 * Each slot's key as first written. Watchers are given this one string, not the writer's
	 * copy, so the maps they key by it (an informer's index) share it with the store: a
	 * 150,000-pod cluster would otherwise hold a copy of each pod's key per write path.
	 */
	readonly keys: (string | undefined)[];
	/** Slots of deleted keys, taken again (the last freed first) before the arrays grow. */
	readonly free: number[];
}

/** A table in a checkpoint: its arrays (the slots by key are rebuilt from `keys` on load). */
interface SavedTable {
	readonly objects: readonly unknown[];
	readonly revisions: Float64Array;
	readonly keys: readonly (string | undefined)[];
	readonly free: readonly number[];
}

function newTable(): Table {
	return { slots: new Map(), objects: [], revisions: new Float64Array(16), keys: [], free: [] };
}

/** Room in `table.revisions` for slot `slot`. */
function roomFor(table: Table, slot: number): void {
	if (slot < table.revisions.length) return;
	const grown = new Float64Array(Math.max(slot + 1, Math.ceil(table.revisions.length * 1.5)));
	grown.set(table.revisions);
	table.revisions = grown;
}

/**
 * A collection kept outside the store's maps, in a compact form of its own (the Kubernetes
 * Events: a 150,000-pod cluster records close to a million of them). Readers see real objects,
 * built on read; the view saves and restores itself as a kernel component.
 */
export interface CollectionView {
	get(key: string): unknown;
	/** Every object, in key order. */
	list(): unknown[];
	size(): number;
	revisionOf(key: string): number | undefined;
	/** Stores an object written through the store (`kubectl apply` of an Event). */
	put(key: string, object: unknown, revision: number): void;
	delete(key: string): unknown;
}

export interface StoreState {
	revision: number;
	collections: Map<string, SavedTable>;
}

export class Store {
	private revision = 0;
	private collections = new Map<string, Table>();
	private watchers = new Map<string, Set<Watcher>>();
	// Slots per collection in key order, dropped when a key is added or removed (not when an
	// object is replaced): controllers list far more often than they create or delete.
	private sortedSlots = new Map<string, number[]>();
	private views = new Map<string, CollectionView>();
	/** Writes per collection since the store was made (never restored: only ever grows). */
	private writeCounts = new Map<string, number>();

	/**
	 * How many writes `collection` has had: a reader that keeps something derived from the
	 * collection knows it is stale when this moved on (even while watchers are still being told).
	 */
	writesTo(collection: string): number {
		return this.writeCounts.get(collection) ?? 0;
	}

	private counted(collection: string): void {
		this.writeCounts.set(collection, (this.writeCounts.get(collection) ?? 0) + 1);
	}

	/** The store's current revision (the resourceVersion of the latest write). */
	get currentRevision(): number {
		return this.revision;
	}

	/** Serves `collection` from `view` from now on (the collection must have no entries yet). */
	mount(collection: string, view: CollectionView): void {
		if (this.collections.has(collection)) throw new Error(`${collection} already has objects`);
		this.views.set(collection, view);
	}

	/** The view serving a mounted collection, for queries it answers better than `list`. */
	viewOf(collection: string): CollectionView | undefined {
		return this.views.get(collection);
	}

	get<T>(collection: string, key: string): T | undefined {
		const table = this.collections.get(collection);
		if (table === undefined) return this.views.get(collection)?.get(key) as T | undefined;
		const slot = table.slots.get(key);
		return slot === undefined ? undefined : (table.objects[slot] as T);
	}

	revisionOf(collection: string, key: string): number | undefined {
		const table = this.collections.get(collection);
		if (table === undefined) return this.views.get(collection)?.revisionOf(key);
		const slot = table.slots.get(key);
		return slot === undefined ? undefined : table.revisions[slot];
	}

	/**
	 * The slot of `key` in a collection the store keeps itself: a small whole number that stays
	 * the key's while it exists (a deleted key's slot is given to a later key). Undefined for a
	 * missing key or a mounted collection.
	 */
	slotOf(collection: string, key: string): number | undefined {
		return this.collections.get(collection)?.slots.get(key);
	}

	/** The object in `slot` (see `slotOf`), or undefined for a free slot. */
	atSlot<T>(collection: string, slot: number): T | undefined {
		return this.collections.get(collection)?.objects[slot] as T | undefined;
	}

	/** Every object of a collection, in key order (deterministic, like etcd's range reads). */
	list<T>(collection: string): T[] {
		const table = this.collections.get(collection);
		if (table === undefined) return (this.views.get(collection)?.list() ?? []) as T[];
		let slots = this.sortedSlots.get(collection);
		if (slots === undefined) {
			slots = [...table.slots.keys()].sort().map((k) => table.slots.get(k)!);
			this.sortedSlots.set(collection, slots);
		}
		const objects = table.objects;
		return slots.map((s) => objects[s] as T);
	}

	size(collection: string): number {
		const table = this.collections.get(collection);
		return table === undefined ? (this.views.get(collection)?.size() ?? 0) : table.slots.size;
	}

	/**
	 * A write a mounted view keeps itself: takes the next revision and tells the collection's
	 * watchers; `written` gives the key and object only when somebody watches (a view builds its
	 * objects on read). Returns the revision.
	 */
	commit<T>(
		collection: string,
		existed: boolean,
		written: (revision: number) => { key: string; object: T }
	): number {
		const revision = ++this.revision;
		this.counted(collection);
		if (this.watchers.get(collection)?.size) {
			const { key, object } = written(revision);
			const type = existed ? 'MODIFIED' : 'ADDED';
			this.notify({ type, collection, key, object, revision, previous: undefined });
		}
		return revision;
	}

	/**
	 * Creates or replaces the object at `key`. `build` receives the new revision so that the
	 * object can carry it (Kubernetes `metadata.resourceVersion`, Swarm `Version.Index`).
	 */
	put<T>(collection: string, key: string, build: (revision: number) => T): T {
		let table = this.collections.get(collection);
		if (table === undefined) {
			const view = this.views.get(collection);
			if (view !== undefined) {
				const existed = view.get(key) !== undefined;
				const revision = ++this.revision;
				this.counted(collection);
				const object = build(revision);
				view.put(key, object, revision);
				const type = existed ? 'MODIFIED' : 'ADDED';
				if (this.watchers.get(collection)?.size)
					this.notify({ type, collection, key, object, revision, previous: undefined });
				return object;
			}
			table = newTable();
			this.collections.set(collection, table);
		}
		const revision = ++this.revision;
		this.counted(collection);
		const prior = table.slots.get(key);
		const object = build(revision);
		let slot: number;
		let previous: unknown;
		if (prior === undefined) {
			this.sortedSlots.delete(collection);
			slot = table.free.pop() ?? table.keys.length;
			table.slots.set(key, slot);
			roomFor(table, slot);
			table.revisions[slot] = revision;
			if (slot === table.keys.length) {
				table.keys.push(key);
				table.objects.push(object);
			} else {
				table.keys[slot] = key;
				table.objects[slot] = object;
			}
		} else {
			slot = prior;
			previous = table.objects[slot];
			table.objects[slot] = object;
			table.revisions[slot] = revision;
		}
		if (this.watchers.get(collection)?.size) {
			const type = prior === undefined ? 'ADDED' : 'MODIFIED';
			const stored = table.keys[slot]!;
			this.notify({ type, collection, key: stored, object, revision, previous, slot });
		}
		return object;
	}

	delete(collection: string, key: string): boolean {
		const table = this.collections.get(collection);
		const view = table === undefined ? this.views.get(collection) : undefined;
		if (view !== undefined) {
			const object = view.delete(key);
			if (object === undefined) return false;
			const revision = ++this.revision;
			this.counted(collection);
			this.notify({ type: 'DELETED', collection, key, object, revision, previous: object });
			return true;
		}
		const slot = table?.slots.get(key);
		if (table === undefined || slot === undefined) return false;
		const object = table.objects[slot];
		const stored = table.keys[slot]!;
		table.slots.delete(key);
		table.objects[slot] = undefined;
		table.keys[slot] = undefined;
		table.revisions[slot] = 0;
		this.sortedSlots.delete(collection);
		const revision = ++this.revision;
		this.counted(collection);
		try {
			this.notify({
				type: 'DELETED',
				collection,
				key: stored,
				object,
				revision,
				previous: object,
				slot
			});
		} finally {
			// Free only once every watcher has heard: a key a watcher adds meanwhile (a pod made
			// again) takes another slot, so no watcher mistakes it for the deleted one.
			table.free.push(slot);
		}
		return true;
	}

	/** Calls `watcher` after every write to the collection. Returns a function that stops it. */
	watch<T>(collection: string, watcher: Watcher<T>): () => void {
		let set = this.watchers.get(collection);
		if (set === undefined) {
			set = new Set();
			this.watchers.set(collection, set);
		}
		set.add(watcher as Watcher);
		return () => set.delete(watcher as Watcher);
	}

	private notify(event: WatchEvent): void {
		const set = this.watchers.get(event.collection);
		if (set !== undefined) for (const w of set) w(event);
	}

	save(): StoreState {
		const collections = new Map<string, SavedTable>();
		for (const [name, t] of this.collections) {
			collections.set(name, {
				objects: t.objects.slice(),
				revisions: t.revisions.slice(0, t.keys.length),
				keys: t.keys.slice(),
				free: t.free.slice()
			});
		}
		return { revision: this.revision, collections };
	}

	/** Restores a checkpoint. Watchers are not told: they belong to components that restore too. */
	load(state: StoreState): void {
		this.revision = state.revision;
		this.sortedSlots.clear();
		this.collections = new Map();
		for (const [name, saved] of state.collections) {
			const table: Table = {
				slots: new Map(),
				objects: saved.objects.slice(),
				revisions: saved.revisions.slice(),
				keys: saved.keys.slice(),
				free: saved.free.slice()
			};
			// Every key keeps its slot: the components that index by slot restore theirs too.
			table.keys.forEach((k, slot) => {
				if (k !== undefined) table.slots.set(k, slot);
			});
			this.collections.set(name, table);
		}
	}
}
