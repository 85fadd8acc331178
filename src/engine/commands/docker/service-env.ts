/**
 * A service's environment as `docker service create` builds it from `--env-file` and `--env`
 * (docker/cli cli/command/service/opts.go makeEnv, opts/parse.go ReadKVEnvStrings). The files
 * are read through the lab's file reader, as `-f` files are; a `NAME` line without `=` takes
 * the client's value (the learner's `export`ed shell variables) or is left out.
 */
import type { CommandContext } from '../context';
import { shellEnv } from '../shell-env';
import { validateEnv } from './service-flag-values';

// Go's unicode.IsSpace (JavaScript's \s also counts U+FEFF, which Go does not).
const LEADING_SPACE = /^[^\S\uFEFF]+/;

/**
 * pkg/kvfile parseKeyValueFile (docker 28): leading white space dropped, `#` comments and
 * blank lines skipped, a BOM dropped from the first line, a key without white space required;
 * values are kept as written, quotes and trailing spaces included.
 */
function parseEnvFile(text: string, lookup: Record<string, string>): string[] | string {
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	const out: string[] = [];
	for (const [i, raw] of lines.entries()) {
		// bufio.ScanLines drops the \r of a CRLF line end.
		let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (i === 0) line = line.replace(/^\uFEFF/, '');
		line = line.replace(LEADING_SPACE, '');
		if (line === '' || line.startsWith('#')) continue;
		const eq = line.indexOf('=');
		const key = eq < 0 ? line : line.slice(0, eq);
		if (key === '') return `no variable name on line '${line}'`;
		if (/[ \t]/.test(key)) return `variable '${key}' contains whitespaces`;
		if (eq >= 0) out.push(line);
		else if (Object.hasOwn(lookup, key)) out.push(`${key}=${lookup[key]}`);
	}
	return out;
}

/**
 * The container's Env: each file's lines, then the `--env` values; a later value of a name
 * replaces an earlier, different one (makeEnv; an identical repeat is kept, as makeEnv does).
 * The error is docker's when a file cannot be read or parsed.
 */
export function serviceEnv(
	ctx: CommandContext,
	files: readonly string[],
	env: readonly string[]
): string[] | string {
	const client = shellEnv(ctx.kernel).vars;
	const all: string[] = [];
	for (const file of files) {
		const text = ctx.readFile(file);
		if (text === undefined) {
			// kvfile.Parse: os.Open's error as it is; a folder opens, then fails to read.
			return ctx.readDir(file) !== undefined
				? `invalid env file (${file}): read ${file}: is a directory`
				: `open ${file}: no such file or directory`;
		}
		const parsed = parseEnvFile(text, client);
		if (typeof parsed === 'string') return `invalid env file (${file}): ${parsed}`;
		all.push(...parsed);
	}
	for (const v of env) {
		const checked = validateEnv(v, client);
		all.push(checked.ok ? checked.value : v);
	}
	let current: string[] = [];
	for (const e of all) {
		const key = e.split('=')[0]!;
		current = current.filter((c) => c === e || !c.startsWith(`${key}=`));
		current.push(e);
	}
	return current;
}
