/**
 * The lab's one shell: it runs a parsed script (./syntax.ts) — lists, `&&`/`||`, `!`, loops,
 * `if`, `{ }`, builtins (`:`, `true`, `false`, `exit`, `export`, `unset`, `test`/`[`, `echo`,
 * `printf`, `break`, `continue`, `set -e`, `trap`, `wait`, `exec`, `read`, `shift`, `cd`),
 * quotes, `$VAR`/`${VAR}`/`${VAR:-word}`/`${#VAR}`, `$(…)`, `$((…))` and redirections — and hands
 * every other program to its host. The host says what a program does and when: `kubectl exec`
 * runs it now, with no time passing (commands/kubectl/exec-shell.ts); a container's own script
 * runs over simulated time (kubernetes/kubelet/container-script.ts).
 */
import type { ImageTools } from '../images/executables';
import { arithmetic, ArithmeticError } from './arithmetic';
import { echo, ok, printf, type ProgramResult } from './programs';
import { closing, closingParen, parseScript, Unsupported, type Command, type List } from './syntax';
import { testCommand, type TestError, type TestFiles } from './test-command';

/** The shell's own name for messages ($0) and its dialect. */
export interface ShellIdentity {
	argv0: string;
	dialect: 'ash' | 'dash' | 'bash';
}

/** `sh` is busybox ash in busybox's images and dash in Debian's; bash is bash. */
export function shellIdentity(argv0: string, tools: ImageTools): ShellIdentity {
	const base = argv0.split('/').pop() ?? argv0;
	if (base === 'bash') return { argv0, dialect: 'bash' };
	if (base === 'dash' || (base === 'sh' && tools.toolbox === 'debian'))
		return { argv0, dialect: 'dash' };
	return { argv0, dialect: 'ash' };
}

/** What a shell needs from the world it runs in. */
export interface ShellHost {
	readonly shell: ShellIdentity;
	/** Whether the image holds the program: false makes it "not found" (127). */
	has(name: string): boolean | undefined;
	/** Runs a program (not a builtin) at the shell's current moment. */
	run(argv: readonly string[]): ProgramResult;
	/** The process environment's value of `name`. */
	env(name: string): string | undefined;
	/** Called before each command runs (hosts count them, and may stop the script). */
	tick(): void;
	write(stream: 'stdout' | 'stderr', text: string): void;
	/** A redirection's write to a file (`> FILE`, `>> FILE`). */
	writeFile(path: string, text: string, append: boolean): void;
	readonly files: TestFiles;
	/** `CMD &`: runs `job` asynchronously (a host that cannot throws Unsupported). */
	background(job: () => void): void;
	/** `wait`: until the background jobs end. */
	wait(): void;
	/**
	 * A `while`/`until` loop the host runs its own way (an endless quiet loop, a wait on DNS),
	 * returning its status; undefined to run it as written.
	 */
	loop?(cmd: Extract<Command, { kind: 'while' | 'until' }>, shell: Interpreter): number | undefined;
	/** `$$`: the shell's process ID, when known. */
	readonly pid?: number;
}

/** `exit N`: the script ends with status N. */
export class Exit extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

class LoopJump extends Error {
	constructor(
		readonly kind: 'break' | 'continue',
		public levels: number
	) {
		super(kind);
	}
}

type Target = 'stdout' | 'stderr' | 'null' | { file: string; append: boolean };

export class Interpreter {
	private readonly vars = new Map<string, string>();
	private status = 0;
	private positional: readonly string[] = [];
	private errexit = false;
	/** `set -x`: each command is written to stderr, after `+ `, before it runs. */
	private xtrace = false;
	/** Inside an `if`/`while` condition or before `&&`/`||`: `set -e` does not apply. */
	private testing = 0;
	private loops = 0;
	/** Where stdout goes: the host, or a `$(…)` capturing it. */
	private capture: string[] | undefined;

	constructor(private readonly host: ShellHost) {}

