/**
 * The Events' compact storage, mounted in the store as the `core/v1/events` collection.
 *
 * A 150,000-pod cluster records close to a million Events, so each is one row of typed-array
 * columns (numbers, no object): its interned class (involved kind, reason, source…), its subject
 * (the involved object's namespace, name and uid: one per object, shared by its events), the
 * reporting node, its message and its numbers. The v1 Event is built when somebody reads it.
 *
 * Messages are mostly the same few texts with the object's name in them (`Successfully assigned
 * default/web-1 to node-3`, `Container started`): with the subject's `<namespace>/<name>` or
 * name cut out, a text seen twice is interned as a template and rows point at it;
 * any other (`Created pod: web-1`) is kept, cut the same way, as Latin-1 bytes in an arena.
 * Only an aggregated event (a successor row) keeps its count and origin, in side columns.
 *
 * Rows never change. The same event again (the correlator's aggregation) appends a successor
 * row, so the log only grows and a checkpoint is its length: restoring truncates it and indexes
 * the rows left. The correlator's index is an open-addressing table of row numbers keyed by a
 * hash of the identity (client-go's getEventKey: class and reporting node, subject with its
 * uid, message), each with the hash's top bits beside it so that a probe rules other
 * identities out without reading their rows; a hit is confirmed field by field, so a collision
 * never merges events.
 *
 * Events written through the store itself (`kubectl apply` of an Event manifest) are kept as the
 * objects they are, in rows of their own.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { ClimbingColumn, IntColumn, RefColumn, ShortColumn } from '../../core/columns';
import type { CollectionView } from '../../core/store';
import { rfc3339 } from '../../core/time';
import { AGGREGATED_EVENT_PREFIX, EVENT_TTL_MS } from '../defaults';
import { InternedColumn } from './interned-column';
import { TimeRuns } from '../../core/time-runs';
import { HashPairs } from '../../core/hash-pairs';
import {
	MessageCut,
	mix,
	NAME,
	NAME_CODE,
	NS_NAME,
	NS_NAME_CODE,
	templateOf,
	type Template
} from './message-cut';

/** What many events share: interned once per combination (a cluster has a few dozen). */
export interface EventClass {
	readonly kind: string;
	readonly apiVersion: string | undefined;
	readonly fieldPath: string | undefined;
	readonly type: 'Normal' | 'Warning';
	readonly reason: string;
	readonly source: string;
	/**
	 * The correlator's combined event (`(combined from similar events): …`): one per
	 * aggregate key, whatever its latest message, so its identity leaves the message out.
	 */
	readonly combined?: boolean;
}

/** What the correlator reads of a recorded row when it replays an object's events. */
export interface RowView {
	readonly cls: EventClass;
	readonly host: string | undefined;
	readonly ns: string;
	readonly name: string;
	readonly uid: string | undefined;
	readonly time: number;
	readonly message: string;
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

/** How many heads texts share at most (`EventLog.textHead`); later texts keep their keys whole. */
const HEAD_LIMIT = 4096;
/**
 * How many texts the log remembers as seen once (`EventLog.seenText`) at first and at most: a
 * power of two, grown to a few times the cluster's nodes (`Successfully assigned … to node-3`
 * is one key a node).
 */
const SEEN_SLOTS = 1 << 10;
const SEEN_SLOTS_MAX = 1 << 14;

/** The class of rows that hold whole objects. */
const WHOLE = -1;
/** No reporting node (the `host` column). */
const NO_HOST = -1;
/** A combined event's stand-in for a message key in its identity hash (its message moves on). */
const COMBINED_KEY = 0x636f6d62;

/**
 * The identity's hash, from its class's seed, its message's template key (`MessageCut.hash`) and its
 * subject's namespace and name (`subjectHashOf`). Made of these, a row's hash is worked out
 * again when the index grows from what the log keeps anyway — each class's seed, each
 * template's and subject's hash — rather than kept per row (4 bytes a row of a million). The
 * rest of the identity (the subject's uid, the reporting node) is left to the comparison: an
 * object's events share them.
 */
function identityHash(seed: number, key: number, subjectHash: number): number {
	return finish((seed + Math.imul(key, 0x85ebca77) + Math.imul(subjectHash, 0x9e3779b1)) | 0);
}

/** FNV-1a of a subject's namespace and name. */
function subjectHashOf(ns: string, name: string): number {
	return mix(mix(0x811c9dc5, ns), name) | 0;
}

/**
 * murmur3's fmix32: FNV-1a's low bits, which pick a hash's place in the index, vary little
 * between similar texts (a Deployment's pod names); mixed, they spread and runs stay short.
 */
function finish(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) | 0;
}

const INITIAL_ROWS = 1024;
/** Rows per block of the `msg` column's text bases (at most 32,767: each names a text at most). */
const TEXT_BLOCK_BITS = 12;

/** Whether every character of `text` fits a byte (the arena's encoding). */
function latin1(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
	return true;
}

