/**
 * The programs of the learner's own machine that a console line pipes kubectl's or docker's
 * output through (`kubectl get pods | grep web`, `echo -n admin | base64`,
 * `printf secret | docker secret create db -`): GNU coreutils and grep as a Linux terminal has
 * them — the text programs the containers' shell pipes through too (../shell/text-programs.ts),
 * reading the pipe (or the lab's files) and writing their usual output. What they cannot do
 * here is refused as not simulated.
 */
import { isTextProgram, runText, type TextResult } from '../shell/text-programs';
import { Unsupported } from '../shell/syntax';

export type LocalResult = TextResult;

/** Programs people pipe through that the lab does not run (an honest refusal, not "not found"). */
const NOT_SIMULATED = new Set(['jq', 'yq', 'sed', 'tr', 'xargs', 'column', 'less', 'more', 'tee']);

export function isLocalProgram(name: string): boolean {
	return isTextProgram(name) || NOT_SIMULATED.has(name);
}

/** Runs `name`, or undefined when it is no program of the learner's machine the lab knows. */
export function runLocal(
	name: string,
	args: readonly string[],
	stdin: string,
	readFile: (path: string) => string | undefined
): LocalResult | undefined {
	if (NOT_SIMULATED.has(name))
		return {
			out: '',
			err: `lab: \`${name}\` is not simulated in the lab console\n`,
			code: 1
		};
	if (!isTextProgram(name)) return undefined;
	try {
		return runText(name, args, stdin, readFile);
	} catch (e) {
		if (!(e instanceof Unsupported)) throw e;
		// awk programs beyond one print rule, tr's rarer sets.
		const what = name === 'awk' ? 'only `awk {print …}`' : `\`${name} ${args.join(' ')}\``;
		return {
			out: '',
			err: `lab: ${what} is simulated in the lab console\n`.replace(
				'is simulated',
				name === 'awk' ? 'is simulated' : 'is not simulated'
			),
			code: 1
		};
	}
}