	/** `sh -c SCRIPT NAME ARGS…`: $0 is NAME (else the shell's own name), $1… the ARGS. */
	setPositional(params: readonly string[]): void {
		this.positional = params;
	}

	/** Runs a whole script: its status, or the `exit` it ran. */
	script(list: List): number {
		try {
			return this.run(list);
		} catch (e) {
			if (e instanceof Exit) return e.code;
			if (e instanceof LoopJump) return this.status;
			throw e;
		}
	}

	run(list: List): number {
		for (const entry of list.entries) {
			if (entry.background) {
				this.host.background(() => this.andOr(entry.items));
				this.status = 0;
			} else this.status = this.andOr(entry.items);
		}
		return this.status;
	}

	private andOr(items: List['entries'][number]['items']): number {
		let status = this.status;
		items.forEach((item, k) => {
			if (item.op === '&&' && status !== 0) return;
			if (item.op === '||' && status === 0) return;
			const tested = item.negate || k < items.length - 1;
			if (tested) this.testing++;
			try {
				status = this.command(item.cmd);
			} finally {
				if (tested) this.testing--;
			}
			if (item.negate) status = status === 0 ? 1 : 0;
			this.status = status;
			if (this.errexit && this.testing === 0 && !tested && status !== 0) throw new Exit(status);
		});
		return status;
	}

	private condition(list: List): number {
		this.testing++;
		try {
			return this.run(list);
		} finally {
			this.testing--;
		}
	}

	private command(cmd: Command): number {
		this.host.tick();
		switch (cmd.kind) {
			case 'simple':
				return this.simple(cmd.words, cmd.redirects);
			case 'group':
				return this.run(cmd.body);
			case 'if': {
				for (const b of cmd.branches) if (this.condition(b.cond) === 0) return this.run(b.body);
				return cmd.otherwise === undefined ? 0 : this.run(cmd.otherwise);
			}
			case 'for': {
				const items =
					cmd.items === undefined
						? this.positional.slice(1)
						: cmd.items.flatMap((w) => this.expand(w));
				let status = 0;
				for (const item of items) {
					this.vars.set(cmd.name, item);
					const jump = this.body(cmd.body);
					status = this.status;
					if (jump === 'break') break;
				}
				return status;
			}
			default: {
				const own = this.host.loop?.(cmd, this);
				if (own !== undefined) return own;
				let status = 0;
				for (;;) {
					const c = this.condition(cmd.cond);
					if (cmd.kind === 'while' ? c !== 0 : c === 0) break;
					const jump = this.body(cmd.body);
					status = this.status;
					if (jump === 'break') break;
				}
				return status;
			}
		}
	}

	/** A loop's body once: `break`/`continue` of this loop are caught here, outer ones passed on. */
	private body(list: List): 'break' | 'continue' | undefined {
		this.loops++;
		try {
			this.run(list);
			return undefined;
		} catch (e) {
			if (!(e instanceof LoopJump)) throw e;
			if (e.levels > 1) {
				e.levels--;
				throw e;
			}
			return e.kind;
		} finally {
			this.loops--;
		}
	}

