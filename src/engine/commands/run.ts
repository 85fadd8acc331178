/** One command line in, one answer out: tokenise, then hand the words to kubectl, docker or sim. */
import { fail, ok, type CommandContext, type CommandResult } from './context';
import { docker } from './docker/index';
import { kubectl } from './kubectl/index';
import { labHelp } from './lab-help';
import { sim } from './sim';
import { tokenizePipeline } from './tokenizer';
import { runLocal } from './local-programs';
import { assignment, exportCommand, unsetCommand, withAssignments } from './shell-env';
import { terminalChunks } from './terminal';
import type { OutputChunk } from '../types';

/** Longer lines are refused before tokenising: no real command is this long. */
export const MAX_LINE_LENGTH = 100_000;

export function runLine(ctx: CommandContext, line: string): CommandResult {
	if (line.length > MAX_LINE_LENGTH) {
		return fail(`lab: line too long (${line.length} characters, at most ${MAX_LINE_LENGTH})`);
	}
	const parsed = tokenizePipeline(line);
	if (!parsed.ok) return fail(`lab: ${parsed.error}`);
	if (parsed.stages.length === 1) return runWords(ctx, parsed.stages[0]!, '');
	return runPipeline(ctx, parsed.stages);
}

/**
 * `A | B | …`: each command's stdout is the next one's stdin (`-f -`, `docker secret create
 * NAME -`, or a local program's input); the line's status is the last command's, as in bash
 * without pipefail; what the commands print on stderr comes first, then the last one's output.
 */
function runPipeline(ctx: CommandContext, stages: readonly string[][]): CommandResult {
	let stdin = '';
	let mutates = false;
	const stderr: OutputChunk[] = [];
	let last: CommandResult = ok();
	for (let i = 0; i < stages.length; i++) {
		const piped = i === 0 ? ctx : withStdin(ctx, stdin);
		const result = runWords(piped, stages[i]!, stdin);
		mutates ||= result.mutates === true;
		if (i === stages.length - 1) last = result;
		else {
			stdin = result.output;
			if (result.error) stderr.push({ stream: 'stderr', text: result.error });
		}
	}
	if (stderr.length === 0) return { ...last, mutates };
	const interleaved = [...stderr, ...terminalChunks(last)];
	const error = interleaved.filter((c) => c.stream === 'stderr').map((c) => c.text);
	return { ok: last.ok, output: last.output, error: error.join(''), interleaved, mutates };
}

/** The context a piped command runs in: reading `-` reads the pipe. */
function withStdin(ctx: CommandContext, stdin: string): CommandContext {
	return { ...ctx, readFile: (path) => (path === '-' ? stdin : ctx.readFile(path)) };
}

function runWords(ctx: CommandContext, words: readonly string[], stdin: string): CommandResult {
	// `NAME=value COMMAND`: bash's assignments for one command (./shell-env.ts).
	let lead = 0;
	while (lead < words.length - 1 && assignment(words[lead]!) !== undefined) lead++;
	if (lead > 0) {
		const pairs = words.slice(0, lead).map((w) => assignment(w)!);
		return withAssignments(ctx, pairs, () => runWords(ctx, words.slice(lead), stdin));
	}
	const [program, ...rest] = words;
	switch (program) {
		case 'export':
			return exportCommand(ctx, rest);
		case 'unset':
			return unsetCommand(ctx, rest);
		case undefined:
			return ok();
		case 'kubectl':
			return kubectl(ctx, rest);
		case 'docker':
			return docker(ctx, rest);
		case 'sim':
			return sim(ctx, rest);
		case 'help':
			return ok(labHelp(ctx.lang));
		default: {
			// The learner's own machine: grep, head, base64… over the pipe (./local-programs.ts).
			const local = runLocal(program, rest, stdin, (path) => ctx.readFile(path));
			if (local === undefined) return fail(`${printable(program)}: command not found`);
			return local.err === ''
				? { ok: local.code === 0, output: local.out }
				: { ok: local.code === 0, output: local.out, error: local.err };
		}
	}
}

/** Keeps an echoed word on one line and free of terminal escapes. */
function printable(word: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
	const clean = word.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
	return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}
