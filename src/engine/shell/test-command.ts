/**
 * The `test` / `[ … ]` builtin (POSIX XCU test; busybox coreutils/test.c, dash and bash alike for
 * what scripts use): string tests (`-z -n = != ==`), integer comparisons (`-eq -ne -lt -le -gt
 * -ge`), file tests (`-e -f -d -s -r -w -x`), `!`, `-a`, `-o` and parentheses. It exits 0 (true),
 * 1 (false) or 2 (an error, with its message).
 */
import { Unsupported } from './syntax';

/**
 * `syntax`: `text` is the word dash and bash name; `left`, when busybox names another — the
 * argument its parser left over (`test -ne 200`: it reads `-ne` as a string, then `200:
 * unknown operand`, coreutils/test.c test_main).
 */
export type TestError =
	| { kind: 'number'; text: string }
	| { kind: 'missing]' }
	| { kind: 'syntax'; text: string; left?: string };

export interface TestFiles {
	/** Whether `path` exists in the container (a file it wrote, a mounted file): undefined if unknown. */
	exists(path: string): boolean | undefined;
	isDir(path: string): boolean | undefined;
}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h']);
const INT_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class Failed extends Error {
	constructor(readonly error: TestError) {
		super(error.kind);
	}
}

/** A file test the lab cannot answer (a file it does not know): the script cannot go on truthfully. */
export class UnknownFile extends Unsupported {
	constructor(path: string) {
		super(`test on ${path} (a file the lab does not know)`);
	}
}

export function testCommand(
	name: string,
	args: readonly string[],
	files: TestFiles
): { code: number; error?: TestError } {
	let words = [...args];
	if (name === '[') {
		if (words[words.length - 1] !== ']') return { code: 2, error: { kind: 'missing]' } };
		words = words.slice(0, -1);
	}
	try {
		return { code: evaluate(words, files) ? 0 : 1 };
	} catch (e) {
		if (e instanceof Failed) return { code: 2, error: e.error };
		throw e;
	}
}

function integer(text: string): number {
	const t = text.trim();
	if (!/^[+-]?\d+$/.test(t)) throw new Failed({ kind: 'number', text });
	return Number(t);
}

function fileTest(op: string, path: string, files: TestFiles): boolean {
	const dir = files.isDir(path);
	const exists = files.exists(path);
	if (op === '-d') {
		if (dir === undefined) throw new UnknownFile(path);
		return dir;
	}
	if (exists === undefined) throw new UnknownFile(path);
	if (op === '-f') return exists && dir !== true;
	return exists;
}

/** POSIX's rules by argument count, then -a/-o/! and parentheses for longer expressions. */
function evaluate(w: readonly string[], files: TestFiles): boolean {
	if (w.length === 0) return false;
	if (w.length === 1) return w[0] !== '';
	if (w.length === 2) {
		if (w[0] === '!') return !evaluate(w.slice(1), files);
		return unary(w[0]!, w[1]!, files);
	}
	if (w.length === 3 && isBinary(w[1]!)) return binary(w[0]!, w[1]!, w[2]!);
	// Longer: -o binds loosest, then -a, then ! and ( ).
	const or = w.indexOf('-o');
	if (or > 0) return evaluate(w.slice(0, or), files) || evaluate(w.slice(or + 1), files);
	const and = w.indexOf('-a');
	if (and > 0) return evaluate(w.slice(0, and), files) && evaluate(w.slice(and + 1), files);
	if (w[0] === '!') return !evaluate(w.slice(1), files);
	if (w[0] === '(' && w[w.length - 1] === ')') return evaluate(w.slice(1, -1), files);
	throw new Failed({ kind: 'syntax', text: w[1] ?? '' });
}

function isBinary(op: string): boolean {
	return INT_OPS.has(op) || op === '=' || op === '==' || op === '!=' || op === '<' || op === '>';
}

function unary(op: string, arg: string, files: TestFiles): boolean {
	if (op === '-z') return arg === '';
	if (op === '-n') return arg !== '';
	if (UNARY_FILE.has(op)) return fileTest(op, arg, files);
	throw new Failed({ kind: 'syntax', text: op, left: arg });
}

function binary(a: string, op: string, b: string): boolean {
	switch (op) {
		case '=':
		case '==':
			return a === b;
		case '!=':
			return a !== b;
		case '<':
			return a < b;
		case '>':
			return a > b;
		default: {
			const x = integer(a);
			const y = integer(b);
			if (op === '-eq') return x === y;
			if (op === '-ne') return x !== y;
			if (op === '-lt') return x < y;
			if (op === '-le') return x <= y;
			if (op === '-gt') return x > y;
			return x >= y;
		}
	}
}
