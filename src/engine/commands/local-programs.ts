/**
 * The programs of the learner's own machine that a console line pipes kubectl's or docker's
 * output through (`kubectl get pods | grep web`, `echo -n admin | base64`,
 * `printf secret | docker secret create db -`): GNU coreutils and grep as a Linux terminal has
 * them, reading the pipe (or the lab's files) and writing their usual output. What they cannot
 * do here is refused as not simulated.
 */
import { echo, printf } from '../shell/programs';
import { base64Decode, base64Utf8, utf8Bytes } from '../manifests/base64';

export interface LocalResult {
	out: string;
	err: string;
	code: number;
}

/** The local programs by name; each gets its arguments, its stdin and a file reader. */
type LocalProgram = (
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined
) => LocalResult;

const done = (out: string, code = 0): LocalResult => ({ out, err: '', code });

/** Programs people pipe through that the lab does not run (an honest refusal, not "not found"). */
const NOT_SIMULATED = new Set(['jq', 'yq', 'sed', 'tr', 'xargs', 'column', 'less', 'more', 'tee']);

export function isLocalProgram(name: string): boolean {
	return Object.hasOwn(PROGRAMS, name) || NOT_SIMULATED.has(name);
}

/** Runs `name`, or undefined when it is no program of the learner's machine the lab knows. */
export function runLocal(
	name: string,
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined
): LocalResult | undefined {
	if (NOT_SIMULATED.has(name))
		return {
			out: '',
			err: `lab: \`${name}\` is not simulated in the lab console\n`,
			code: 1
		};
	return Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name]!(args, stdin, readFile) : undefined;
}

/** Text as lines, without the last newline's empty remainder. */
function linesOf(text: string): string[] {
	if (text === '') return [];
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

const joined = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

/** Short flags bundled (`-iv`) and `-n 5` / `-n5` / `-5` counts, the GNU way. */
function options(
	args: readonly string[],
	valued: string
): { flags: Set<string>; values: Map<string, string>; rest: string[]; count?: number } {
	const flags = new Set<string>();
	const values = new Map<string, string>();
	const rest: string[] = [];
	let count: number | undefined;
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a === '--') {
			rest.push(...args.slice(i + 1));
			break;
		}
		if (/^-\d+$/.test(a)) count = Number(a.slice(1));
		else if (/^-[A-Za-z]/.test(a)) {
			for (let j = 1; j < a.length; j++) {
				const f = a[j]!;
				if (valued.includes(f)) {
					values.set(f, a.slice(j + 1) || (args[++i] ?? ''));
					break;
				}
				flags.add(f);
			}
		} else rest.push(a);
	}
	return { flags, values, rest, ...(count !== undefined ? { count } : {}) };
}

/** The text of the files named, or stdin when none (or `-`) is named. */
function input(
	files: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined,
	program: string
): { text: string; err: string } {
	if (files.length === 0) return { text: stdin, err: '' };
	let text = '';
	let err = '';
	for (const f of files) {
		const t = f === '-' ? stdin : readFile(f);
		if (t === undefined) err += `${program}: ${f}: No such file or directory\n`;
		else text += t;
	}
	return { text, err };
}

/**
 * A GNU grep pattern as a JavaScript one: basic (BRE) by default, where `+ ? | ( ) { }` are
 * literal and their backslashed forms are the operators; -E (ERE) as written; -F literal.
 */
