/**
 * client-go's EventCorrelator (tools/record/events_cache.go `EventCorrelate`) before an event
 * reaches the API: the EventAggregator, then the eventLogger's count, then the
 * EventSourceObjectSpamFilter. The count of the same event again is the event log's own
 * (./event-log); this module decides what the two other stages change:
 *
 * - Aggregation: events from one source about one object with one type and reason
 *   (EventAggregatorByReasonFunc) that differ by message are individual until the 10th distinct
 *   message within 10 minutes of the previous similar event; from then on each new message is one
 *   combined event, `(combined from similar events): <message>`, whose count grows.
 * - Spam filter: a token bucket per source and object (getSpamKey; no reason): 25 events, then
 *   one every 5 minutes. A dropped event still counted (eventObserve runs before the filter):
 *   when it is next written its count holds the dropped ones.
 *
 * Each kubelet and each kube-controller-manager controller has a broadcaster of its own
 * (StartRecordingToSink makes a correlator per broadcaster); every key holds the source
 * component and host, so one table keyed by them behaves the same. The caches are LRUs of 4096
 * entries a broadcaster (maxLruCacheEntries), which a kubelet's 110 pods or a controller's
 * objects in a lab never fill: not modelled.
 *
 * A 150,000-pod cluster records events about every pod, so the correlator keeps no state for
 * an object until its 10th event from one source: before that, neither stage can change
 * anything (aggregation needs 10 distinct messages, the filter 26 events). It only counts them,
 * by a hash of the source and object (a collision counts two objects as one, which only makes
 * state sooner). At the 10th it replays the object's earlier events from the log — all written,
 * nothing can have been dropped yet — into the exact state, kept from then on.
 */
import {
	EVENT_AGGREGATE_INTERVAL_MS,
	EVENT_AGGREGATE_MAX_EVENTS,
	EVENT_SPAM_BURST,
	EVENT_SPAM_QPS
} from '../defaults';
import type { EventClass, EventLog } from './event-log';
import { mix } from './message-cut';

/** Write the event (its count: the log's, plus `extra` dropped ones). */
export const PASS = 0;
/** The spam filter dropped it: nothing is written. */
export const DROP = 1;
/** Write the combined event `combined`. */
export const COMBINED = 2;
export type Verdict = typeof PASS | typeof DROP | typeof COMBINED;

/** The combined event of one aggregate key: its row in the log (-1: never written), count, first. */
export interface Combined {
	row: number;
	count: number;
	first: number;
}

/**
 * One type and reason of an object: its aggregate record — the distinct messages (at most 9
 * kept, as `messageHash`es) and the last similar event — and its combined event, which outlives
 * the record (eventObserve's cache is another).
 */
interface Aggregate {
	/** `<type>\0<reason>`. */
	readonly byReason: string;
	keys: number[];
	last: number;
	combined: Combined | undefined;
}

/** Dropped occurrences of an event not written since. */
interface Pending {
	count: number;
	first: number;
}

/** The state of one source and object that has had 10 events. */
interface Hot {
	/** x/time/rate's Limiter: tokens at `last` (flowcontrol's token bucket). */
	tokens: number;
	last: number;
	/** By type and reason (an object's events have a few: a list). */
	aggregates: Aggregate[];
	/** Made when first needed: most objects with state have none. By fieldPath, type, reason and message (the rest of getEventKey is the object). */
	pending: Map<string, Pending> | undefined;
}

/** The event the recorder is about to write (its class, node and object). */
export interface Observed {
	cls: EventClass;
	/** `seedOf(cls)`, worked out once per class by the caller. */
	seed: number;
	/** The log's hash of the namespace and name. */
	subjectHash: number;
	hostId: number;
	host: string | undefined;
	ns: string;
	name: string;
	uid: string | undefined;
	message: string;
}

/** An Observed to refill per event (the recorder's and the correlator's own scratch object). */
export function blankObserved(): Observed {
	return {
		cls: {
			kind: '',
			apiVersion: undefined,
			fieldPath: undefined,
			type: 'Normal',
			reason: '',
			source: ''
		},
		seed: 0,
		subjectHash: 0,
		hostId: 0,
		host: undefined,
		ns: '',
		name: '',
		uid: undefined,
		message: ''
	};
}

