/**
 * The commands `kubectl exec` runs inside a container: one program, or a `sh -c` script of simple
 * commands joined by `;`, `&&`, `||` and newlines, with `for NAME in …; do …; done` loops,
 * `$VAR`/`${VAR}`/`$(…)` expansion, quotes, `VAR=value`, and the redirections `>/dev/null`,
 * `2>/dev/null`, `2>&1`. The programs print what ../../kubernetes/kubelet/short-commands.ts
 * and ./exec-tools.ts make; a program the image lacks is the shell's "not found" (127). What
 * the lab does not simulate (pipes, writing files, other programs) throws NotSimulated.
 */
import type { ImageTools } from '../../images/executables';
import { hasProgram } from '../../images/executables';
import { shortCommandOutput, type LogContext } from '../../kubernetes/kubelet/short-commands';
import { TerminalWriter } from '../terminal';
import {
	NotSimulated,
	chunksOf,
	curl,
	nslookup,
	wget,
	type ToolResult,
	type ToolWorld
} from './exec-tools';

export interface ShellWorld {
	readonly tools: ImageTools;
	/** The container's environment and files (pod, container, env, readFile). */
	readonly ctx: LogContext;
	readonly now: number;
	readonly net: ToolWorld;
}

/** Debian's / as `ls` prints it off a terminal; the nginx image adds its entrypoint. */
const DEBIAN_ROOT =
	'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var'.split(' ');
const NGINX_ROOT = [...DEBIAN_ROOT, 'docker-entrypoint.d', 'docker-entrypoint.sh'].sort();

class Exit extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

type Token = { t: 'word'; raw: string } | { t: 'op'; v: string };

type Redirect = '>/dev/null' | '2>/dev/null' | '2>&1';

type Command =
	| { kind: 'simple'; words: string[]; redirects: Redirect[] }
	| { kind: 'for'; name: string; items: string[]; body: Sequence };

interface Sequence {
	items: { op: ';' | '&&' | '||'; cmd: Command }[];
}

/** Shell words and operators; quotes and `$(…)` stay inside their word for expansion. */
function lex(text: string): Token[] {
	const out: Token[] = [];
	let word = '';
	let inWord = false;
	const flush = () => {
		if (inWord) out.push({ t: 'word', raw: word });
		word = '';
		inWord = false;
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === ' ' || c === '\t') flush();
		else if (c === '\n' || c === ';') {
			flush();
			out.push({ t: 'op', v: ';' });
		} else if (c === '#' && !inWord) {
			while (i + 1 < text.length && text[i + 1] !== '\n') i++;
		} else if (c === '&' || c === '|') {
			flush();
			const two = text.slice(i, i + 2);
			if (two === '&&' || two === '||') {
				out.push({ t: 'op', v: two });
				i++;
			} else throw new NotSimulated(c === '|' ? 'pipes (|)' : 'background jobs (&)');
		} else if (c === '>' || c === '<' || (c === '2' && !inWord && text[i + 1] === '>')) {
			flush();
			const m = /^(?:2>&1|2>\s*\/dev\/null|>\s*\/dev\/null|1>\s*\/dev\/null)/.exec(text.slice(i));
			if (m === null) throw new NotSimulated('redirections to files');
			out.push({ t: 'op', v: m[0].replace(/\s+/g, '').replace(/^1>/, '>') });
			i += m[0].length - 1;
		} else if (c === "'" || c === '"') {
			const end = closing(text, i);
			word += text.slice(i, end + 1);
			inWord = true;
			i = end;
		} else if (c === '$' && text[i + 1] === '(') {
			const end = closingParen(text, i + 1);
			word += text.slice(i, end + 1);
			inWord = true;
			i = end;
		} else if (c === '\\' && i + 1 < text.length) {
			word += text.slice(i, i + 2);
			inWord = true;
			i++;
		} else if (c === '`') throw new NotSimulated('backquoted commands (use $(…))');
		else {
			word += c;
			inWord = true;
		}
	}
	flush();
	return out;
}

function closing(text: string, start: number): number {
	const q = text[start]!;
	for (let i = start + 1; i < text.length; i++) {
		if (q === '"' && text[i] === '\\') i++;
		else if (text[i] === q) return i;
	}
	throw new SyntaxError(`unterminated quoted string`);
}

