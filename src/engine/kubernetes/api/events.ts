/**
 * Kubernetes Events, as client-go's recorder writes them: one object per identity (the
 * reporting component and node, the involved object with its uid, type, reason and message),
 * named `<object>.<16 hex digits>`, whose count and lastTimestamp grow when the same thing
 * happens again (the event correlator's aggregation).
 *
 * A 150,000-pod cluster records close to a million Events, so they are not kept as API objects:
 * each is a small record (./event-log) and the v1 Event is built when somebody reads it
 * (`kubectl get events`, `describe`), through the store as any other collection. Every write
 * still takes a store revision, so resourceVersions everywhere are what they always were.
 */
import type { Component, Kernel } from '../../core/kernel';
import { EVENTS } from './collections';
import type { Event } from 'kubernetes-types/core/v1';
import { EventLog, type EventClass, type EventTarget } from './event-log';
import {
	blankObserved,
	COMBINED,
	DROP,
	EventCorrelator,
	seedOf,
	type Observed
} from './event-correlator';
import { flatText } from './names';

/** The id of an involved object in the event log (its namespace, name and uid). */
export type EventSubject = number;

export interface Involved {
	kind: string;
	name: string;
	namespace?: string;
	uid?: string;
	apiVersion?: string;
	fieldPath?: string;
}

/**
 * Where a caller keeps the subject of its events about one object (the kubelet: in its run of
 * the pod), so that events recorded far apart share one subject rather than one each.
 */
export interface SubjectMemo {
	eventSubject: EventSubject | undefined;
}

export interface EventSpec {
	type: 'Normal' | 'Warning';
	reason: string;
	message: string;
	/** The reporting component: `default-scheduler`, `kubelet`, `replicaset-controller` … */
	source: string;
	/** The node, for kubelet events. */
	host?: string;
}

/**
 * The kube-scheduler's source: it records through the events.k8s.io API (client-go
 * tools/events), which has no aggregator or spam filter.
 */
const SCHEDULER = 'default-scheduler';

interface Saved {
	length: number;
	correlator: ReturnType<EventCorrelator['save']>;
}

export class EventRecorder implements Component {
	readonly name = 'event-recorder';
	private readonly log: EventLog;
	private readonly correlator: EventCorrelator;
	/** Each class id's correlator seed (undefined: the scheduler's or a combined event's). */
	private readonly seeds: (number | undefined)[] = [];
	/** One object handed to the correlator, refilled per event (recording allocates none). */
	private readonly observed: Observed = blankObserved();
	/**
	 * Interned involved-kind/reason/source combinations (a cluster has a few dozen), found by
	 * fieldPath and reason, then field by field: those strings are the callers' own (literals,
	 * a container's cached fieldPath), whose hashes V8 has worked out once, so a lookup builds
	 * no key string per event.
	 */
	private readonly classes = new Map<string, Map<string, number[]>>();
	/** Each class id's fields (the log keeps them too; these are for the lookup above). */
	private readonly classList: EventClass[] = [];
	private lastSubject: EventSubject | undefined;
	/** The row `written` reports (the store asks only when somebody watches the Events). */
	private pendingRow = -1;
	private readonly written = (): { key: string; object: Event } => ({
		key: this.log.keyOf(this.pendingRow),
		object: this.log.toEvent(this.pendingRow)
	});

	constructor(private readonly kernel: Kernel) {
		this.log = new EventLog(() => kernel.now);
		this.correlator = new EventCorrelator(this.log);
		kernel.store.mount(EVENTS, this.log);
		kernel.register(this);
	}

	/** The log only ever appends: a checkpoint is its length, and the correlator's few objects. */
	save(): Saved {
		return { length: this.log.length, correlator: this.correlator.save() };
	}

	load(state: unknown): void {
		const saved = state as Saved;
		this.log.truncate(saved.length);
		this.correlator.load(saved.correlator, (cls) => this.seeds[cls]);
	}

	/**
	 * The events about one object, in the order `kubectl get events` lists them: for describe,
	 * which otherwise builds and sorts every event of the cluster to keep a handful.
	 */
	about(target: EventTarget): Event[] {
		return this.log.about(target);
	}

