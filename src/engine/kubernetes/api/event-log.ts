/**
 * The Events' compact storage, mounted in the store as the `core/v1/events` collection.
 *
 * A 150,000-pod cluster records close to a million Events, so each is one row of parallel
 * arrays (struct of arrays) rather than an object: its interned class (involved kind, reason,
 * source…), who it is about (the involved object's namespace, name, uid and the node: shared by
 * a pod's events), the message, and numbers. The v1 Event is built when somebody reads it.
 *
 * Rows never change. The same event again (the correlator's aggregation) appends a successor
 * row, so the log only grows and a checkpoint is its length: restoring truncates it and indexes
 * the rows left. The correlator's index is an open-addressing table of row numbers keyed by a
 * hash of the identity; a hit is confirmed field by field, so a collision never merges events.
 *
 * Events written through the store itself (`kubectl apply` of an Event manifest) are kept as the
 * objects they are, in rows of their own.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { CollectionView } from '../../core/store';
import { rfc3339 } from '../../core/time';
import { EVENT_TTL_MS } from '../defaults';

/** What many events share: interned once per combination. */
export interface EventClass {
	readonly kind: string;
	readonly apiVersion: string | undefined;
	readonly fieldPath: string | undefined;
	readonly type: 'Normal' | 'Warning';
	readonly reason: string;
	readonly source: string;
	/** The last message recorded with this class, so repeated texts share one string. */
	lastMessage: string;
}

/** The involved object and the reporting node: one per pod and node, shared by its events. */
export interface EventSubject {
	readonly ns: string;
	readonly name: string;
	readonly uid: string | undefined;
	readonly host: string | undefined;
}

/** The object whose events describe shows (the involvedObject field selector). */
export interface EventTarget {
	kind: string;
	name: string;
	namespace?: string;
	uid?: string;
}

/** An Event written through the store as a whole object; `object` undefined: deleted. */
interface Whole {
	readonly key: string;
	readonly object: unknown;
}

/** The class of rows that hold whole objects. */
const WHOLE: EventClass = {
	kind: '',
	apiVersion: undefined,
	fieldPath: undefined,
	type: 'Normal',
	reason: '',
	source: '',
	lastMessage: ''
};

/** FNV-1a over the identity's fields (with a separator after each). */
function identityHash(
	ns: string,
	kind: string,
	name: string,
	fieldPath: string,
	reason: string,
	message: string,
	source: string
): number {
	let h = 0x811c9dc5;
	const mix = (s: string) => {
		for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
		h = Math.imul(h ^ 0x7c, 0x01000193);
	};
	mix(ns);
	mix(kind);
	mix(name);
	mix(fieldPath);
	mix(reason);
	mix(message);
	mix(source);
	return h | 0;
}

const INITIAL_ROWS = 1024;

export class EventLog implements CollectionView {
	private n = 0;
	private cls: EventClass[] = [];
	private who: (EventSubject | Whole)[] = [];
	private message: string[] = [];
	private count = new Int32Array(INITIAL_ROWS);
	/** The latest occurrence (ms) and the revision of that write (its resourceVersion). */
	private last = new Float64Array(INITIAL_ROWS);
	private rev = new Float64Array(INITIAL_ROWS);
	/**
	 * The event's first row: its `last` is the first occurrence (which names the event and is
	 * its creation) and its `rev` the revision in the name. A new event is its own origin, so
	 * successors need not copy two numbers a row (rows are only ever truncated from the end).
	 */
	private origin = new Int32Array(INITIAL_ROWS);
	/** Each row's identity hash, so that growing or rebuilding the index hashes no text again. */
	private hash = new Int32Array(INITIAL_ROWS);
	/** The hash `find` worked out last: the row added next has that identity. */
	private lastHash = 0;
	/** Open addressing: row + 1 of each identity's current row, 0 for an empty slot. */
	private table = new Int32Array(2 * INITIAL_ROWS);
	private indexed = 0;
	/** The current whole objects by key (few: only what was applied as a manifest). */
	private wholes = new Map<string, number>();

	/** `now` tells the time: events last written longer ago than EVENT_TTL_MS are gone. */
	constructor(private readonly now: () => number = () => 0) {}

	get length(): number {
		return this.n;
	}

