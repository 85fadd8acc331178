/**
 * The programs a script runs that need no network and no clock of their own, as both shells of
 * the lab run them (`kubectl exec`, and a container's own `sh -c` program): echo, printf, seq,
 * and the short commands of ../kubernetes/kubelet/short-commands.ts (`date`, `hostname`,
 * `printenv`, `cat FILE`…) in the image's dialect — busybox's applets or Debian's coreutils.
 */
import type { OutputChunk } from '../types';
import type { ImageTools } from '../images/executables';
import { shortCommandOutput, type LogContext } from '../kubernetes/kubelet/short-commands';
import { Unsupported } from './syntax';

/** What a program wrote and how it ended (the shape of exec's tool results). */
export interface ProgramResult {
	out: string;
	err: string;
	code: number;
	/** Both streams in the order they were written, when it matters (else stdout, then stderr). */
	chunks?: readonly OutputChunk[];
}

/** The container a program runs in, at lab time `now`. */
export interface ProgramWorld {
	readonly tools: ImageTools;
	readonly ctx: LogContext;
	readonly now: number;
}

/** Debian's / as `ls` prints it off a terminal; the nginx image adds its entrypoint. */
const DEBIAN_ROOT =
	'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var'.split(' ');
const NGINX_ROOT = [...DEBIAN_ROOT, 'docker-entrypoint.d', 'docker-entrypoint.sh'].sort();

export const ok = (out = ''): ProgramResult => ({ out, err: '', code: 0 });

const lines = (l: readonly string[]): ProgramResult => ok(l.map((x) => `${x}\n`).join(''));

/** busybox/bash echo: `-n` drops the newline, `-e` reads backslash escapes. */
export function echo(args: readonly string[]): string {
	let newline = true;
	let escapes = false;
	let i = 0;
	while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
		if (args[i]!.includes('n')) newline = false;
		if (args[i]!.includes('e')) escapes = true;
		i++;
	}
	let text = args.slice(i).join(' ');
	if (escapes) text = backslashes(text);
	return newline ? `${text}\n` : text;
}

function backslashes(text: string): string {
	return text.replace(/\\([nt\\])/g, (_, c: string) =>
		c === 'n' ? '\n' : c === 't' ? '\t' : '\\'
	);
}

/**
 * printf FORMAT [ARG…] (POSIX XCU printf): `%s`, `%d`, `%%` and backslash escapes; the format
 * is reused while arguments remain.
 */
export function printf(args: readonly string[]): ProgramResult {
	const [format, ...rest] = args;
	if (format === undefined)
		return { out: '', err: 'printf: usage: printf format [arguments]\n', code: 2 };
	if (/%[^sd%]/.test(format.replace(/%%/g, ''))) throw new Unsupported(`printf ${format}`);
	let out = '';
	let k = 0;
	do {
		out += backslashes(format).replace(/%([sd%])/g, (_, c: string) => {
			if (c === '%') return '%';
			const a = rest[k++] ?? '';
			return c === 'd' ? String(Number(a) || 0) : a;
		});
	} while (k > 0 && k < rest.length);
	return ok(out);
}

/** `seq LAST`, `seq FIRST LAST`, `seq FIRST STEP LAST`. */
function seq(args: readonly string[]): ProgramResult {
	const n = args.map(Number);
	if (n.length === 0 || n.length > 3 || n.some((x) => !Number.isFinite(x)))
		throw new Unsupported(`seq ${args.join(' ')}`);
	const [first, step, last] =
		n.length === 1
			? [1, 1, n[0]!]
			: n.length === 2
				? [n[0]!, 1, n[1]!]
				: (n as [number, number, number]);
	if (step === 0 || Math.abs((last - first) / step) > 10_000)
		throw new Unsupported(`seq ${args.join(' ')}`);
	const out: number[] = [];
	for (let x = first; step > 0 ? x <= last : x >= last; x += step) out.push(x);
	return lines(out.map(String));
}

/**
 * Runs a program that needs neither network nor time; undefined when it is not one of them.
 * Throws Unsupported for a known program's use the lab cannot answer truthfully.
 */
export function basicProgram(
	argv: readonly string[],
	world: ProgramWorld
): ProgramResult | undefined {
	const [path, ...args] = argv as [string, ...string[]];
	const name = path.split('/').pop() ?? path;
	const debian = world.tools.toolbox === 'debian';
	switch (name) {
		case 'echo':
			return ok(echo(args));
		case 'printf':
			return printf(args);
		case 'true':
			return ok();
		case 'false':
			return { out: '', err: '', code: 1 };
		case 'seq':
			return seq(args);
		case 'hostname':
			if (args.includes('-i')) return lines([world.ctx.pod.status?.podIP ?? '']);
			break;
		case 'ls':
		case 'id':
			// Their output depends on the image's make-up, which the lab knows only for some.
			if (world.tools.toolbox === 'unknown')
				throw new Unsupported(`${argv.join(' ')} in an image the lab does not know`);
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
				if (!isMountedDir(world.ctx, missing))
					throw new Unsupported(`cat ${missing} (a file the lab does not know)`);
				const err = debian
					? `cat: ${missing}: No such file or directory\n`
					: `cat: can't open '${missing}': No such file or directory\n`;
				return { out: '', err, code: 1 };
			}
			// cat copies each file's bytes as they are (coreutils cat.c simple_cat, busybox
			// bb_copyfd_eof): no newline is added after a file that has none (a ConfigMap or
			// Secret key's value usually has none). Options (-n, -A…) take the lines path below.
			if (args.every((a) => !a.startsWith('-')))
				return ok(args.map((f) => world.ctx.readFile(f) ?? '').join(''));
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
	return printed === undefined ? undefined : lines(printed);
}

/** Whether `path` lies in a ConfigMap/Secret volume: there, a missing key is a missing file. */
export function isMountedDir(ctx: LogContext, path: string): boolean {
	const volumes = ctx.pod.spec?.volumes ?? [];
	return (ctx.container.volumeMounts ?? []).some((m) => {
		const v = volumes.find((x) => x.name === m.name);
		return (
			(v?.configMap !== undefined || v?.secret !== undefined) &&
			path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)
		);
	});
}
