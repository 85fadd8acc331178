/**
 * A container's own `sh -c SCRIPT`, run by the lab's one shell (../../shell/interpreter.ts, the
 * language `kubectl exec` runs too) over simulated time: `sleep` moves the script's clock, and
 * each line it prints is stamped with the moment it was written. The same run gives both the
 * kubelet's program (./container-program.ts: the steps that touch files, call the network or
 * wait, and how the script ends) and `kubectl logs` (./container-logs.ts: the lines up to a
 * moment), so seeking or replaying the lab shows the same lines at the same times.
 *
 * The shell reads pipelines, `$(…)` and backquotes, `case`, subshells, redirections (`2>&1`,
 * `>/dev/null`, `> FILE` into the container's own files) and the options of `sh -euxc`/`set
 * -o pipefail`; `set -x` traces go to stderr, which the log holds with stdout, as the
 * runtime's log does.
 *
 * The lab's rule for what it cannot run (documented for authors): a program it does not
 * simulate that the image may hold — the image is not one the lab knows, or it holds the name
 * (`nginx`, `python app.py`, `ncat -l`) — is taken as in `programFor`: in a one-shot task (a
 * regular init container) it does its work, taking INIT_TASK_MS once for the whole script, and
 * succeeds; elsewhere it runs until stopped. A construct the shell does not read (functions,
 * here-documents, `[[ ]]`, an awk program beyond one print rule) is taken the same way from
 * where it stands. A short command whose output the lab cannot tell (`cat` of a file it does
 * not know, `date -R`) still exits 0 at once, printing nothing. A name the image is known to
 * lack is the shell's own `sh: NAME: not found`, status 127. What a container starts with is
 * known: /tmp and /var/tmp are empty unless a volume is mounted there (a file test or `cat` of
 * what the script did not write there fails, as on a node), and the kubelet's /etc/hosts,
 * /etc/resolv.conf and /etc/hostname exist; a test on any other path the lab does not know
 * falls under the rule above.
 *
 * Network clients are not run here: they become `client` steps the kubelet runs when reached
 * (./container-clients.ts), and the script goes on as if they succeeded (their output is
 * recorded when they run). A script whose output depends on a client's — it pipes it or takes
 * it with `$(…)` (`STATUS=$(wget -S URL 2>&1 | awk …)`) — cannot be worked out ahead. When the
 * whole script takes no time (no sleep), it runs whole as one client step when reached
 * (./container-program.ts), so its pipes see the real answer; otherwise it pauses at that
 * client for good: from there it is taken as a program the lab does not simulate (the rule
 * above). Run ahead for the kubelet, before the pod exists, variables set from elsewhere
 * (`valueFrom`) are known only to be set; `kubectl logs` runs it with their values.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ImageTools } from '../../images/executables';
import { hasProgram } from '../../images/executables';
import {
	Interpreter,
	shellIdentity,
	type ProgramIo,
	type ShellHost
} from '../../shell/interpreter';
import { shellInvocation } from '../../shell/invocation';
import { basicProgram, ok, type ProgramResult } from '../../shell/programs';
import {
	parseScript,
	ShellSyntaxError,
	simpleCommands,
	Unsupported,
	type Command
} from '../../shell/syntax';
import { DNS_RETRY_MS, INIT_TASK_MS } from '../defaults';
import { repositoryOf } from '../images';
import type { Step } from './container-program';
import { envValue, type LogContext } from './short-commands';
import { hasOwnKey, ownValue } from '../../core/own-keys';

export interface ScriptRun {
	/** Lab ms at which the script started (`date` prints it). */
	start: number;
	/** Run no further than this many ms after the start (Infinity: to its end). */
	until: number;
	ctx: LogContext;
	tools: ImageTools;
	/** A one-shot task (regular init container): unknown work succeeds. */
	task: boolean;
}

/** A line the script wrote, `t` ms after its start. */
export interface TimedLine {
	t: number;
	text: string;
}

