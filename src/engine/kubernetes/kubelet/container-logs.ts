/**
 * What a container printed, made up deterministically from its spec and its lifecycle (when
 * this run started, when it ended or now): the official nginx image's start-up lines, short
 * commands' output (./short-commands.ts: `date`, `printenv`, `hostname`…), what `sh -c`
 * scripts print, each line at its time (./container-script.ts), stress's start-up line, Perl's `print bpi(N)` — the corpus Job — and nothing for
 * programs that print nothing. `kubectl logs` reads these lines; nothing here is stored.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { LAB_EPOCH_MS } from '../../core/time';
import { imageTools } from '../../images/executables';
import { INLINE_PROGRAM_MS } from '../defaults';
import { repositoryOf } from '../images';
import { kubeletExpand, runScript, type TimedLine } from './container-script';
import { shellInvocation } from '../../shell/invocation';
import { shortCommandOutput, type LogContext } from './short-commands';

export interface LogRun {
	/** Lab ms at which this run of the container started. */
	start: number;
	/** Lab ms at which it ended, or the current time while it runs. */
	end: number;
	/** CPUs of its node: nginx starts one worker process each. */
	cpus: number;
}

export function containerLogs(container: Container, run: LogRun, ctx: LogContext): string[] {
	return containerLogLines(container, run, ctx).map((l) => l.text);
}

/** The lines with the lab time each was written (what `kubectl logs --timestamps` shows). */
export function containerLogLines(container: Container, run: LogRun, ctx: LogContext): TimedLine[] {
	// The kubelet expands `$(VAR)` in command and args from the container's environment.
	const argv = [...(container.command ?? []), ...(container.args ?? [])].map((a) =>
		kubeletExpand(a, ctx)
	);
	if (shellInvocation(argv) !== undefined) {
		// The script run again from its start up to the end asked for (./container-script.ts).
		const lines = runScript(argv, {
			start: run.start,
			until: run.end - run.start,
			ctx,
			tools: imageTools(container.image ?? ''),
			task: isTask(ctx.pod, container)
		}).lines;
		return lines.map((l) => ({ t: run.start + l.t, text: l.text }));
	}
	return otherOutput(argv, container, run, ctx).map((text) => ({ t: run.start, text }));
}

/** A regular init container: a one-shot task (container-program.ts `programFor`). */
function isTask(pod: Pod, container: Container): boolean {
	const init = pod.spec?.initContainers?.find((c) => c.name === container.name);
	return init !== undefined && init.restartPolicy !== 'Always';
}

/** What programs other than scripts print, at their start. */
function otherOutput(argv: string[], container: Container, run: LogRun, ctx: LogContext): string[] {
	const repo = repositoryOf(container.image ?? '');
	if (argv.length === 0 && repo === 'nginx') return nginxStart(container.image ?? '', run);
	const [cmd, ...rest] = argv;
	const name = cmd?.split('/').pop() ?? '';
	if (name === 'echo') return run.end >= run.start ? [echoText(rest)] : [];
	if (name === 'stress') return [stressStart(rest)];
	if (name === 'perl') {
		const digits = /bpi\((\d+)\)/.exec(argv.join(' '));
		// The program prints once it has computed the digits, just before it exits.
		if (digits && run.end - run.start >= INLINE_PROGRAM_MS) return [bpi(Number(digits[1]))];
	}
	return (run.end >= run.start && shortCommandOutput(argv, ctx, run.start)) || [];
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
