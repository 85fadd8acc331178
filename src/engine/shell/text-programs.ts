/**
 * The text programs both of the lab's shells pipe through — the learner's console
 * (`kubectl get pods | grep web`, ../commands/local-programs.ts) and a container's own `sh -c`
 * (`wget -S URL 2>&1 | awk '/^  HTTP/{print $2}'`, ./interpreter.ts): grep, head, tail, wc,
 * sort, uniq, base64, awk (`{print …}` and `/RE/{print …}` programs), cut, cat, tr, echo and
 * printf, reading their stdin (or the files a reader knows) and writing their usual output.
 * Their output is the same in GNU coreutils and busybox for these uses but wc's columns
 * (the `flavor`); what they cannot do here throws Unsupported (each caller words its refusal).
 */
import { echo, printf } from './programs';
import { Unsupported } from './syntax';
import { base64Decode, base64Utf8, utf8Bytes } from '../manifests/base64';

export interface TextResult {
	out: string;
	err: string;
	code: number;
}

/** A program's arguments, its stdin and a file reader (undefined: no such file). */
type TextProgram = (
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined,
	flavor: Flavor
) => TextResult;

/** Whose programs: GNU coreutils (a terminal, Debian images) or busybox's applets. */
export type Flavor = 'gnu' | 'busybox';

const done = (out: string, code = 0): TextResult => ({ out, err: '', code });

/** Whether `name` is one of the text programs. */
export function isTextProgram(name: string): boolean {
	return Object.hasOwn(PROGRAMS, name);
}

