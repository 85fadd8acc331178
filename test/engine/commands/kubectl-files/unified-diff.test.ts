/**
 * unifiedHunks against GNU diffutils 3.x `diff -u` output for the same inputs (the expected
 * texts were produced by /usr/bin/diff -u, headers removed).
 */
import { describe, expect, it } from 'vitest';
import { unifiedHunks } from '../../../../src/engine/commands/kubectl/unified-diff';

const LETTERS = 'abcdefghijklm'.split('').join('\n') + '\n';
/** `seq 1 30`, and with some lines changed (`sed 's/^7$/7x/'` …). */
const SEQ = Array.from({ length: 30 }, (_, i) => `${i + 1}\n`).join('');
const changed = (...n: number[]) =>
	SEQ.split('\n')
		.map((l) => (n.includes(Number(l)) ? `${l}x` : l))
		.join('\n');

describe('unifiedHunks(before, after)', () => {
	it.each([
		{
			name: 'two changes far apart make two hunks',
			before: LETTERS,
			after: LETTERS.replace('c\n', 'X\n') + 'n\n',
			hunks: '@@ -1,6 +1,6 @@\n a\n b\n-c\n+X\n d\n e\n f\n@@ -11,3 +11,4 @@\n k\n l\n m\n+n\n'
		},
		{ name: 'a new file', before: '', after: 'a\nb\n', hunks: '@@ -0,0 +1,2 @@\n+a\n+b\n' },
		{
			name: 'one-line ranges drop the length',
			before: 'x\n',
			after: 'y\n',
			hunks: '@@ -1 +1 @@\n-x\n+y\n'
		},
		{
			name: 'an unchanged gap of six lines (twice the context) still joins two changes',
			before: SEQ,
			after: changed(7, 9, 16),
			hunks:
				'@@ -4,16 +4,16 @@\n 4\n 5\n 6\n-7\n+7x\n 8\n-9\n+9x\n 10\n 11\n 12\n 13\n 14\n 15\n-16\n+16x\n 17\n 18\n 19\n'
		},
		{
			name: 'a gap of seven splits them',
			before: SEQ,
			after: changed(7, 9, 17),
			hunks:
				'@@ -4,9 +4,9 @@\n 4\n 5\n 6\n-7\n+7x\n 8\n-9\n+9x\n 10\n 11\n 12\n@@ -14,7 +14,7 @@\n 14\n 15\n 16\n-17\n+17x\n 18\n 19\n 20\n'
		},
		{ name: 'the same text', before: LETTERS, after: LETTERS, hunks: '' }
	])('$name', ({ before, after, hunks }) => {
		expect(unifiedHunks(before, after)).toBe(hunks);
	});
});
