/** Pure helpers over a Raft log (1-based indexes; index 0 is the empty prefix of term 0). */
import type { LogEntry } from './types';

/** The term of the entry at `index`: 0 for index 0, −1 when the log is shorter. */
export function termAt(log: readonly LogEntry[], index: number): number {
	if (index === 0) return 0;
	return log[index - 1]?.term ?? -1;
}

export function lastTerm(log: readonly LogEntry[]): number {
	return log.length === 0 ? 0 : log[log.length - 1]!.term;
}

/**
 * Paper §5.4.1: a candidate's log is at least as up to date as ours when its last term is
 * higher, or equal with a last index at least ours.
 */
export function isUpToDate(
	log: readonly LogEntry[],
	candLastTerm: number,
	candLastIndex: number
): boolean {
	const myTerm = lastTerm(log);
	return candLastTerm > myTerm || (candLastTerm === myTerm && candLastIndex >= log.length);
}

/**
 * The voters a member uses: the newest configuration entry in its log, committed or not
 * (single-server changes take effect on append, Raft thesis §4.1), else the bootstrap voters.
 */
export function votersOf(log: readonly LogEntry[], initial: readonly string[]): readonly string[] {
	for (let i = log.length - 1; i >= 0; i--) {
		const voters = log[i]!.voters;
		if (voters !== undefined) return voters;
	}
	return initial;
}

/** The index of the newest configuration entry after `from`, or 0 when there is none. */
export function configIndexAfter(log: readonly LogEntry[], from: number): number {
	for (let i = log.length; i > from; i--) if (log[i - 1]!.voters !== undefined) return i;
	return 0;
}