export class EventLog implements CollectionView {
	private n = 0;
	private readonly classes: EventClass[] = [];
	/** Each class's seed, which a row's identity hash starts from (`identityHash`). */
	private readonly seeds: number[] = [];

	// The subjects: one per involved object, appended as rows first name them.
	private subjects = 0;
	private readonly subjectNs = new InternedColumn();
	private readonly subjectName = new RefColumn<string>();
	private readonly subjectUid = new RefColumn<string | undefined>();
	/** Each subject's `subjectHashOf`: rows' identity hashes are made from it (`rowHash`). */
	private readonly subjectHash = new IntColumn(Int32Array);

	private readonly hosts: string[] = [];
	private readonly hostIds = new Map<string, number>();
	private lastHostName = '';
	private lastHostId = NO_HOST;
	private readonly templates: Template[] = [];
	private readonly templateIds = new Map<string, number>();
	/** Each template key's hash (`MessageCut.hash`), which rows' hashes are made from. */
	private readonly templateHash: number[] = [];
	/**
	 * The first template with each key hash: `find` looks a message's template up by the hash
	 * it works out anyway and checks it in place, where a lookup by key would build the key.
	 */
	private readonly templateByHash = new HashPairs();
	/**
	 * Templates' prefixes and suffixes, each text kept once: every node's `Successfully assigned
	 * \u0001 to node-3` shares one prefix, which stays in the cache for the check of each new one.
	 */
	private readonly templatePieces = new Map<string, string>();
	/**
	 * Texts seen once, by their key's hash: text index + 1 (0: none) in the slot its hash picks,
	 * and that hash. A key whose slot names a text with the same key is seen twice and becomes a
	 * template. A table of numbers rather than a set of keys: no key is hashed as a string or
	 * kept twice, and one that never repeats (`Created pod: …`) is simply written over.
	 */
	private seenText = new Int32Array(SEEN_SLOTS);
	private seenHash = new Int32Array(SEEN_SLOTS);
	/** By class: the last message whose key was itself, its key's hash and its template (or -1). */
	private readonly plainMessage: string[] = [];
	private readonly plainHash: number[] = [];
	private readonly plainTemplate: number[] = [];
	/**
	 * Template keys seen once, as Latin-1 bytes (a row's `msg` is -1 - the text's index): text
	 * `i` is `arena[textStart[i]]` up to the next text's start.
	 */
	private arena = new Uint8Array(16 * INITIAL_ROWS);
	private arenaUsed = 0;
	private readonly textStart = new IntColumn(Uint32Array);
	private texts = 0;
	/**
	 * Each text's head: 0 for none, else the id + 1 among `heads` of its key up to and with
	 * its cut, which the arena then leaves out: every pod a ReplicaSet makes has a text of its
	 * own (`Created pod: <name>-x7k2p`, the ReplicaSet's name cut), all with one head, so the
	 * arena keeps `-x7k2p` (a 150,000-pod cluster: ~12 bytes a pod fewer, with the head's two).
	 */
	private readonly textHead = new ShortColumn();
	private readonly heads: string[] = [];
	private readonly headIds = new Map<string, number>();

	// The rows' columns.
	/**
	 * The row's class and reporting node, as one interned pair: a cluster has a few dozen
	 * classes, a handful reported from each node, so the pairs are few and a row saves a column
	 * (and its id fits two bytes but in a cluster of many thousands of nodes).
	 */
	private readonly pair = new ShortColumn();
	private readonly pairCls: number[] = [];
	private readonly pairHost: number[] = [];
	/** The pair ids by class + 1 and host + 1 (both small whole numbers). */
	private readonly pairIds: number[][] = [];
	private readonly subject = new IntColumn(Int32Array);
	/**
	 * The row's message (see `msgOf`): a template id (>= 0; a cluster has a few dozen), or a
	 * text's as -1 - its index past its block's first text (`textBase`). A block of rows names
	 * at most as many new texts as it has rows, so two bytes a row hold every text of a
	 * 150,000-pod cluster (a text a pod: `Created pod: …`), where its plain index would be an
	 * exception for all but the first 32,767.
	 */
	private readonly msg = new ShortColumn(0x8000);
	/** The first text each block of 2^TEXT_BLOCK_BITS rows names, by block. */
	private readonly textBase: number[] = [];
	/**
	 * The latest occurrence (ms) and the revision of that write (its resourceVersion). Times as
	 * runs: a burst of events shares one (core/time-runs).
	 */
	private readonly last = new TimeRuns();
	/** Rows are appended as events are written: each row's revision is a little past the last's. */
	private readonly rev = new ClimbingColumn();

	/**
	 * The successor rows (the same event again), in row order, with their count and origin: the
	 * event's first row, whose `last` is the first occurrence (which names the event and is its
	 * creation) and whose `rev` is the revision in the name. Any other row is a new event, its
	 * own origin with count 1, so most rows carry neither number.
	 */
	private successors = 0;
	private readonly successorRow = new IntColumn(Int32Array);
	private readonly successorCount = new IntColumn(Int32Array);
	private readonly successorOrigin = new IntColumn(Int32Array);