/** Events before the 10th from one source about one object: no state is needed. */
const COLD_LIMIT = EVENT_AGGREGATE_MAX_EVENTS - 1;
/** A cold entry's count bits (the rest is the row of its first event). */
const COUNT_BITS = 4;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** A cold entry for an object whose first event is row `row`. */
function cold(row: number): number {
	// The entries' 28 bits of rows: past them (a log of 268 million rows) the first row is 0,
	// which only makes a replay read more.
	return (row < 2 ** 28 ? row * (1 << COUNT_BITS) : 0) + 1;
}

/** The hash seed of a class's source, kind and apiVersion (the spam key's other parts are the object). */
export function seedOf(cls: EventClass): number {
	return mix(mix(mix(0x811c9dc5, cls.source), cls.kind), cls.apiVersion ?? '');
}

/**
 * A cold object's hash: its class's seed, its node and the log's hash of its namespace and name
 * (worked out by the log's `find` anyway). The uid is left out: a pod made again under its name
 * shares its count, which only makes state sooner.
 */
function coldHash(seed: number, hostId: number, subjectHash: number): number {
	return (seed + Math.imul(hostId + 2, 0x9e3779b1) + Math.imul(subjectHash, 0x85ebca77)) | 0;
}

/**
 * The cold objects' counts: open addressing on the hash (0 stands for an empty slot; a hash of 0
 * is taken as 1), each slot the row of the object's first event × 16 + its events so far. Typed
 * arrays: a cluster's every pod has one (~10 bytes a pod, where a Map's entry costs 30).
 */
class ColdCounts {
	private keys = new Int32Array(1024);
	private vals = new Uint32Array(1024);
	private used = 0;

	/**
	 * One more event of `hash` (first at `row` if it is new), up to COLD_LIMIT + 1; returns the
	 * entry as it was (0: new). One probe: every event of the cluster comes here.
	 */
	bump(hash: number, row: number): number {
		const h = hash === 0 ? 1 : hash;
		const { keys, vals } = this;
		const mask = keys.length - 1;
		for (let slot = finish(h) & mask; ; slot = (slot + 1) & mask) {
			const k = keys[slot]!;
			if (k === h) {
				const entry = vals[slot]!;
				if ((entry & COUNT_MASK) <= COLD_LIMIT) vals[slot] = entry + 1;
				return entry;
			}
			if (k === 0) {
				keys[slot] = h;
				vals[slot] = cold(row);
				// Kept at most three quarters full: probes stay short.
				if (4 * ++this.used > 3 * keys.length) this.grow();
				return 0;
			}
		}
	}

	private grow(): void {
		const { keys, vals } = this;
		this.keys = new Int32Array(2 * keys.length);
		this.vals = new Uint32Array(2 * keys.length);
		const mask = this.keys.length - 1;
		for (let i = 0; i < keys.length; i++) {
			const k = keys[i]!;
			if (k === 0) continue;
			let slot = finish(k) & mask;
			while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
			this.keys[slot] = k;
			this.vals[slot] = vals[i]!;
		}
	}
}

/** murmur3's fmix32: FNV-1a's low bits vary little between similar names; mixed, they spread. */
function finish(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return h ^ (h >>> 16);
}

function objectKey(o: Observed): string {
	return [
		o.cls.source,
		o.host ?? '',
		o.cls.kind,
		o.ns,
		o.name,
		o.uid ?? '',
		o.cls.apiVersion ?? ''
	].join('\u0000');
}

/**
 * A message as a number of 53 bits (two 32-bit hashes): an aggregate record keeps nine of them
 * rather than nine messages (a ReplicaSet's `Created pod: …` each), two texts alike by chance
 * once in 2^53.
 */
function messageHash(message: string): number {
	let a = 0x811c9dc5;
	let b = 0x9747b28c;
	for (let i = 0; i < message.length; i++) {
		const c = message.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995);
		b ^= b >>> 15;
	}
	return (a >>> 0) * 2 ** 21 + (finish(b) >>> 11);
}

