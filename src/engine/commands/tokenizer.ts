// Split a console line into argv words the way a POSIX shell would, minus every kind of
// expansion: learners paste commands from docs and blogs, so quoting must behave like bash. A
// pipeline (`A | B`) is split into its commands (../commands/run.ts runs them in turn); other
// operators (redirections, lists, command substitution) are refused with a clear message.

/** Result of {@link tokenize}: the words, or an error message in bash's words where one exists. */
export type TokenizeResult = { ok: true; words: string[] } | { ok: false; error: string };

const UNSUPPORTED = 'pipes, redirections and command lists are not supported in the lab console: ';

// Two-character operators are named whole so the message shows what the user actually typed.
const TWO_CHAR_OPERATORS = new Set([
	'||',
	'|&',
	'&&',
	'&>',
	';;',
	'>>',
	'>&',
	'>|',
	'<<',
	'<&',
	'<>'
]);

function unsupported(op: string): { ok: false; error: string } {
	return { ok: false, error: UNSUPPORTED + '`' + op + '`' };
}

function operatorAt(line: string, i: number): string {
	const pair = line.slice(i, i + 2);
	return TWO_CHAR_OPERATORS.has(pair) ? pair : line.charAt(i);
}

/**
 * Split one command line into words: blanks separate words, `'…'` is literal, `"…"` honours
 * `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the next character, and `#`
 * at the start of a word starts a comment. Never throws; runs in linear time.
 */
export function tokenize(line: string): TokenizeResult {
	const split = splitLine(line, false);
	return split.ok ? { ok: true, words: split.stages[0] ?? [] } : split;
}

/** Result of {@link tokenizePipeline}: each command's words, or bash's error. */
export type PipelineResult = { ok: true; stages: string[][] } | { ok: false; error: string };

/**
 * A line that may be a pipeline, `A | B | C`: each command's words, split as {@link tokenize}
 * splits one. `||`, `|&` and every other operator are still refused.
 */
export function tokenizePipeline(line: string): PipelineResult {
	return splitLine(line, true);
}

function splitLine(line: string, pipes: boolean): PipelineResult {
	// Control characters would be invisible in the transcript (and a newline would really be a
	// second command), so they are refused up front, wherever they are.
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c < 0x20 && c !== 0x09) {
			const hex = c.toString(16).toUpperCase().padStart(4, '0');
			return { ok: false, error: `invalid character U+${hex} in command line` };
		}
	}

	const stages: string[][] = [];
	let words: string[] = [];
	let word = '';
	// A word can be empty (`''`), so "are we inside a word" is tracked apart from its text.
	let inWord = false;
	let i = 0;
	const n = line.length;

	while (i < n) {
		const c = line.charAt(i);
		switch (c) {
			case ' ':
			case '\t':
				if (inWord) words.push(word);
				word = '';
				inWord = false;
				i++;
				break;
			case '#':
				if (!inWord) return endOfLine(stages, words);
				word += c;
				i++;
				break;
			case "'": {
				const close = line.indexOf("'", i + 1);
				if (close < 0) {
					return { ok: false, error: "unexpected EOF while looking for matching `''" };
				}
				word += line.slice(i + 1, close);
				inWord = true;
				i = close + 1;
				break;
			}
			case '"': {
				let j = i + 1;
				let closed = false;
				while (j < n) {
					const d = line.charAt(j);
					if (d === '"') {
						closed = true;
						break;
					}
					if (d === '\\') {
						const e = line.charAt(j + 1);
						if (e === '"' || e === '\\' || e === '$' || e === '`') {
							word += e;
							j += 2;
						} else {
							// Inside double quotes any other backslash is an ordinary character.
							word += d;
							j++;
						}
						continue;
					}
					// bash would run a command substitution even inside double quotes; taking it
					// literally would silently differ, so it is refused here too.
					if (d === '`') return unsupported('`');
					if (d === '$' && line.charAt(j + 1) === '(') return unsupported('$(');
					word += d;
					j++;
				}
				if (!closed) {
					return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
				}
				inWord = true;
				i = j + 1;
				break;
			}
			case '\\':
				if (i + 1 >= n) return { ok: false, error: 'unexpected EOF after backslash' };
				word += line.charAt(i + 1);
				inWord = true;
				i += 2;
				break;
			case '|': {
				const op = operatorAt(line, i);
				if (!pipes || op !== '|') return unsupported(op);
				if (inWord) words.push(word);
				if (words.length === 0) return PIPE_SYNTAX;
				stages.push(words);
				words = [];
				word = '';
				inWord = false;
				i++;
				break;
			}
			case ';':
			case '&':
			case '<':
			case '>':
			case '`':
				return unsupported(operatorAt(line, i));
			case '$':
				if (line.charAt(i + 1) === '(') return unsupported('$(');
				word += c;
				inWord = true;
				i++;
				break;
			default:
				word += c;
				inWord = true;
				i++;
		}
	}
	if (inWord) words.push(word);
	return endOfLine(stages, words);
}

/** bash's answer to a pipe with no command on one side. */
const PIPE_SYNTAX: PipelineResult = {
	ok: false,
	error: "syntax error near unexpected token `|'"
};

function endOfLine(stages: string[][], words: string[]): PipelineResult {
	// `A |` with nothing after: bash waits for more input; a console line ends there.
	if (stages.length > 0 && words.length === 0) return PIPE_SYNTAX;
	return { ok: true, stages: [...stages, words] };
}
