/**
 * The `-o` formats that print fields picked by a path or a template rather than a whole object:
 * `jsonpath=…`, `jsonpath-as-json=…`, `custom-columns=…` and `go-template=…` / `template=…`
 * (also as `-o go-template --template '…'`, or `--template` alone) (cli-runtime
 * pkg/genericclioptions/jsonpath_flags.go, template_flags.go, custom_column_flags.go;
 * pkg/printers/jsonpath.go, template.go). kubectl runs them with
 * --allow-missing-template-keys=true, its default, so a missing key prints nothing (jsonpath)
 * or `<no value>` (go-template) rather than failing.
 */
import { compileGoTemplate, goPrint, KUBECTL_DIALECT, TemplateError } from '../docker/go-template';
import { parseCustomColumns, printCustomColumns, type Column } from './custom-columns';
import { goSharpV } from './go-values';
import { findResults, parseJsonPath, printResults, type Json, type Template } from './jsonpath';

export type TemplateOutput =
	| { kind: 'jsonpath'; template: Template; raw: string; asJson: boolean; allowMissing: boolean }
	| { kind: 'custom-columns'; columns: Column[] }
	| { kind: 'go-template'; execute: (data: unknown) => string; raw: string };

/** What the printer flags beside `-o` say (template_flags.go, jsonpath_flags.go). */
export interface TemplateFlags {
	/** `--template`: the template when `-o` names a format without `=`. */
	template?: string;
	/** `--allow-missing-template-keys` (default true). */
	allowMissingKeys?: boolean;
}

const GO_TEMPLATE_FORMATS = ['template', 'go-template', 'go-template-file', 'templatefile'];
const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

/**
 * The format named by `-o` (and `--template`), undefined when it is not one of these, or
 * kubectl's error. With `--template` the `-o` value is the bare format name; `--template` with
 * no `-o` means go-template (get_flags.go PrintFlags.ToPrinter).
 */
export function parseTemplateOutput(
	output: string,
	flags: TemplateFlags = {},
	readFile: (path: string) => string | undefined = () => undefined
): TemplateOutput | { error: string } | undefined {
	const argument = flags.template ?? '';
	const format = output === '' && argument !== '' ? 'go-template' : output;
	const eq = format.indexOf('=');
	const split = argument === '' && eq >= 0;
	const name = split ? format.slice(0, eq) : format;
	let value = split ? format.slice(eq + 1) : argument;
	const allowMissing = flags.allowMissingKeys ?? true;
	if (GO_TEMPLATE_FORMATS.includes(name) || JSONPATH_FORMATS.includes(name)) {
		if (value === '') return { error: 'error: template format specified but no template given\n' };
		if (name.endsWith('file')) {
			const text = readFile(value);
			if (text === undefined) {
				return {
					error: `error: error reading --template ${value}, open ${value}: no such file or directory\n`
				};
			}
			value = text;
		}
	}
	if (GO_TEMPLATE_FORMATS.includes(name)) {
		try {
			const execute = compileGoTemplate(
				value,
				allowMissing ? KUBECTL_DIALECT : { ...KUBECTL_DIALECT, missingKey: 'error' }
			);
			return { kind: 'go-template', execute, raw: value };
		} catch (e) {
			if (!(e instanceof TemplateError)) throw e;
			return { error: `error: error parsing template ${value}, ${e.message}\n` };
		}
	}
	if (JSONPATH_FORMATS.includes(name)) {
		const template = parseJsonPath(value);
		if ('error' in template)
			return { error: `error: error parsing jsonpath ${value}, ${template.error}\n` };
		return {
			kind: 'jsonpath',
			template,
			raw: value,
			asJson: name === 'jsonpath-as-json',
			allowMissing
		};
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
): { output: string } | { error: string; output?: string } {
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
	if (format.kind === 'go-template') return printGoTemplate(format, object);
	const results = findResults(format.template, object, format.allowMissing);
	if ('error' in results) {
		const debug =
			`Error executing template: ${results.error}. Printing more information for debugging the template:\n` +
			`\ttemplate was:\n\t\t${format.raw}\n` +
			`\tobject given to jsonpath engine was:\n\t\t${goSharpV(object)}\n\n`;
		return { error: `error: error executing jsonpath ${JSON.stringify(format.raw)}: ${debug}\n` };
	}
	return { output: printResults(results, format.asJson) };
}

/**
 * GoTemplatePrinter.PrintObj: the template runs on the object decoded from JSON; a failure
 * prints what was printed so far and the debugging block on stdout, then the error.
 */
function printGoTemplate(
	format: Extract<TemplateOutput, { kind: 'go-template' }>,
	object: Json
): { output: string } | { error: string; output: string } {
	try {
		return { output: format.execute(object) };
	} catch (e) {
		if (!(e instanceof TemplateError)) throw e;
		const debug =
			`Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
			`\ttemplate was:\n\t\t${format.raw}\n` +
			`\traw data was:\n\t\t${JSON.stringify(object)}\n` +
			`\tobject given to template engine was:\n\t\t${goPrint(object, true)}\n\n`;
		return {
			output: debug,
			error: `error: error executing template ${JSON.stringify(format.raw)}: ${e.message}\n`
		};
	}
}
