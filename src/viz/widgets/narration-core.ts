/**
 * Trace events in words, for the event log and the screen-reader narration. The engine's own
 * messages are English; the known kinds are retold in the widget's language, anything else
 * falls back to the engine's message.
 *
 * The English tellings are here; the Chinese ones (./narration-zh.ts) are provided when a
 * Chinese lab loads (./narration-langs.ts), so that an English page does not download them
 * (issue 5: JavaScript per page). Until they are, a Chinese lab falls back to the engine's
 * English, as for a kind nobody retells. Node callers (tests) import ./narration.ts: both.
 */
import type { TraceEvent } from '$engine/types';

export type NarrationLang = 'en' | 'zh';

export interface Narration {
	text: string;
	/** The language the text is written in (the fallback is the engine's English). */
	lang: NarrationLang;
}

/** A retelling, or undefined when the engine's message has a shape it does not know (fallback). */
export type Tell = (name: string, event: TraceEvent) => string | undefined;

const TELL: Record<NarrationLang, Record<string, Tell>> = {
	en: {
		'node.stopped': (name) => `${name} powered off.`,
		'node.started': (name) => `${name} powered on.`,
		'node.notready': (name) =>
			`The control plane marked ${name} NotReady: no heartbeat within the grace period.`,
		'node.ready': (name) => `${name} is Ready.`,
		'node.tainted': (name, event) => `${name} tainted ${taintOf(event) ?? ''}`.trim() + '.',
		'node.untainted': (name) => `${name} is no longer tainted.`,
		'pod.scheduled': (name, event) => `Pod ${name} scheduled to ${targetNode(event)}.`,
		'pod.failedscheduling': (name) => `Pod ${name} fits no node for now (FailedScheduling).`,
		'pod.running': (name) => `Pod ${name} is running.`,
		'pod.notready': (name) => `Pod ${name} marked not ready: its node is not ready.`,
		'pod.terminating': (name, event) =>
			`Pod ${name} is terminating${evicted(event) ? ' (evicted)' : ''}.`,
		'traffic.started': (name, event) => `Traffic to ${name} started${trafficRate(event)}.`,
		'traffic.stopped': (name, event) => `Traffic to ${name} stopped${trafficSent(event)}.`
	},
	// Provided by ./narration-zh.ts when a Chinese lab loads it.
	zh: {}
};

/** `… for term 3 …` / `… of term 3.` in a Raft event's message. */
export function termOf(event: TraceEvent): string {
	return /term (\d+)/.exec(event.message)?.[1] ?? '?';
}

/** Eviction says so in the engine's message (`… is terminating (evicted …)`). */
export function evicted(event: TraceEvent): boolean {
	return /terminating \(evicted/.test(event.message);
}

/** `Traffic to service/web via nodeport: 50/s from 10 clients.` → ` (via nodeport, 50/s)`. */
export function trafficRate(event: TraceEvent): string {
	const m = / via (\S+): (\S+) from/.exec(event.message);
	return m === null ? '' : ` (${m[1]}, ${m[2]})`;
}

/** `Traffic to service/web stopped after 1234 requests.` → ` (1234)`. */
export function trafficSent(event: TraceEvent): string {
	const m = /after (\d+) requests/.exec(event.message);
	return m === null ? '' : ` (${m[1]})`;
}

/** `Successfully assigned default/web-1 to node-1` (the scheduler's event message). */
export function targetNode(event: TraceEvent): string {
	return / to (\S+?)\.?$/.exec(event.message)?.[1] ?? '?';
}

export function taintOf(event: TraceEvent): string | undefined {
	return /tainted (\S+?)\.?$/.exec(event.message)?.[1];
}

/** Whether an event is news for the learner (the lab's own start-up is not). */
export function newsworthy(event: TraceEvent): boolean {
	// Every member's move to a new term, and whom it follows, repeat what the election said.
	return event.kind !== 'lab.created' && event.kind !== 'raft.term' && event.kind !== 'raft.follow';
}

/** Provides a language's tellings (./narration-zh.ts provides Chinese when it is imported). */
export function provideNarration(lang: NarrationLang, tellings: Record<string, Tell>): void {
	TELL[lang] = tellings;
}

export function narrate(event: TraceEvent, lang: NarrationLang): Narration {
	// Subjects are `kind/name` (`node/node-2`, `pod/web-…`): the name is what the reader knows.
	const name = event.subject.replace(/^[a-z]+\//, '');
	const tell = TELL[lang][event.kind];
	const text = tell?.(name, event);
	return text !== undefined ? { text, lang } : { text: event.message, lang: 'en' };
}