	/** The current row with this identity, or -1. */
	find(
		ns: string,
		kind: string,
		name: string,
		fieldPath: string,
		reason: string,
		message: string,
		source: string
	): number {
		const mask = this.table.length - 1;
		this.lastHash = identityHash(ns, kind, name, fieldPath, reason, message, source);
		let slot = this.lastHash & mask;
		for (;;) {
			const row = this.table[slot]! - 1;
			if (row < 0) return -1;
			const c = this.cls[row]!;
			const w = this.who[row] as EventSubject;
			if (
				w.name === name &&
				w.ns === ns &&
				this.message[row] === message &&
				c.kind === kind &&
				(c.fieldPath ?? '') === fieldPath &&
				c.reason === reason &&
				c.source === source
			)
				return row;
			slot = (slot + 1) & mask;
		}
	}

	/**
	 * The row of a new event (count 1, first = last = now, written at `revision`), right after a
	 * `find` for its identity found none.
	 */
	add(cls: EventClass, who: EventSubject, message: string, now: number, revision: number): number {
		return this.push(cls, who, message, 1, this.n, now, revision, this.lastHash);
	}

	/** The same event again: a successor row with the count and last time moved on. */
	again(row: number, now: number, revision: number): number {
		return this.push(
			this.cls[row]!,
			this.who[row]!,
			this.message[row]!,
			this.count[row]! + 1,
			this.origin[row]!,
			now,
			revision,
			this.hash[row]!
		);
	}

	private push(
		cls: EventClass,
		who: EventSubject | Whole,
		message: string,
		count: number,
		origin: number,
		last: number,
		rev: number,
		hash: number
	): number {
		const row = this.n++;
		if (row === this.count.length) this.grow(2 * row);
		this.cls[row] = cls;
		this.who[row] = who;
		this.message[row] = message;
		this.count[row] = count;
		this.origin[row] = origin;
		this.last[row] = last;
		this.rev[row] = rev;
		this.hash[row] = hash;
		if (cls === WHOLE) this.wholes.set((who as Whole).key, row);
		else this.index(row);
		return row;
	}

