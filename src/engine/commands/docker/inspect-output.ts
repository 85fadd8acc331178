/**
 * How `docker service|node inspect` print what they found (docker/cli
 * cli/command/inspect/inspector.go): an indented JSON array by default; `--format json` a
 * compact one; any other `--format` a Go template run on each object, one result a line;
 * `--pretty` the human-friendly form. Lookups that fail, and templates that fail on an object,
 * are collected and printed after the output, one a line, and the command fails.
 */
import { fail, ok, type CommandResult } from '../context';
import { compileGoTemplate, TemplateError, withGoType, type GoType } from './go-template';
import { goJsonText, isMapField } from './go-json';

export interface InspectRequest<T> {
	refs: readonly string[];
	find: (ref: string) => T | undefined;
	/** The error for a reference that finds nothing. */
	missing: (ref: string) => string;
	format: string | undefined;
	pretty?: (found: T) => string;
	/**
	 * The Go type of the object: the template runs on the typed struct first. Without one, it
	 * runs on the raw JSON with missingkey=error, as inspect's raw fallback does.
	 */
	goType?: GoType;
	/**
	 * Whether the command also passes the raw JSON, so a typed run that fails is retried on it
	 * (inspector.go tryRawInspectFallback: secret and config inspect); service and node
	 * inspect pass none, and the typed error is the answer.
	 */
	rawFallback?: boolean;
}

/** RFC 3339 with nanoseconds, as Go's time.Time marshals it: trailing zeros dropped. */
function jsonReplacer(_key: string, value: unknown): unknown {
	if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/.test(value)) {
		return value.replace(/\.?0+Z$/, 'Z');
	}
	return value;
}

/** The objects as a JSON array: maps' keys sorted as encoding/json sorts them (./go-json.ts). */
export function inspectJson(found: readonly unknown[], indent: boolean): string {
	if (found.length === 0) return '[]\n';
	return (
		goJsonText(found, {
			isMap: (key) => isMapField(key),
			scalar: (v) => jsonReplacer('', v),
			...(indent ? { indent: '    ' } : {})
		}) + '\n'
	);
}

export function runInspect<T>(req: InspectRequest<T>): CommandResult {
	if (req.pretty !== undefined) {
		// formatter.Context.Write: the first failed lookup stops it and nothing is printed.
		let out = '';
		for (const ref of req.refs) {
			const found = req.find(ref);
			if (found === undefined) return fail(req.missing(ref) + '\n');
			out += req.pretty(found);
		}
		return ok(out);
	}
	const format = req.format ?? '';
	let execute: ((data: unknown) => string) | undefined;
	if (format !== '' && format !== 'json') {
		try {
			execute = compileGoTemplate(format);
		} catch (e) {
			if (e instanceof TemplateError) return fail(`template parsing error: ${e.message}\n`);
			throw e;
		}
	}
	// One pass in the order given, as inspect.Inspect collects its errors.
	const errors: string[] = [];
	const found: T[] = [];
	let output = '';
	for (const ref of req.refs) {
		const object = req.find(ref);
		if (object === undefined) {
			errors.push(req.missing(ref));
			continue;
		}
		found.push(object);
		if (execute === undefined) continue;
		// The raw fallback: the object as its JSON decodes, times as the API sends them.
		const raw: unknown = JSON.parse(JSON.stringify(object, jsonReplacer));
		try {
			output += runTemplate(execute, raw, req) + '\n';
		} catch (e) {
			if (!(e instanceof TemplateError)) throw e;
			errors.push(`template parsing error: ${e.message}`);
		}
	}
	if (execute === undefined) output = inspectJson(found, format === '');
	else if (output === '') output = '\n';
	return errors.length > 0 ? fail(errors.join('\n') + '\n', output) : ok(output);
}

/** TemplateInspector.Inspect: the typed element, then (when there is one) the raw fallback. */
function runTemplate<T>(
	execute: (data: unknown) => string,
	raw: unknown,
	req: InspectRequest<T>
): string {
	if (req.goType === undefined) return execute(raw);
	try {
		return execute(withGoType(raw, req.goType));
	} catch (e) {
		if (!(e instanceof TemplateError) || req.rawFallback !== true) throw e;
		return execute(raw);
	}
}