export interface ScriptOutcome {
	/** The kubelet's steps (sleeps only between the steps that do something). */
	steps: Step[];
	/** How it ends: its exit status (`client`: the last command was a client, whose status counts), or never. */
	end: { kind: 'exit'; code: number; client: boolean } | { kind: 'serve' };
	/** When it ended (or stopped being run), ms after its start. */
	elapsed: number;
	lines: TimedLine[];
	/** How many network clients it called. */
	clients: number;
	/** It runs on in a program the lab does not simulate (which may listen, or handle signals). */
	runsUnknown: boolean;
}

/** A program whose output goes to the log. */
const LOGGED: ProgramIo = { read: false, dropped: { stdout: false, stderr: false } };

/** Lab limits: a script's commands at one instant (a loop that never sleeps runs forever). */
const MAX_AT_ONCE = 100_000;
/** How far a program's run is worked out ahead; past it, the script is taken to run on. */
const MAX_AHEAD_COMMANDS = 100_000;
/** Steps (files written, waits) a program holds at most; past that it is taken to run on. */
const MAX_STEPS = 1_000;
/** Network clients a script's program calls at most; past that it is taken to run on. */
const MAX_CLIENTS = 100;
/** Commands one `kubectl logs` replays at most (over a day of a one-second loop). */
const MAX_LOG_COMMANDS = 2_000_000;
/** Lines kept for the log (the latest). */
const MAX_LINES = 10_000;

/** Why the script stopped being run before its end. */
class Halt extends Error {
	constructor(readonly why: 'forever' | 'horizon') {
		super(why);
	}
}

/** Paths that are the container's own output streams. */
const STREAMS: Record<string, 'stdout' | 'stderr'> = {
	'/dev/stdout': 'stdout',
	'/proc/self/fd/1': 'stdout',
	'/proc/1/fd/1': 'stdout',
	'/dev/stderr': 'stderr',
	'/proc/self/fd/2': 'stderr',
	'/proc/1/fd/2': 'stderr'
};

/**
 * Programs busybox's and Debian's images hold beyond what ../../images/executables.ts lists
 * (the programs examples run there): present, so not "not found", but not simulated. Sources:
 * busybox 1.36's applet list (`busybox --list`: rev, base64, gzip, tar, nc's friends…);
 * Debian bookworm's essential and required packages (apt, dpkg, perl-base, gzip, tar,
 * diffutils, util-linux, login, sysvinit-utils, coreutils' remaining programs).
 */
const UNLISTED: Record<'busybox' | 'debian', ReadonlySet<string>> = {
	busybox: new Set(
		(
			'rev base64 md5sum sha1sum sha256sum sha512sum gzip gunzip zcat tar bzip2 bunzip2 unzip ' +
			'dd diff cmp basename dirname readlink realpath stat sync yes timeout nohup nice tac nl od ' +
			'paste split shuf hexdump xxd strings less more watch time usleep fold ip ifconfig route ' +
			'netstat traceroute telnet httpd ftpget ftpput arp arping udhcpc crond crontab adduser ' +
			'addgroup su passwd login hostid logger uptime pgrep pkill pidof killall mkfifo mknod mktemp ' +
			'install chgrp chroot dmesg printf'
		).split(' ')
	),
	debian: new Set(
		(
			'apt apt-get apt-cache apt-key dpkg dpkg-query perl gzip gunzip zcat tar base64 md5sum ' +
			'sha1sum sha256sum sha512sum basename dirname readlink realpath stat sync yes timeout nohup ' +
			'nice dd diff cmp tac nl od paste split shuf sum mktemp chgrp install su login getent ' +
			'runuser umount findmnt mkfifo mknod chroot dmesg printf pidof gpgv update-alternatives'
		).split(' ')
	)
};

/**
 * Whether the image holds `name` though the lab's list leaves it out: an unlisted program of
 * its toolbox, or the image's own (named after its repository: `nginx`, `redis-server`,
 * `postgres`, `httpd-foreground`; and the official images' `docker-entrypoint.sh`).
 */
function heldUnlisted(run: ScriptRun, name: string): boolean {
	const toolbox = run.tools.toolbox;
	if ((toolbox === 'busybox' || toolbox === 'debian') && UNLISTED[toolbox].has(name)) return true;
	if (name === 'docker-entrypoint.sh') return true;
	const repo =
		repositoryOf(run.ctx.container.image ?? '')
			.split('/')
			.pop() ?? '';
	return repo !== '' && !/^(busybox|alpine|debian|ubuntu)$/.test(repo) && name.startsWith(repo);
}

