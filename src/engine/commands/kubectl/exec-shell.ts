/**
 * The commands `kubectl exec` runs inside a container: one program, or a `sh -c` script run by
 * the lab's one shell (../../shell/: the same language a container's own script is run in),
 * here with no time passing — `sleep` returns at once, the clock moves only with `sim advance`.
 * The programs print what ../../shell/programs.ts and ./exec-tools.ts make; a program the
 * image lacks is the shell's "not found" (127). What the lab does not simulate (writing files,
 * background jobs, other programs) throws NotSimulated.
 */
import type { ImageTools } from '../../images/executables';
import { hasProgram } from '../../images/executables';
import type { LogContext } from '../../kubernetes/kubelet/short-commands';
import { Interpreter, shellIdentity, type ShellHost } from '../../shell/interpreter';
import { basicProgram } from '../../shell/programs';
import { parseScript, ShellSyntaxError, Unsupported } from '../../shell/syntax';
import { shellInvocation } from '../../shell/invocation';
import { TerminalWriter } from '../terminal';
import { NotSimulated, curl, nslookup, wget, type ToolResult, type ToolWorld } from './exec-tools';
import { serverCommand } from './exec-servers';

export { shellIdentity };

export interface ShellWorld {
	readonly tools: ImageTools;
	/** The container's environment and files (pod, container, env, readFile). */
	readonly ctx: LogContext;
	readonly now: number;
	readonly net: ToolWorld;
}

/** How many commands one exec may run (a stated lab limit: a command line must return). */
const MAX_COMMANDS = 10_000;

/** Runs one program (no shell around it): the lab's tools and short commands. */
export function runProgram(argv: readonly string[], world: ShellWorld): ToolResult {
	try {
		return program(argv, world);
	} catch (e) {
		if (e instanceof Unsupported) throw new NotSimulated(e.message);
		throw e;
	}
}

function program(argv: readonly string[], world: ShellWorld): ToolResult {
	const [path, ...args] = argv as [string, ...string[]];
	switch (path.split('/').pop() ?? path) {
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
		case 'sleep':
			// The command line returns at once: the lab's clock moves only with `sim advance`.
			return { out: '', err: '', code: 0 };
		default: {
			// A server image's own binary (`nginx -v`, ./exec-servers.ts), else a basic program.
			const r = serverCommand(argv, world) ?? basicProgram(argv, world);
			if (r === undefined) throw new NotSimulated(argv.join(' '));
			return r;
		}
	}
}

/** `sh -c SCRIPT` (and bash, ash, dash); `sh` alone is an interactive shell, refused by the caller. */
function runShell(argv: readonly string[], world: ShellWorld): ToolResult {
	const call = shellInvocation(argv);
	if (call === undefined) throw new NotSimulated(`${argv.join(' ')} (only "sh -c SCRIPT")`);
	const io = new TerminalWriter();
	const budget = { left: MAX_COMMANDS };
	const host: ShellHost = {
		shell: shellIdentity(call.argv0, world.tools),
		has: (name) => hasProgram(world.tools, name),
		run: (words) => program(words, world),
		readFile: (path) => world.ctx.readFile(path),
		env: (name) => {
			const line = world.ctx.env.find((l) => l.startsWith(`${name}=`));
			return line?.slice(name.length + 1);
		},
		tick: () => {
			if (--budget.left < 0)
				throw new NotSimulated(`scripts that run more than ${MAX_COMMANDS} commands`);
		},
		write: (stream, text) => (stream === 'stdout' ? io.out(text) : io.err(text)),
		writeFile: () => {
			throw new NotSimulated('redirections to files');
		},
		files: {
			exists: (path) => (world.ctx.readFile(path) !== undefined ? true : undefined),
			isDir: () => undefined
		},
		background: () => {
			throw new NotSimulated('background jobs (&)');
		},
		wait: () => undefined
	};
	let code: number;
	try {
		const shell = new Interpreter(host);
		// `sh -c SCRIPT NAME ARGS…`: $0 is NAME (else the shell's own name), $1… the ARGS.
		shell.setPositional(call.positional);
		shell.setOptions(call.options);
		code = shell.script(parseScript(call.script));
	} catch (e) {
		// The shells' own syntax-error texts differ; the lab does not pretend to know them.
		if (e instanceof ShellSyntaxError) throw new NotSimulated(`this script (${e.message})`);
		throw e;
	}
	const written = io.result(code === 0);
	return {
		out: written.output,
		err: written.error ?? '',
		code,
		chunks: written.interleaved ?? []
	};
}
