/** The Raft group as plain, frozen data for snapshots (the Raft view: members, logs, messages). */
import type { RaftView } from '../types';
import type { RaftGroup } from './group';

/** Entries per member a snapshot carries: the newest ones, enough for a view to draw. */
const LOG_ENTRIES = 32;

export function raftView(group: RaftGroup, now: number): RaftView {
	const members = group.views().map((view) => {
		const log = group.member(view.name)!.log;
		const start = Math.max(0, log.length - LOG_ENTRIES);
		return Object.freeze({
			...view,
			logStart: start + 1,
			log: Object.freeze(log.slice(start).map((e) => Object.freeze({ term: e.term, data: e.data })))
		});
	});
	const messages = group
		.messages()
		.filter((m) => m.arriveAt > now || (m.arriveAt < 0 && m.sentAt === now))
		.map((m) =>
			Object.freeze({
				from: m.from,
				to: m.to,
				type: m.type,
				term: m.term,
				sentAt: m.sentAt,
				arriveAt: m.arriveAt
			})
		);
	return Object.freeze({
		preset: group.preset.name,
		members: Object.freeze(members),
		messages: Object.freeze(messages)
	});
}