/** Runs the text program `name` (see isTextProgram). */
export function runText(
	name: string,
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined,
	flavor: Flavor = 'gnu'
): TextResult {
	return PROGRAMS[name]!(args, stdin, readFile, flavor);
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

const PROGRAMS: Record<string, TextProgram> = {
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
		const long: Record<string, string> = {
			'--after-context': '-A',
			'--before-context': '-B',
			'--context': '-C'
		};
		// Every `-e PATTERN` counts (a line matching any is a match); the options take the rest.
		const patterns: string[] = [];
		const words = args.flatMap((a) => {
			const eq = a.indexOf('=');
			const flag = eq < 0 ? undefined : long[a.slice(0, eq)];
			return flag === undefined ? [a] : [flag, a.slice(eq + 1)];
		});
		const rest: string[] = [];
		for (let i = 0; i < words.length; i++) {
			const w = words[i]!;
			if (w === '-e') patterns.push(words[++i] ?? '');
			else if (/^-e./.test(w)) patterns.push(w.slice(2));
			else rest.push(w);
		}
		const o = options(rest, 'fABC');
		if (patterns.length === 0 && o.rest.length > 0) patterns.push(o.rest.shift()!);
		if (patterns.length === 0)
			return {
				out: '',
				err: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
				code: 2
			};
		let regexes: RegExp[];
		try {
			regexes = patterns.map((p) => grepRegex(p, o.flags));
		} catch {
			return { out: '', err: `grep: Invalid regular expression\n`, code: 2 };
		}
		const regex = { test: (line: string) => regexes.some((r) => r.test(line)) };
		const context = (f: string) => {
			const v = o.values.get(f) ?? o.values.get('C');
			return v === undefined ? 0 : Math.max(0, Number(v) || 0);
		};
		const after = context('A');
		const before = context('B');
		const { text, err } = input(o.rest, stdin, readFile, 'grep');
		const lines = linesOf(text);
		const hits = lines.map((line) => regex.test(line) !== o.flags.has('v'));
		const matched = hits.filter(Boolean).length;
		const code = err !== '' ? 2 : matched > 0 ? 0 : 1;
		if (o.flags.has('q')) return { out: '', err, code: matched > 0 ? 0 : code };
		if (o.flags.has('c')) return { out: `${matched}\n`, err, code };
		// GNU grep: -A/-B/-C add the lines around each match (`n-` with -n), and `--` parts
		// groups that are not next to each other.
		const shown = new Set<number>();
		hits.forEach((hit, i) => {
			if (!hit) return;
			for (let j = Math.max(0, i - before); j <= Math.min(lines.length - 1, i + after); j++)
				shown.add(j);
		});
		const out: string[] = [];
		let last = -1;
		for (const i of [...shown].sort((a, b) => a - b)) {
			if ((after > 0 || before > 0) && last >= 0 && i > last + 1) out.push('--');
			const mark = hits[i] ? ':' : '-';
			out.push(o.flags.has('n') ? `${i + 1}${mark}${lines[i]}` : lines[i]!);
			last = i;
		}
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
	wc: (args, stdin, readFile, flavor) => {
		const o = options(args, '');
		if (o.rest.length > 1) throw new Unsupported('wc of several files (its total line)');
		const { text, err } = input(o.rest, stdin, readFile, 'wc');
		const counts = {
			l: (text.match(/\n/g) ?? []).length,
			w: text.split(/\s+/).filter((w) => w !== '').length,
			c: utf8Bytes(text).length
		};
		const asked = (['l', 'w', 'c'] as const).filter((f) => o.flags.has(f));
		const shown = asked.length > 0 ? asked : (['l', 'w', 'c'] as const);
		// One count alone is printed bare. Several are right-aligned: busybox in 9 columns
		// (wc.c " %9u"), GNU in 7 for stdin, else as wide as the file's size needs (wc.c
		// compute_number_width). A file's name follows its counts.
		const width =
			shown.length === 1
				? 0
				: flavor === 'busybox'
					? 9
					: o.rest.length === 0
						? 7
						: String(counts.c).length;
		const name = o.rest.length === 1 && err === '' ? ` ${o.rest[0]}` : '';
		const out =
			err !== '' && o.rest.length === 1
				? ''
				: `${shown.map((f) => String(counts[f]).padStart(width)).join(' ')}${name}\n`;
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
	awk: (args, stdin, readFile) => awk(args, stdin, readFile),
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
	},
	tr: (args, stdin) => tr(args, stdin)
};

/**
 * awk PROGRAM [FILE…] for the one-rule programs scripts pipe through: `{print …}` and
 * `/RE/{print …}` (a line matching RE, an ERE), printing fields (`$N`, `$0`, `NF`) and
 * string literals joined by spaces (POSIX awk: `,` between print's items is OFS, a space).
 * Any other program is Unsupported.
 */
function awk(
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined
): TextResult {
	const [program, ...files] = args;
	const m = /^\s*(?:\/((?:[^/\\]|\\.)*)\/\s*)?\{\s*print\s*(.*?)\s*;?\s*\}\s*$/.exec(program ?? '');
	if (m === null || files.some((f) => f.startsWith('-')))
		throw new Unsupported(`awk ${args.join(' ')} (only awk '{print …}' and '/RE/{print …}')`);
	const pattern = m[1] === undefined ? undefined : new RegExp(m[1]);
	const items = m[2]!.split(/\s*,\s*/).filter((f) => f !== '');
	const { text, err } = input(files, stdin, readFile, 'awk');
	const out = linesOf(text)
		.filter((line) => pattern === undefined || pattern.test(line))
		.map((line) => {
			const parts = line.trim().split(/\s+/);
			if (items.length === 0) return line;
			return items
				.map((f) => {
					if (f === '$0') return line;
					if (f === 'NF') return String(line.trim() === '' ? 0 : parts.length);
					const n = /^\$(\d+)$/.exec(f);
					if (n !== null) return parts[Number(n[1]) - 1] ?? '';
					const literal = /^"(.*)"$/.exec(f);
					if (literal === null) throw new Unsupported(`awk ${program ?? ''}`);
					return literal[1]!;
				})
				.join(' ');
		});
	return { out: joined(out), err, code: err === '' ? 0 : 2 };
}

/** A tr set: ranges (`a-z`), the classes scripts use and `\n`/`\t` escapes, expanded. */
function trSet(spec: string): string {
	const classes: Record<string, string> = {
		'[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
		'[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
		'[:digit:]': '0123456789',
		'[:space:]': ' \t\n\r\f\v'
	};
	let text = spec;
	for (const [k, v] of Object.entries(classes)) text = text.split(k).join(v);
	if (/\[:\w+:\]|\[=|\*\]/.test(text)) throw new Unsupported(`tr ${spec}`);
	text = text.replace(/\\([nt\\])/g, (_, c: string) =>
		c === 'n' ? '\n' : c === 't' ? '\t' : '\\'
	);
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (text[i + 1] === '-' && i + 2 < text.length) {
			for (let c = text.charCodeAt(i); c <= text.charCodeAt(i + 2); c++)
				out += String.fromCharCode(c);
			i += 2;
		} else out += text[i];
	}
	return out;
}

/** `tr SET1 SET2` (the last of SET2 repeats), `tr -d SET1`, `tr -s SET1`. */
function tr(args: readonly string[], stdin: string): TextResult {
	const flags = args.filter((a) => /^-[ds]+$/.test(a)).join('');
	const sets = args.filter((a) => !/^-[ds]+$/.test(a)).map(trSet);
	const [from, to] = sets as [string | undefined, string | undefined];
	if (from === undefined || sets.length > 2 || /[^ds-]/.test(flags))
		throw new Unsupported(`tr ${args.join(' ')}`);
	let out = '';
	let last = '';
	for (const c of stdin) {
		const k = from.indexOf(c);
		if (flags.includes('d') && k >= 0) continue;
		const mapped =
			!flags.includes('d') && k >= 0 && to !== undefined && to !== ''
				? (to[k] ?? to[to.length - 1]!)
				: c;
		const squeeze = flags.includes('s') && mapped === last && (to ?? from).includes(mapped);
		if (!squeeze) out += mapped;
		last = mapped;
	}
	return done(out);
}
