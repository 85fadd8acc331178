/** The Raft group as plain, frozen data for snapshots (the Raft view: members, logs, messages). */
import type { Network } from '../core/network';
import type { RaftMessageView, RaftView } from '../types';
import type { RaftGroup } from './group';
import type { MessageRecord } from './types';

/** Entries per member a snapshot carries: the newest ones, enough for a view to draw. */
const LOG_ENTRIES = 32;
/**
 * How far back `recent` reaches: a view playing at 100× with frames up to 100 ms apart (the
 * widget's Player) is 10 s of simulated time between two frames.
 */
const RECENT_MS = 10_000;

function messageView(m: MessageRecord): RaftMessageView {
	const view: RaftMessageView = {
		from: m.from,
		to: m.to,
		type: m.type,
		term: m.term,
		sentAt: m.sentAt,
		arriveAt: m.arriveAt,
		entries: m.entries?.length ?? 0
	};
	if (m.type.endsWith('Response')) view.ok = m.ok;
	return Object.freeze(view);
}

export function raftView(group: RaftGroup, now: number, network?: Network): RaftView {
	const members = group.views().map((view) => {
		const member = group.member(view.name)!;
		const log = member.log;
		const start = Math.max(0, log.length - LOG_ENTRIES);
		return Object.freeze({
			...view,
			logStart: start + 1,
			log: Object.freeze(
				log.slice(start).map((e) => Object.freeze({ term: e.term, data: e.data }))
			),
			votes: Object.freeze([...member.votes]),
			refusals: Object.freeze([...member.refusals]),
			electionDeadline: member.electionDeadline,
			electionTimeout: member.electionTimeout
		});
	});
	const all = group.messages();
	const messages = all
		.filter((m) => m.arriveAt > now || (m.arriveAt < 0 && m.sentAt === now))
		.map(messageView);
	// A dropped message leaves the wire when it is sent; a delivered one when it arrives.
	const recent = all
		.filter((m) => {
			const left = m.arriveAt < 0 ? m.sentAt : m.arriveAt;
			return left <= now && left > now - RECENT_MS;
		})
		.map(messageView);
	const settings = network?.current;
	const { heartbeatMs, electionMinMs, electionMaxMs } = group.preset;
	return Object.freeze({
		preset: group.preset.name,
		members: Object.freeze(members),
		messages: Object.freeze(messages),
		recent: Object.freeze(recent),
		heartbeatMs,
		electionMinMs,
		electionMaxMs,
		latencyMs: settings?.latencyMs ?? 0,
		jitterMs: settings?.jitterMs ?? 0,
		partitions: Object.freeze((network?.partitions ?? []).map((g) => Object.freeze([...g])))
	});
}
