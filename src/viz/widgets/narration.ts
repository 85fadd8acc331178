/**
 * Trace events in words, for the event log and the screen-reader narration. The engine's own
 * messages are English; the known kinds are retold in the widget's language, anything else
 * falls back to the engine's message.
 */
import type { TraceEvent } from '$engine/types';

export type NarrationLang = 'en' | 'zh';

export interface Narration {
	text: string;
	/** The language the text is written in (the fallback is the engine's English). */
	lang: NarrationLang;
}

type Tell = (name: string, event: TraceEvent) => string;

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
		'pod.running': (name) => `Pod ${name} is running.`,
		'pod.notready': (name) => `Pod ${name} marked not ready: its node is not ready.`,
		'pod.terminating': (name) => `Pod ${name} is terminating (evicted).`
	},
	zh: {
		'node.stopped': (name) => `${name} 已关机。`,
		'node.started': (name) => `${name} 已开机。`,
		'node.notready': (name) =>
			`控制平面把 ${name} 标记为 NotReady（未就绪）：宽限期内没有收到心跳。`,
		'node.ready': (name) => `${name} 已是 Ready（就绪）状态。`,
		'node.tainted': (name, event) => `${name} 被打上污点 ${taintOf(event) ?? ''}。`,
		'node.untainted': (name) => `${name} 的污点已移除。`,
		'pod.scheduled': (name, event) => `Pod ${name} 被调度到 ${targetNode(event)}。`,
		'pod.running': (name) => `Pod ${name} 已在运行。`,
		'pod.notready': (name) => `Pod ${name} 被标记为未就绪：它所在的节点未就绪。`,
		'pod.terminating': (name) => `Pod ${name} 正在终止（被驱逐）。`
	}
};

/** `Successfully assigned default/web-1 to node-1` (the scheduler's event message). */
function targetNode(event: TraceEvent): string {
	return / to (\S+?)\.?$/.exec(event.message)?.[1] ?? '?';
}

function taintOf(event: TraceEvent): string | undefined {
	return /tainted (\S+?)\.?$/.exec(event.message)?.[1];
}

/** Whether an event is news for the learner (the lab's own start-up is not). */
export function newsworthy(event: TraceEvent): boolean {
	return event.kind !== 'lab.created';
}

export function narrate(event: TraceEvent, lang: NarrationLang): Narration {
	// Subjects are `kind/name` (`node/node-2`, `pod/web-…`): the name is what the reader knows.
	const name = event.subject.replace(/^[a-z]+\//, '');
	const tell = TELL[lang][event.kind];
	return tell ? { text: tell(name, event), lang } : { text: event.message, lang: 'en' };
}
