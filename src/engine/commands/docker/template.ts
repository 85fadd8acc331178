/**
 * The part of Go's text/template that `--format` strings use in practice: `{{.Field}}`,
 * `{{json .}}`, `{{json .Field}}`, `{{if .Field}}…{{else}}…{{end}}`, a leading `table` for a
 * header row, and `\t` / `\n` escapes. Anything else is refused with docker's
 * `template parsing error`, never evaluated.
 */
import { dockerJsonLine } from '../json';

type Node =
	| { kind: 'text'; text: string }
	| { kind: 'field'; field?: string; json: boolean }
	| { kind: 'if'; field: string; then: Node[]; otherwise: Node[] };

export type Template =
	| { ok: true; table: boolean; render: (row: Record<string, unknown>) => string; header: string }
	| { ok: false; error: string };

const ACTION = /\{\{-?\s*(.*?)\s*-?\}\}/gs;

function parse(text: string, fields: ReadonlySet<string>): Node[] | string {
	const root: Node[] = [];
	// Each open {{if}} keeps where its branches go.
	const stack: { node: Extract<Node, { kind: 'if' }>; inElse: boolean }[] = [];
	const out = () => {
		const top = stack[stack.length - 1];
		return top === undefined ? root : top.inElse ? top.node.otherwise : top.node.then;
	};
	if (text.replace(ACTION, '').includes('{{')) {
		return 'template parsing error: template: :1: unclosed action';
	}
	let last = 0;
	for (const m of text.matchAll(ACTION)) {
		if (m.index! > last) out().push({ kind: 'text', text: text.slice(last, m.index) });
		last = m.index! + m[0].length;
		const action = m[1]!;
		let f: RegExpExecArray | null;
		const unknown = (field: string) =>
			`template: :1:${m.index! + 3}: executing "" at <.${field}>: can't evaluate field ${field} in type formatter.SubContext`;
		if ((f = /^(json\s+)?\.([A-Za-z]\w*)?$/.exec(action))) {
			if (f[2] !== undefined && !fields.has(f[2])) return unknown(f[2]);
			out().push({ kind: 'field', field: f[2], json: f[1] !== undefined });
		} else if ((f = /^if\s+\.([A-Za-z]\w*)$/.exec(action))) {
			if (!fields.has(f[1]!)) return unknown(f[1]!);
			const node: Node = { kind: 'if', field: f[1]!, then: [], otherwise: [] };
			out().push(node);
			stack.push({ node, inElse: false });
		} else if (action === 'else' && stack.length > 0 && !stack[stack.length - 1]!.inElse) {
			stack[stack.length - 1]!.inElse = true;
		} else if (action === 'end' && stack.length > 0) {
			stack.pop();
		} else {
			return `template parsing error: template: :1: unexpected "${m[0].slice(0, 40)}" in command`;
		}
	}
	if (stack.length > 0) return 'template parsing error: template: :1: unexpected EOF';
	if (last < text.length) out().push({ kind: 'text', text: text.slice(last) });
	return root;
}

function truthy(v: unknown): boolean {
	return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

function render(nodes: readonly Node[], row: Record<string, unknown>, header: boolean): string {
	let s = '';
	for (const n of nodes) {
		if (n.kind === 'text') s += n.text;
		else if (n.kind === 'if') s += render(truthy(row[n.field]) ? n.then : n.otherwise, row, header);
		else {
			const value = n.field === undefined ? row : row[n.field];
			if (header) s += typeof value === 'string' ? value : '';
			else if (n.json) s += dockerJsonLine(value);
			else s += typeof value === 'string' ? value : String(value);
		}
	}
	return s;
}

/** `headers` maps each field the formatter has to its column title ('' for none). */
export function compileTemplate(
	format: string,
	headers: Readonly<Record<string, string>>
): Template {
	let text = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
	const table = text.startsWith('table ') || text === 'table';
	if (table) text = text.slice(6);
	const nodes = parse(text, new Set(Object.keys(headers)));
	if (typeof nodes === 'string') return { ok: false, error: nodes + '\n' };
	// The header row is the template run over a context of column titles; docker leaves
	// boolean fields such as Self out of it, so `{{if .Self}}` takes its else branch there.
	const titles = Object.fromEntries(Object.entries(headers).filter(([, t]) => t !== ''));
	return {
		ok: true,
		table,
		render: (row) => render(nodes, row, false),
		header: render(nodes, titles, true)
	};
}