	/** What `find` worked out last, for the row added next: its hash, message and template. */
	private lastHash = 0;
	private readonly lastCut = new MessageCut();
	/** The last message's template key, built when needed ('' until then). */
	private lastKey = '';
	private lastTemplate = -1;
	/** The last message's key's hash (`MessageCut.hash`). */
	private lastKeyHash = 0;
	/**
	 * Where `find` stopped (the row it found, or the empty slot a new identity takes) and what
	 * it found there, so that indexing the row added next need not probe again; -1: no hint.
	 */
	private lastSlot = -1;
	private lastFound = -1;

	/**
	 * Open addressing: each identity's current row + 1 in the low `rowBits` bits, 0 for an
	 * empty slot; the bits above hold the identity hash's top bits (`fingerprint`). A probe that
	 * passes another identity's slot — most probes of a miss, and most events are new — is
	 * told apart by the table alone, without reading the row's columns at random (a million
	 * rows' columns are far bigger than the cache: each such read costs a miss).
	 */
	private table = new Uint32Array(2 * INITIAL_ROWS);
	private rowBits = 16;
	/** 2^rowBits - 1: a table entry's row + 1 (kept rather than worked out with `**` per entry). */
	private rowMask = 0xffff;
	private indexed = 0;
	/** The current whole objects by key, and every whole row's object (few: manifests only). */
	private wholes = new Map<string, number>();
	private wholeRows = new Map<number, Whole>();
	/**
	 * First occurrences before the row that wrote the event (few): the correlator's spam filter
	 * dropped them, yet they count and the event's firstTimestamp is the first of them.
	 */
	private readonly firstAt = new Map<number, number>();

	/** `now` tells the time: events last written longer ago than EVENT_TTL_MS are gone. */
	constructor(private readonly now: () => number = () => 0) {}

	get length(): number {
		return this.n;
	}

	/** The id of a new class (the recorder interns them). */
	addClass(cls: EventClass): number {
		if (this.classes.length >= 2 ** 20) throw new Error('too many event classes');
		// Classes are interned whole, so an identity's class is its id: the seed is the id's.
		this.seeds.push(finish(Math.imul(this.classes.length + 1, 0x9e3779b1)));
		return this.classes.push(cls) - 1;
	}

	private clsOf(row: number): number {
		return this.pairCls[this.pair.get(row)]!;
	}

	private hostOf(row: number): number {
		return this.pairHost[this.pair.get(row)]!;
	}

	/** Whether subject `id` is this object (ids outlive a checkpoint restore: it may not be). */
	isSubject(id: number, ns: string, name: string, uid: string | undefined): boolean {
		return (
			id < this.subjects &&
			this.subjectName.get(id) === name &&
			this.subjectNs.get(id) === ns &&
			this.subjectUid.get(id) === uid
		);
	}

	/** The hash of an object's namespace and name: its subject's (-1: none known) or worked out. */
	subjectHashFor(subject: number, ns: string, name: string): number {
		return subject >= 0 ? this.subjectHash.get(subject) : subjectHashOf(ns, name);
	}

	/** A new subject's id. */
	newSubject(ns: string, name: string, uid: string | undefined): number {
		const id = this.subjects++;
		this.subjectNs.set(id, ns);
		this.subjectName.set(id, name);
		this.subjectUid.set(id, uid);
		this.subjectHash.set(id, subjectHashOf(ns, name));
		return id;
	}

	/** The id of a reporting node (NO_HOST for none), interned. */
	hostId(host: string | undefined): number {
		if (host === undefined || host === '') return NO_HOST;
		// A kubelet's events about a pod come in runs: the same node as last time costs a compare.
		if (host === this.lastHostName) return this.lastHostId;
		let h = this.hostIds.get(host);
		if (h === undefined) {
			this.hostIds.set(host, (h = this.hosts.push(host) - 1));
			// A few seen slots a node: its texts start over (it only makes later templates).
			const slots = this.seenText.length;
			if (4 * this.hosts.length > slots && slots < SEEN_SLOTS_MAX) {
				this.seenText = new Int32Array(2 * slots);
				this.seenHash = new Int32Array(2 * slots);
			}
		}
		this.lastHostName = host;
		this.lastHostId = h;
		return h;
	}

