/**
 * The `-o` formats that print fields picked by a path rather than a whole object:
 * `jsonpath=…`, `jsonpath-as-json=…` and `custom-columns=…` (cli-runtime
 * pkg/genericclioptions/jsonpath_flags.go, custom_column_flags.go; pkg/printers/jsonpath.go).
 * kubectl runs them with --allow-missing-template-keys=true, its default, so a missing key
 * prints nothing rather than failing.
 */
import { parseCustomColumns, printCustomColumns, type Column } from './custom-columns';
import { goSharpV } from './go-values';
import { findResults, parseJsonPath, printResults, type Json, type Template } from './jsonpath';

export type TemplateOutput =
	| { kind: 'jsonpath'; template: Template; raw: string; asJson: boolean }
	| { kind: 'custom-columns'; columns: Column[] };

/** The format named by `-o`, undefined when it is not one of these, or kubectl's error. */
export function parseTemplateOutput(
	output: string
): TemplateOutput | { error: string } | undefined {
	const eq = output.indexOf('=');
	const name = eq < 0 ? output : output.slice(0, eq);
	const value = eq < 0 ? '' : output.slice(eq + 1);
	if (name === 'jsonpath' || name === 'jsonpath-as-json') {
		if (value === '') return { error: 'error: template format specified but no template given\n' };
		const template = parseJsonPath(value);
		if ('error' in template)
			return { error: `error: error parsing jsonpath ${value}, ${template.error}\n` };
		return { kind: 'jsonpath', template, raw: value, asJson: name === 'jsonpath-as-json' };
	}
	if (name === 'custom-columns') {
		const columns = parseCustomColumns(value);
		if ('error' in columns) return { error: `error: ${columns.error}\n` };
		return { kind: 'custom-columns', columns };
	}
	return undefined;
}

/** The decoded JSON an object prints as (unstructured content: no undefined fields). */
export function asJson(value: unknown): Json {
	return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/**
 * Prints the object (a single object or a List) as the format asks; a jsonpath that fails
 * gives JSONPathPrinter.PrintObj's error, with the template and the object it was given.
 */
export function printTemplateOutput(
	format: TemplateOutput,
	object: Json,
	noHeaders: boolean
): { output: string } | { error: string } {
	if (format.kind === 'custom-columns') {
		const items =
			object !== null &&
			typeof object === 'object' &&
			!Array.isArray(object) &&
			object.kind === 'List'
				? ((object.items as Json[] | undefined) ?? [])
				: [object];
		return { output: printCustomColumns(format.columns, items, noHeaders) };
	}
	const results = findResults(format.template, object, true);
	if ('error' in results) {
		const debug =
			`Error executing template: ${results.error}. Printing more information for debugging the template:\n` +
			`\ttemplate was:\n\t\t${format.raw}\n` +
			`\tobject given to jsonpath engine was:\n\t\t${goSharpV(object)}\n\n`;
		return { error: `error: error executing jsonpath ${JSON.stringify(format.raw)}: ${debug}\n` };
	}
	return { output: printResults(results, format.asJson) };
}
