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
}

export type Watcher<T = unknown> = (event: WatchEvent<T>) => void;

interface Entry {
	readonly object: unknown;
	/** The revision of the last write to this key (its resourceVersion). */
	readonly revision: number;
	/**
	 * The key as first written. Watchers are given this one string, not the writer's copy, so
	 * the maps they key by it (a kubelet's, an informer's index) share it with the store: a
	 * 150,000-pod cluster would otherwise hold a copy of each pod's key per write path.
	 */
	readonly key: string;
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
	collections: Map<string, Map<string, Entry>>;
}

export class Store {
	private revision = 0;
	private collections = new Map<string, Map<string, Entry>>();
	private watchers = new Map<string, Set<Watcher>>();
	// Sorted keys per collection, dropped when a key is added or removed (not when an object is
	// replaced): controllers list far more often than they create or delete.
	private sortedKeys = new Map<string, string[]>();
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
		const entries = this.collections.get(collection);
		if (entries === undefined) return this.views.get(collection)?.get(key) as T | undefined;
		return entries.get(key)?.object as T | undefined;
	}

	revisionOf(collection: string, key: string): number | undefined {
		const entries = this.collections.get(collection);
		if (entries === undefined) return this.views.get(collection)?.revisionOf(key);
		return entries.get(key)?.revision;
	}

	/** Every object of a collection, in key order (deterministic, like etcd's range reads). */
	list<T>(collection: string): T[] {
		const entries = this.collections.get(collection);
		if (entries === undefined) return (this.views.get(collection)?.list() ?? []) as T[];
		let keys = this.sortedKeys.get(collection);
		if (keys === undefined) {
			keys = [...entries.keys()].sort();
			this.sortedKeys.set(collection, keys);
		}
		return keys.map((k) => entries.get(k)!.object as T);
	}

	size(collection: string): number {
		const entries = this.collections.get(collection);
		return entries === undefined ? (this.views.get(collection)?.size() ?? 0) : entries.size;
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
		let entries = this.collections.get(collection);
		if (entries === undefined) {
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
			entries = new Map();
			this.collections.set(collection, entries);
		}
		const revision = ++this.revision;
		this.counted(collection);
		const prior = entries.get(key);
		if (prior === undefined) this.sortedKeys.delete(collection);
		const object = build(revision);
		const stored = prior?.key ?? key;
		entries.set(stored, { object, revision, key: stored });
		if (this.watchers.get(collection)?.size) {
			const type = prior === undefined ? 'ADDED' : 'MODIFIED';
			const previous = prior?.object;
			this.notify({ type, collection, key: stored, object, revision, previous });
		}
		return object;
	}

	delete(collection: string, key: string): boolean {
		const entries = this.collections.get(collection);
		const view = entries === undefined ? this.views.get(collection) : undefined;
		if (view !== undefined) {
			const object = view.delete(key);
			if (object === undefined) return false;
			const revision = ++this.revision;
			this.counted(collection);
			this.notify({ type: 'DELETED', collection, key, object, revision, previous: object });
			return true;
		}
		const entry = entries?.get(key);
		if (entries === undefined || entry === undefined) return false;
		entries.delete(key);
		this.sortedKeys.delete(collection);
		const revision = ++this.revision;
		this.counted(collection);
		const object = entry.object;
		this.notify({
			type: 'DELETED',
			collection,
			key: entry.key,
			object,
			revision,
			previous: object
		});
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
		const collections = new Map<string, Map<string, Entry>>();
		for (const [name, entries] of this.collections) collections.set(name, new Map(entries));
		return { revision: this.revision, collections };
	}

	/** Restores a checkpoint. Watchers are not told: they belong to components that restore too. */
	load(state: StoreState): void {
		this.revision = state.revision;
		this.sortedKeys.clear();
		this.collections = new Map();
		for (const [name, entries] of state.collections) this.collections.set(name, new Map(entries));
	}
}
