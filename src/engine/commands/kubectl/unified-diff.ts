/**
 * The hunks of `diff -u` (GNU diffutils): a shortest edit script between two texts' lines, shown
 * with 3 lines of context; changes closer than twice the context share one hunk; within a run
 * of changes the removed lines come before the added ones. A range of one line is written
 * without its length (`@@ -5 +5 @@`), an empty range by the line before it (`-0,0`).
 */

const CONTEXT = 3;

type Op = ' ' | '-' | '+';

/** The edit script, by longest common subsequence (small files: a table is cheap). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
	const n = a.length;
	const m = b.length;
	// lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
	const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i]![j] =
				a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
	const ops: Op[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] === b[j]) {
			ops.push(' ');
			i++;
			j++;
		} else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
			ops.push('-');
			i++;
		} else {
			ops.push('+');
			j++;
		}
	}
	return ops;
}

function range(start: number, length: number): string {
	if (length === 1) return String(start + 1);
	return `${length === 0 ? start : start + 1},${length}`;
}

/** The hunks (no file headers), or '' when the texts are the same. */
export function unifiedHunks(before: string, after: string): string {
	const a = lines(before);
	const b = lines(after);
	const ops = editScript(a, b);
	// Positions in `ops` of each change, grouped into hunks.
	const changed = ops.flatMap((op, k) => (op === ' ' ? [] : [k]));
	if (changed.length === 0) return '';
	const groups: [number, number][] = [];
	for (const k of changed) {
		const last = groups[groups.length - 1];
		// GNU diff joins two changes whose unchanged gap is at most twice the context.
		if (last !== undefined && k - last[1] - 1 <= 2 * CONTEXT) last[1] = k;
		else groups.push([k, k]);
	}
	// Line numbers in a and b before each op.
	const aAt: number[] = [];
	const bAt: number[] = [];
	let ai = 0;
	let bi = 0;
	for (const op of ops) {
		aAt.push(ai);
		bAt.push(bi);
		if (op !== '+') ai++;
		if (op !== '-') bi++;
	}
	let out = '';
	for (const [first, last] of groups) {
		const from = Math.max(0, first - CONTEXT);
		const to = Math.min(ops.length - 1, last + CONTEXT);
		let body = '';
		let aLen = 0;
		let bLen = 0;
		let removed = '';
		let added = '';
		const flush = () => {
			body += removed + added;
			removed = '';
			added = '';
		};
		for (let k = from; k <= to; k++) {
			const op = ops[k]!;
			if (op === ' ') {
				flush();
				body += ` ${a[aAt[k]!]}\n`;
				aLen++;
				bLen++;
			} else if (op === '-') {
				removed += `-${a[aAt[k]!]}\n`;
				aLen++;
			} else {
				added += `+${b[bAt[k]!]}\n`;
				bLen++;
			}
		}
		flush();
		out += `@@ -${range(aAt[from]!, aLen)} +${range(bAt[from]!, bLen)} @@\n${body}`;
	}
	return out;
}

function lines(text: string): string[] {
	if (text === '') return [];
	return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
