/**
 * What a container printed, made up deterministically from its spec and its lifecycle (when
 * this run started, when it ended or now): the official nginx image's start-up lines, short
 * commands' output (./short-commands.ts: `date`, `printenv`, `hostname`…), the echo output of
 * `sh -c` scripts (loops counted from the start time, `$(date)`, `$i` and the environment
 * expanded), stress's start-up line, Perl's `print bpi(N)` — the corpus Job — and nothing for
 * programs that print nothing. `kubectl logs` reads these lines; nothing here is stored.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { LAB_EPOCH_MS } from '../../core/time';
import { INLINE_PROGRAM_MS } from '../defaults';
import { repositoryOf } from '../images';
import { envValue, shortCommandOutput, type LogContext } from './short-commands';

export interface LogRun {
	/** Lab ms at which this run of the container started. */
	start: number;
	/** Lab ms at which it ended, or the current time while it runs. */
	end: number;
	/** CPUs of its node: nginx starts one worker process each. */
	cpus: number;
}

/** No program prints more than this many lines into a lab's log (a stated lab limit). */
const MAX_LINES = 10_000;

export function containerLogs(container: Container, run: LogRun, ctx: LogContext): string[] {
	// The kubelet expands `$(VAR)` in command and args from the container's environment
	// (kubecontainer.ExpandContainerCommandAndArgs), before the runtime starts it.
	const argv = [...(container.command ?? []), ...(container.args ?? [])].map((a) =>
		expandRefs(a, ctx)
	);
	const repo = repositoryOf(container.image ?? '');
	if (argv.length === 0 && repo === 'nginx') return nginxStart(container.image ?? '', run);
	const [cmd, ...rest] = argv;
	const name = cmd?.split('/').pop() ?? '';
	if (/^(sh|bash|ash)$/.test(name) && rest[0] === '-c' && rest[1] !== undefined)
		return shellOutput(rest[1], run, ctx);
	if (name === 'echo') return run.end >= run.start ? [echoText(rest)] : [];
	if (name === 'stress') return [stressStart(rest)];
	if (name === 'perl') {
		const digits = /bpi\((\d+)\)/.exec(argv.join(' '));
		// The program prints once it has computed the digits, just before it exits.
		if (digits && run.end - run.start >= INLINE_PROGRAM_MS) return [bpi(Number(digits[1]))];
	}
	return (run.end >= run.start && shortCommandOutput(argv, ctx, run.start)) || [];
}

/** `$(VAR)` → its value when VAR is set; `$$(VAR)` stays `$(VAR)` (third_party/forked/golang/expansion). */
function expandRefs(text: string, ctx: LogContext): string {
	return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
		name === undefined ? '$' : (envValue(ctx, name) ?? whole)
	);
}

/** busybox echo: its words joined by spaces; `-n` drops the newline, not the text. */
function echoText(words: readonly string[]): string {
	return (words[0] === '-n' ? words.slice(1) : words).join(' ');
}

/** stress.c's first line: `stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd`. */
function stressStart(args: readonly string[]): string {
	const count = (long: string, short: string) => {
		const i = args.findIndex((a) => a === long || a === short);
		return i < 0 ? 0 : Number(args[i + 1]) || 0;
	};
	const [cpu, io, vm, hdd] = [
		count('--cpu', '-c'),
		count('--io', '-i'),
		count('--vm', '-m'),
		count('--hdd', '-d')
	];
	return `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd`;
}

/** nginx's docker-entrypoint and master/worker start lines (images ≥ 1.19 have the entrypoint). */
function nginxStart(image: string, run: LogRun): string[] {
	const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
	const version = /^\d+\.\d+\.\d+$/.test(tag) ? tag : '1.27.3';
	const [major, minor] = version.split('.').map(Number) as [number, number];
	const at = nginxTime(run.start);
	const lines: string[] = [];
	if (major > 1 || minor >= 19) {
		lines.push(
			'/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
			'/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
			'/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
			'10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
			'10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
			'/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
			'/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
			'/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
			'/docker-entrypoint.sh: Configuration complete; ready for start up',
			`${at} [notice] 1#1: using the "epoll" event method`,
			`${at} [notice] 1#1: nginx/${version}`,
			`${at} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
			`${at} [notice] 1#1: OS: Linux 6.8.0-60-generic`,
			`${at} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
			`${at} [notice] 1#1: start worker processes`
		);
		for (let i = 0; i < run.cpus; i++)
			lines.push(`${at} [notice] 1#1: start worker process ${29 + i}`);
	}
	return lines;
}