	/**
	 * The current row with this identity, or -1: client-go's getEventKey (tools/record/
	 * events_cache.go) joins source component and host, the involved object's kind, namespace,
	 * name, fieldPath, uid and apiVersion, type, reason and message. Class `cls` holds all but
	 * the host, the object and the message; `subject` is the object's subject when the caller
	 * knows it (-1: not known), which saves comparing its fields.
	 */
	find(
		cls: number,
		host: number,
		ns: string,
		name: string,
		uid: string | undefined,
		subject: number,
		message: string
	): number {
		const cut = this.lastCut;
		this.lastKey = '';
		let key: number;
		// A class's message again with no subject in it (`Container started`): its key is the
		// message, whose hash and template were worked out the first time; only whether this
		// subject's name is in it is left to check.
		if (message === this.plainMessage[cls] && name !== '' && !message.includes(name)) {
			cut.uncut(message);
			key = this.plainHash[cls]!;
			const template = this.plainTemplate[cls]!;
			this.lastTemplate = template >= 0 ? template : this.templateFor(key);
			this.plainTemplate[cls] = this.lastTemplate;
		} else {
			cut.of(message, ns, name);
			key = cut.hash();
			this.lastTemplate = this.templateFor(key);
			if (cut.isUncut()) {
				this.plainMessage[cls] = message;
				this.plainHash[cls] = key;
				this.plainTemplate[cls] = this.lastTemplate;
			}
		}
		const hash = identityHash(this.seeds[cls]!, key, this.subjectHashFor(subject, ns, name));
		this.lastHash = hash;
		this.lastKeyHash = key;
		// No row has this class and host yet: none can be this identity (the probe still finds
		// the empty slot the new row takes).
		const pair = this.pairIds[cls + 1]?.[host + 1] ?? -1;
		const table = this.table;
		const mask = table.length - 1;
		const rowBits = this.rowBits;
		const rowMask = this.rowMask;
		const fingerprint = this.fingerprint(hash);
		let slot = hash & mask;
		for (; ; slot = (slot + 1) & mask) {
			const entry = table[slot]!;
			if (entry === 0) break;
			if (entry >>> rowBits !== fingerprint) continue;
			const row = (entry & rowMask) - 1;
			if (this.pair.get(row) !== pair) continue;
			const s = this.subject.get(row);
			if (s !== subject && !this.isSubject(s, ns, name, uid)) continue;
			// Same subject: the same key is the same text.
			const m = this.msgOf(row);
			if (m >= 0 ? m === this.lastTemplate : this.textIs(-1 - m, this.lastKeyString())) {
				this.lastSlot = slot;
				this.lastFound = row;
				return row;
			}
		}
		this.lastSlot = slot;
		this.lastFound = -1;
		return -1;
	}

	/** The last message's template id, or -1 (looked up by its key's hash, checked in place). */
	private templateFor(key: number): number {
		const table = this.templateByHash;
		let id = -1;
		for (let slot = table.start(key); table.idAt(slot) >= 0; slot = table.next(slot))
			if (table.hashAt(slot) === key) {
				id = table.idAt(slot);
				break;
			}
		if (id < 0) return -1;
		if (this.lastCut.is(this.templates[id]!)) return id;
		// Another key with the same hash: looked up by the key itself.
		return this.templateIds.get(this.lastKeyString()) ?? -1;
	}

	private lastKeyString(): string {
		if (this.lastKey === '') this.lastKey = this.lastCut.key();
		return this.lastKey;
	}

	/** The identity hash's top bits that a table entry keeps above its row. */
	private fingerprint(hash: number): number {
		return hash >>> this.rowBits;
	}

	/**
	 * The row of a new event (last = now, written at `revision`), right after a `find` for its
	 * identity found none: count 1 and first = now, unless the spam filter dropped it before.
	 */
	add(
		cls: number,
		subject: number,
		host: number,
		now: number,
		revision: number,
		count = 1,
		first = now
	): number {
		const row = this.push(cls, subject, host, this.internMessage(), now, revision, this.lastHash);
		this.started(row, count, first, now);
		return row;
	}

	/**
	 * A combined event's first row (its message: the one `find` saw last), counting `count`
	 * occurrences since `first`.
	 */
	addCombined(
		cls: number,
		subject: number,
		host: number,
		now: number,
		revision: number,
		count: number,
		first: number
	): number {
		// Its identity is not the one `find` probed for: no hint.
		this.lastSlot = -1;
		const msg = this.internMessage();
		const hash = identityHash(this.seeds[cls]!, COMBINED_KEY, this.subjectHash.get(subject));
		const row = this.push(cls, subject, host, msg, now, revision, hash);
		this.started(row, count, first, now);
		return row;
	}

	/** A combined event again, with the message `find` saw last and its count at `count`. */
	againCombined(row: number, now: number, revision: number, count: number): number {
		this.lastSlot = -1;
		const msg = this.internMessage();
		const origin = this.originOf(row);
		const next = this.push(
			this.clsOf(row),
			this.subject.get(row),
			this.hostOf(row),
			msg,
			now,
			revision,
			this.rowHash(row)
		);
		this.succeed(next, count, origin);
		return next;
	}

	/** A new event's count and first occurrence when the spam filter dropped earlier ones. */
	private started(row: number, count: number, first: number, now: number): void {
		if (count > 1) this.succeed(row, count, row);
		if (first !== now) this.firstAt.set(row, first);
	}

	private succeed(row: number, count: number, origin: number): void {
		const i = this.successors++;
		this.successorRow.set(i, row);
		this.successorCount.set(i, count);
		this.successorOrigin.set(i, origin);
	}