/** Programs that print a little and exit at once (../../shell/programs.ts, ./short-commands.ts). */
const SHORT =
	/^(echo|printf|seq|true|false|date|hostname|printenv|env|id|whoami|uname|pwd|ls|cat)$/;

/** Directories every image has. */
const DIRS = new Set([
	'/',
	'/tmp',
	'/etc',
	'/var',
	'/usr',
	'/bin',
	'/dev',
	'/proc',
	'/root',
	'/home'
]);

/** Directories images ship empty: a container's own scratch space starts with nothing in it. */
const EMPTY_AT_START = ['/tmp', '/var/tmp'];

/**
 * Files the kubelet and the runtime put in every container (kubelet_pods.go makeMounts: the
 * managed /etc/hosts, the pod's /etc/resolv.conf and /etc/hostname) or every image has.
 */
const KUBELET_FILES = new Set([
	'/etc/hosts',
	'/etc/resolv.conf',
	'/etc/hostname',
	'/etc/passwd',
	'/etc/group',
	'/dev/null',
	'/dev/termination-log'
]);

/** `sleep`'s duration in ms (busybox: several numbers with s/m/h/d suffixes, summed). */
function sleepMs(args: readonly string[]): number | undefined {
	let ms = 0;
	for (const a of args) {
		const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
		if (m === null) return undefined;
		ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!;
	}
	return Math.round(ms);
}

class ScriptHost implements ShellHost {
	readonly shell;
	t = 0;
	private pending = 0;
	private atOnce = 0;
	private commands = 0;
	private worked = false;
	private jobsEnd = 0;
	lastClient = false;
	clients = 0;
	runsUnknown = false;
	/** The script read a client's output (a pipe, `$(…)`), which is not known ahead. */
	readClient = false;
	/** Reading a client's output stops the script (it cannot run whole as one client). */
	pauseOnRead = false;
	readonly steps: Step[] = [];
	readonly chunks: { t: number; stream: 'stdout' | 'stderr'; text: string }[] = [];
	private readonly written = new Map<string, string>();
	private readonly removed = new Set<string>();
	private readonly dirs = new Set<string>();
	readonly pid = 1;
	readonly files = {
		exists: (path: string): boolean | undefined => {
			if (this.written.has(path) || this.dirs.has(path) || DIRS.has(path)) return true;
			if (this.removed.has(path)) return false;
			if (this.run_.ctx.readFile(path) !== undefined || KUBELET_FILES.has(path)) return true;
			return this.startsEmpty(path) ? false : undefined;
		},
		isDir: (path: string): boolean | undefined =>
			this.dirs.has(path) || DIRS.has(path.replace(/(.)\/$/, '$1'))
				? true
				: this.written.has(path) || KUBELET_FILES.has(path) || this.startsEmpty(path)
					? false
					: undefined
	};

	/**
	 * Whether `path` lies in a directory every image starts with empty (/tmp, /var/tmp) and no
	 * volume is mounted over it: what the script has not made there does not exist.
	 */
	private startsEmpty(path: string): boolean {
		if (!EMPTY_AT_START.some((d) => path.startsWith(`${d}/`))) return false;
		const mounts = this.run_.ctx.container.volumeMounts ?? [];
		return !mounts.some(
			(m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)
		);
	}

	constructor(
		private readonly run_: ScriptRun,
		argv0: string
	) {
		this.shell = shellIdentity(argv0, run_.tools);
	}

	has(name: string): boolean | undefined {
		const listed = hasProgram(this.run_.tools, name);
		// Held though unlisted: present, and not simulated (the unknown-program rule).
		return listed === false && heldUnlisted(this.run_, name.split('/').pop() ?? name)
			? undefined
			: listed;
	}

	env(name: string): string | undefined {
		return envValue(this.run_.ctx, name);
	}

	readFile(path: string): string | undefined {
		if (this.removed.has(path)) return undefined;
		return this.written.get(path) ?? this.run_.ctx.readFile(path);
	}

