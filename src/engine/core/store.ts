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
 * entries of three arrays, found through an index of slots by key: a 150,000-pod cluster would
 * otherwise hold an entry object per key (48 bytes) besides the index's own room. The slot of a
 * key stays the same while the key exists, so components that keep something per object (the
 * kubelets' runtime) keep it in arrays indexed by the store's slot rather than in maps of
 * their own.
 *
 * The index is an open-addressing table of slots in a typed array, keyed by a hash of the key,
 * not a Map: a Map holds three references a key and a bucket per two, ~49 bytes a pod at
 * 150,000 pods (its room doubles at powers of two), all of it on the JS heap; the table is 5.3
 * to 10.7 bytes a key outside it, and its keys are the `keys` the table holds anyway.
 */
interface Table {
	/**
	 * Open addressing (linear probing, at most three quarters full), 0 for empty, else an
	 * entry: its low bits (`mask`, the index's size - 1) hold slot + 1 of a key, always below
	 * the size (see `indexSlot`), and its high bits the key's hash's, which the slot's place
	 * does not tell. A probe rules other keys out by the entry alone, reading nothing per slot,
	 * so runs a little longer than at half full cost little.
	 */
	index: Int32Array;
	/** How many keys the table holds. */
	count: number;
	/**
	 * Each slot's key's hash (`hashKey`): where its entry's run starts, which moving entries
	 * up on a delete and growing the index need, without hashing keys again.
	 */
	hashes: Int32Array;
	readonly objects: unknown[];
	/**
	 * The revision of the last write to each slot's key (its resourceVersion): numbers in a
	 * typed array (room for at least `keys.length`), outside the JS heap the objects fill. Four
	 * bytes a key while every revision fits (they count writes: billions before one does not),
	 * eight once one does (see `setRevision`).
	 */
	revisions: Revisions;
	/**
	 * Each slot's key as first written. Watchers are given this one string, not the writer's
	 * copy, so the maps they key by it (an informer's index) share it with the store: a
	 * 150,000-pod cluster would otherwise hold a copy of each pod's key per write path.
	 */
	readonly keys: (string | undefined)[];
	/** Slots of deleted keys, taken again (the last freed first) before the arrays grow. */
	readonly free: number[];
}

/** Revisions by slot: whole numbers below 2^32 in four bytes each, any other in eight. */
type Revisions = Uint32Array | Float64Array;

/** A table in a checkpoint: its arrays (the slots by key are rebuilt from `keys` on load). */
interface SavedTable {
	readonly objects: readonly unknown[];
	readonly revisions: Revisions;
	readonly keys: readonly (string | undefined)[];
	readonly free: readonly number[];
}

function newTable(): Table {
	return {
		index: new Int32Array(16),
		count: 0,
		hashes: new Int32Array(16),
		objects: [],
		revisions: new Uint32Array(16),
		keys: [],
		free: []
	};
}

/** Room in `table.revisions` and `table.hashes` for slot `slot`. */
function roomFor(table: Table, slot: number): void {
	if (slot < table.revisions.length) return;
	const size = Math.max(slot + 1, Math.ceil(table.revisions.length * 1.5));
	const revisions =
		table.revisions instanceof Uint32Array ? new Uint32Array(size) : new Float64Array(size);
	revisions.set(table.revisions);
	table.revisions = revisions;
	const hashes = new Int32Array(size);
	hashes.set(table.hashes);
	table.hashes = hashes;
}

/** Sets slot `slot`'s revision, widening the table's revisions first if it needs eight bytes. */
function setRevision(table: Table, slot: number, revision: number): void {
	// Revisions are whole and positive: the first test settles nearly every write.
	if (revision >>> 0 !== revision && table.revisions instanceof Uint32Array)
		table.revisions = Float64Array.from(table.revisions);
	table.revisions[slot] = revision;
}

/** Whether an index of `size` entries may hold `keys` keys (at most three quarters full). */
function fits(keys: number, size: number): boolean {
	return 4 * keys <= 3 * size;
}

/** FNV-1a of a key's UTF-16 code units, its bits mixed (murmur3's fmix32). */
function hashKey(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	// FNV-1a's low bits, which pick a key's place in the index, vary little between similar
	// keys (a Deployment's pods): murmur3's fmix32 spreads them, so probe runs stay short.
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) | 0;
}

