/**
 * The lab's one shell: it runs a parsed script (./syntax.ts) — lists, `&&`/`||`, `!`,
 * pipelines, loops, `if`, `case`, `{ }`, `( )`, builtins (`:`, `true`, `false`, `exit`,
 * `export`, `unset`, `test`/`[`, `echo`, `printf`, `break`, `continue`, `set -eux`/`-o
 * pipefail`, `trap`, `wait`, `exec`, `read`, `shift`, `cd`), quotes,
 * `$VAR`/`${VAR}`/`${VAR:-word}`/`${#VAR}`, `$(…)`, `$((…))` and redirections — and hands
 * every other program to its host. A pipeline's stages run one after another in subshells,
 * each one's stdout the next one's stdin; the text programs (./text-programs.ts) read it. The
 * host says what a program does and when: `kubectl exec` runs it now, with no time passing
 * (commands/kubectl/exec-shell.ts); a container's own script runs over simulated time
 * (kubernetes/kubelet/container-script.ts).
 *
 * `set -x` traces each simple command to stderr as busybox ash's evalcommand does: PS4 (`+ `),
 * the assignments as NAME=VALUE, then the words, each single-quoted only when it holds a
 * character outside `+,-./0-9:@A-Z]^_a-z` (maybe_single_quote) and always when it is a
 * reserved word; dash and bash quote the same way, bash repeating the `+` per level of `$(…)`.
 */
import type { ImageTools } from '../images/executables';
import { arithmetic, ArithmeticError } from './arithmetic';
import { echo, ok, printf, type ProgramResult } from './programs';
import {
	closing,
	closingParen,
	parseScript,
	Unsupported,
	type Command,
	type List,
	type Redirect
} from './syntax';
import { testCommand, type TestError, type TestFiles } from './test-command';
import { isTextProgram, runText } from './text-programs';

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

/** Where a program's output goes. */
export interface ProgramIo {
	/** The script reads what it prints (a pipe, `$(…)`). */
	read: boolean;
	/** Its stdout and stderr go to a file or /dev/null, not to the shell's own streams. */
	dropped: { stdout: boolean; stderr: boolean };
}

