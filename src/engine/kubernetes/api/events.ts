/**
 * Kubernetes Events, as client-go's recorder writes them: one object per (object, reason,
 * message, source), named `<object>.<16 hex digits>`, whose count and lastTimestamp grow when
 * the same thing happens again (the event correlator's aggregation).
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import { EVENTS, key } from './collections';

export interface Involved {
	kind: string;
	name: string;
	namespace?: string;
	uid?: string;
	apiVersion?: string;
	fieldPath?: string;
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
	private readonly index = new Map<string, string>();

	constructor(private readonly kernel: Kernel) {
		kernel.register(this);
	}

	save(): null {
		return null;
	}

	load(): void {
		this.rebuild();
	}

	record(object: Involved, spec: EventSpec): void {
		const k = this.kernel;
		const ns = object.namespace ?? 'default';
		const identity = `${ns}|${object.kind}|${object.name}|${object.fieldPath ?? ''}|${spec.reason}|${spec.message}|${spec.source}`;
		const now = rfc3339(k.now);
		const existingKey = this.index.get(identity);
		const existing =
			existingKey === undefined ? undefined : k.store.get<Event>(EVENTS, existingKey);
		if (existing !== undefined && existingKey !== undefined) {
			k.store.put<Event>(EVENTS, existingKey, (rv) => ({
				...existing,
				metadata: { ...existing.metadata, resourceVersion: String(rv) },
				count: (existing.count ?? 1) + 1,
				lastTimestamp: now
			}));
			return;
		}
		const name = `${object.name}.${(k.now * 1_000_000 + k.store.currentRevision).toString(16).padStart(16, '0').slice(-16)}`;
		const eventKey = key(ns, name);
		this.index.set(identity, eventKey);
		k.store.put<Event>(EVENTS, eventKey, (rv) => ({
			apiVersion: 'v1',
			kind: 'Event',
			metadata: { name, namespace: ns, resourceVersion: String(rv), creationTimestamp: now },
			involvedObject: {
				kind: object.kind,
				name: object.name,
				namespace: ns,
				...(object.uid ? { uid: object.uid } : {}),
				...(object.apiVersion ? { apiVersion: object.apiVersion } : {}),
				...(object.fieldPath ? { fieldPath: object.fieldPath } : {})
			},
			reason: spec.reason,
			message: spec.message,
			source: { component: spec.source, ...(spec.host ? { host: spec.host } : {}) },
			firstTimestamp: now,
			lastTimestamp: now,
			count: 1,
			type: spec.type,
			reportingComponent: spec.source,
			reportingInstance: spec.host ?? ''
		}));
	}

	/** After a checkpoint restore the aggregation index is rebuilt from the stored events. */
	rebuild(): void {
		this.index.clear();
		for (const e of this.kernel.store.list<Event>(EVENTS)) {
			const o = e.involvedObject;
			const identity = `${o.namespace ?? 'default'}|${o.kind}|${o.name}|${o.fieldPath ?? ''}|${e.reason}|${e.message}|${e.source?.component}`;
			this.index.set(identity, key(e.metadata!.namespace ?? 'default', e.metadata!.name!));
		}
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
