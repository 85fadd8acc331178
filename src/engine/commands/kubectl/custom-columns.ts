/**
 * `-o custom-columns=HEADER:PATH,…` (cli-runtime pkg/printers/customcolumn.go): one column per
 * spec, each cell the values its path finds joined by commas, `<none>` when it finds nothing,
 * through kubectl's usual tabwriter.
 */
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { findResults, goValue, parseJsonPath, type Json, type Template } from './jsonpath';
import { relaxedJsonPath } from './sort-by';

export interface Column {
	header: string;
	template: Template;
}

/** NewCustomColumnsPrinterFromSpec, with the column paths parsed up front. */
export function parseCustomColumns(spec: string): Column[] | { error: string } {
	if (spec === '') return { error: 'custom-columns format specified but no custom columns given' };
	const columns: Column[] = [];
	for (const part of spec.split(',')) {
		const colon = part.indexOf(':');
		if (colon < 0)
			return {
				error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`
			};
		const path = relaxedJsonPath(part.slice(colon + 1));
		if (typeof path !== 'string') return path;
		const template = parseJsonPath(path);
		if ('error' in template) return template;
		columns.push({ header: part.slice(0, colon), template });
	}
	return columns;
}

/** The table for these objects (one row each), with or without the header row. */
export function printCustomColumns(
	columns: readonly Column[],
	objects: readonly Json[],
	noHeaders: boolean
): string {
	const rows = objects.map((o) =>
		columns.map((c) => {
			const results = findResults(c.template, o, true);
			const values = 'error' in results ? [] : results.flat();
			return values.length === 0 ? '<none>' : values.map(goValue).join(',');
		})
	);
	const lines = noHeaders ? rows : [columns.map((c) => c.header), ...rows];
	return tabwrite(lines.map((cells) => cells.join('\t') + '\n').join(''), KUBECTL_GET);
}