/** What a shell needs from the world it runs in. */
export interface ShellHost {
	readonly shell: ShellIdentity;
	/** Whether the image holds the program: false makes it "not found" (127). */
	has(name: string): boolean | undefined;
	/** Runs a program (not a builtin) at the shell's current moment. */
	run(argv: readonly string[], io: ProgramIo): ProgramResult;
	/** A file's text as the container has it (undefined: not known). */
	readFile?(path: string): string | undefined;
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

/** The options `sh -euxc` and `set` turn on (XCU 2.14 set; pipefail: ash's bash-compatible one). */
export interface ShellOptions {
	/** -e: a failing command ends the script. */
	errexit: boolean;
	/** -u: expanding an unset variable is an error. */
	nounset: boolean;
	/** -x: each command is written to stderr before it runs. */
	xtrace: boolean;
	/** -o pipefail: a pipeline's status is its last failing stage's. */
	pipefail: boolean;
}

/** The options' letters (`sh -eux`, `set -e`) and the names `-o` takes. */
export const OPTION_LETTERS: Readonly<Record<string, keyof ShellOptions>> = {
	e: 'errexit',
	u: 'nounset',
	x: 'xtrace'
};
export const OPTION_NAMES: ReadonlySet<string> = new Set([
	'errexit',
	'nounset',
	'xtrace',
	'pipefail'
]);

/** POSIX's special builtins (XCU 2.14): assignments before them stay in the shell. */
const SPECIAL = new Set(
	': . break continue eval exec exit export readonly return set shift times trap unset'.split(' ')
);

/** The shell's reserved words (ash's findkwd): traced always single-quoted. */
const RESERVED = new Set(
	'! case do done elif else esac fi for function if in then until while { }'.split(' ')
);

/** A word as ash's xtrace writes it: as it is, or single-quoted when it must be. */
export function traceWord(word: string, reserved = RESERVED.has(word)): string {
	if (!reserved && !/[^+,\-./0-9:@A-Z\]^_a-z]/.test(word)) return word;
	// single_quote: each run of `'` goes in double quotes between the single-quoted parts.
	return word
		.split(/('+)/)
		.map((part, k) => (k % 2 === 1 ? `"${part}"` : part === '' && k > 0 ? '' : `'${part}'`))
		.join('');
}

export class Interpreter {
	private readonly vars = new Map<string, string>();
	private status = 0;
	private positional: readonly string[] = [];
	private readonly options: ShellOptions = {
		errexit: false,
		nounset: false,
		xtrace: false,
		pipefail: false
	};
	/** Inside an `if`/`while` condition or before `&&`/`||`: `set -e` does not apply. */
	private testing = 0;
	private loops = 0;
	/** Where stdout goes: the host, or a pipe or `$(…)` capturing it. */
	private capture: string[] | undefined;
	/** What a pipeline's earlier stage wrote, this stage's stdin. */
	private stdin: string | undefined;
	/** Levels of `$(…)` (bash's xtrace repeats its `+` per level). */
	private depth = 0;
	/** The status of the last `$(…)` in the command being expanded (XCU 2.9.1). */
	private substituted: number | undefined;

	constructor(private readonly host: ShellHost) {}

	/** `sh -c SCRIPT NAME ARGS…`: $0 is NAME (else the shell's own name), $1… the ARGS. */
	setPositional(params: readonly string[]): void {
		this.positional = params;
	}

	/** The shell's options as given on its command line (`sh -ex -c …`). */
	setOptions(options: Partial<ShellOptions>): void {
		Object.assign(this.options, options);
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

	/** A subshell (`( )`, a pipeline's stage, `$(…)`): a copy of this shell's state. */
	private fork(): Interpreter {
		const child = new Interpreter(this.host);
		child.positional = this.positional;
		child.status = this.status;
		Object.assign(child.options, this.options);
		for (const [k, v] of this.vars) child.vars.set(k, v);
		child.capture = this.capture;
		child.stdin = this.stdin;
		child.depth = this.depth;
		// Inside an `if`'s condition a subshell's failures do not end it either (XCU 2.14 set -e).
		child.testing = this.testing;
		return child;
	}

	/** Runs `cmd` in the subshell `child`: its status (an `exit` inside ends only the subshell). */
	private inSubshell(child: Interpreter, cmd: Command): number {
		try {
			return child.command(cmd);
		} catch (e) {
			if (e instanceof Exit) return e.code;
			if (e instanceof LoopJump) return child.status;
			throw e;
		}
	}

	/** `a | b | c`: each stage's stdout is the next one's stdin; the last one's status counts. */
	private pipeline(cmds: readonly Command[]): number {
		let input = this.stdin;
		let failed = 0;
		let status = 0;
		cmds.forEach((cmd, k) => {
			const child = this.fork();
			child.stdin = input;
			const last = k === cmds.length - 1;
			const out: string[] = [];
			if (!last) child.capture = out;
			status = this.inSubshell(child, cmd);
			if (status !== 0) failed = status;
			input = out.join('');
		});
		return this.options.pipefail ? failed : status;
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
			if (this.options.errexit && this.testing === 0 && !tested && status !== 0)
				throw new Exit(status);
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
		if (cmd.kind !== 'pipeline') this.host.tick();
		switch (cmd.kind) {
			case 'simple':
				return this.simple(cmd.words, cmd.redirects);
			case 'group':
				return this.run(cmd.body);
			case 'subshell': {
				const child = this.fork();
				return this.inSubshell(child, { kind: 'group', body: cmd.body });
			}
			case 'pipeline':
				return this.pipeline(cmd.cmds);
			case 'redirected':
				return this.redirected(cmd.cmd, cmd.redirects);
			case 'case': {
				const word = this.expandOne(cmd.word);
				for (const arm of cmd.arms)
					if (arm.patterns.some((p) => this.pattern(p).test(word))) return this.run(arm.body);
				return 0;
			}
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
		// Leading NAME=VALUE words are assignments (their values not split); the rest, fields.
		let n = 0;
		while (n < raw.length && /^[A-Za-z_]\w*=/.test(raw[n]!)) n++;
		this.substituted = undefined;
		// ash's evalcommand expands the words, then the assignments.
		const words = raw.slice(n).flatMap((w) => this.expand(w));
		const assignments = raw.slice(0, n).map((w) => {
			const eq = w.indexOf('=');
			return [w.slice(0, eq), this.expandOne(w.slice(eq + 1))] as const;
		});
		const substituted = this.substituted;
		if (this.options.xtrace && assignments.length + words.length > 0)
			this.trace(assignments, words);
		// Assignments alone, or before a special builtin, stay in the shell; before another
		// command they hold only while it runs (XCU 2.9.1: `IFS= read -r line`).
		const kept = words.length === 0 || SPECIAL.has(words[0]!);
		const before = kept ? [] : assignments.map(([name]) => [name, this.vars.get(name)] as const);
		for (const [name, value] of assignments) this.vars.set(name, value);
		try {
			return this.execute(words, redirects, substituted);
		} finally {
			for (const [name, value] of before)
				if (value === undefined) this.vars.delete(name);
				else this.vars.set(name, value);
		}
	}

	/** A simple command's redirections and run, its words expanded. */
	private execute(
		words: string[],
		redirects: readonly Redirect[],
		substituted: number | undefined
	): number {
		// Each redirection in order: `>/dev/null 2>&1` drops both, `2>&1 >/dev/null` keeps stderr.
		const fds: Target[] = ['stdout', 'stdout', 'stderr'];
		let stdin = this.stdin;
		for (const r of redirects) {
			if (r.op === '<') {
				const file = this.expandOne(r.target);
				const text = file === '/dev/null' ? '' : this.host.readFile?.(file);
				if (text === undefined) throw new Unsupported('input redirections from files');
				stdin = text;
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
			const file = this.expandOne(r.target);
			fds[r.fd] = file === '/dev/null' ? 'null' : { file, append: r.op === '>>' };
			if (typeof fds[r.fd] === 'object') this.host.writeFile(file, '', r.op === '>>');
			if (r.op === '&>') fds[2] = fds[1]!;
		}
		// No command: the status is the last command substitution's, else 0 (XCU 2.9.1).
		if (words.length === 0) return substituted ?? 0;
		// Whether the script reads what the command prints: into a pipe or a `$(…)`.
		const read = this.capture !== undefined && (fds[1] === 'stdout' || fds[2] === 'stdout');
		const dropped = (to: Target) => to === 'null' || typeof to === 'object';
		const io = { read, dropped: { stdout: dropped(fds[1]!), stderr: dropped(fds[2]!) } };
		const result = this.builtin(words) ?? this.program(words, stdin, io);
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

	/**
	 * A compound command's redirections: `< FILE` is its stdin; `> FILE`, `>> FILE` and
	 * `>/dev/null` take its stdout. Its stderr goes on to the shell's (others are Unsupported).
	 */
	private redirected(cmd: Command, redirects: readonly Redirect[]): number {
		const stdin = this.stdin;
		const capture = this.capture;
		let out: { to: 'null' | { file: string; append: boolean }; text: string[] } | undefined;
		for (const r of redirects) {
			const file = this.expandOne(r.target);
			if (r.op === '<') {
				const text = file === '/dev/null' ? '' : this.host.readFile?.(file);
				if (text === undefined) throw new Unsupported('input redirections from files');
				this.stdin = text;
			} else if (r.fd === 1 && r.op !== '>&' && r.op !== '&>') {
				out = { to: file === '/dev/null' ? 'null' : { file, append: r.op === '>>' }, text: [] };
				if (out.to !== 'null') this.host.writeFile(file, '', out.to.append);
			} else throw new Unsupported('redirections of a compound command’s stderr');
		}
		if (out !== undefined) this.capture = out.text;
		try {
			return this.command(cmd);
		} finally {
			this.stdin = stdin;
			this.capture = capture;
			if (out !== undefined && typeof out.to === 'object')
				this.host.writeFile(out.to.file, out.text.join(''), true);
		}
	}

	/** `set -x`'s line for a command, on the shell's own stderr (ash's preverrout_fd). */
	private trace(
		assignments: readonly (readonly [string, string])[],
		words: readonly string[]
	): void {
		const ps4 = this.host.shell.dialect === 'bash' ? `${'+'.repeat(this.depth + 1)} ` : '+ ';
		const parts = [
			...assignments.map(([name, value]) => `${name}=${traceWord(value, false)}`),
			...words.map((w) => traceWord(w))
		];
		this.host.write('stderr', `${ps4}${parts.join(' ')}\n`);
	}

	private emit(stream: 'stdout' | 'stderr', text: string): void {
		if (stream === 'stdout' && this.capture !== undefined) this.capture.push(text);
		else this.host.write(stream, text);
	}

	private program(words: string[], stdin: string | undefined, io: ProgramIo): ProgramResult {
		const name = words[0]!;
		if (this.host.has(name) === false) return this.failed(`${name}: not found`, 127);
		// A text program reading a pipe (or a file the container's shell knows) runs here; with
		// no pipe it reads the container's stdin, /dev/null.
		const base = name.split('/').pop() ?? name;
		if (isTextProgram(base)) {
			const r = this.text(base, words.slice(1), stdin);
			if (r !== undefined) return r;
		}
		return this.host.run(words, io);
	}

	/** A text program's run, or undefined when it names a file the shell does not know. */
	private text(name: string, args: string[], stdin: string | undefined): ProgramResult | undefined {
		let unknown = false;
		const readFile = (path: string): string | undefined => {
			const text = this.host.readFile?.(path);
			if (text === undefined) unknown = true;
			return text;
		};
		// `tail -f` follows its file until stopped: the host's to run.
		if (name === 'tail' && args.some((a) => /^-\w*[fF]/.test(a) || a.startsWith('--follow')))
			return undefined;
		const flavor = this.host.shell.dialect === 'ash' ? 'busybox' : 'gnu';
		const r = runText(name, args, stdin ?? '', readFile, flavor);
		if (unknown) return undefined;
		if (stdin === undefined && name === 'cat' && args.every((a) => a.startsWith('-')))
			return undefined; // the host's `cat` (its stdin, when it has one)
		return r;
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
				return this.set(args);
			case 'shift':
				this.positional = [this.positional[0] ?? '', ...this.positional.slice(2)];
				return ok();
			case 'read':
				return this.read(args);
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
				if (r.error === undefined) return { out: '', err: '', code: r.code };
				const message = this.testMessage(name, r.error);
				// busybox's test applet words its errors with bb_error_msg: `sh: …` (the applet's
				// name, not $0).
				if (this.host.shell.dialect !== 'ash') return this.failed(message, 2);
				const applet = this.host.shell.argv0.split('/').pop() ?? 'sh';
				return { out: '', err: `${applet}: ${message}\n`, code: 2 };
			}
			default:
				return undefined;
		}
	}

	/**
	 * `read [-r] NAME…`: a line of stdin (a pipe, `< FILE`), split at blanks, the last name
	 * taking the rest; 1 at end-of-file. A container's stdin is /dev/null unless it asks for
	 * one, so without a pipe read meets end-of-file.
	 */
	private read(args: readonly string[]): ProgramResult {
		const raw = args[0] === '-r';
		const names = args.filter((a) => !a.startsWith('-'));
		if (args.some((a) => a.startsWith('-') && a !== '-r'))
			throw new Unsupported(`read ${args.join(' ')}`);
		const input = this.stdin ?? '';
		if (input === '') return { out: '', err: '', code: 1 };
		const nl = input.indexOf('\n');
		let line = nl < 0 ? input : input.slice(0, nl);
		this.stdin = nl < 0 ? '' : input.slice(nl + 1);
		if (!raw) line = line.replace(/\\(.)/g, '$1');
		// IFS= keeps the line whole, its blanks included.
		if (this.vars.get('IFS') === '') {
			(names.length > 0 ? names : ['REPLY']).forEach((name, k) =>
				this.vars.set(name, k === 0 ? line : '')
			);
			return { out: '', err: '', code: nl < 0 ? 1 : 0 };
		}
		let rest = line.replace(/^[ \t]+/, '');
		const all = names.length > 0 ? names : ['REPLY'];
		all.forEach((name, k) => {
			if (k === all.length - 1) return this.vars.set(name, rest.replace(/[ \t]+$/, ''));
			const m = /^([^ \t]*)[ \t]*/.exec(rest)!;
			this.vars.set(name, m[1]!);
			rest = rest.slice(m[0].length);
		});
		// A last line without its newline is read, but read says end-of-file (XCU read).
		return { out: '', err: '', code: nl < 0 ? 1 : 0 };
	}

	/** `set [-+eux…] [-+o NAME] [-- ARGS]`: options, then the positional parameters. */
	private set(args: readonly string[]): ProgramResult {
		for (let i = 0; i < args.length; i++) {
			const a = args[i]!;
			if (a === '--' || !/^[-+]/.test(a)) {
				const rest = args.slice(a === '--' ? i + 1 : i);
				this.positional = [this.positional[0] ?? '', ...rest];
				break;
			}
			const on = a.startsWith('-');
			if (a.slice(1) === 'o') {
				const name = args[++i];
				if (name === undefined || !OPTION_NAMES.has(name))
					throw new Unsupported(`set ${a} ${name ?? ''}`);
				this.options[name as keyof ShellOptions] = on;
				continue;
			}
			for (const c of a.slice(1)) {
				const name = OPTION_LETTERS[c];
				if (name === undefined) throw new Unsupported(`set ${a}`);
				this.options[name] = on;
			}
		}
		return ok();
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
		// busybox's syntax(op, msg) leaves out an empty op: `sh: bad number`.
		const ash = (text: string, msg: string) => (text === '' ? msg : `${text}: ${msg}`);
		if (e.kind === 'number')
			return dialect === 'bash'
				? `${name}: ${e.text}: integer expression expected`
				: dialect === 'dash'
					? `${name}: Illegal number: ${e.text}`
					: ash(e.text, 'bad number');
		return dialect === 'bash'
			? `${name}: ${e.text}: unary operator expected`
			: dialect === 'dash'
				? `${name}: ${e.text}: unexpected operator`
				: ash(e.left ?? e.text, 'unknown operand');
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
		const value = this.vars.get(name) ?? this.host.env(name);
		if (value === undefined && this.options.nounset) this.unset(name);
		return value ?? '';
	}

	/** `set -u` and an unset variable: the shell says so and exits 2 (XCU 2.6.2, 2.8.1). */
	private unset(name: string): never {
		const message =
			this.host.shell.dialect === 'bash'
				? `${name}: unbound variable`
				: `${name}: parameter not set`;
		this.host.write('stderr', this.failed(message, 2).err);
		throw new Exit(2);
	}

	/** A variable's value for `${NAME-word}` and friends, which `set -u` lets be unset. */
	private quietly(name: string): string {
		const nounset = this.options.nounset;
		this.options.nounset = false;
		try {
			return this.variable(name);
		} finally {
			this.options.nounset = nounset;
		}
	}

	private isSet(name: string): boolean {
		return this.vars.has(name) || this.host.env(name) !== undefined || /^[?#@*$0]$/.test(name);
	}

	/** `${NAME}`, `${NAME:-w}`, `${NAME-w}`, `${NAME:=w}`, `${NAME:+w}`, `${#NAME}`. */
	private parameter(inner: string): string {
		const cut = /^([A-Za-z_]\w*|[?#@*$\d])(##?|%%?)(.*)$/s.exec(inner);
		if (cut !== null) return this.remove(this.variable(cut[1]!), cut[2]!, cut[3]!);
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
		const value = op === undefined ? this.variable(name) : this.quietly(name);
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

	/**
	 * `${NAME#P}`/`${NAME##P}`: the value without the shortest/longest prefix matching the
	 * pattern P; `%`/`%%`, the suffix (XCU 2.6.2) — `${HOSTNAME##*-}`, a StatefulSet's ordinal.
	 */
	private remove(value: string, op: string, word: string): string {
		const re = this.pattern(word);
		const n = value.length;
		const lengths = Array.from({ length: n + 1 }, (_, i) => i);
		if (op.length === 2) lengths.reverse(); // longest first
		for (const k of lengths) {
			if (op[0] === '#' && re.test(value.slice(0, k))) return value.slice(k);
			if (op[0] === '%' && re.test(value.slice(n - k))) return value.slice(0, n - k);
		}
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

	/** A word expanded as one field, unsplit (assignments, redirection targets, `case`'s word). */
	private expandOne(raw: string): string {
		return this.expand(raw, false).join('');
	}

	/** A `case` pattern as a regular expression: `*`, `?` and `[…]` unless quoted (XCU 2.13). */
	private pattern(raw: string): RegExp {
		let source = '';
		let i = 0;
		const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		while (i < raw.length) {
			const c = raw[i]!;
			if (c === "'" || c === '"') {
				const end = closing(raw, i);
				source += literal(this.expandOne(raw.slice(i, end + 1)));
				i = end + 1;
			} else if (c === '\\') {
				source += literal(raw[i + 1] ?? '');
				i += 2;
			} else if (c === '$') {
				const segments: Segment[] = [];
				i = this.dollar(raw, i, true, segments);
				source += literal(segments.map((x) => x.text).join(''));
			} else if (c === '*') {
				source += '[\\s\\S]*';
				i++;
			} else if (c === '?') {
				source += '[\\s\\S]';
				i++;
			} else if (c === '[' && raw.indexOf(']', i + 2) > 0) {
				const end = raw.indexOf(']', i + 2);
				source += `[${raw
					.slice(i + 1, end)
					.replace(/^!/, '^')
					.replace(/\\/g, '\\\\')}]`;
				i = end + 1;
			} else {
				source += literal(c);
				i++;
			}
		}
		return new RegExp(`^${source}$`);
	}

	/** One word's fields: quotes removed, parameters, $(…) and $((…)) expanded, unquoted results split. */
	expand(raw: string, split = true): string[] {
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
		return split ? fields(segments) : [segments.map((x) => x.text).join('')];
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
		const inner = this.fork();
		const out: string[] = [];
		inner.capture = out;
		inner.stdin = undefined;
		inner.depth = this.depth + 1;
		this.status = inner.script(parsed(text));
		this.substituted = this.status;
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
