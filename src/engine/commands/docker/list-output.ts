/**
 * What a docker `ls` command prints for its rows and `--format` (cli/command/formatter): `json`
 * is one JSON object a line; no format, `table` or `` is the command's default table; any other
 * template is rendered per row, with a header row and tabwriter columns when it starts with
 * `table`.
 */
import { fail, ok, type CommandResult } from '../context';
import { dockerJsonLine } from '../json';
import { DOCKER_TABLE, tabwrite } from '../tabwriter';
import { compileTemplate } from './template';

export function listOutput(
	rows: readonly Record<string, unknown>[],
	format: string | undefined,
	defaultTable: string,
	headers: Readonly<Record<string, string>>
): CommandResult {
	if (format === 'json') return ok(rows.map((r) => dockerJsonLine(r) + '\n').join(''));
	const text = format === undefined || format === '' || format === 'table' ? defaultTable : format;
	const template = compileTemplate(text, headers);
	if (!template.ok) return fail(template.error);
	const lines = rows.map((r) => template.render(r));
	if (!template.table) return ok(lines.map((l) => l + '\n').join(''));
	return ok(tabwrite([template.header, ...lines].map((l) => l + '\n').join(''), DOCKER_TABLE));
}