	/** Makes template `id` the one `templateFor` finds by `hash`, unless one has that hash. */
	private firstWithHash(hash: number, id: number): void {
		const table = this.templateByHash;
		let slot = table.start(hash);
		for (; table.idAt(slot) >= 0; slot = table.next(slot)) if (table.hashAt(slot) === hash) return;
		table.insertAt(slot, hash, id);
	}

	/** `t` with its prefix and suffix the texts other templates hold, when they hold them. */
	private sharedTemplate(t: Template): Template {
		const piece = (text: string): string => {
			let kept = this.templatePieces.get(text);
			if (kept === undefined) this.templatePieces.set(text, (kept = text));
			return kept;
		};
		return { prefix: piece(t.prefix), slot: t.slot, suffix: piece(t.suffix) };
	}

	/** The message `find` saw last as a row's `msg`: its template, or a text interned now. */
	private internMessage(): number {
		let msg = this.lastTemplate;
		if (msg < 0) {
			const key = this.lastKeyString();
			const hash = this.lastKeyHash;
			const slot = hash & (this.seenText.length - 1);
			const seen = this.seenText[slot]! - 1;
			// Seen before (`Container started`, or `… to node-3` again): interned from now on.
			// Holding a placeholder character (its key starts with both), or not Latin-1: the arena
			// cannot keep it.
			if (
				(seen >= 0 &&
					seen < this.texts &&
					this.seenHash[slot] === hash &&
					this.textIs(seen, key)) ||
				key.startsWith(NAME + NS_NAME) ||
				!latin1(key)
			) {
				msg = this.templates.push(this.sharedTemplate(templateOf(key))) - 1;
				this.templateHash.push(hash);
				this.templateIds.set(key, msg);
				this.firstWithHash(hash, msg);
				if (seen >= 0 && this.seenHash[slot] === hash) this.seenText[slot] = 0;
			} else {
				msg = -1 - this.addText(key);
				this.seenText[slot] = -msg;
				this.seenHash[slot] = hash;
			}
		}
		return msg;
	}

	/**
	 * The same event again: a successor row with the count (by default one more; more when the
	 * spam filter dropped some in between) and last time moved on.
	 */
	again(row: number, now: number, revision: number, count = this.countOf(row) + 1): number {
		const origin = this.originOf(row);
		const next = this.push(
			this.clsOf(row),
			this.subject.get(row),
			this.hostOf(row),
			this.msgOf(row),
			now,
			revision,
			// Right after the `find` that gave `row`, its hash is the one worked out there.
			row === this.lastFound && this.lastSlot >= 0 ? this.lastHash : this.rowHash(row)
		);
		this.succeed(next, count, origin);
		return next;
	}

