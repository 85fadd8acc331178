/**
 * Trace events in words, for the event log and the screen-reader narration. The engine's own
 * messages are English; the known kinds are retold in the widget's language, anything else
 * falls back to the engine's message.
 */
import type { TraceEvent } from '$engine/types';
import { ZH_MORE } from './narration-zh';

export type NarrationLang = 'en' | 'zh';

export interface Narration {
	text: string;
	/** The language the text is written in (the fallback is the engine's English). */
	lang: NarrationLang;
}

/** A retelling, or undefined when the engine's message has a shape it does not know (fallback). */
type Tell = (name: string, event: TraceEvent) => string | undefined;

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
	zh: {
		'node.stopped': (name) => `${name} 已关机。`,
		'node.started': (name) => `${name} 已开机。`,
		'node.notready': (name) =>
			`控制平面把 ${name} 标记为 NotReady（未就绪）：宽限期内没有收到心跳。`,
		'node.ready': (name) => `${name} 已是 Ready（就绪）状态。`,
		'node.tainted': (name, event) => {
			// `Node node-3 tainted by kubectl.`: who, not which taint.
			const by = /tainted by (\S+?)\.$/.exec(event.message)?.[1];
			if (by !== undefined) return `${name} 被 ${by} 打上污点。`;
			return `${name} 被打上污点 ${taintOf(event) ?? ''}。`;
		},
		'node.untainted': (name) => `${name} 的污点已移除。`,
		'pod.scheduled': (name, event) => `Pod ${name} 被调度到 ${targetNode(event)}。`,
		'pod.failedscheduling': (name) => `Pod ${name} 暂时没有合适的节点（FailedScheduling）。`,
		'pod.running': (name, event) => {
			const node = / is running on (\S+?)\.$/.exec(event.message)?.[1];
			return node === undefined ? `Pod ${name} 已在运行。` : `Pod ${name} 已在 ${node} 上运行。`;
		},
		'pod.notready': (name, event) => {
			const node = /its node (\S+) is not ready/.exec(event.message)?.[1];
			return `Pod ${name} 被标记为未就绪：它所在的节点${node === undefined ? '' : ` ${node} `}未就绪。`;
		},
		'pod.terminating': (name, event) => {
			const from = /evicted by the taint eviction controller from (\S+?)\)/.exec(
				event.message
			)?.[1];
			if (from !== undefined)
				return `Pod ${name} 正在终止（污点驱逐控制器把它从 ${from} 上驱逐）。`;
			return `Pod ${name} 正在终止${evicted(event) ? '（被驱逐）' : ''}。`;
		},
		'traffic.started': (name, event) => `开始向 ${name} 发送流量${trafficRate(event)}。`,
		'traffic.stopped': (name, event) => `发往 ${name} 的流量已停止${trafficSent(event)}。`,
		'raft.propose': (name, event) => {
			const m = /^A client write ("[^"]*") is entry (\d+) in leader \S+ log \(term (\d+)\)\.$/.exec(
				event.message
			);
			return m === null
				? `一次客户端写入已追加到领导者 ${name} 的日志。`
				: `客户端写入 ${m[1]} 成为领导者 ${name} 日志中的第 ${m[2]} 条（任期 ${m[3]}）。`;
		},
		'raft.election': (name, event) => `${name} 发起任期 ${termOf(event)} 的选举，并投票给自己。`,
		'raft.prevote': (name, event) => {
			const ms = /heard no leader for (\d+) ms/.exec(event.message)?.[1];
			const quiet = ms === undefined ? '没有收到领导者的消息' : `${ms} 毫秒没有收到领导者的消息`;
			return `${name} ${quiet}，为任期 ${termOf(event)} 请求预投票。`;
		},
		'raft.leader': (name, event) => {
			const votes = /with votes from (.+) and leads\.$/.exec(event.message)?.[1];
			return votes === undefined
				? `${name} 赢得任期 ${termOf(event)} 的选举，成为领导者。`
				: `${name} 凭 ${votes.split(', ').join('、')} 的选票赢得任期 ${termOf(event)} 的选举，成为领导者。`;
		},
		'raft.leader.lost': (name) => `领导者 ${name} 已停止：在新的选举之前，集群没有领导者。`,
		'raft.leader.stepdown': (name, event) => `${name} 不再担任任期 ${termOf(event)} 的领导者。`,
		'raft.checkquorum': (name) =>
			`${name} 在一个选举超时内没有联系上多数成员，于是退位（CheckQuorum）。`,
		'raft.vote.granted': (name, event) =>
			`${name} 在任期 ${termOf(event)} 投票给 ${/ to (\S+) for term/.exec(event.message)?.[1] ?? '?'}。`,
		'raft.vote.denied': (name, event) =>
			`${name} 在任期 ${termOf(event)} 拒绝投票给 ${/ to (\S+) for term/.exec(event.message)?.[1] ?? '?'}。`,
		'raft.commit': (name, event) => {
			const m = / committed entr(?:y|ies) (\S+): a majority of (\d+) voters/.exec(event.message);
			return m === null
				? `${name} 提交了新的日志条目：多数成员已保存它。`
				: `${name} 提交了日志条目 ${m[1]}：${m[2]} 个投票成员中的多数已保存它。`;
		},
		'network.partition': (_name, event) =>
			`网络被分区：${/partitioned: (.+?)\.?$/.exec(event.message)?.[1] ?? ''}。`,
		'network.heal': () => '网络已恢复：所有链路都已连通。',
		...ZH_MORE
	}
};

/** `… for term 3 …` / `… of term 3.` in a Raft event's message. */
function termOf(event: TraceEvent): string {
	return /term (\d+)/.exec(event.message)?.[1] ?? '?';
}

/** Eviction says so in the engine's message (`… is terminating (evicted …)`). */
function evicted(event: TraceEvent): boolean {
	return /terminating \(evicted/.test(event.message);
}

/** `Traffic to service/web via nodeport: 50/s from 10 clients.` → ` (via nodeport, 50/s)`. */
function trafficRate(event: TraceEvent): string {
	const m = / via (\S+): (\S+) from/.exec(event.message);
	return m === null ? '' : ` (${m[1]}, ${m[2]})`;
}

/** `Traffic to service/web stopped after 1234 requests.` → ` (1234)`. */
function trafficSent(event: TraceEvent): string {
	const m = /after (\d+) requests/.exec(event.message);
	return m === null ? '' : ` (${m[1]})`;
}

/** `Successfully assigned default/web-1 to node-1` (the scheduler's event message). */
function targetNode(event: TraceEvent): string {
	return / to (\S+?)\.?$/.exec(event.message)?.[1] ?? '?';
}

function taintOf(event: TraceEvent): string | undefined {
	return /tainted (\S+?)\.?$/.exec(event.message)?.[1];
}

/** Whether an event is news for the learner (the lab's own start-up is not). */
export function newsworthy(event: TraceEvent): boolean {
	// Every member's move to a new term, and whom it follows, repeat what the election said.
	return event.kind !== 'lab.created' && event.kind !== 'raft.term' && event.kind !== 'raft.follow';
}

export function narrate(event: TraceEvent, lang: NarrationLang): Narration {
	// Subjects are `kind/name` (`node/node-2`, `pod/web-…`): the name is what the reader knows.
	const name = event.subject.replace(/^[a-z]+\//, '');
	const tell = TELL[lang][event.kind];
	const text = tell?.(name, event);
	return text !== undefined ? { text, lang } : { text: event.message, lang: 'en' };
}
