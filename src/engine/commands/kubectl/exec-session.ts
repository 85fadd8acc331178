/**
 * One exec session, shared by `kubectl exec` and `docker exec` once their own checks passed: the
 * runtime's refusal of a program the image lacks, the lab's refusal of an interactive shell,
 * then the command's run and its streams in the order they were written.
 */
import { hasProgram } from '../../images/executables';
import type { CommandResult } from '../context';
import { TerminalWriter } from '../terminal';
import { runProgram, type ShellWorld } from './exec-shell';
import { NotSimulated, chunksOf } from './exec-tools';

const SHELLS = /^(sh|bash|ash|dash|zsh)$/;

/** Whether `program` (a name or a path) is a shell, which with no script reads commands from stdin. */
export function isShell(program: string): boolean {
	return SHELLS.test(program.split('/').pop() ?? program);
}

/** The lab's note for `sh` alone; `prefix` is how the CLI runs one command (`kubectl exec POD --`). */
function interactiveNote(prefix: string): string {
	return (
		'lab: interactive shells are not simulated: the console sends no keystrokes to the container.\n' +
		`     Run one command at a time instead, e.g. ${prefix} hostname,\n` +
		`     or ${prefix} sh -c 'wget -qO- http://SERVICE'\n`
	);
}

/** runc's reason for a program the image lacks (libcontainer/standard_init / exec.LookPath). */
export function missingProgram(program: string): string {
	return program.includes('/')
		? `exec: "${program}": stat ${program}: no such file or directory`
		: `exec: "${program}": executable file not found in $PATH`;
}

export interface Session {
	/** How the CLI reports the runtime's refusal, given runc's reason. */
	runtimeError(reason: string): string;
	/** kubectl says `command terminated with exit code N`; docker says nothing. */
	exitMessage(code: number): string;
	/** How one runs a command with this CLI, for the lab's notes: `kubectl exec POD --`. */
	example: string;
	/** The CLI's own words for a part the lab does not simulate. */
	notSimulated(what: string): string;
	/** Whether stdin is attached (-i): without it a shell reads end-of-file and exits 0 at once. */
	stdin: boolean;
}

/** Runs `command` in the container `world` describes; `notes` go to stderr first. */
export function runSession(
	command: readonly string[],
	world: ShellWorld,
	session: Session,
	notes: string
): CommandResult {
	const fail = (text: string): CommandResult => ({ ok: false, output: '', error: notes + text });
	const program = command[0]!;
	if (hasProgram(world.tools, program) === false)
		return fail(session.runtimeError(missingProgram(program)));
	// `sh -c SCRIPT`, `sh -exc SCRIPT`: a script; any other shell line reads its commands from stdin.
	if (isShell(program) && !command.slice(1).some((a) => /^-[a-z]*c[a-z]*$/.test(a))) {
		if (!session.stdin) return { ok: true, output: '', ...(notes !== '' ? { error: notes } : {}) };
		return fail(interactiveNote(session.example));
	}
	const net = world.net.net;
	let result;
	try {
		result = runProgram(command, world);
	} catch (e) {
		if (!(e instanceof NotSimulated)) throw e;
		// Connections made before the refusal moved the proxy's state: replay the line too.
		return {
			...fail(
				session.notSimulated(e.message) +
					'(inside containers the lab runs: echo, env, printenv, hostname, date, id, whoami, uname, pwd,\n' +
					' seq, cat of the files it knows, ls /, wget, curl, nslookup, and sh -c with ; && || | for)\n'
			),
			mutates: net.usedProxy
		};
	}
	const io = new TerminalWriter();
	io.err(notes);
	for (const c of chunksOf(result)) {
		if (c.stream === 'stdout') io.out(c.text);
		else io.err(c.text);
	}
	if (result.code !== 0) io.err(session.exitMessage(result.code));
	// Choosing an endpoint moved the proxy's state: time travel must replay this line.
	return { ...io.result(result.code === 0), mutates: net.usedProxy };
}