	tick(): void {
		this.lastClient = false;
		const ahead = this.run_.until === Infinity;
		if (++this.atOnce > MAX_AT_ONCE) throw new Halt('forever');
		if (++this.commands > (ahead ? MAX_AHEAD_COMMANDS : MAX_LOG_COMMANDS))
			throw new Halt(ahead ? 'forever' : 'horizon');
	}

	write(stream: 'stdout' | 'stderr', text: string): void {
		this.chunks.push({ t: this.t, stream, text });
		// Keep the log's memory bounded: older chunks go once there are far more than it shows.
		if (this.chunks.length > 4 * MAX_LINES) this.chunks.splice(0, 2 * MAX_LINES);
	}

	writeFile(path: string, text: string, append: boolean): void {
		const stream = ownValue(STREAMS, path);
		if (stream !== undefined) return this.write(stream, text);
		const before = this.written.get(path);
		this.written.set(path, (append ? (before ?? '') : '') + text);
		this.removed.delete(path);
		if (before === undefined) this.step({ op: 'touch', path });
	}

	/** A step that does something, after the time slept since the last one. */
	step(s: Step): void {
		if (this.steps.length >= MAX_STEPS) throw new Halt('forever');
		if (this.pending > 0) this.steps.push({ op: 'sleep', ms: this.pending });
		this.pending = 0;
		this.steps.push(s);
	}

	/** The script's clock moves on by `ms`, unless that passes the end of what is asked. */
	advance(ms: number): void {
		if (this.t + ms > this.run_.until) {
			this.t = this.run_.until;
			throw new Halt('horizon');
		}
		this.t += ms;
		this.pending += ms;
		if (ms > 0) this.atOnce = 0;
	}

	/** What is left to sleep before the end (a finished script's last sleeps count). */
	finish(): void {
		if (this.pending > 0) this.steps.push({ op: 'sleep', ms: this.pending });
		this.pending = 0;
	}

	run(argv: readonly string[], io: ProgramIo = LOGGED): ProgramResult {
		const [path, ...args] = argv as [string, ...string[]];
		const name = path.split('/').pop() ?? path;
		switch (name) {
			case 'sleep': {
				if (args[0] === 'infinity') throw new Halt('forever');
				const ms = sleepMs(args);
				if (ms === undefined)
					return { out: '', err: `sleep: invalid number '${args.join(' ')}'\n`, code: 1 };
				this.advance(ms);
				return ok();
			}
			case 'tail':
				// `tail -f`/`-F` follows its file until stopped (the usual keep-alive, log shippers).
				if (args.some((a) => /^-\w*[fF]/.test(a) || a === '--follow' || a.startsWith('--follow=')))
					throw new Halt('forever');
				break;
			case 'touch':
				for (const p of args.filter((a) => !a.startsWith('-')))
					if (!this.written.has(p)) this.writeFile(p, '', true);
				return ok();
			case 'mkdir':
				for (const p of args.filter((a) => !a.startsWith('-'))) this.dirs.add(p);
				return ok();
			case 'rm':
				for (const p of args.filter((a) => !a.startsWith('-'))) {
					this.written.delete(p);
					this.removed.add(p);
					this.step({ op: 'rm', path: p });
				}
				return ok();
			case 'wget':
			case 'curl':
			case 'nslookup':
				if (io.read) {
					if (this.pauseOnRead)
						throw new Unsupported('a script reading a network client’s output as it goes');
					this.readClient = true;
				}
				if (++this.clients > MAX_CLIENTS) throw new Halt('forever');
				this.step({
					op: 'client',
					argv: withEnvironment(argv, this.shell.argv0, io.dropped),
					otherwise: this.run_.task ? 'task' : 'serve'
				});
				this.lastClient = true;
				return ok();
			case 'env': {
				// `env [-i] [NAME=VALUE]… COMMAND`: env runs the command.
				const child = args.findIndex((a) => !a.startsWith('-') && !/^[A-Za-z_]\w*=/.test(a));
				if (child >= 0) return this.run(args.slice(child), io);
				break;
			}
			case 'cat': {
				const files = args.filter((a) => !a.startsWith('-'));
				if (files.length > 0 && files.every((f) => this.written.has(f)))
					return ok(files.map((f) => this.written.get(f)).join(''));
				// A file the container's empty scratch space never got: busybox cat's error.
				const missing = files.find((f) => !this.written.has(f) && this.files.exists(f) === false);
				if (missing !== undefined && files.every((f) => this.written.has(f) || f === missing)) {
					// busybox cat goes on past a file it cannot open, and ends with status 1.
					const err = `cat: can't open '${missing}': No such file or directory\n`;
					const chunks = files.map((f) =>
						f === missing
							? { stream: 'stderr' as const, text: err }
							: { stream: 'stdout' as const, text: this.written.get(f)! }
					);
					return {
						out: files.map((f) => (f === missing ? '' : this.written.get(f))).join(''),
						err,
						code: 1,
						chunks
					};
				}
				break;
			}
			default:
		}
		let r: ProgramResult | undefined;
		try {
			r = basicProgram(argv, {
				tools: this.run_.tools,
				ctx: this.run_.ctx,
				now: this.run_.start + this.t
			});
		} catch (e) {
			if (!(e instanceof Unsupported)) throw e;
		}
		// A short command whose output here the lab cannot tell (`cat` of a file it does not
		// know, `date -R`) still ends at once; only its lines are missing.
		return r ?? (SHORT.test(name) ? ok() : this.unknown());
	}