	/**
	 * Records an event as client-go's EventCorrelator does (tools/record/events_cache.go): the
	 * same event again (getEventKey: source and host, the involved object's kind, namespace,
	 * name, fieldPath, uid and apiVersion, type, reason, message) counts on the one object; a
	 * pod deleted and made again under its name (another uid) has events of its own.
	 *
	 * The kubelet and kube-controller-manager's controllers record through that recorder, whose
	 * correlator (./event-correlator) also combines similar events and drops spam. The
	 * kube-scheduler records through the events.k8s.io API (client-go tools/events), whose
	 * series key (event_broadcaster.go `getKey`) holds the involved object's resourceVersion and
	 * not the message, and which writes a series' count 2 at once but later counts only every
	 * 30 minutes or when the series ends (6 minutes quiet). Its events are kept by the key above
	 * too: they differ when a FailedScheduling repeats across a change of the pod or its message.
	 */
	record(object: Involved, spec: EventSpec, memo?: SubjectMemo): void {
		const k = this.kernel;
		const log = this.log;
		const ns = object.namespace ?? 'default';
		const uid = object.uid || undefined;
		const cls = this.classOf(object, spec);
		const host = log.hostId(spec.host);
		const known = this.knownSubject(ns, object.name, uid, memo);
		const seed = this.seeds[cls];
		let verdict = 0;
		// The correlator first: what its spam filter drops (most of a big ReplicaSet's events)
		// costs no lookup in the log.
		if (seed !== undefined) {
			const o = this.observed;
			o.cls = this.classList[cls]!;
			o.seed = seed;
			o.subjectHash = log.subjectHashFor(known, ns, object.name);
			o.hostId = host;
			o.host = spec.host || undefined;
			o.ns = ns;
			o.name = object.name;
			o.uid = uid;
			o.message = spec.message;
			verdict = this.correlator.observe(o, k.now, log.length);
			if (verdict === DROP) return;
		}
		const existing = log.find(cls, host, ns, object.name, uid, known, spec.message);
		// Both a new event and an aggregation are one write, at the store's next revision.
		const revision = k.store.currentRevision + 1;
		const c = this.correlator;
		let update = existing >= 0;
		if (verdict === COMBINED) {
			const combined = c.combined!;
			update = combined.row >= 0;
			if (update)
				this.pendingRow = log.againCombined(combined.row, k.now, revision, combined.count);
			else {
				const subject = this.subjectFor(ns, object.name, uid, known, memo);
				const cc = this.classOf(object, spec, true);
				this.pendingRow = log.addCombined(
					cc,
					subject,
					host,
					k.now,
					revision,
					combined.count,
					combined.first
				);
			}
			c.wrote(this.pendingRow);
		} else if (existing >= 0)
			this.pendingRow = log.again(existing, k.now, revision, log.countOf(existing) + 1 + c.extra);
		else {
			const subject = this.subjectFor(ns, object.name, uid, known, memo);
			this.pendingRow = Number.isNaN(c.first)
				? log.add(cls, subject, host, k.now, revision)
				: log.add(cls, subject, host, k.now, revision, 1 + c.extra, c.first);
		}
		const written = k.store.commit(EVENTS, update, this.written);
		if (written !== revision) throw new Error('event revision out of step with the store');
	}

	/** The subject a new row about this object takes: the known one, or a new one. */
	private subjectFor(
		ns: string,
		name: string,
		uid: string | undefined,
		known: EventSubject,
		memo: SubjectMemo | undefined
	): EventSubject {
		const subject = known >= 0 ? known : this.log.newSubject(ns, name, uid);
		this.lastSubject = subject;
		if (memo !== undefined) memo.eventSubject = subject;
		return subject;
	}

	/**
	 * The subject of this object the caller's memo or the last event names (a pod's events come
	 * in runs), or -1: events recorded far apart share one subject rather than one each.
	 */
	private knownSubject(
		ns: string,
		name: string,
		uid: string | undefined,
		memo: SubjectMemo | undefined
	): EventSubject {
		const memoized = memo?.eventSubject;
		if (memoized !== undefined && this.log.isSubject(memoized, ns, name, uid)) return memoized;
		const last = this.lastSubject;
		return last !== undefined && this.log.isSubject(last, ns, name, uid) ? last : -1;
	}

	private classOf(object: Involved, spec: EventSpec, combined = false): number {
		const apiVersion = object.apiVersion || undefined;
		const fieldPath = object.fieldPath || undefined;
		let byReason = this.classes.get(fieldPath ?? '');
		if (byReason === undefined) this.classes.set(fieldPath ?? '', (byReason = new Map()));
		let ids = byReason.get(spec.reason);
		if (ids === undefined) byReason.set(spec.reason, (ids = []));
		for (const id of ids) {
			const c = this.classList[id]!;
			if (
				c.kind === object.kind &&
				c.apiVersion === apiVersion &&
				c.type === spec.type &&
				c.source === spec.source &&
				(c.combined === true) === combined
			)
				return id;
		}
		const made: EventClass = {
			kind: object.kind,
			apiVersion,
			fieldPath,
			type: spec.type,
			reason: spec.reason,
			source: spec.source,
			...(combined ? { combined } : {})
		};
		const id = this.log.addClass(made);
		this.classList[id] = made;
		this.seeds[id] = combined || spec.source === SCHEDULER ? undefined : seedOf(made);
		ids.push(id);
		return id;
	}
}

/** The involved object of an event about `object`, a `kind` of `apiVersion`. */
export function objectRef(
	kind: string,
	apiVersion: string,
	object: { metadata?: { name?: string; namespace?: string; uid?: string } }
): Involved {
	return {
		kind,
		name: object.metadata!.name!,
		namespace: object.metadata!.namespace,
		uid: object.metadata!.uid,
		apiVersion
	};
}

/** The involved object of a pod's event, with the container's fieldPath when there is one. */
export function podRef(
	pod: { metadata?: { name?: string; namespace?: string; uid?: string } },
	container?: string
): Involved {
	const name = pod.metadata!.name!;
	const namespace = pod.metadata!.namespace ?? 'default';
	const uid = pod.metadata?.uid;
	// Two literals rather than a spread of an optional field: a spread builds a second object
	// (and one of a slower shape) for each of a big cluster's pod events.
	if (container === undefined) return { kind: 'Pod', name, namespace, uid, apiVersion: 'v1' };
	const fieldPath = containerFieldPath(container);
	return { kind: 'Pod', name, namespace, uid, apiVersion: 'v1', fieldPath };
}

/**
 * `spec.containers{<name>}`, one string per container name: a big cluster's kubelets record
 * several events per pod, and one string (its hash worked out once) is cheaper to look up by
 * than a new one each time.
 */
function containerFieldPath(container: string): string {
	let path = FIELD_PATHS.get(container);
	if (path === undefined) {
		// Bounded: names are a cluster's few container names, unless somebody makes thousands.
		if (FIELD_PATHS.size >= 4096) FIELD_PATHS.clear();
		FIELD_PATHS.set(container, (path = flatText(`spec.containers{${container}}`)));
	}
	return path;
}

const FIELD_PATHS = new Map<string, string>();