function copyMap<V extends object>(m: Map<string, V> | undefined): Map<string, V> | undefined {
	if (m === undefined) return undefined;
	const out = new Map<string, V>();
	for (const [k, v] of m) out.set(k, { ...v });
	return out;
}

function copyHot(h: Hot): Hot {
	return {
		tokens: h.tokens,
		last: h.last,
		aggregates: h.aggregates.map((a) => ({
			...a,
			keys: [...a.keys],
			combined: a.combined && { ...a.combined }
		})),
		pending: copyMap(h.pending)
	};
}

export class EventCorrelator {
	/** Cold objects: hash → first row × 16 + events so far (at most COLD_LIMIT + 1). */
	private cold = new ColdCounts();
	private hot = new Map<string, Hot>();
	/** The last checkpoint's copy of `hot`, shared by later checkpoints while nothing changes. */
	private saved = new Map<string, Hot>();
	/**
	 * The objects whose state moved since the last checkpoint: the next one copies only them
	 * and shares the others' copies with the last.
	 */
	private readonly changed = new Set<string>();
	/** The object `hotOf` gave state for last, and that state. */
	private readonly lastObserved: Observed = blankObserved();
	private lastHot: Hot | undefined;
	private lastKey = '';
	/** Each class's `<type>\0<reason>`, the aggregate key's part the object leaves. */
	private readonly byReason = new Map<EventClass, string>();
	/** After PASS: dropped occurrences to add to the count, and the first of them (or NaN). */
	extra = 0;
	first = NaN;
	/** After COMBINED: the combined event to write (`wrote` then takes its row). */
	combined: Combined | undefined;

	constructor(private readonly log: EventLog) {}

	/** Correlates one occurrence at `now`, the log's next row being `row`. */
	observe(o: Observed, now: number, row: number): Verdict {
		this.extra = 0;
		this.first = NaN;
		const entry = this.cold.bump(coldHash(o.seed, o.hostId, o.subjectHash), row);
		if ((entry & COUNT_MASK) < COLD_LIMIT) return PASS;
		return this.occur(this.hotOf(o, entry), o.cls, o.message, now);
	}

	/**
	 * The state of `o`'s source and object, made from the log at its 10th event. The last one
	 * is kept at hand: a controller's events about an object come in runs.
	 */
	private hotOf(o: Observed, entry: number): Hot {
		const l = this.lastObserved;
		const c = o.cls;
		if (
			this.lastHot !== undefined &&
			o.hostId === l.hostId &&
			o.name === l.name &&
			o.ns === l.ns &&
			o.uid === l.uid &&
			(c === l.cls ||
				(c.source === l.cls.source && c.kind === l.cls.kind && c.apiVersion === l.cls.apiVersion))
		) {
			this.changed.add(this.lastKey);
			return this.lastHot;
		}
		const key = objectKey(o);
		this.changed.add(key);
		let h = this.hot.get(key);
		if (h === undefined) {
			h = this.replay(o, Math.floor(entry / (1 << COUNT_BITS)));
			this.hot.set(key, h);
		}
		Object.assign(l, o);
		this.lastHot = h;
		this.lastKey = key;
		return h;
	}

	/** The combined event last returned was written as `row`. */
	wrote(row: number): void {
		this.combined!.row = row;
	}

	/**
	 * The state of an object at its 10th event: its earlier events (all written: nothing is
	 * dropped before the 26th) from the log, from the row of its first, through the stages again.
	 */
	private replay(o: Observed, from: number): Hot {
		const log = this.log;
		const h: Hot = {
			tokens: EVENT_SPAM_BURST,
			last: 0,
			aggregates: [],
			pending: undefined
		};
		let started = false;
		for (let row = from; row < log.length; row++) {
			const v = log.rowView(row);
			if (
				v === undefined ||
				v.cls.combined === true ||
				v.cls.source !== o.cls.source ||
				v.cls.kind !== o.cls.kind ||
				v.cls.apiVersion !== o.cls.apiVersion ||
				v.host !== o.host ||
				v.name !== o.name ||
				v.ns !== o.ns ||
				v.uid !== o.uid
			)
				continue;
			if (!started) {
				h.last = v.time;
				started = true;
			}
			this.occur(h, v.cls, v.message, v.time);
		}
		return h;
	}