/** The slot of `key` (whose hash is `hash`), or -1. */
function findSlot(table: Table, key: string, hash: number): number {
	const index = table.index;
	const mask = index.length - 1;
	const high = hash & ~mask;
	for (let i = hash & mask; ; i = (i + 1) & mask) {
		const entry = index[i]!;
		if (entry === 0) return -1;
		if ((entry & ~mask) === high && table.keys[(entry & mask) - 1] === key)
			return (entry & mask) - 1;
	}
}

/**
 * Indexes `slot`, whose key (in `table.keys`) and its hash (in `table.hashes`) are set, and not
 * indexed yet.
 */
function indexSlot(table: Table, slot: number): void {
	// Slot + 1 must fit an entry's low bits: slots are taken again before `keys` grows, so it
	// does at three quarters full but for a checkpoint's free slots (then the index grows too).
	const room = Math.max(table.count + 1, slot + 1);
	if (!fits(room, table.index.length)) return reindex(table, 2 * table.index.length);
	const index = table.index;
	const mask = index.length - 1;
	const hash = table.hashes[slot]!;
	let i = hash & mask;
	while (index[i] !== 0) i = (i + 1) & mask;
	index[i] = (hash & ~mask) | (slot + 1);
	table.count++;
}

/** Takes `slot` out of the index (backward-shift deletion: no tombstones left to probe past). */
function unindexSlot(table: Table, slot: number): void {
	const index = table.index;
	const mask = index.length - 1;
	let i = table.hashes[slot]! & mask;
	while ((index[i]! & mask) !== slot + 1) i = (i + 1) & mask;
	for (let j = (i + 1) & mask; index[j] !== 0; j = (j + 1) & mask) {
		// The entry at j stays unless the hole at i lies between its home and j (cyclically).
		const home = table.hashes[(index[j]! & mask) - 1]! & mask;
		if (i <= j ? i < home && home <= j : i < home || home <= j) continue;
		index[i] = index[j]!;
		i = j;
	}
	index[i] = 0;
	table.count--;
}

