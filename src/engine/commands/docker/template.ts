/**
 * The part of Go's text/template that `--format` strings use in practice: `{{.Field}}`,
 * `{{json .}}`, `{{json .Field}}`, a leading `table` for a header row, and `\t` / `\n` escapes.
 * Anything else is refused with docker's `template parsing error`, never evaluated.
 */
import { dockerJsonLine } from '../json';

export type Template =
	| { ok: true; table: boolean; render: (row: Record<string, unknown>) => string; header: string }
	| { ok: false; error: string };

const ACTION = /\{\{\s*(json\s+)?\.([A-Za-z][A-Za-z0-9]*)?\s*\}\}/g;

export function compileTemplate(format: string, headers: Readonly<Record<string, string>>): Template {
	let text = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
	const table = text.startsWith('table ') || text === 'table';
	if (table) text = text.slice(6);
	const stripped = text.replace(ACTION, '');
	if (stripped.includes('{{') || stripped.includes('}}')) {
		const at = text.indexOf('{{');
		return { ok: false, error: `template parsing error: template: :1: unexpected "${text.slice(at, at + 12)}" in command\n` };
	}
	for (const m of text.matchAll(ACTION)) {
		const field = m[2];
		if (field !== undefined && !(field in headers)) {
			return {
				ok: false,
				error: `template: :1:${(m.index ?? 0) + 3}: executing "" at <.${field}>: can't evaluate field ${field} in type formatter.SubContext\n`
			};
		}
	}
	const render = (row: Record<string, unknown>) =>
		text.replace(ACTION, (_all, json: string | undefined, field: string | undefined) => {
			const value = field === undefined ? row : row[field];
			if (json !== undefined) return dockerJsonLine(value);
			return typeof value === 'string' ? value : String(value);
		});
	const header = text.replace(ACTION, (_all, json: string | undefined, field: string | undefined) =>
		field === undefined ? '' : (headers[field] ?? field.toUpperCase())
	);
	return { ok: true, table, render, header };
}