	/** EventCorrelate for an object with state: aggregate, count, filter. */
	private occur(h: Hot, cls: EventClass, message: string, now: number): Verdict {
		// EventAggregate: a record older than the interval since the last similar event is new.
		let byReason = this.byReason.get(cls);
		if (byReason === undefined)
			this.byReason.set(cls, (byReason = `${cls.type}\u0000${cls.reason}`));
		// A loop, not find with a closure: a ReplicaSet's events come here once its 10th is in.
		let a: Aggregate | undefined;
		for (const r of h.aggregates)
			if (r.byReason === byReason) {
				a = r;
				break;
			}
		if (a === undefined)
			h.aggregates.push((a = { byReason, keys: [], last: now, combined: undefined }));
		else if (now - a.last > EVENT_AGGREGATE_INTERVAL_MS) a.keys = [];
		a.last = now;
		let aggregate = false;
		const local = messageHash(message);
		if (!a.keys.includes(local)) {
			if (a.keys.length < EVENT_AGGREGATE_MAX_EVENTS - 1) a.keys.push(local);
			// The 10th distinct message: combined. PopAny then takes one of the ten out (Go's map
			// order, random); the lab takes the new one, so the first nine stay individual.
			else aggregate = true;
		}
		if (aggregate) {
			// eventObserve under the aggregate key: counted whether or not the filter drops it.
			const c = (a.combined ??= { row: -1, count: 0, first: now });
			c.count++;
			if (!this.take(h, now)) return DROP;
			this.combined = c;
			return COMBINED;
		}
		const eventKey = `${cls.fieldPath ?? ''}\u0000${byReason}\u0000${message}`;
		const p = h.pending?.get(eventKey);
		if (!this.take(h, now)) {
			if (p === undefined) (h.pending ??= new Map()).set(eventKey, { count: 1, first: now });
			else p.count++;
			return DROP;
		}
		if (p !== undefined) {
			h.pending!.delete(eventKey);
			this.extra = p.count;
			this.first = p.first;
		}
		return PASS;
	}

	/** TryAccept on x/time/rate's Limiter (burst 25, 1/300 a second), full at first. */
	private take(h: Hot, now: number): boolean {
		const tokens = Math.min(EVENT_SPAM_BURST, h.tokens + ((now - h.last) / 1000) * EVENT_SPAM_QPS);
		if (tokens < 1) return false;
		h.tokens = tokens - 1;
		h.last = now;
		return true;
	}

	/** The state to keep in a checkpoint: the hot objects (the cold counts come from the log). */
	save(): ReadonlyMap<string, Hot> {
		if (this.changed.size > 0) {
			const last = this.saved;
			this.saved = new Map();
			for (const [k, h] of this.hot)
				this.saved.set(k, this.changed.has(k) ? copyHot(h) : last.get(k)!);
			this.changed.clear();
		}
		return this.saved;
	}

	/**
	 * Back to a checkpoint, the log already truncated to it: the hot objects as saved, the cold
	 * counts counted again from the log's rows (every event of a cold object is a row).
	 * `seeds(cls)`: a class id's seed, or undefined for events the correlator never sees.
	 */
	load(saved: ReadonlyMap<string, Hot>, seeds: (cls: number) => number | undefined): void {
		this.hot = new Map();
		for (const [k, h] of saved) this.hot.set(k, copyHot(h));
		this.saved = saved as Map<string, Hot>;
		this.changed.clear();
		this.lastHot = undefined;
		this.cold = new ColdCounts();
		for (let row = 0; row < this.log.length; row++) {
			const ids = this.log.rowIds(row);
			if (ids.cls < 0) continue;
			const seed = seeds(ids.cls);
			if (seed === undefined) continue;
			this.cold.bump(coldHash(seed, ids.host, ids.subjectHash), row);
		}
	}
}