	/** While set, a program the lab does not simulate stops the script (Unsupported). */
	strict = false;

	/** A program the lab does not simulate: a task's work takes its time once; else it runs on. */
	unknown(): ProgramResult {
		if (this.strict) throw new Unsupported('a program the lab does not simulate');
		if (!this.run_.task) {
			this.runsUnknown = true;
			throw new Halt('forever');
		}
		if (!this.worked) this.advance(INIT_TASK_MS);
		this.worked = true;
		return ok();
	}

	background(job: () => void): void {
		const [t, pending, steps] = [this.t, this.pending, this.steps.length];
		let end: number;
		try {
			job();
			end = this.t;
		} catch (e) {
			if (!(e instanceof Halt)) throw e;
			end = Infinity;
		}
		if (this.steps.length !== steps)
			throw new Unsupported('background jobs that write files or use the network');
		this.jobsEnd = Math.max(this.jobsEnd, end);
		this.t = t;
		this.pending = pending;
	}

	wait(): void {
		if (this.jobsEnd === Infinity) throw new Halt('forever');
		if (this.jobsEnd > this.t) this.advance(this.jobsEnd - this.t);
	}

	loop(cmd: Extract<Command, { kind: 'while' | 'until' }>, shell: Interpreter): number | undefined {
		const cond = cmd.cond.entries.length === 1 ? cmd.cond.entries[0]!.items : [];
		const only = cond.length === 1 && !cond[0]!.negate ? cond[0]!.cmd : undefined;
		const words = only?.kind === 'simple' ? only.words : [];
		// `until nslookup HOST; do …; sleep N; done`: the wait on cluster DNS, tried every N s.
		const target = words.slice(1).filter((w) => !w.startsWith('-'));
		if (cmd.kind === 'until' && words[0] === 'nslookup' && target.length === 1) {
			let host: string;
			this.strict = true;
			try {
				host = shell.expand(target[0]!).join(' ');
			} catch (e) {
				if (!(e instanceof Unsupported)) throw e;
				// `$(cat …/serviceaccount/namespace)`: a file the lab does not know. The name is
				// then asked in the pod's own namespace (container-lifecycle.ts serviceResolves).
				host = target[0]!.replace(/\$\([^)]*\)/g, '');
			} finally {
				this.strict = false;
			}
			const body = simpleCommands(cmd.body);
			const sleep = body.find((c) => c.words[0] === 'sleep');
			const ms = sleepMs(sleep?.words.slice(1) ?? []) || DNS_RETRY_MS;
			this.step({ op: 'resolve', host, ms, say: echoes(body, shell) });
			return 0;
		}
		// `while true` with nothing but output and sleeps inside: it runs forever, and what it
		// prints is worked out from the time asked for (the log), not ahead.
		const endless =
			(cmd.kind === 'while' && (words[0] === 'true' || words[0] === ':')) ||
			(cmd.kind === 'until' && words[0] === 'false');
		if (endless && words.length === 1 && this.run_.until === Infinity && quiet(cmd.body))
			throw new Halt('forever');
		return undefined;
	}

	/** The lines written, each stamped with the time its newline was written. */
	lines(): TimedLine[] {
		const out: TimedLine[] = [];
		let text = '';
		let at = 0;
		for (const c of [...this.chunks].sort((a, b) => a.t - b.t)) {
			const parts = c.text.split('\n');
			parts.forEach((p, k) => {
				text += p;
				if (k < parts.length - 1) {
					out.push({ t: c.t, text });
					text = '';
				}
			});
			at = c.t;
		}
		// A last line without its newline is logged as it is (the runtime's partial line).
		if (text !== '') out.push({ t: at, text });
		return out.slice(-MAX_LINES);
	}
}

