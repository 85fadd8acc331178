/**
 * Kubernetes Events, as client-go's recorder writes them: one object per (object, reason,
 * message, source), named `<object>.<16 hex digits>`, whose count and lastTimestamp grow when
 * the same thing happens again (the event correlator's aggregation).
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

export class EventRecorder implements Component {
	readonly name = 'event-recorder';
	private readonly log: EventLog;
	/** Interned involved-kind/reason/source combinations: a cluster has a few dozen. */
	private readonly classes = new Map<string, number>();
	private lastSubject: EventSubject | undefined;

	constructor(private readonly kernel: Kernel) {
		this.log = new EventLog(() => kernel.now);
		kernel.store.mount(EVENTS, this.log);
		kernel.register(this);
	}

	/** The log only ever appends: a checkpoint is its length. */
	save(): number {
		return this.log.length;
	}

	load(state: unknown): void {
		this.log.truncate(state as number);
	}

	/**
	 * The events about one object, in the order `kubectl get events` lists them: for describe,
	 * which otherwise builds and sorts every event of the cluster to keep a handful.
	 */
	about(target: EventTarget): Event[] {
		return this.log.about(target);
	}

	record(object: Involved, spec: EventSpec, memo?: SubjectMemo): void {
		const k = this.kernel;
		const ns = object.namespace ?? 'default';
		const existing = this.log.find(
			ns,
			object.kind,
			object.name,
			object.fieldPath ?? '',
			spec.reason,
			spec.message,
			spec.source
		);
		// Both a new event and an aggregation are one write, at the store's next revision.
		const revision = k.store.currentRevision + 1;
		const row =
			existing >= 0
				? this.log.again(existing, k.now, revision)
				: this.add(object, spec, ns, revision, memo);
		const written = k.store.commit(EVENTS, existing >= 0, () => ({
			key: this.log.keyOf(row),
			object: this.log.toEvent(row)
		}));
		if (written !== revision) throw new Error('event revision out of step with the store');
	}

	private add(
		object: Involved,
		spec: EventSpec,
		ns: string,
		revision: number,
		memo: SubjectMemo | undefined
	): number {
		return this.log.add(
			this.classOf(object, spec),
			this.subjectOf(object, ns, memo),
			spec.host || undefined,
			this.kernel.now,
			revision
		);
	}

	/**
	 * The event's subject: the caller's memo, or the last one (a pod's events come in runs), when
	 * it is the same object.
	 */
	private subjectOf(object: Involved, ns: string, memo: SubjectMemo | undefined): EventSubject {
		const uid = object.uid || undefined;
		const is = (id: EventSubject | undefined): id is EventSubject =>
			id !== undefined && this.log.isSubject(id, ns, object.name, uid);
		const memoized = memo?.eventSubject;
		const subject = is(memoized)
			? memoized
			: is(this.lastSubject)
				? this.lastSubject
				: this.log.newSubject(ns, object.name, uid);
		this.lastSubject = subject;
		if (memo !== undefined) memo.eventSubject = subject;
		return subject;
	}

	private classOf(object: Involved, spec: EventSpec): number {
		const apiVersion = object.apiVersion || undefined;
		const fieldPath = object.fieldPath || undefined;
		const id = `${object.kind}|${apiVersion ?? ''}|${fieldPath ?? ''}|${spec.type}|${spec.reason}|${spec.source}`;
		let cls = this.classes.get(id);
		if (cls === undefined) {
			const made: EventClass = {
				kind: object.kind,
				apiVersion,
				fieldPath,
				type: spec.type,
				reason: spec.reason,
				source: spec.source,
				seen: new Set()
			};
			this.classes.set(id, (cls = this.log.addClass(made)));
		}
		return cls;
	}
}

/** The involved object of a pod's event, with the container's fieldPath when there is one. */
export function podRef(
	pod: { metadata?: { name?: string; namespace?: string; uid?: string } },
	container?: string
): Involved {
	return {
		kind: 'Pod',
		name: pod.metadata!.name!,
		namespace: pod.metadata!.namespace ?? 'default',
		uid: pod.metadata?.uid,
		apiVersion: 'v1',
		...(container !== undefined ? { fieldPath: `spec.containers{${container}}` } : {})
	};
}
