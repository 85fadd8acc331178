/**
 * Dockerfile syntax as BuildKit's parser reads it (moby/buildkit frontend/dockerfile/parser):
 * a parser directive may set the escape character; `#` lines are comments (also inside a
 * continued instruction); a line ending in the escape character continues on the next; the
 * instruction word is case-insensitive. The result keeps each instruction's lines, so errors
 * can quote the Dockerfile the way BuildKit does (solver/errdefs/source.go).
 */

export interface Instruction {
	/** The instruction word, upper-case: FROM, RUN, COPY … */
	keyword: string;
	/** What follows the word, continuation lines joined (the escape and line break removed). */
	args: string;
	/** `--name=value` flags at the start of args (COPY --from=build, FROM --platform=…). */
	flags: Record<string, string>;
	/** args without those flags. */
	rest: string;
	/** First and last line of the instruction in the file (1-based). */
	line: number;
	endLine: number;
}

export interface DockerfileError {
	/** The lines to quote, or undefined for an error about the whole file. */
	line?: number;
	endLine?: number;
	message: string;
}

export type ParsedDockerfile =
	{ ok: true; instructions: Instruction[] } | { ok: false; error: DockerfileError };

/** The instructions BuildKit knows (frontend/dockerfile/command/command.go). */
export const INSTRUCTIONS = [
	'ADD',
	'ARG',
	'CMD',
	'COPY',
	'ENTRYPOINT',
	'ENV',
	'EXPOSE',
	'FROM',
	'HEALTHCHECK',
	'LABEL',
	'MAINTAINER',
	'ONBUILD',
	'RUN',
	'SHELL',
	'STOPSIGNAL',
	'USER',
	'VOLUME',
	'WORKDIR'
];

export function parseDockerfile(text: string): ParsedDockerfile {
	const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
	const escape = escapeDirective(lines);
	const continues = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
	const instructions: Instruction[] = [];
	let i = 0;
	while (i < lines.length) {
		const first = lines[i]!.trimStart();
		if (first === '' || first.startsWith('#')) {
			i++;
			continue;
		}
		const start = i;
		let joined = '';
		let line = first;
		for (;;) {
			if (!continues.test(line)) {
				joined += line;
				break;
			}
			joined += line.replace(continues, '');
			i++;
			// Comment and empty lines inside a continued instruction are skipped.
			while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!)) i++;
			if (i >= lines.length) break;
			line = lines[i]!;
		}
		const m = /^(\S+)\s*([\s\S]*)$/.exec(joined)!;
		const word = m[1]!;
		const args = m[2]!.trim();
		const keyword = word.toUpperCase();
		const at = { line: start + 1, endLine: Math.min(i, lines.length - 1) + 1 };
		if (!INSTRUCTIONS.includes(keyword)) {
			const guess = suggest(word);
			return {
				ok: false,
				error: {
					...at,
					message: `dockerfile parse error on line ${at.line}: unknown instruction: ${word}${guess === undefined ? '' : ` (did you mean ${guess}?)`}`
				}
			};
		}
		const { flags, rest } = splitFlags(args);
		const problem = argumentError(keyword, rest);
		if (problem !== undefined) {
			return {
				ok: false,
				error: { ...at, message: `dockerfile parse error on line ${at.line}: ${problem}` }
			};
		}
		instructions.push({ keyword, args, flags, rest, ...at });
		i++;
	}
	if (instructions.length === 0) {
		return { ok: false, error: { message: 'the Dockerfile cannot be empty' } };
	}
	const firstStage = instructions.find((ins) => ins.keyword !== 'ARG');
	if (firstStage === undefined || firstStage.keyword !== 'FROM') {
		return { ok: false, error: { message: 'no build stage in current context' } };
	}
	return { ok: true, instructions };
}

/** `# escape=\`` among the leading comment lines (parser directives). */
function escapeDirective(lines: readonly string[]): string {
	for (const l of lines) {
		const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
		if (m === null) break;
		if (m[1]!.toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
	}
	return '\\';
}

function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
	const flags: Record<string, string> = {};
	let rest = args;
	for (;;) {
		const m = /^--([a-zA-Z-]+)(?:=(\S*))?\s*/.exec(rest);
		if (m === null) break;
		flags[m[1]!] = m[2] ?? 'true';
		rest = rest.slice(m[0].length);
	}
	return { flags, rest };
}

/** The argument checks of instructions/parse.go that a learner meets. */
function argumentError(keyword: string, rest: string): string | undefined {
	const words = rest.split(/\s+/).filter((w) => w !== '');
	switch (keyword) {
		case 'FROM':
			return words.length === 1 || (words.length === 3 && words[1]!.toLowerCase() === 'as')
				? undefined
				: 'FROM requires either one or three arguments';
		case 'COPY':
		case 'ADD':
			if (rest.startsWith('[')) return undefined;
			return words.length < 2
				? `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`
				: undefined;
		case 'RUN':
		case 'EXPOSE':
		case 'HEALTHCHECK':
		case 'LABEL':
		case 'ARG':
		case 'ENV':
		case 'VOLUME':
		case 'STOPSIGNAL':
			return words.length === 0 ? `${keyword} requires at least one argument` : undefined;
		case 'WORKDIR':
		case 'USER':
			return words.length === 0 ? `${keyword} requires exactly one argument` : undefined;
		default:
			return undefined;
	}
}

/**
 * BuildKit's "did you mean" (util/suggest): the closest instruction by edit distance, when it
 * is close enough for the word's length.
 */
function suggest(word: string): string | undefined {
	const w = word.toUpperCase();
	const limit = w.length > 3 ? 2 : 1;
	let best: string | undefined;
	let bestDistance = limit + 1;
	for (const name of INSTRUCTIONS) {
		const d = levenshtein(w, name);
		if (d < bestDistance) {
			best = name;
			bestDistance = d;
		}
	}
	return best;
}

function levenshtein(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
		}
		prev = cur;
	}
	return prev[b.length]!;
}

/**
 * CMD/ENTRYPOINT/RUN: the JSON exec form (`["nginx","-g","daemon off;"]`), or the shell form
 * run by `/bin/sh -c`. Text that is not a JSON array of strings is the shell form, as in
 * BuildKit.
 */
export function commandForm(rest: string): string[] {
	const text = rest.trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) {
				return parsed as string[];
			}
		} catch {
			// Not JSON: the shell form below.
		}
	}
	return ['/bin/sh', '-c', text];
}

/**
 * The quoted source BuildKit prints above a Dockerfile error (solver/errdefs/source.go
 * `Print`): the file name and first line, then the lines around the error with `>>>` marks.
 */
export function quoteSource(
	filename: string,
	text: string,
	startLine: number,
	endLine: number
): string {
	const lines = text.split('\n');
	let start = startLine;
	let end = Math.min(endLine, lines.length);
	const pad = end === start ? 4 : 2;
	let p = 0;
	while (p < pad) {
		if (start > 1) {
			start--;
			p++;
		}
		if (end !== lines.length) {
			end++;
			p++;
		}
		p++;
	}
	let out = `${filename}:${startLine}\n--------------------\n`;
	for (let i = start; i <= end; i++) {
		const mark = i >= startLine && i <= endLine ? '>>>' : '   ';
		out += ` ${String(i).padStart(3)} | ${mark} ${lines[i - 1]!.replace(/\r$/, '')}\n`;
	}
	return out + '--------------------\n';
}