	/** The index of `row` among the successors, or -1 (a new event). */
	private successor(row: number): number {
		let lo = 0;
		let hi = this.successors;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.successorRow.get(mid) < row) lo = mid + 1;
			else hi = mid;
		}
		return lo < this.successors && this.successorRow.get(lo) === row ? lo : -1;
	}

	/** The count of the event `row` wrote. */
	countOf(row: number): number {
		const i = this.successor(row);
		return i < 0 ? 1 : this.successorCount.get(i);
	}

	private originOf(row: number): number {
		const i = this.successor(row);
		return i < 0 ? row : this.successorOrigin.get(i);
	}

	/** Appends a text to the arena; returns its index. */
	private addText(key: string): number {
		const i = this.texts++;
		// A key holds at most one cut (keys with both placeholders are templates, never texts).
		let cut = key.indexOf(NAME);
		if (cut < 0) cut = key.indexOf(NS_NAME);
		let head = 0;
		if (cut >= 0) {
			const text = key.slice(0, cut + 1);
			let id = this.headIds.get(text);
			if (id === undefined && this.heads.length < HEAD_LIMIT)
				this.headIds.set(text, (id = this.heads.push(text)));
			if (id !== undefined) head = id;
		}
		this.textHead.set(i, head);
		const from = head === 0 ? 0 : cut + 1;
		this.textStart.set(i, this.arenaUsed);
		const end = this.arenaUsed + key.length - from;
		if (end > this.arena.length) {
			const grown = new Uint8Array(Math.max(end, Math.ceil(this.arena.length * 1.5)));
			grown.set(this.arena.subarray(0, this.arenaUsed));
			this.arena = grown;
		}
		for (let c = from; c < key.length; c++)
			this.arena[this.arenaUsed + c - from] = key.charCodeAt(c);
		this.arenaUsed = end;
		return i;
	}

	private textEnd(i: number): number {
		return i + 1 < this.texts ? this.textStart.get(i + 1) : this.arenaUsed;
	}

	/** Text `i`'s head ('' for none): its key is the head, then its bytes in the arena. */
	private headOf(i: number): string {
		const h = this.textHead.get(i);
		return h === 0 ? '' : this.heads[h - 1]!;
	}

	/** Whether text `i` is `key`, without building it. */
	private textIs(i: number, key: string): boolean {
		const head = this.headOf(i);
		const start = this.textStart.get(i);
		const tail = this.textEnd(i) - start;
		if (head.length + tail !== key.length || !key.startsWith(head)) return false;
		for (let c = 0; c < tail; c++)
			if (this.arena[start + c] !== key.charCodeAt(head.length + c)) return false;
		return true;
	}

	/** Text `i`'s key (its head and its bytes). */
	private textKey(i: number): string {
		let out = this.headOf(i);
		for (let c = this.textStart.get(i), end = this.textEnd(i); c < end; c++)
			out += String.fromCharCode(this.arena[c]!);
		return out;
	}

	private push(
		cls: number,
		subject: number,
		host: number,
		msg: number,
		last: number,
		rev: number,
		hash: number
	): number {
		if (!Number.isInteger(rev) || rev < 0 || rev > 0xffffffff)
			throw new Error(`event revision ${rev} out of range`);
		const row = this.n;
		this.n++;
		const byHost = (this.pairIds[cls + 1] ??= []);
		let pair = byHost[host + 1];
		if (pair === undefined) {
			pair = this.pairCls.push(cls) - 1;
			this.pairHost.push(host);
			byHost[host + 1] = pair;
		}
		this.pair.set(row, pair);
		this.subject.set(row, subject);
		this.setMsg(row, msg);
		this.last.set(row, last);
		this.rev.set(row, rev);
		if (row + 1 >= this.rowMask) this.widen();
		if (cls !== WHOLE) this.index(row, hash);
		return row;
	}

	/** Row `row`'s message: a template id (>= 0), or -1 - the index of its text. */
	private msgOf(row: number): number {
		const m = this.msg.get(row);
		if (m >= 0) return m;
		// Below the column's two bytes: a text far behind its block's first (see `setMsg`).
		if (m < -0x8000) return m + 0x10000;
		return -1 - (this.textBase[row >>> TEXT_BLOCK_BITS]! + (-1 - m));
	}

	private setMsg(row: number, msg: number): void {
		if (msg >= 0) return this.msg.set(row, msg);
		const block = row >>> TEXT_BLOCK_BITS;
		const text = -1 - msg;
		const base = (this.textBase[block] ??= text);
		const past = text - base;
		// A text before the block's first (an old event again) is kept as itself, shifted below
		// what the column holds in two bytes: one of its rare exceptions.
		this.msg.set(row, past >= 0 && past < 0x8000 ? -1 - past : msg - 0x10000);
	}

	/** The identity hash of `row` (a recorded one), as `find` works it out. */
	private rowHash(row: number): number {
		const m = this.msgOf(row);
		let key: number;
		if (this.classes[this.clsOf(row)]!.combined === true) key = COMBINED_KEY;
		else if (m >= 0) key = this.templateHash[m]!;
		else {
			// The head, then the text's bytes, its key's characters (Latin-1): hashed as
			// `MessageCut.hash` hashes the key.
			const i = -1 - m;
			const head = this.headOf(i);
			key = 0x811c9dc5;
			for (let c = 0; c < head.length; c++) key = Math.imul(key ^ head.charCodeAt(c), 0x01000193);
			for (let c = this.textStart.get(i), end = this.textEnd(i); c < end; c++)
				key = Math.imul(key ^ this.arena[c]!, 0x01000193);
			key = Math.imul(key ^ 0x7c, 0x01000193);
		}
		return identityHash(
			this.seeds[this.clsOf(row)]!,
			key,
			this.subjectHash.get(this.subject.get(row))
		);
	}

	/** The message of a row, built from its template and subject when it has one. */
	private message(row: number): string {
		const m = this.msgOf(row);
		const s = this.subject.get(row);
		const name = this.subjectName.get(s);
		if (m < 0) {
			const key = this.textKey(-1 - m);
			let out = '';
			for (let c = 0; c < key.length; c++) {
				const code = key.charCodeAt(c);
				out +=
					code === NS_NAME_CODE
						? `${this.subjectNs.get(s)}/${name}`
						: code === NAME_CODE
							? name
							: key[c];
			}
			return out;
		}
		const t = this.templates[m]!;
		if (t.slot === 0) return t.prefix;
		const cut = t.slot === 1 ? `${this.subjectNs.get(s)}/${name}` : name;
		return t.prefix + cut + t.suffix;
	}

	private sameIdentity(a: number, b: number): boolean {
		const sa = this.subject.get(a);
		const sb = this.subject.get(b);
		return (
			this.pair.get(a) === this.pair.get(b) &&
			(sa === sb ||
				this.isSubject(
					sb,
					this.subjectNs.get(sa),
					this.subjectName.get(sa),
					this.subjectUid.get(sa)
				)) &&
			// With the same subject, the same template is the same text. A combined event is one
			// whatever its message.
			(this.msgOf(a) === this.msgOf(b) ||
				this.classes[this.clsOf(a)]!.combined === true ||
				this.message(a) === this.message(b))
		);
	}

	/** The table entry of `row`, whose identity hash is `hash`. */
	private entryOf(row: number, hash: number): number {
		return ((hash & ~this.rowMask) | (row + 1)) >>> 0;
	}

	/** The row of a table entry (not 0). */
	private rowOf(entry: number): number {
		return (entry & this.rowMask) - 1;
	}

	/**
	 * One more bit for rows (the log reached the entries' row bits): each entry gives up its
	 * fingerprint's lowest bit, which leaves the fingerprint `hash >>> rowBits` still.
	 */
	private widen(): void {
		if (this.rowBits >= 31) throw new Error('too many events');
		const bit = this.rowMask + 1;
		const table = this.table;
		for (let i = 0; i < table.length; i++) if (table[i]! & bit) table[i] = table[i]! - bit;
		this.rowBits++;
		this.rowMask = bit * 2 - 1;
	}

	/** Makes `row` (whose identity hash is `hash`) the current row of its identity. */
	private index(row: number, hash: number): void {
		const hint = this.lastSlot;
		const found = this.lastFound;
		this.lastSlot = -1;
		// Kept at most three quarters full: linear probing stays short, the table small.
		if (4 * (this.indexed + 1) > 3 * this.table.length) this.rehash(2 * this.table.length);
		else if (hint >= 0 && hash === this.lastHash) {
			// Right after the `find` for this row's identity, which stopped at `hint`: the row
			// takes the empty slot it found, or replaces the row it found there.
			const entry = this.table[hint]!;
			if ((entry === 0 ? -1 : this.rowOf(entry)) === found) {
				if (found < 0) this.indexed++;
				this.table[hint] = this.entryOf(row, hash);
				return;
			}
		}
		const table = this.table;
		const mask = table.length - 1;
		const fingerprint = this.fingerprint(hash);
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = table[slot]!;
			if (entry === 0) this.indexed++;
			else if (entry >>> this.rowBits !== fingerprint || !this.sameIdentity(this.rowOf(entry), row))
				continue;
			table[slot] = this.entryOf(row, hash);
			return;
		}
	}

	private rehash(size: number): void {
		this.lastSlot = -1;
		// The current rows as bits, to be hashed in row order: their columns are then read front
		// to back rather than at random (a million rows' hashes are worked out again).
		const current = new Int32Array((this.n >>> 5) + 1);
		// Indexed, not for-of: an iterator over a million entries makes a result object each.
		const old = this.table;
		for (let i = 0; i < old.length; i++) {
			const entry = old[i]!;
			if (entry === 0) continue;
			const row = this.rowOf(entry);
			current[row >>> 5]! |= 1 << row;
		}
		const table = (this.table = new Uint32Array(size));
		const mask = size - 1;
		// The table held one row per identity: each takes the first empty slot of its run, with
		// no identity to compare.
		for (let word = 0; word < current.length; word++)
			for (let bits = current[word]!; bits !== 0; bits &= bits - 1) {
				const row = (word << 5) | (31 - Math.clz32(bits & -bits));
				const hash = this.rowHash(row);
				let slot = hash & mask;
				while (table[slot] !== 0) slot = (slot + 1) & mask;
				table[slot] = this.entryOf(row, hash);
			}
	}

	private currentRows(): number[] {
		const rows: number[] = [];
		const table = this.table;
		for (let i = 0; i < table.length; i++) if (table[i] !== 0) rows.push(this.rowOf(table[i]!));
		return rows;
	}

	/** Back to the first `length` rows (a checkpoint restore): later ones never happened. */
	truncate(length: number): void {
		if (length > this.n) throw new Error('event log checkpoint from the future');
		this.lastSlot = -1;
		this.n = length;
		this.last.truncate(length);
		this.table.fill(0);
		this.indexed = 0;
		this.wholes.clear();
		// Subjects and texts are appended with the rows that use them first: keep what is left.
		let subjects = 0;
		let texts = 0;
		while (this.successors > 0 && this.successorRow.get(this.successors - 1) >= length)
			this.successors--;
		for (let row = 0; row < length; row++) {
			if (this.clsOf(row) === WHOLE) {
				this.wholes.set(this.wholeRows.get(row)!.key, row);
				continue;
			}
			subjects = Math.max(subjects, this.subject.get(row) + 1);
			texts = Math.max(texts, -this.msgOf(row));
			this.index(row, this.rowHash(row));
		}
		for (const row of this.wholeRows.keys()) if (row >= length) this.wholeRows.delete(row);
		for (const row of this.firstAt.keys()) if (row >= length) this.firstAt.delete(row);
		this.subjects = subjects;
		for (const column of [this.subjectNs, this.subjectName, this.subjectUid, this.subjectHash])
			column.truncate(subjects);
		// The first text dropped starts where the kept ones end.
		if (texts < this.texts) this.arenaUsed = this.textStart.get(texts);
		this.texts = texts;
		this.textStart.truncate(texts);
		// Heads stay (only ever appended): a later text may have one of them again.
		this.textHead.truncate(texts);
		for (const column of [this.pair, this.subject, this.msg, this.rev]) column.truncate(length);
		// A block partly kept keeps its base: its kept rows are read with it.
		this.textBase.length = Math.min(this.textBase.length, Math.ceil(length / 2 ** TEXT_BLOCK_BITS));
		for (const column of [this.successorRow, this.successorCount, this.successorOrigin])
			column.truncate(this.successors);
	}

	/** An event's first occurrence: its origin row's time, or a dropped one before it. */
	private firstOf(origin: number): number {
		return this.firstAt.get(origin) ?? this.last.get(origin);
	}

	/** A recorded row's class, node, object, time and message (undefined: a whole object). */
	rowView(row: number): RowView | undefined {
		const c = this.clsOf(row);
		if (c === WHOLE) return undefined;
		const s = this.subject.get(row);
		const h = this.hostOf(row);
		return {
			cls: this.classes[c]!,
			host: h === NO_HOST ? undefined : this.hosts[h],
			ns: this.subjectNs.get(s),
			name: this.subjectName.get(s),
			uid: this.subjectUid.get(s),
			time: this.last.get(row),
			message: this.message(row)
		};
	}

	/** A recorded row's class id (-1: a whole object), host id and its subject's hash. */
	rowIds(row: number): { cls: number; host: number; subjectHash: number } {
		const cls = this.clsOf(row);
		if (cls === WHOLE) return { cls, host: NO_HOST, subjectHash: 0 };
		return {
			cls,
			host: this.hostOf(row),
			subjectHash: this.subjectHash.get(this.subject.get(row))
		};
	}

	/** `<namespace>/<name>`: the event is named after its object, its first time and revision. */
	keyOf(row: number): string {
		if (this.clsOf(row) === WHOLE) return this.wholeRows.get(row)!.key;
		const s = this.subject.get(row);
		const first = this.originOf(row);
		const hex = (this.firstOf(first) * 1_000_000 + this.rev.get(first) - 1)
			.toString(16)
			.padStart(16, '0')
			.slice(-16);
		return `${this.subjectNs.get(s)}/${this.subjectName.get(s)}.${hex}`;
	}

	/** The v1 Event, in the field order the recorder has always written. */
	toEvent(row: number): Event {
		if (this.clsOf(row) === WHOLE) return this.wholeRows.get(row)!.object as Event;
		const c = this.classes[this.clsOf(row)]!;
		const s = this.subject.get(row);
		const ns = this.subjectNs.get(s);
		const uid = this.subjectUid.get(s);
		const h = this.hostOf(row);
		const host = h === NO_HOST ? undefined : this.hosts[h];
		const key = this.keyOf(row);
		const first = rfc3339(this.firstOf(this.originOf(row)));
		return {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {
				name: key.slice(ns.length + 1),
				namespace: ns,
				resourceVersion: String(this.rev.get(row)),
				creationTimestamp: first
			},
			involvedObject: {
				kind: c.kind,
				name: this.subjectName.get(s),
				namespace: ns,
				...(uid ? { uid } : {}),
				...(c.apiVersion ? { apiVersion: c.apiVersion } : {}),
				...(c.fieldPath ? { fieldPath: c.fieldPath } : {})
			},
			reason: c.reason,
			// EventAggregatorByReasonMessageFunc (client-go tools/record/events_cache.go).
			message:
				c.combined === true ? AGGREGATED_EVENT_PREFIX + this.message(row) : this.message(row),
			source: { component: c.source, ...(host ? { host } : {}) },
			firstTimestamp: first,
			lastTimestamp: rfc3339(this.last.get(row)),
			count: this.countOf(row),
			type: c.type,
			// EventAggregate's copy of the event sets neither (client-go tools/record/events_cache.go).
			reportingComponent: c.combined === true ? '' : c.source,
			reportingInstance: c.combined === true ? '' : (host ?? '')
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
			if (this.wholeRows.get(row)!.object !== undefined) out.push({ key, row });
		}
		// kube-apiserver stores each Event with a lease of --event-ttl from its last write; etcd
		// drops it when the lease runs out. Rows stay (a checkpoint is the log's length), unseen.
		const oldest = this.now() - EVENT_TTL_MS;
		for (const row of this.currentRows()) {
			if (this.last.get(row) < oldest) continue;
			if (name !== undefined && this.subjectName.get(this.subject.get(row)) !== name) continue;
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
		return found === undefined ? undefined : this.rev.get(found.row);
	}

	put(key: string, object: unknown, revision: number): void {
		// A whole row's time is never read: now, so that it does not break a run of times.
		const row = this.push(WHOLE, 0, NO_HOST, 0, this.now(), revision, 0);
		this.wholeRows.set(row, { key, object });
		this.wholes.set(key, row);
	}

	delete(key: string): unknown {
		const object = this.get(key);
		if (object !== undefined) this.put(key, undefined, 0);
		return object;
	}
}