/** An index of at least `size` entries (a power of two) holding every key of the table. */
function reindex(table: Table, size: number): void {
	while (!fits(table.keys.length, size)) size *= 2;
	table.index = new Int32Array(size);
	table.count = 0;
	const keys = table.keys;
	for (let slot = 0; slot < keys.length; slot++)
		if (keys[slot] !== undefined) indexSlot(table, slot);
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

const NO_KEYS: readonly (string | undefined)[] = Object.freeze([]);

export interface StoreState {
	revision: number;
	collections: Map<string, SavedTable>;
}

/**
 * What the store keeps under one collection name, found with one lookup per read or write:
 * its table (or the view serving it), its watchers and its count of writes.
 */
interface Collection {
	table: Table | undefined;
	view: CollectionView | undefined;
	/**
	 * Watchers in the order they started; a watcher stopped while a write is being told is
	 * null until the telling ends (a set's iteration would skip it, and go on to the rest).
	 */
	watchers: (Watcher | null)[];
	/** How many watchers are live. */
	watching: number;
	/** How many writes are being told (a watcher may write again). */
	telling: number;
	/** Whether `watchers` holds nulls to drop once no write is being told. */
	stopped: boolean;
	/** Writes since the store was made (never restored: only ever grows). */
	writes: number;
	/**
	 * Slots in key order, dropped when a key is added or removed (not when an object is
	 * replaced): controllers list far more often than they create or delete.
	 */
	sortedSlots: number[] | undefined;
}

export class Store {
	private revision = 0;
	/** Every collection named so far (written, watched or mounted). */
	private named = new Map<string, Collection>();
	/** The tables in the order they were made (a checkpoint saves them in that order). */
	private tables = new Map<string, Table>();
	/** The key hashed last and its hash: a write reads its key first, a watcher reads it again. */
	private lastKey = '';
	private lastHash = hashKey('');

	private hash(key: string): number {
		if (key !== this.lastKey) {
			this.lastKey = key;
			this.lastHash = hashKey(key);
		}
		return this.lastHash;
	}

	/** The slot of `key` in `table`, or undefined. */
	private slotIn(table: Table, key: string): number | undefined {
		const slot = findSlot(table, key, this.hash(key));
		return slot < 0 ? undefined : slot;
	}

	/** `collection`'s entry, made when first named. */
	private entry(collection: string): Collection {
		let c = this.named.get(collection);
		if (c === undefined) {
			c = {
				table: undefined,
				view: undefined,
				watchers: [],
				watching: 0,
				telling: 0,
				stopped: false,
				writes: 0,
				sortedSlots: undefined
			};
			this.named.set(collection, c);
		}
		return c;
	}

	/**
	 * How many writes `collection` has had: a reader that keeps something derived from the
	 * collection knows it is stale when this moved on (even while watchers are still being told).
	 */
	writesTo(collection: string): number {
		return this.named.get(collection)?.writes ?? 0;
	}

	/** The store's current revision (the resourceVersion of the latest write). */
	get currentRevision(): number {
		return this.revision;
	}

	/** Serves `collection` from `view` from now on (the collection must have no entries yet). */
	mount(collection: string, view: CollectionView): void {
		const c = this.entry(collection);
		if (c.table !== undefined) throw new Error(`${collection} already has objects`);
		c.view = view;
	}

	/** The view serving a mounted collection, for queries it answers better than `list`. */
	viewOf(collection: string): CollectionView | undefined {
		return this.named.get(collection)?.view;
	}

	get<T>(collection: string, key: string): T | undefined {
		const c = this.named.get(collection);
		const table = c?.table;
		if (table === undefined) return c?.view?.get(key) as T | undefined;
		const slot = this.slotIn(table, key);
		return slot === undefined ? undefined : (table.objects[slot] as T);
	}

	revisionOf(collection: string, key: string): number | undefined {
		const c = this.named.get(collection);
		const table = c?.table;
		if (table === undefined) return c?.view?.revisionOf(key);
		const slot = this.slotIn(table, key);
		return slot === undefined ? undefined : table.revisions[slot];
	}

	/**
	 * The slot of `key` in a collection the store keeps itself: a small whole number that stays
	 * the key's while it exists (a deleted key's slot is given to a later key). Undefined for a
	 * missing key or a mounted collection.
	 */
	slotOf(collection: string, key: string): number | undefined {
		const table = this.named.get(collection)?.table;
		return table === undefined ? undefined : this.slotIn(table, key);
	}

	/**
	 * The keys of a collection the store keeps itself, by slot (see `slotOf`), as first written
	 * (undefined: a free slot). The store's own array, to read at once, not to keep: a
	 * checkpoint restore replaces it.
	 */
	keysOf(collection: string): readonly (string | undefined)[] {
		return this.named.get(collection)?.table?.keys ?? NO_KEYS;
	}

	/**
	 * The objects of a collection the store keeps itself, by slot (see `slotOf`; undefined: a
	 * free slot). The store's own array, to read at once, not to keep (as `keysOf`).
	 */
	objectsOf(collection: string): readonly unknown[] {
		return this.named.get(collection)?.table?.objects ?? NO_KEYS;
	}

	/** The object in `slot` (see `slotOf`), or undefined for a free slot. */
	atSlot<T>(collection: string, slot: number): T | undefined {
		return this.named.get(collection)?.table?.objects[slot] as T | undefined;
	}

	/** Every object of a collection, in key order (deterministic, like etcd's range reads). */
	list<T>(collection: string): T[] {
		const c = this.named.get(collection);
		const table = c?.table;
		if (c === undefined || table === undefined) return (c?.view?.list() ?? []) as T[];
		let slots = c.sortedSlots;
		if (slots === undefined) {
			const keys = table.keys;
			slots = [];
			for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== undefined) slots.push(slot);
			// Keys are unique, so no two compare equal: the order is the keys' string order.
			slots.sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
			c.sortedSlots = slots;
		}
		const objects = table.objects;
		return slots.map((s) => objects[s] as T);
	}

	size(collection: string): number {
		const c = this.named.get(collection);
		return c?.table === undefined ? (c?.view?.size() ?? 0) : c.table.count;
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
		const c = this.entry(collection);
		const revision = ++this.revision;
		c.writes++;
		if (c.watching > 0) {
			const { key, object } = written(revision);
			const type = existed ? 'MODIFIED' : 'ADDED';
			this.notify(c, { type, collection, key, object, revision, previous: undefined });
		}
		return revision;
	}

	/**
	 * Creates or replaces the object at `key`. `build` receives the new revision so that the
	 * object can carry it (Kubernetes `metadata.resourceVersion`, Swarm `Version.Index`).
	 */
	put<T>(collection: string, key: string, build: (revision: number) => T): T {
		const c = this.entry(collection);
		let table = c.table;
		if (table === undefined) {
			const view = c.view;
			if (view !== undefined) {
				const existed = view.get(key) !== undefined;
				const revision = ++this.revision;
				c.writes++;
				const object = build(revision);
				view.put(key, object, revision);
				const type = existed ? 'MODIFIED' : 'ADDED';
				if (c.watching > 0)
					this.notify(c, { type, collection, key, object, revision, previous: undefined });
				return object;
			}
			c.table = table = newTable();
			this.tables.set(collection, table);
		}
		const revision = ++this.revision;
		c.writes++;
		const prior = this.slotIn(table, key);
		const object = build(revision);
		let slot: number;
		let previous: unknown;
		if (prior === undefined) {
			c.sortedSlots = undefined;
			slot = table.free.pop() ?? table.keys.length;
			roomFor(table, slot);
			table.hashes[slot] = this.hash(key);
			setRevision(table, slot, revision);
			if (slot === table.keys.length) {
				table.keys.push(key);
				table.objects.push(object);
			} else {
				table.keys[slot] = key;
				table.objects[slot] = object;
			}
			indexSlot(table, slot);
		} else {
			slot = prior;
			previous = table.objects[slot];
			table.objects[slot] = object;
			setRevision(table, slot, revision);
		}
		if (c.watching > 0) {
			const type = prior === undefined ? 'ADDED' : 'MODIFIED';
			const stored = table.keys[slot]!;
			this.notify(c, { type, collection, key: stored, object, revision, previous, slot });
		}
		return object;
	}

	delete(collection: string, key: string): boolean {
		const c = this.named.get(collection);
		if (c === undefined) return false;
		const table = c.table;
		const view = table === undefined ? c.view : undefined;
		if (view !== undefined) {
			const object = view.delete(key);
			if (object === undefined) return false;
			const revision = ++this.revision;
			c.writes++;
			this.notify(c, { type: 'DELETED', collection, key, object, revision, previous: object });
			return true;
		}
		const slot = table === undefined ? undefined : this.slotIn(table, key);
		if (table === undefined || slot === undefined) return false;
		const object = table.objects[slot];
		const stored = table.keys[slot]!;
		unindexSlot(table, slot);
		table.objects[slot] = undefined;
		table.keys[slot] = undefined;
		table.revisions[slot] = 0;
		c.sortedSlots = undefined;
		const revision = ++this.revision;
		c.writes++;
		try {
			this.notify(c, {
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
		const c = this.entry(collection);
		const w = watcher as Watcher;
		// A watcher is kept once, however often it starts (as in a set).
		if (!c.watchers.includes(w)) {
			c.watchers.push(w);
			c.watching++;
		}
		return () => {
			const i = c.watchers.indexOf(w);
			if (i < 0) return;
			c.watching--;
			if (c.telling === 0) c.watchers.splice(i, 1);
			else {
				c.watchers[i] = null;
				c.stopped = true;
			}
		};
	}

	/**
	 * Tells `c`'s watchers of a write, in the order they started: one started meanwhile hears
	 * it too, one stopped before its turn does not (a set's iteration). An array walked by index
	 * rather than a set's iterator: each pod write is told to some twenty watchers.
	 */
	private notify(c: Collection, event: WatchEvent): void {
		const watchers = c.watchers;
		c.telling++;
		try {
			for (let i = 0; i < watchers.length; i++) watchers[i]?.(event);
		} finally {
			if (--c.telling === 0 && c.stopped) {
				c.stopped = false;
				c.watchers = watchers.filter((w) => w !== null);
			}
		}
	}

	save(): StoreState {
		const collections = new Map<string, SavedTable>();
		for (const [name, t] of this.tables) {
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
		this.tables = new Map();
		for (const c of this.named.values()) {
			c.table = undefined;
			c.sortedSlots = undefined;
		}
		for (const [name, saved] of state.collections) {
			const room = Math.max(16, saved.revisions.length);
			const revisions =
				saved.revisions instanceof Uint32Array ? new Uint32Array(room) : new Float64Array(room);
			revisions.set(saved.revisions);
			const table: Table = {
				index: new Int32Array(16),
				count: 0,
				hashes: new Int32Array(revisions.length),
				objects: saved.objects.slice(),
				revisions,
				keys: saved.keys.slice(),
				free: saved.free.slice()
			};
			// Every key keeps its slot: the components that index by slot restore theirs too.
			table.keys.forEach((k, slot) => {
				if (k !== undefined) table.hashes[slot] = hashKey(k);
			});
			reindex(table, 16);
			this.tables.set(name, table);
			this.entry(name).table = table;
		}
	}
}
