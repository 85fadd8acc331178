/**
 * unifiedHunks against GNU diffutils 3.x `diff -u` output for the same inputs (the expected
 * texts were produced by /usr/bin/diff -u, headers removed).
 */
import { describe, expect, it } from 'vitest';
import { unifiedHunks } from '../../../../src/engine/commands/kubectl/unified-diff';

const LETTERS = 'abcdefghijklm'.split('').join('\n') + '\n';

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
		{ name: 'the same text', before: LETTERS, after: LETTERS, hunks: '' }
	])('$name', ({ before, after, hunks }) => {
		expect(unifiedHunks(before, after)).toBe(hunks);
	});
});