/** `2026/01/05 09:00:03`: nginx's error-log time. */
function nginxTime(t: number): string {
	const d = new Date(LAB_EPOCH_MS + t);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

type Stmt =
	/** `echo [-n] [-e] TEXT`: -e reads backslash escapes, -n drops the final newline. */
	| { op: 'echo'; text: string; escapes?: boolean; newline?: boolean }
	| { op: 'sleep'; ms: number }
	| { op: 'set'; name: string; expr: string }
	/** A short command (./short-commands.ts) printing its lines. */
	| { op: 'run'; argv: string[] };

/** The short commands a script's statement may be. */
const SHORT = /^(hostname|printenv|env|id|whoami|uname|pwd|cat|ls)$/;

/**
 * Runs the echo/sleep/assignment part of a shell script over the run's time: statements before
 * a `while true` loop once, then the loop body again and again until the run's end.
 */
function shellOutput(script: string, run: LogRun, ctx: LogContext): string[] {
	const loop = /\bwhile\s+(?:true|:)\s*;?\s*do\b([\s\S]*?)\bdone\b/.exec(script);
	const before = parse(loop ? script.slice(0, loop.index) : script);
	const body = loop ? parse(loop[1]!) : [];
	const vars = new Map<string, number>();
	const out: string[] = [];
	let t = run.start;
	const exec = (stmts: Stmt[]): boolean => {
		for (const s of stmts) {
			if (t > run.end || out.length >= MAX_LINES) return false;
			if (s.op === 'sleep') t += s.ms;
			else if (s.op === 'set') vars.set(s.name, arithmetic(s.expr, vars));
			else if (s.op === 'run') out.push(...(shortCommandOutput(s.argv, ctx, t) ?? []));
			else out.push(...echoLines(s, expand(s.text, vars, t, ctx)));
		}
		return true;
	};
	if (!exec(before) || loop === null) return out;
	// A loop that never sleeps would print forever at one instant: the cap stops it.
	while (exec(body) && body.some((s) => s.op === 'sleep' && s.ms > 0));
	return out;
}

function parse(text: string): Stmt[] {
	const stmts: Stmt[] = [];
	for (const raw of text.split(/;|&&|\n/)) {
		const part = raw.trim().replace(/^do\s+/, '');
		const echo = /^echo\s+(.*)$/.exec(part);
		const sleep = /^sleep\s+(\d+(?:\.\d+)?)$/.exec(part);
		const set = /^([A-Za-z_]\w*)=(.*)$/.exec(part);
		if (echo) stmts.push(echoStmt(echo[1]!));
		// A bare `date` prints the time, as `echo $(date)` does (the CronJob docs' example).
		else if (part === 'date') stmts.push({ op: 'echo', text: '$(date)' });
		else if (sleep) stmts.push({ op: 'sleep', ms: Math.round(Number(sleep[1]) * 1000) });
		else if (set) stmts.push({ op: 'set', name: set[1]!, expr: set[2]! });
		else if (SHORT.test(part.split(/\s+/)[0]!.split('/').pop()!))
			stmts.push({ op: 'run', argv: part.split(/\s+/).map(unquote) });
	}
	return stmts;
}

function echoStmt(rest: string): Stmt {
	const [, flags = '', text = ''] = /^((?:-[neE]+\s+)*)([\s\S]*)$/.exec(rest) ?? [];
	return {
		op: 'echo',
		text: unquote(text),
		escapes: /-\w*e/.test(flags),
		newline: !/-\w*n/.test(flags)
	};
}

/** The log lines an echo adds (a text without its final newline still ends its line here). */
function echoLines(s: { escapes?: boolean; newline?: boolean }, text: string): string[] {
	const printed = s.escapes === true ? text.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : text;
	const lines = printed.split('\n');
	if (s.newline === false && lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	return lines;
}

function unquote(s: string): string {
	return s.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

/** `0`, `$((i+1))`: the integer assignments counter loops use. */
function arithmetic(expr: string, vars: Map<string, number>): number {
	const m = /^\$\(\(\s*([A-Za-z_]\w*)\s*([+-])\s*(\d+)\s*\)\)$/.exec(expr);
	if (m) {
		const v = vars.get(m[1]!) ?? 0;
		return m[2] === '+' ? v + Number(m[3]) : v - Number(m[3]);
	}
	const n = Number(unquote(expr));
	return Number.isFinite(n) ? n : 0;
}

/**
 * `$(date)`, `$(hostname)` and other short commands' output; `$i`/`${i}` from the script's
 * counters, else the environment (unset: empty, as the shell has it).
 */
function expand(text: string, vars: Map<string, number>, t: number, ctx: LogContext): string {
	return text
		.replace(/\$\(([^()]+)\)/g, (whole, cmd: string) => {
			const out = shortCommandOutput(cmd.trim().split(/\s+/), ctx, t);
			return out === undefined ? whole : out.join(' ');
		})
		.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, name: string) =>
			String(vars.get(name) ?? envValue(ctx, name) ?? '')
		);
}

/**
 * Math::BigFloat's bpi(n): π to n significant digits, rounded (Machin's formula in integer
 * arithmetic with guard digits).
 */
export function bpi(n: number): string {
	const digits = Math.max(1, Math.min(n, 100_000));
	const guard = 10;
	const scale = 10n ** BigInt(digits + guard);
	const arctanInv = (x: bigint): bigint => {
		let sum = 0n;
		let term = scale / x;
		const x2 = x * x;
		for (let k = 0n; term !== 0n; k++) {
			sum += (k % 2n === 0n ? term : -term) / (2n * k + 1n);
			term /= x2;
		}
		return sum;
	};
	const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n); // π × 10^(digits + guard)
	// Keep `digits` significant digits (one before the point), rounding half up.
	const cut = 10n ** BigInt(guard + 1);
	const rounded = (pi + cut / 2n) / cut;
	const text = rounded.toString();
	return text.length === 1 ? text : `${text[0]}.${text.slice(1)}`;
}
