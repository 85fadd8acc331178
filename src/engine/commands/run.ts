/** One command line in, one answer out: tokenise, then hand the words to kubectl, docker or sim. */
import { fail, ok, type CommandContext, type CommandResult } from './context';
import { docker } from './docker/index';
import { kubectl } from './kubectl/index';
import { SIM_HELP, sim } from './sim';
import { tokenize } from './tokenizer';

/** Longer lines are refused before tokenising: no real command is this long. */
export const MAX_LINE_LENGTH = 100_000;

export function runLine(ctx: CommandContext, line: string): CommandResult {
	if (line.length > MAX_LINE_LENGTH) {
		return fail(`lab: line too long (${line.length} characters, at most ${MAX_LINE_LENGTH})`);
	}
	const tokens = tokenize(line);
	if (!tokens.ok) return fail(`lab: ${tokens.error}`);
	const [program, ...rest] = tokens.words;
	switch (program) {
		case undefined:
			return ok();
		case 'kubectl':
			return kubectl(ctx, rest);
		case 'docker':
			return docker(ctx, rest);
		case 'sim':
			return sim(ctx, rest);
		case 'help':
			return ok(HELP);
		default:
			return fail(`${printable(program)}: command not found`);
	}
}

/** Keeps an echoed word on one line and free of terminal escapes. */
function printable(word: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
	const clean = word.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
	return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

const HELP = `Orchestra Lab console. Three programs drive the lab:
  kubectl ...   the Kubernetes CLI (kubectl help)
  docker ...    the Docker CLI: images, and swarm mode (docker help)
  sim ...       the simulation itself (below)

${SIM_HELP}`;