function closingParen(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return i;
		else if (text[i] === "'" || text[i] === '"') i = closing(text, i);
	}
	throw new SyntaxError('missing )');
}

const KEYWORDS = new Set(['do', 'done', 'then', 'fi', 'else', 'elif', 'esac']);
const UNSIMULATED_COMPOUND = new Set(['if', 'while', 'until', 'case', '{', '(', 'function']);

class Parser {
	private i = 0;
	constructor(private readonly tokens: Token[]) {}

	private peekWord(): string | undefined {
		const t = this.tokens[this.i];
		return t?.t === 'word' ? t.raw : undefined;
	}

	private skipSeparators(): void {
		while (this.tokens[this.i]?.t === 'op' && (this.tokens[this.i] as { v: string }).v === ';')
			this.i++;
	}

	/** A list up to one of `stop`'s keywords (or the end). */
	sequence(stop: ReadonlySet<string>): Sequence {
		const items: Sequence['items'] = [];
		let op: ';' | '&&' | '||' = ';';
		for (;;) {
			this.skipSeparators();
			const w = this.peekWord();
			if (this.i >= this.tokens.length || (w !== undefined && stop.has(w))) break;
			items.push({ op, cmd: this.command() });
			const t = this.tokens[this.i];
			if (t?.t === 'op' && (t.v === '&&' || t.v === '||')) {
				op = t.v;
				this.i++;
			} else op = ';';
		}
		return { items };
	}

	private command(): Command {
		const first = this.peekWord();
		if (first !== undefined && UNSIMULATED_COMPOUND.has(first))
			throw new NotSimulated(`"${first}" in scripts`);
		if (first !== undefined && KEYWORDS.has(first)) throw new SyntaxError(`unexpected "${first}"`);
		if (first === 'for') return this.forLoop();
		const words: string[] = [];
		const redirects: Redirect[] = [];
		for (;;) {
			const t = this.tokens[this.i];
			if (t === undefined) break;
			if (t.t === 'word') words.push(t.raw);
			else if (t.v.includes('>')) redirects.push(t.v as Redirect);
			else break;
			this.i++;
		}
		return { kind: 'simple', words, redirects };
	}

	private forLoop(): Command {
		this.i++; // for
		const name = this.peekWord();
		if (name === undefined || !/^[A-Za-z_]\w*$/.test(name))
			throw new SyntaxError('bad for loop variable');
		this.i++;
		const items: string[] = [];
		if (this.peekWord() === 'in') {
			this.i++;
			for (let w = this.peekWord(); w !== undefined && w !== 'do'; w = this.peekWord()) {
				items.push(w);
				this.i++;
			}
		}
		this.skipSeparators();
		if (this.peekWord() !== 'do') throw new SyntaxError('missing "do"');
		this.i++;
		const body = this.sequence(new Set(['done']));
		if (this.peekWord() !== 'done') throw new SyntaxError('missing "done"');
		this.i++;
		return { kind: 'for', name, items, body };
	}
}

/** The shell's own name for messages ($0) and its dialect. */
interface ShellIdentity {
	argv0: string;
	dialect: 'ash' | 'dash' | 'bash';
}

export function shellIdentity(argv0: string, tools: ImageTools): ShellIdentity {
	const base = argv0.split('/').pop() ?? argv0;
	if (base === 'bash') return { argv0, dialect: 'bash' };
	if (base === 'dash' || (base === 'sh' && tools.toolbox === 'debian'))
		return { argv0, dialect: 'dash' };
	return { argv0, dialect: 'ash' };
}

/** How many commands one exec may run (a stated lab limit: a command line must return). */
const MAX_COMMANDS = 10_000;

class Interpreter {
	private readonly vars = new Map<string, string>();
	private status = 0;
	readonly io = new TerminalWriter();

	constructor(
		private readonly world: ShellWorld,
		private readonly shell: ShellIdentity,
		/** Commands run so far, shared with the `$(…)` subshells. */
		private readonly budget = { left: MAX_COMMANDS }
	) {}

