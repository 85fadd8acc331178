/** The pure log and quorum rules (paper §5.3, §5.4.1; facts.md §1.7 quorum table). */
import { describe, expect, it } from 'vitest';
import { configIndexAfter, isUpToDate, termAt, votersOf } from '../../../src/engine/raft/log';
import { majority, majorityMatch } from '../../../src/engine/raft/quorum';
import type { LogEntry } from '../../../src/engine/raft/types';

const log: LogEntry[] = [
	{ term: 1, data: 'configuration a,b,c', voters: ['a', 'b', 'c'] },
	{ term: 1, data: 'x' },
	{ term: 3, data: 'add d', voters: ['a', 'b', 'c', 'd'] },
	{ term: 3, data: 'y' }
];

describe('Raft log rules', () => {
	it('terms by index, 0 before the log, −1 past its end', () => {
		expect([0, 1, 2, 3, 4, 5].map((i) => termAt(log, i))).toEqual([0, 1, 1, 3, 3, -1]);
	});

	it('"at least as up to date": the last term first, then the length', () => {
		expect(isUpToDate(log, 3, 4)).toBe(true);
		expect(isUpToDate(log, 3, 3)).toBe(false);
		expect(isUpToDate(log, 4, 1)).toBe(true);
		expect(isUpToDate(log, 2, 100)).toBe(false);
	});

	it('the newest configuration in the log counts, committed or not', () => {
		expect(votersOf(log, ['z'])).toEqual(['a', 'b', 'c', 'd']);
		expect(votersOf(log.slice(0, 2), ['z'])).toEqual(['a', 'b', 'c']);
		expect(votersOf([], ['z'])).toEqual(['z']);
		expect(configIndexAfter(log, 2)).toBe(3);
		expect(configIndexAfter(log, 3)).toBe(0);
	});
});

describe('quorum', () => {
	it('majority = ⌊n/2⌋ + 1, as etcd and Docker tabulate it', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(majority)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5]);
	});

	it('the highest index a majority stores', () => {
		expect(majorityMatch([5, 1, 3])).toBe(3);
		expect(majorityMatch([7, 7, 2, 2, 1])).toBe(2);
		expect(majorityMatch([4, 4, 4, 1])).toBe(4);
		expect(majorityMatch([9])).toBe(9);
	});
});