	private simple(
		raw: readonly string[],
		redirects: Extract<Command, { kind: 'simple' }>['redirects']
	): number {
		const words = raw.flatMap((w) => this.expand(w));
		if (this.xtrace && words.length > 0) this.host.write('stderr', `+ ${words.join(' ')}\n`);
		while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) {
			const w = words.shift()!;
			const eq = w.indexOf('=');
			this.vars.set(w.slice(0, eq), w.slice(eq + 1));
		}
		// Each redirection in order: `>/dev/null 2>&1` drops both, `2>&1 >/dev/null` keeps stderr.
		const fds: Target[] = ['stdout', 'stdout', 'stderr'];
		for (const r of redirects) {
			if (r.op === '<') {
				if (this.expand(r.target).join(' ') !== '/dev/null')
					throw new Unsupported('input redirections from files');
				continue;
			}
			if (r.fd !== 1 && r.fd !== 2) throw new Unsupported(`redirections of descriptor ${r.fd}`);
			if (r.op === '>&') {
				const from = Number(r.target);
				if (from !== 1 && from !== 2)
					throw new Unsupported(`redirections to descriptor ${r.target}`);
				fds[r.fd] = fds[from]!;
				continue;
			}
			const file = this.expand(r.target).join(' ');
			fds[r.fd] = file === '/dev/null' ? 'null' : { file, append: r.op === '>>' };
			if (typeof fds[r.fd] === 'object') this.host.writeFile(file, '', r.op === '>>');
		}
		if (words.length === 0) return 0;
		const result = this.builtin(words) ?? this.program(words);
		for (const c of result.chunks ?? [
			{ stream: 'stdout' as const, text: result.out },
			{ stream: 'stderr' as const, text: result.err }
		]) {
			if (c.text === '') continue;
			const to = fds[c.stream === 'stdout' ? 1 : 2]!;
			if (typeof to === 'object') this.host.writeFile(to.file, c.text, true);
			else if (to !== 'null') this.emit(to, c.text);
		}
		return result.code;
	}

	private emit(stream: 'stdout' | 'stderr', text: string): void {
		if (stream === 'stdout' && this.capture !== undefined) this.capture.push(text);
		else this.host.write(stream, text);
	}

	private program(words: string[]): ProgramResult {
		const name = words[0]!;
		if (this.host.has(name) === false) return this.failed(`${name}: not found`, 127);
		return this.host.run(words);
	}

	/** A shell error: `sh: MESSAGE` in busybox ash, `sh: 1: …` in dash, `bash: line 1: …` in bash. */
	private failed(message: string, code: number): ProgramResult {
		const { argv0, dialect } = this.host.shell;
		const err =
			dialect === 'bash'
				? `${argv0}: line 1: ${message.replace(/: not found$/, ': command not found')}\n`
				: dialect === 'dash'
					? `${argv0}: 1: ${message}\n`
					: `${argv0}: ${message}\n`;
		return { out: '', err, code };
	}

	private builtin(words: string[]): ProgramResult | undefined {
		const [name, ...args] = words as [string, ...string[]];
		switch (name) {
			case ':':
			case 'true':
			case 'cd':
			case 'trap':
				return ok();
			case 'false':
				return { out: '', err: '', code: 1 };
			case 'echo':
				return ok(echo(args));
			case 'printf':
				return printf(args);
			case 'exit': {
				const n = Number(args[0] ?? this.status);
				throw new Exit(Number.isInteger(n) ? n & 255 : 2);
			}
			case 'break':
			case 'continue': {
				if (this.loops === 0) return ok();
				const n = Math.min(Number(args[0] ?? 1) || 1, this.loops);
				throw new LoopJump(name, n);
			}
			case 'export':
			case 'readonly':
			case 'local':
				for (const a of args) {
					const eq = a.indexOf('=');
					if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
				}
				return ok();
			case 'unset':
				for (const a of args) this.vars.set(a, '');
				return ok();
			case 'set':
				for (const a of args) {
					if (/^[-+]\w*e/.test(a)) this.errexit = a.startsWith('-');
					if (/^[-+]\w*x/.test(a)) this.xtrace = a.startsWith('-');
				}
				return ok();
			case 'shift':
				this.positional = [this.positional[0] ?? '', ...this.positional.slice(2)];
				return ok();
			case 'read':
				// A container's stdin is /dev/null unless it asks for one: read meets end-of-file.
				return { out: '', err: '', code: 1 };
			case 'wait':
				this.host.wait();
				return ok();
			case 'exec': {
				if (args.length === 0) return ok();
				throw new Exit(this.simple(args.map(quote), []));
			}
			case '[[':
				throw new Unsupported('[[ … ]] (use [ … ])');
			case 'test':
			case '[': {
				const r = testCommand(name, args, this.host.files);
				return r.error === undefined
					? { out: '', err: '', code: r.code }
					: this.failed(this.testMessage(name, r.error), 2);
			}
			default:
				return undefined;
		}
	}

	/**
	 * test's complaints as each shell words them: busybox's coreutils/test.c (`missing ]`,
	 * `X: bad number`, `X: unknown operand`), dash's (`[: Illegal number: X`), bash's.
	 */
	private testMessage(name: string, e: TestError): string {
		const dialect = this.host.shell.dialect;
		if (e.kind === 'missing]')
			return dialect === 'bash'
				? "[: missing `]'"
				: dialect === 'dash'
					? '[: missing ]'
					: 'missing ]';
		if (e.kind === 'number')
			return dialect === 'bash'
				? `${name}: ${e.text}: integer expression expected`
				: dialect === 'dash'
					? `${name}: Illegal number: ${e.text}`
					: `${e.text}: bad number`;
		return dialect === 'bash'
			? `${name}: ${e.text}: unary operator expected`
			: dialect === 'dash'
				? `${name}: ${e.text}: unexpected operator`
				: `${e.text}: unknown operand`;
	}

	private variable(name: string): string {
		if (name === '?') return String(this.status);
		if (name === '#') return String(Math.max(0, this.positional.length - 1));
		if (name === '@' || name === '*') return this.positional.slice(1).join(' ');
		if (name === '$') {
			if (this.host.pid === undefined) throw new Unsupported('$$');
			return String(this.host.pid);
		}
		if (/^\d$/.test(name)) return this.positional[Number(name)] ?? '';
		return this.vars.get(name) ?? this.host.env(name) ?? '';
	}

	private isSet(name: string): boolean {
		return this.vars.has(name) || this.host.env(name) !== undefined || /^[?#@*$0]$/.test(name);
	}

	/** `${NAME}`, `${NAME:-w}`, `${NAME-w}`, `${NAME:=w}`, `${NAME:+w}`, `${#NAME}`. */
	private parameter(inner: string): string {
		const m = /^(#?)([A-Za-z_]\w*|[?#@*$\d])(?:(:?)([-=+?])(.*))?$/s.exec(inner);
		if (m === null) throw new Unsupported(`\${${inner}}`);
		const [, length, name, colon, op, word] = m as unknown as [
			string,
			string,
			string,
			string,
			string | undefined,
			string
		];
		const value = this.variable(name);
		if (length === '#') return String(value.length);
		if (op === undefined) return value;
		const unset = colon === ':' ? value === '' : !this.isSet(name);
		const alt = () => this.expand(`"${word}"`).join(' ');
		if (op === '-') return unset ? alt() : value;
		if (op === '+') return unset ? '' : alt();
		if (op === '=') {
			if (!unset) return value;
			const v = alt();
			this.vars.set(name, v);
			return v;
		}
		if (unset) throw new Unsupported(`\${${inner}}`);
		return value;
	}

	/** `$((…))`: parameters expanded first, then the arithmetic (POSIX XCU 2.6.4). */
	private arithmetic(expr: string): string {
		const text = this.expand(`"${expr.replace(/"/g, '')}"`).join(' ');
		try {
			return String(
				arithmetic(text, {
					get: (n) => this.variable(n),
					set: (n, v) => this.vars.set(n, v)
				})
			);
		} catch (e) {
			if (!(e instanceof ArithmeticError)) throw e;
			// A non-interactive shell exits on an expansion error (XCU 2.8.1), with status 2.
			const r = this.failed(
				this.host.shell.dialect === 'dash'
					? `arithmetic expression: ${e.message}: "${text}"`
					: e.message,
				2
			);
			this.host.write('stderr', r.err);
			throw new Exit(2);
		}
	}

	/** One word's fields: quotes removed, parameters, $(…) and $((…)) expanded, unquoted results split. */
	expand(raw: string): string[] {
		// A plain word (the most of them) is itself.
		if (!/["'\\$]/.test(raw)) return [raw];
		const segments: Segment[] = [];
		let i = 0;
		while (i < raw.length) {
			const c = raw[i]!;
			if (c === "'") {
				const end = closing(raw, i);
				segments.push({ text: raw.slice(i + 1, end), split: false });
				i = end + 1;
			} else if (c === '"') {
				const end = closing(raw, i);
				i++;
				while (i < end) {
					if (raw[i] === '\\' && '"\\$`'.includes(raw[i + 1] ?? '')) {
						segments.push({ text: raw[i + 1]!, split: false });
						i += 2;
					} else if (raw[i] === '$') i = this.dollar(raw, i, true, segments);
					else {
						const j = i;
						while (i < end && raw[i] !== '$' && raw[i] !== '\\') i++;
						if (i === j) i++;
						segments.push({ text: raw.slice(j, i), split: false });
					}
				}
				segments.push({ text: '', split: false });
				i = end + 1;
			} else if (c === '\\') {
				segments.push({ text: raw[i + 1] ?? '', split: false });
				i += 2;
			} else if (c === '$') i = this.dollar(raw, i, false, segments);
			else {
				segments.push({ text: c, split: false });
				i++;
			}
		}
		return fields(segments);
	}

	/** The expansion starting with the `$` at `i`, added to `segments`: the index after it. */
	private dollar(raw: string, i: number, quoted: boolean, segments: Segment[]): number {
		if (raw.startsWith('$((', i)) {
			const end = closingParen(raw, i + 1);
			segments.push({ text: this.arithmetic(raw.slice(i + 3, end - 1)), split: !quoted });
			return end + 1;
		}
		if (raw[i + 1] === '(') {
			const end = closingParen(raw, i + 1);
			segments.push({ text: this.substitute(raw.slice(i + 2, end)), split: !quoted });
			return end + 1;
		}
		if (raw[i + 1] === '{') {
			const end = raw.indexOf('}', i);
			segments.push({ text: this.parameter(raw.slice(i + 2, end)), split: !quoted });
			return end + 1;
		}
		const m = /^\$([A-Za-z_]\w*|[?#@*$\d])/.exec(raw.slice(i));
		if (m === null) {
			segments.push({ text: '$', split: false });
			return i + 1;
		}
		segments.push({ text: this.variable(m[1]!), split: !quoted });
		return i + m[0].length;
	}

	/** `$(…)`: the inner commands' output, final newlines removed; a subshell's variables stay inside. */
	private substitute(text: string): string {
		const inner = new Interpreter(this.host);
		inner.positional = this.positional;
		inner.status = this.status;
		for (const [k, v] of this.vars) inner.vars.set(k, v);
		const out: string[] = [];
		inner.capture = out;
		this.status = inner.script(parsed(text));
		return out.join('').replace(/\n+$/, '');
	}
}

/** A piece of a word being expanded: `split` when it came from an unquoted expansion. */
interface Segment {
	text: string;
	split: boolean;
}

/** Field splitting: unquoted expansion results break at blanks (IFS's default). */
function fields(segments: readonly Segment[]): string[] {
	const out: string[] = [];
	let current: string | undefined;
	for (const s of segments) {
		if (!s.split) {
			current = (current ?? '') + s.text;
			continue;
		}
		s.text.split(/[ \t\n]+/).forEach((p, k) => {
			if (k > 0) {
				if (current !== undefined && current !== '') out.push(current);
				current = undefined;
			}
			if (p !== '') current = (current ?? '') + p;
		});
	}
	if (current !== undefined) out.push(current);
	return out;
}

/** A word already expanded, quoted again so `exec`'s command is not expanded twice. */
function quote(word: string): string {
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Scripts substitute the same few commands again and again (a loop's `$(date)`). */
const PARSED = new Map<string, List>();

function parsed(text: string): List {
	let list = PARSED.get(text);
	if (list === undefined) {
		if (PARSED.size > 1000) PARSED.clear();
		PARSED.set(text, (list = parseScript(text)));
	}
	return list;
}