	run(seq: Sequence): number {
		for (const { op, cmd } of seq.items) {
			if (op === '&&' && this.status !== 0) continue;
			if (op === '||' && this.status === 0) continue;
			this.status = this.command(cmd);
		}
		return this.status;
	}

	private command(cmd: Command): number {
		if (--this.budget.left < 0)
			throw new NotSimulated(`scripts that run more than ${MAX_COMMANDS} commands`);
		if (cmd.kind === 'for') {
			const items = cmd.items.flatMap((w) => this.expand(w));
			for (const item of items) {
				this.vars.set(cmd.name, item);
				this.run(cmd.body);
			}
			return this.status;
		}
		const words = cmd.words.flatMap((w) => this.expand(w));
		while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) {
			const w = words.shift()!;
			const eq = w.indexOf('=');
			this.vars.set(w.slice(0, eq), w.slice(eq + 1));
		}
		if (words.length === 0) return 0;
		const r = this.simple(words);
		// Each redirection in order: `>/dev/null 2>&1` drops both, `2>&1 >/dev/null` keeps stderr.
		let fd1: 'stdout' | 'null' = 'stdout';
		let fd2: 'stdout' | 'stderr' | 'null' = 'stderr';
		for (const redirect of cmd.redirects) {
			if (redirect === '>/dev/null') fd1 = 'null';
			else if (redirect === '2>/dev/null') fd2 = 'null';
			else fd2 = fd1;
		}
		for (const c of chunksOf(r)) {
			const to = c.stream === 'stdout' ? fd1 : fd2;
			if (to === 'stdout') this.io.out(c.text);
			else if (to === 'stderr') this.io.err(c.text);
		}
		return r.code;
	}

	private simple(words: string[]): ToolResult {
		const [name, ...args] = words as [string, ...string[]];
		switch (name) {
			case 'echo':
				return { out: echo(args), err: '', code: 0 };
			case 'true':
			case ':':
				return { out: '', err: '', code: 0 };
			case 'false':
				return { out: '', err: '', code: 1 };
			case 'exit': {
				const n = Number(args[0] ?? this.status);
				throw new Exit(Number.isInteger(n) ? n & 255 : 2);
			}
			case 'export':
				for (const a of args) {
					const eq = a.indexOf('=');
					if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
				}
				return { out: '', err: '', code: 0 };
			default:
		}
		if (hasProgram(this.world.tools, name) === false) return this.notFound(name);
		return runProgram(words, this.world);
	}

	private notFound(name: string): ToolResult {
		const { argv0, dialect } = this.shell;
		const err =
			dialect === 'bash'
				? `${argv0}: line 1: ${name}: command not found\n`
				: dialect === 'dash'
					? `${argv0}: 1: ${name}: not found\n`
					: `${argv0}: ${name}: not found\n`;
		return { out: '', err, code: 127 };
	}

	private positional: readonly string[] = [];

	setPositional(params: readonly string[]): void {
		this.positional = params;
	}

	private variable(name: string): string {
		if (name === '?') return String(this.status);
		if (name === '#') return String(Math.max(0, this.positional.length - 1));
		if (/^\d$/.test(name)) return this.positional[Number(name)] ?? '';
		const v = this.vars.get(name);
		if (v !== undefined) return v;
		const line = this.world.ctx.env.find((l) => l.startsWith(`${name}=`));
		return line?.slice(name.length + 1) ?? '';
	}

	/** One word's fields: quotes removed, variables and $(…) expanded, unquoted results split. */
	private expand(raw: string): string[] {
		const segments: { text: string; split: boolean }[] = [];
		const add = (text: string, split: boolean) => segments.push({ text, split });
		let i = 0;
		const dollar = (quoted: boolean): void => {
			if (raw.startsWith('$((', i)) throw new NotSimulated('arithmetic $((…))');
			if (raw[i + 1] === '(') {
				const end = closingParen(raw, i + 1);
				add(this.substitute(raw.slice(i + 2, end)), !quoted);
				i = end + 1;
				return;
			}
			const m = /^\$(?:\{([A-Za-z_]\w*|\d)\}|([A-Za-z_]\w*|[?#\d]))/.exec(raw.slice(i));
			if (m === null) {
				add('$', false);
				i++;
				return;
			}
			add(this.variable(m[1] ?? m[2]!), !quoted);
			i += m[0].length;
		};
		while (i < raw.length) {
			const c = raw[i]!;
			if (c === "'") {
				const end = closing(raw, i);
				add(raw.slice(i + 1, end), false);
				i = end + 1;
			} else if (c === '"') {
				const end = closing(raw, i);
				let j = i + 1;
				i = j;
				while (i < end) {
					if (raw[i] === '\\' && '"\\$`'.includes(raw[i + 1] ?? '')) {
						add(raw[i + 1]!, false);
						i += 2;
					} else if (raw[i] === '$') dollar(true);
					else {
						j = i;
						while (i < end && raw[i] !== '$' && raw[i] !== '\\') i++;
						if (i === j) i++;
						add(raw.slice(j, i), false);
					}
				}
				add('', false);
				i = end + 1;
			} else if (c === '\\') {
				add(raw[i + 1] ?? '', false);
				i += 2;
			} else if (c === '$') dollar(false);
			else {
				add(c, false);
				i++;
			}
		}
		// Field splitting: unquoted expansion results break at blanks.
		const fields: string[] = [];
		let current: string | undefined;
		for (const s of segments) {
			if (!s.split) {
				current = (current ?? '') + s.text;
				continue;
			}
			const parts = s.text.split(/[ \t\n]+/);
			parts.forEach((p, k) => {
				if (k > 0) {
					if (current !== undefined && current !== '') fields.push(current);
					current = undefined;
				}
				if (p !== '') current = (current ?? '') + p;
			});
		}
		if (current !== undefined) fields.push(current);
		return fields;
	}

	/** `$(…)`: the inner commands' output, final newlines removed. */
	private substitute(text: string): string {
		const inner = new Interpreter(this.world, this.shell, this.budget);
		inner.positional = this.positional;
		for (const [k, v] of this.vars) inner.vars.set(k, v);
		try {
			inner.run(new Parser(lex(text)).sequence(new Set()));
		} catch (e) {
			if (!(e instanceof Exit)) throw e;
		}
		this.io.err(inner.io.stderr);
		return inner.io.stdout.replace(/\n+$/, '');
	}
}

/** busybox/bash echo: `-n` drops the newline, `-e` reads backslash escapes. */
function echo(args: readonly string[]): string {
	let newline = true;
	let escapes = false;
	let i = 0;
	while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
		if (args[i]!.includes('n')) newline = false;
		if (args[i]!.includes('e')) escapes = true;
		i++;
	}
	let text = args.slice(i).join(' ');
	if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
	return newline ? `${text}\n` : text;
}

/** `seq LAST`, `seq FIRST LAST`, `seq FIRST STEP LAST`. */
function seq(args: readonly string[]): ToolResult {
	const n = args.map(Number);
	if (n.length === 0 || n.length > 3 || n.some((x) => !Number.isFinite(x)))
		throw new NotSimulated(`seq ${args.join(' ')}`);
	const [first, step, last] =
		n.length === 1
			? [1, 1, n[0]!]
			: n.length === 2
				? [n[0]!, 1, n[1]!]
				: (n as [number, number, number]);
	if (step === 0 || Math.abs((last - first) / step) > 10_000)
		throw new NotSimulated(`seq ${args.join(' ')}`);
	const lines: number[] = [];
	for (let x = first; step > 0 ? x <= last : x >= last; x += step) lines.push(x);
	return { out: lines.map((x) => `${x}\n`).join(''), err: '', code: 0 };
}

/** Runs one program (no shell around it): the lab's tools and short commands. */
export function runProgram(argv: readonly string[], world: ShellWorld): ToolResult {
	const [path, ...args] = argv as [string, ...string[]];
	const name = path.split('/').pop() ?? path;
	const debian = world.tools.toolbox === 'debian';
	const lines = (l: readonly string[]): ToolResult => ({
		out: l.map((x) => `${x}\n`).join(''),
		err: '',
		code: 0
	});
	switch (name) {
		case 'sh':
		case 'ash':
		case 'dash':
		case 'bash':
			return runShell(argv, world);
		case 'wget':
			return wget(args, world.net);
		case 'curl':
			return curl(args, world.net);
		case 'nslookup':
			return nslookup(args, world.net);
		case 'echo':
			return { out: echo(args), err: '', code: 0 };
		case 'true':
			return { out: '', err: '', code: 0 };
		case 'false':
			return { out: '', err: '', code: 1 };
		case 'seq':
			return seq(args);
		case 'sleep':
			// The command line returns at once: the lab's clock moves only with `sim advance`.
			return { out: '', err: '', code: 0 };
		case 'hostname':
			if (args.includes('-i')) return lines([world.ctx.pod.status?.podIP ?? '']);
			break;
		case 'ls':
		case 'id':
			// Their output depends on the image's make-up, which the lab knows only for some.
			if (world.tools.toolbox === 'unknown')
				throw new NotSimulated(`${argv.join(' ')} in an image the lab does not know`);
			break;
		default:
	}
	switch (name) {
		case 'ls':
			if (debian && args.filter((a) => !a.startsWith('-')).every((a) => a === '/'))
				return lines(world.tools.extra.includes('curl') ? NGINX_ROOT : DEBIAN_ROOT);
			break;
		case 'id':
			if (
				debian &&
				(world.ctx.container.securityContext?.runAsUser ??
					world.ctx.pod.spec?.securityContext?.runAsUser ??
					0) === 0
			)
				return lines(['uid=0(root) gid=0(root) groups=0(root)']);
			break;
		case 'cat': {
			const missing = args.find((f) => !f.startsWith('-') && world.ctx.readFile(f) === undefined);
			if (missing !== undefined) {
				if (!isMountedDir(world, missing))
					throw new NotSimulated(`cat ${missing} (a file the lab does not know)`);
				const err = debian
					? `cat: ${missing}: No such file or directory\n`
					: `cat: can't open '${missing}': No such file or directory\n`;
				return { out: '', err, code: 1 };
			}
			break;
		}
		case 'env':
		case 'printenv': {
			// printenv NAME of an unset variable prints nothing and exits 1.
			const names = args.filter((a) => !a.startsWith('-'));
			if (name === 'printenv' && names.length > 0) {
				const found = names.filter((n) => world.ctx.env.some((l) => l.startsWith(`${n}=`)));
				const r = lines(shortCommandOutput(argv, world.ctx, world.now) ?? []);
				return { ...r, code: found.length === names.length ? 0 : 1 };
			}
			break;
		}
		default:
	}
	const printed = shortCommandOutput(argv, world.ctx, world.now);
	if (printed === undefined) throw new NotSimulated(argv.join(' '));
	return lines(printed);
}

/** Whether `path` lies in a ConfigMap/Secret volume: there, a missing key is a missing file. */
function isMountedDir(world: ShellWorld, path: string): boolean {
	const volumes = world.ctx.pod.spec?.volumes ?? [];
	return (world.ctx.container.volumeMounts ?? []).some((m) => {
		const v = volumes.find((x) => x.name === m.name);
		return (
			(v?.configMap !== undefined || v?.secret !== undefined) &&
			path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)
		);
	});
}

/** `sh -c SCRIPT` (and bash, ash, dash); `sh` alone is an interactive shell, refused by the caller. */
function runShell(argv: readonly string[], world: ShellWorld): ToolResult {
	const [argv0, flag, script, ...positional] = argv as [string, ...string[]];
	if (flag !== '-c' || script === undefined)
		throw new NotSimulated(`${argv.join(' ')} (only "sh -c SCRIPT")`);
	const identity = shellIdentity(argv0, world.tools);
	const shell = new Interpreter(world, identity);
	// `sh -c SCRIPT NAME ARGS…`: $0 is NAME (else the shell's own name), $1… the ARGS.
	shell.setPositional([positional[0] ?? argv0, ...positional.slice(1)]);
	let code: number;
	try {
		code = shell.run(new Parser(lex(script)).sequence(new Set()));
	} catch (e) {
		if (e instanceof Exit) code = e.code;
		// The shells' own syntax-error texts differ; the lab does not pretend to know them.
		else if (e instanceof SyntaxError) {
			throw new NotSimulated(`this script (${e.message})`);
		} else throw e;
	}
	const written = shell.io.result(code === 0);
	return {
		out: written.output,
		err: written.error ?? '',
		code,
		chunks: written.interleaved ?? []
	};
}