/** Whether a loop body only prints and sleeps (no files, network, exit or break). */
function quiet(body: Parameters<typeof simpleCommands>[0]): boolean {
	return simpleCommands(body).every(
		(c) =>
			c.redirects.every(
				(r) => r.op === '>&' || r.target === '/dev/null' || hasOwnKey(STREAMS, r.target)
			) &&
			!/^(exit|break|return|exec|touch|rm|mkdir|wget|curl|nslookup|wait|kill)$/.test(
				c.words[0] ?? ''
			) &&
			!c.words.some((w) => /\b(wget|curl|nslookup)\b/.test(w))
	);
}

/** Runs `SHELL [-eux] -c SCRIPT [NAME ARGS…]` as the container's program from its start. */
export function runScript(argv: readonly string[], run: ScriptRun): ScriptOutcome {
	const first = runOnce(argv, run, false);
	// A script that reads a client's output runs whole as one client when it takes no time
	// (./container-program.ts); else it pauses at that client (the module's rule).
	return first.readClient && !runsWholeAsClient(first) ? runOnce(argv, run, true) : first;
}

/**
 * Whether the kubelet runs the script whole as one client step when reached: it calls clients
 * and does nothing else that takes time or touches files.
 */
export function runsWholeAsClient(ran: ScriptOutcome): boolean {
	return (
		ran.end.kind === 'exit' &&
		ran.elapsed === 0 &&
		ran.clients > 0 &&
		ran.steps.every((s) => s.op === 'client')
	);
}

function runOnce(
	argv: readonly string[],
	run: ScriptRun,
	pauseOnRead: boolean
): ScriptOutcome & { readClient: boolean } {
	const call = shellInvocation(argv);
	if (call === undefined) throw new Error(`not a shell script: ${argv.join(' ')}`);
	const host = new ScriptHost(run, call.argv0);
	host.pauseOnRead = pauseOnRead;
	let end: ScriptOutcome['end'];
	try {
		const shell = new Interpreter(host);
		shell.setPositional(call.positional);
		shell.setOptions(call.options);
		let list;
		try {
			list = parseScript(call.script);
		} catch (e) {
			if (!(e instanceof ShellSyntaxError)) throw e;
			// The shell refuses the script before running anything: it prints why and exits 2.
			host.write('stderr', syntaxMessage(host.shell, e));
			return outcome(host, { kind: 'exit', code: 2, client: false });
		}
		const code = shell.script(list);
		end = { kind: 'exit', code, client: host.lastClient };
	} catch (e) {
		if (e instanceof Halt) end = { kind: 'serve' };
		else if (e instanceof Unsupported) {
			// What the shell does not read is taken as an unknown program from where it stands.
			try {
				host.unknown();
				end = { kind: 'exit', code: 0, client: false };
			} catch (h) {
				if (!(h instanceof Halt)) throw h;
				end = { kind: 'serve' };
			}
		} else throw e;
	}
	return outcome(host, end);
}

function outcome(
	host: ScriptHost,
	end: ScriptOutcome['end']
): ScriptOutcome & { readClient: boolean } {
	if (end.kind === 'exit') host.finish();
	return {
		readClient: host.readClient,
		steps: host.steps,
		end,
		elapsed: host.t,
		lines: host.lines(),
		clients: host.clients,
		runsUnknown: host.runsUnknown
	};
}