	private grow(rows: number): void {
		const widen = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
			const b = make(rows);
			b.set(a.subarray(0, this.n));
			return b;
		};
		this.count = widen(this.count, (r) => new Int32Array(r));
		this.origin = widen(this.origin, (r) => new Int32Array(r));
		this.last = widen(this.last, (r) => new Float64Array(r));
		this.rev = widen(this.rev, (r) => new Float64Array(r));
		this.hash = widen(this.hash, (r) => new Int32Array(r));
	}

	private sameIdentity(a: number, b: number): boolean {
		const ca = this.cls[a]!;
		const cb = this.cls[b]!;
		const wa = this.who[a] as EventSubject;
		const wb = this.who[b] as EventSubject;
		return (
			wa.ns === wb.ns &&
			wa.name === wb.name &&
			this.message[a] === this.message[b] &&
			ca.kind === cb.kind &&
			(ca.fieldPath ?? '') === (cb.fieldPath ?? '') &&
			ca.reason === cb.reason &&
			ca.source === cb.source
		);
	}

	/** Makes `row` the current row of its identity. */
	private index(row: number): void {
		if (2 * (this.indexed + 1) > this.table.length) this.rehash(2 * this.table.length);
		const mask = this.table.length - 1;
		let slot = this.hash[row]! & mask;
		for (;;) {
			const other = this.table[slot]! - 1;
			if (other < 0) {
				this.table[slot] = row + 1;
				this.indexed++;
				return;
			}
			if (this.sameIdentity(other, row)) {
				this.table[slot] = row + 1;
				return;
			}
			slot = (slot + 1) & mask;
		}
	}

	private rehash(size: number): void {
		const rows = this.currentRows();
		this.table = new Int32Array(size);
		this.indexed = 0;
		for (const row of rows) this.index(row);
	}

	private currentRows(): number[] {
		const rows: number[] = [];
		for (const slot of this.table) if (slot > 0) rows.push(slot - 1);
		return rows;
	}

	/** Back to the first `length` rows (a checkpoint restore): later ones never happened. */
	truncate(length: number): void {
		if (length > this.n) throw new Error('event log checkpoint from the future');
		this.n = length;
		this.cls.length = length;
		this.who.length = length;
		this.message.length = length;
		this.table.fill(0);
		this.indexed = 0;
		this.wholes.clear();
		for (let row = 0; row < length; row++) {
			if (this.cls[row] === WHOLE) this.wholes.set((this.who[row] as Whole).key, row);
			else this.index(row);
		}
	}

	/** `<namespace>/<name>`: the event is named after its object, its first time and revision. */
	keyOf(row: number): string {
		const w = this.who[row]!;
		if (this.cls[row] === WHOLE) return (w as Whole).key;
		const s = w as EventSubject;
		const first = this.origin[row]!;
		const hex = (this.last[first]! * 1_000_000 + this.rev[first]! - 1)
			.toString(16)
			.padStart(16, '0')
			.slice(-16);
		return `${s.ns}/${s.name}.${hex}`;
	}

	/** The v1 Event, in the field order the recorder has always written. */
	toEvent(row: number): Event {
		if (this.cls[row] === WHOLE) return (this.who[row] as Whole).object as Event;
		const c = this.cls[row]!;
		const w = this.who[row] as EventSubject;
		const key = this.keyOf(row);
		const first = rfc3339(this.last[this.origin[row]!]!);
		return {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {
				name: key.slice(w.ns.length + 1),
				namespace: w.ns,
				resourceVersion: String(this.rev[row]),
				creationTimestamp: first
			},
			involvedObject: {
				kind: c.kind,
				name: w.name,
				namespace: w.ns,
				...(w.uid ? { uid: w.uid } : {}),
				...(c.apiVersion ? { apiVersion: c.apiVersion } : {}),
				...(c.fieldPath ? { fieldPath: c.fieldPath } : {})
			},
			reason: c.reason,
			message: this.message[row]!,
			source: { component: c.source, ...(w.host ? { host: w.host } : {}) },
			firstTimestamp: first,
			lastTimestamp: rfc3339(this.last[row]!),
			count: this.count[row]!,
			type: c.type,
			reportingComponent: c.source,
			reportingInstance: w.host ?? ''
		};
	}

	/**
	 * Every current event's row and key (unsorted); with `name`, only recorded events about an
	 * object of that name (and every whole object, which the caller filters).
	 */
	private current(name?: string): { key: string; row: number }[] {
		const out: { key: string; row: number }[] = [];
		const hidden = new Set<string>();
		for (const [key, row] of this.wholes) {
			hidden.add(key);
			if ((this.who[row] as Whole).object !== undefined) out.push({ key, row });
		}
		// kube-apiserver stores each Event with a lease of --event-ttl from its last write; etcd
		// drops it when the lease runs out. Rows stay (a checkpoint is the log's length), unseen.
		const oldest = this.now() - EVENT_TTL_MS;
		for (const row of this.currentRows()) {
			if (this.last[row]! < oldest) continue;
			if (name !== undefined && (this.who[row] as EventSubject).name !== name) continue;
			const key = this.keyOf(row);
			// A whole object written (or deleted) at the same key replaced the recorded event.
			if (!hidden.has(key)) out.push({ key, row });
		}
		return out;
	}

	/**
	 * The current events about one object, in key order: what describe's field selector
	 * (involvedObject name, kind, namespace, uid) keeps of `list()`, without building the
	 * hundreds of thousands of other events a big cluster holds.
	 */
	about(target: EventTarget): Event[] {
		const matches = (o: Event['involvedObject'] | undefined) =>
			o !== undefined &&
			o.name === target.name &&
			o.kind === target.kind &&
			(target.namespace === undefined || (o.namespace ?? 'default') === target.namespace) &&
			(target.uid === undefined || o.uid === undefined || o.uid === target.uid);
		const found: { key: string; event: Event }[] = [];
		for (const { key, row } of this.current(target.name)) {
			const event = this.toEvent(row);
			if (matches(event.involvedObject)) found.push({ key, event });
		}
		return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.event);
	}

	get(key: string): unknown {
		const found = this.current().find((e) => e.key === key);
		return found === undefined ? undefined : this.toEvent(found.row);
	}

	list(): unknown[] {
		return this.current()
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
			.map((e) => this.toEvent(e.row));
	}

	size(): number {
		return this.current().length;
	}

	revisionOf(key: string): number | undefined {
		const found = this.current().find((e) => e.key === key);
		return found === undefined ? undefined : this.rev[found.row];
	}

	put(key: string, object: unknown, revision: number): void {
		this.push(WHOLE, { key, object }, '', 1, this.n, 0, revision, 0);
	}

	delete(key: string): unknown {
		const object = this.get(key);
		if (object !== undefined) this.put(key, undefined, 0);
		return object;
	}
}
