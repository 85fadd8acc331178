/**
 * The five safety properties of the Raft paper's Figure 3 (facts.md §3.3), checked from the
 * outside: hooks record elections, commits and applies as they happen; `check()` inspects every
 * member's log after each step of a schedule. Each returns the first violation it sees.
 */
import type { RaftGroup, RaftObserver } from '../../../src/engine/raft/group';
import type { LogEntry } from '../../../src/engine/raft/types';

const same = (a: LogEntry | undefined, b: LogEntry | undefined) =>
	a !== undefined && b !== undefined && a.term === b.term && a.data === b.data;

export class SafetyChecker implements RaftObserver {
	violation: string | null = null;
	private leaderOfTerm = new Map<number, string>();
	/** Committed entries by index, with the term of the leader that committed them. */
	private committedAt = new Map<number, { entry: LogEntry; term: number }>();
	private appliedAt = new Map<number, LogEntry>();
	/** The log each leader had at the last check, keyed by `name@term`. */
	private leaderLogs = new Map<string, LogEntry[]>();

	constructor(private readonly group: RaftGroup) {}

	private fail(text: string): void {
		this.violation ??= text;
	}

	becameLeader(member: string, term: number, log: readonly LogEntry[]): void {
		const other = this.leaderOfTerm.get(term);
		if (other !== undefined && other !== member) {
			this.fail(`Election Safety: ${other} and ${member} both lead term ${term}`);
		}
		this.leaderOfTerm.set(term, member);
		this.checkCompleteness(member, term, log);
	}

	committed(leader: string, index: number, entry: LogEntry): void {
		const term = this.group.member(leader)!.currentTerm;
		const before = this.committedAt.get(index);
		if (before !== undefined && !same(before.entry, entry)) {
			this.fail(
				`State Machine Safety: index ${index} committed as term ${before.entry.term} "${before.entry.data}" and again as term ${entry.term} "${entry.data}" by ${leader}`
			);
		}
		if (before === undefined) this.committedAt.set(index, { entry, term });
	}

	applied(member: string, index: number, entry: LogEntry): void {
		const first = this.appliedAt.get(index);
		if (first === undefined) this.appliedAt.set(index, entry);
		else if (!same(first, entry)) {
			this.fail(
				`State Machine Safety: ${member} applied term ${entry.term} "${entry.data}" at index ${index}, another server applied term ${first.term} "${first.data}"`
			);
		}
	}

	private checkCompleteness(member: string, term: number, log: readonly LogEntry[]): void {
		for (const [index, c] of this.committedAt) {
			if (c.term < term && !same(log[index - 1], c.entry)) {
				this.fail(
					`Leader Completeness: ${member}, leader of term ${term}, lacks entry ${index} (term ${c.entry.term}) committed in term ${c.term}`
				);
			}
		}
	}

	/** The per-step checks; returns the first violation seen so far, or null. */
	check(): string | null {
		const members = this.group.list();
		for (const m of members) {
			if (m.role !== 'leader') continue;
			const key = `${m.name}@${m.currentTerm}`;
			const before = this.leaderLogs.get(key);
			if (before !== undefined) {
				const kept = before.length <= m.log.length && before.every((e, i) => same(e, m.log[i]));
				if (!kept)
					this.fail(
						`Leader Append-Only: ${m.name} changed or removed entries of its log in term ${m.currentTerm}`
					);
			}
			this.leaderLogs.set(key, m.log.slice());
			this.checkCompleteness(m.name, m.currentTerm, m.log);
		}
		for (let a = 0; a < members.length; a++) {
			for (let b = a + 1; b < members.length; b++)
				this.checkMatching(members[a]!.name, members[a]!.log, members[b]!.name, members[b]!.log);
		}
		return this.violation;
	}

	/** Log Matching: the highest index where both logs hold the same term starts an identical prefix. */
	private checkMatching(
		an: string,
		a: readonly LogEntry[],
		bn: string,
		b: readonly LogEntry[]
	): void {
		let i = Math.min(a.length, b.length);
		while (i > 0 && a[i - 1]!.term !== b[i - 1]!.term) i--;
		for (let j = 0; j < i; j++) {
			if (!same(a[j], b[j])) {
				this.fail(
					`Log Matching: ${an} and ${bn} agree on index ${i} (term ${a[i - 1]!.term}) but differ at index ${j + 1}`
				);
				return;
			}
		}
	}
}