function grepRegex(pattern: string, flags: Set<string>): RegExp {
	let source: string;
	if (flags.has('F')) source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	else if (flags.has('E')) source = pattern;
	else
		source = pattern.replace(/\\([+?|(){}])|([+?|(){}])/g, (_, escaped?: string, plain?: string) =>
			escaped !== undefined ? escaped : `\\${plain}`
		);
	if (flags.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
	return new RegExp(source, flags.has('i') ? 'i' : '');
}

const PROGRAMS: Record<string, LocalProgram> = {
	echo: (args) => done(echo(args)),
	printf: (args) => {
		const r = printf(args);
		return { out: r.out, err: r.err, code: r.code };
	},
	cat: (args, stdin, readFile) => {
		const { text, err } = input(
			args.filter((a) => a === '-' || !a.startsWith('-')),
			stdin,
			readFile,
			'cat'
		);
		return { out: text, err, code: err === '' ? 0 : 1 };
	},
	grep: (args, stdin, readFile) => {
		const o = options(args, 'ef');
		const pattern = o.values.get('e') ?? o.rest.shift();
		if (pattern === undefined)
			return {
				out: '',
				err: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
				code: 2
			};
		let regex: RegExp;
		try {
			regex = grepRegex(pattern, o.flags);
		} catch {
			return { out: '', err: `grep: Invalid regular expression\n`, code: 2 };
		}
		const { text, err } = input(o.rest, stdin, readFile, 'grep');
		const picked = linesOf(text)
			.map((line, i) => ({ line, n: i + 1 }))
			.filter(({ line }) => regex.test(line) !== o.flags.has('v'));
		const code = err !== '' ? 2 : picked.length > 0 ? 0 : 1;
		if (o.flags.has('q')) return { out: '', err, code: picked.length > 0 ? 0 : code };
		if (o.flags.has('c')) return { out: `${picked.length}\n`, err, code };
		const out = picked.map(({ line, n }) => (o.flags.has('n') ? `${n}:${line}` : line));
		return { out: joined(out), err, code };
	},
	head: (args, stdin, readFile) => {
		const o = options(args, 'n');
		const n = Number(o.values.get('n') ?? o.count ?? 10);
		const { text, err } = input(o.rest, stdin, readFile, 'head');
		const lines = linesOf(text);
		const kept = n >= 0 ? lines.slice(0, n) : lines.slice(0, Math.max(0, lines.length + n));
		return { out: joined(kept), err, code: err === '' ? 0 : 1 };
	},
	tail: (args, stdin, readFile) => {
		const o = options(args, 'n');
		const spec = o.values.get('n') ?? String(o.count ?? 10);
		const { text, err } = input(o.rest, stdin, readFile, 'tail');
		const lines = linesOf(text);
		// `-n +K`: from line K on; `-n K`: the last K.
		const kept = spec.startsWith('+')
			? lines.slice(Math.max(0, Number(spec.slice(1)) - 1))
			: lines.slice(Math.max(0, lines.length - Number(spec)));
		return { out: joined(kept), err, code: err === '' ? 0 : 1 };
	},
	wc: (args, stdin, readFile) => {
		const o = options(args, '');
		const { text, err } = input(o.rest, stdin, readFile, 'wc');
		const counts = {
			l: (text.match(/\n/g) ?? []).length,
			w: text.split(/\s+/).filter((w) => w !== '').length,
			c: utf8Bytes(text).length
		};
		const asked = (['l', 'w', 'c'] as const).filter((f) => o.flags.has(f));
		const shown = asked.length > 0 ? asked : (['l', 'w', 'c'] as const);
		// One count alone is printed bare; several are right-aligned in 7 columns (wc.c).
		const out =
			shown.length === 1
				? `${counts[shown[0]!]}\n`
				: `${shown.map((f) => String(counts[f]).padStart(7)).join(' ')}\n`;
		return { out, err, code: err === '' ? 0 : 1 };
	},
	sort: (args, stdin, readFile) => {
		const o = options(args, 'kt');
		const { text, err } = input(o.rest, stdin, readFile, 'sort');
		const field = Number(o.values.get('k')?.split(',')[0] ?? 0);
		const keyOf = (line: string): string =>
			field > 0 ? (line.trim().split(/\s+/)[field - 1] ?? '') : line;
		const numeric = o.flags.has('n');
		// Byte order, as `LC_ALL=C sort`: the lab does not follow a locale's collation.
		const lines = linesOf(text).sort((a, b) => {
			const [x, y] = [keyOf(a), keyOf(b)];
			if (numeric) return (parseFloat(x) || 0) - (parseFloat(y) || 0);
			return x < y ? -1 : x > y ? 1 : 0;
		});
		if (o.flags.has('r')) lines.reverse();
		const kept = o.flags.has('u') ? lines.filter((l, i) => i === 0 || l !== lines[i - 1]) : lines;
		return { out: joined(kept), err, code: err === '' ? 0 : 1 };
	},
	uniq: (args, stdin, readFile) => {
		const o = options(args, '');
		const { text, err } = input(o.rest, stdin, readFile, 'uniq');
		const runs: { line: string; n: number }[] = [];
		for (const line of linesOf(text)) {
			const last = runs[runs.length - 1];
			if (last?.line === line) last.n++;
			else runs.push({ line, n: 1 });
		}
		const out = runs.map((r) =>
			o.flags.has('c') ? `${String(r.n).padStart(7)} ${r.line}` : r.line
		);
		return { out: joined(out), err, code: err === '' ? 0 : 1 };
	},
	base64: (args, stdin, readFile) => {
		const o = options(args, 'w');
		const { text, err } = input(o.rest, stdin, readFile, 'base64');
		if (err !== '') return { out: '', err, code: 1 };
		if (o.flags.has('d')) {
			const clean = text.replace(/\s/g, '');
			if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
				return { out: '', err: 'base64: invalid input\n', code: 1 };
			return done(base64Decode(clean));
		}
		const encoded = base64Utf8(text);
		// GNU base64 wraps at 76 columns; -w 0 does not wrap.
		const wrap = Number(o.values.get('w') ?? 76);
		const lines = wrap > 0 ? (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []) : [encoded];
		return done(joined(lines.length > 0 ? lines : ['']).replace(/^\n$/, ''));
	},
	awk: (args, stdin, readFile) => {
		// `awk '{print $1}'` and friends: print fields of every line; other programs are refused.
		const [program, ...files] = args;
		const m = /^\s*\{\s*print\s*(.*?)\s*;?\s*\}\s*$/.exec(program ?? '');
		if (m === null)
			return {
				out: '',
				err: 'lab: only `awk {print …}` is simulated in the lab console\n',
				code: 1
			};
		const fields = m[1]!.split(/\s*,\s*/).filter((f) => f !== '');
		const { text, err } = input(files, stdin, readFile, 'awk');
		const out = linesOf(text).map((line) => {
			const parts = line.trim().split(/\s+/);
			if (fields.length === 0) return line;
			return fields
				.map((f) => {
					if (f === '$0') return line;
					if (f === 'NF') return String(parts.length);
					const n = /^\$(\d+)$/.exec(f);
					return n === null ? f.replace(/^"(.*)"$/, '$1') : (parts[Number(n[1]) - 1] ?? '');
				})
				.join(' ');
		});
		return { out: joined(out), err, code: err === '' ? 0 : 2 };
	},
	cut: (args, stdin, readFile) => {
		const o = options(args, 'df');
		const delimiter = o.values.get('d') ?? '\t';
		const spec = o.values.get('f');
		if (spec === undefined)
			return {
				out: '',
				err: 'cut: you must specify a list of bytes, characters, or fields\n',
				code: 1
			};
		const wanted = spec.split(',').map(Number);
		const { text, err } = input(o.rest, stdin, readFile, 'cut');
		const out = linesOf(text).map((line) => {
			const parts = line.split(delimiter);
			// A line without the delimiter is printed whole (no -s).
			return parts.length === 1 ? line : wanted.map((n) => parts[n - 1] ?? '').join(delimiter);
		});
		return { out: joined(out), err, code: err === '' ? 0 : 1 };
	}
};