/** The shells' syntax-error lines (busybox ash, dash, bash). */
function syntaxMessage(shell: { argv0: string; dialect: string }, e: ShellSyntaxError): string {
	const { argv0, dialect } = shell;
	if (dialect === 'dash') {
		const what =
			e.unexpected === undefined
				? `end of file unexpected${e.expecting ? ` (expecting "${e.expecting}")` : ''}`
				: `"${e.unexpected}" unexpected`;
		return `${argv0}: 1: Syntax error: ${what}\n`;
	}
	if (dialect === 'bash')
		return e.unexpected === undefined
			? `${argv0}: -c: line 1: syntax error: unexpected end of file\n`
			: `${argv0}: -c: line 1: syntax error near unexpected token \`${e.unexpected}'\n`;
	return `${argv0}: syntax error: ${e.message}\n`;
}

/**
 * A variable the spec sets from elsewhere (`valueFrom`: a field, a ConfigMap, a Secret): run
 * ahead, before the pod exists, its value is not known, only that it is set.
 */
const unknownValue = (name: string) => `\ue000${name}\ue001`;
const UNKNOWN_VALUE = /\ue000(\w+)\ue001/g;

/** Variables every container has, whose values the runtime sets. */
const RUNTIME_VARIABLES = ['HOSTNAME', 'HOME', 'PATH'];

/**
 * The container's world as its spec tells it, for running its script ahead (./container-program.ts):
 * the environment's literal values, the others set but unknown, and no files.
 */
export function programContext(container: Container): LogContext {
	const env = [
		...RUNTIME_VARIABLES.map((n) => `${n}=${unknownValue(n)}`),
		...(container.env ?? []).map(
			(e) => `${e.name}=${e.value ?? (e.valueFrom ? unknownValue(e.name) : '')}`
		)
	];
	return { pod: {}, container, env, readFile: () => undefined };
}

/**
 * A client's command line for the kubelet to run: as it is, or, when it holds a variable whose
 * value is known only in the running container or its output is not the log's (`>/dev/null`,
 * `> FILE`: the file's text is not kept), as `sh -c` expanding and redirecting it there.
 */
function withEnvironment(
	argv: readonly string[],
	shell: string,
	dropped: ProgramIo['dropped']
): readonly string[] {
	const unknown = argv.some((w) => w.includes('\ue000'));
	if (!unknown && !dropped.stdout && !dropped.stderr) return [...argv];
	const quoted = argv.map(
		(w) => `"${w.replace(/["\\$`]/g, '\\$&').replace(UNKNOWN_VALUE, '${$1}')}"`
	);
	if (dropped.stdout) quoted.push('>/dev/null');
	if (dropped.stderr) quoted.push('2>/dev/null');
	return [shell, '-c', quoted.join(' ')];
}

/** A whole script's command line for the kubelet to run, its unknown values left to the shell. */
export function runtimeArgv(argv: readonly string[]): readonly string[] {
	return argv.map((w) => w.replace(UNKNOWN_VALUE, '${$1}'));
}

/**
 * The kubelet's expansion of `$(VAR)` in command and args from the container's environment
 * (kubecontainer.ExpandContainerCommandAndArgs), before the runtime starts it: `$(VAR)` becomes
 * its value when VAR is set; `$$(VAR)` stays `$(VAR)` (third_party/forked/golang/expansion).
 */
export function kubeletExpand(text: string, ctx: LogContext): string {
	return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
		name === undefined ? '$' : (envValue(ctx, name) ?? whole)
	);
}

/**
 * What the loop body's plain `echo WORDS` lines print on each failed try (`echo waiting for
 * myservice`); none when a word cannot be expanded here or echo takes options or redirects.
 */
function echoes(
	body: readonly { words: string[]; redirects: readonly unknown[] }[],
	shell: Interpreter
): readonly string[] {
	const out: string[] = [];
	for (const c of body) {
		if (c.words[0] !== 'echo' || c.redirects.length > 0 || c.words[1]?.startsWith('-')) continue;
		try {
			out.push(
				c.words
					.slice(1)
					.flatMap((w) => shell.expand(w))
					.join(' ')
			);
		} catch (e) {
			if (!(e instanceof Unsupported)) throw e;
			return [];
		}
	}
	return out;
}
