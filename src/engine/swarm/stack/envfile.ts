/**
 * `env_file:` files, read like docker/cli opts/file.go parseKeyValueFile (opts.ParseEnvFile):
 * one `NAME=value` a line, leading blanks trimmed, `#` comment lines, a bare `NAME` taken from
 * the client's environment (and dropped when unset), the value passed through untrimmed.
 */
import type { Lookup } from './template';

export type EnvFileResult = { ok: true; lines: string[] } | { ok: false; error: string };

const BLANKS = ' \t';

export function parseEnvFile(text: string, lookup: Lookup): EnvFileResult {
	const lines: string[] = [];
	const raw = text.split('\n');
	// bufio.Scanner drops the empty piece after a final newline and the `\r` of CRLF endings.
	if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
	for (let i = 0; i < raw.length; i++) {
		let scanned = (raw[i] ?? '').replace(/\r$/, '');
		if (i === 0) scanned = scanned.replace(/^\uFEFF/, '');
		const line = scanned.replace(/^\s+/u, '');
		if (line === '' || line.startsWith('#')) continue;
		const eq = line.indexOf('=');
		const variable = (eq < 0 ? line : line.slice(0, eq)).replace(/^[ \t]+/, '');
		if ([...variable].some((c) => BLANKS.includes(c))) {
			return {
				ok: false,
				error: `poorly formatted environment: variable '${variable}' contains whitespaces`
			};
		}
		if (variable === '') {
			return {
				ok: false,
				error: `poorly formatted environment: no variable name on line '${line}'`
			};
		}
		if (eq >= 0) lines.push(`${variable}=${line.slice(eq + 1)}`);
		else {
			const value = lookup(line);
			if (value !== undefined) lines.push(`${variable.trim()}=${value}`);
		}
	}
	return { ok: true, lines };
}
