/**
 * apimachinery's field errors and format checks, with their exact texts:
 * - util/validation/field/errors.go (`ErrorBody`, v1.34+: non-scalar values print as JSON);
 * - util/validation/validation.go (`IsDNS1123Subdomain`, `IsQualifiedName`, `RegexError`, …),
 *   whose v0.35.6 messages were checked against a verbatim vendored copy in the search index.
 */
import type { FieldError, FieldErrorType, JsonValue } from './types';
import { goJson, goQuote } from './json';

export type ErrorList = FieldError[];

export const child = (path: string, name: string): string => (path ? `${path}.${name}` : name);
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

/** How Go prints a bad value: `%v` for numbers and bools, `%q` for strings, else JSON. */
export function renderValue(value: JsonValue | undefined, asJson = false): string {
	if (typeof value === 'string' && !asJson) return goQuote(value);
	if (typeof value === 'object' && value !== null) return goJson(value);
	return goJson(value ?? null);
}

function make(type: FieldErrorType, field: string, body: string, detail?: string): FieldError {
	return { type, field, body: detail ? `${body}: ${detail}` : body };
}

export const required = (field: string, detail?: string): FieldError =>
	make('Required value', field, 'Required value', detail);

/** `asJson`: the value is a Go struct such as intstr.IntOrString, marshalled as JSON. */
export function invalid(
	field: string,
	value: JsonValue | undefined,
	detail: string,
	asJson = false
) {
	return make('Invalid value', field, `Invalid value: ${renderValue(value, asJson)}`, detail);
}

/** A bad value that Go prints with %#v (already rendered by the caller). */
export function invalidGoValue(field: string, rendered: string, detail: string): FieldError {
	return make('Invalid value', field, `Invalid value: ${rendered}`, detail);
}

export function notSupported(field: string, value: JsonValue | undefined, valid: string[]) {
	return notSupportedRendered(field, renderValue(value), valid);
}

/** NotSupported with a value the caller already rendered (a Go struct, say). */
export function notSupportedRendered(field: string, rendered: string, valid: string[]) {
	const detail = valid.length ? `supported values: ${valid.map((v) => goQuote(v)).join(', ')}` : '';
	return make('Unsupported value', field, `Unsupported value: ${rendered}`, detail);
}

export const duplicate = (field: string, value: JsonValue): FieldError =>
	make('Duplicate value', field, `Duplicate value: ${renderValue(value)}`);

export const notFound = (field: string, value: JsonValue): FieldError =>
	make('Not found', field, `Not found: ${renderValue(value)}`);

export const forbidden = (field: string, detail: string): FieldError =>
	make('Forbidden', field, 'Forbidden', detail);

export const tooLong = (field: string, max: number): FieldError =>
	make('Too long', field, 'Too long', `may not be more than ${max} bytes`);

/** `field: body`, as in `ErrorList.ToAggregate()` and the `* ` lines kubectl prints. */
export const fieldErrorText = (e: FieldError): string => `${e.field}: ${e.body}`;

// --- util/validation/validation.go -------------------------------------------------------

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const PERCENT_FMT = '[0-9]+%';
const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL = anchored(DNS1035_LABEL_FMT);
const QUALIFIED_NAME = anchored(QUALIFIED_NAME_FMT);
const LABEL_VALUE = anchored(LABEL_VALUE_FMT);
const PERCENT = anchored(PERCENT_FMT);

/** RegexError, with its real double space: `(e.g. 'MyName',  or 'my.name', …`. */
export function regexError(message: string, fmt: string, ...examples: string[]): string {
	if (examples.length === 0) return `${message} (regex used for validation is '${fmt}')`;
	const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
	return `${message} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

export const maxLenError = (length: number) => `must be no more than ${length} characters`;
export const inclusiveRangeError = (lo: number, hi: number) =>
	`must be between ${lo} and ${hi}, inclusive`;

/** Go's len() counts bytes, not UTF-16 units. */
export function byteLength(text: string): number {
	let bytes = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}
	return bytes;
}

export function isDNS1123Label(value: string): string[] {
	const errs: string[] = [];
	if (byteLength(value) > 63) errs.push(maxLenError(63));
	if (!DNS1123_LABEL.test(value)) {
		if (DNS1123_SUBDOMAIN.test(value)) errs.push('must not contain dots');
		else {
			const msg =
				"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
			errs.push(regexError(msg, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
		}
	}
	return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
	const errs: string[] = [];
	if (byteLength(value) > 253) errs.push(maxLenError(253));
	if (!DNS1123_SUBDOMAIN.test(value)) {
		const msg =
			"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
		errs.push(regexError(msg, DNS1123_SUBDOMAIN_FMT, 'example.com'));
	}
	return errs;
}

export function isDNS1035Label(value: string): string[] {
	const errs: string[] = [];
	if (byteLength(value) > 63) errs.push(maxLenError(63));
	if (!DNS1035_LABEL.test(value)) {
		const msg =
			"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
		errs.push(regexError(msg, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
	}
	return errs;
}

const QUALIFIED_NAME_MSG =
	"must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isQualifiedName(value: string): string[] {
	const errs: string[] = [];
	const parts = value.split('/');
	let name: string;
	if (parts.length === 1) name = parts[0] ?? '';
	else if (parts.length === 2) {
		const prefix = parts[0] ?? '';
		name = parts[1] ?? '';
		if (prefix.length === 0) errs.push('prefix part must be non-empty');
		else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
	} else {
		const examples = regexError(
			QUALIFIED_NAME_MSG,
			QUALIFIED_NAME_FMT,
			'MyName',
			'my.name',
			'123-abc'
		);
		return [
			`a qualified name ${examples} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`
		];
	}
	if (name.length === 0) errs.push('name part must be non-empty');
	else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
	if (!QUALIFIED_NAME.test(name)) {
		errs.push(
			`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`
		);
	}
	return errs;
}

export function isValidLabelValue(value: string): string[] {
	const errs: string[] = [];
	if (byteLength(value) > 63) errs.push(maxLenError(63));
	if (!LABEL_VALUE.test(value)) {
		const msg =
			"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
		errs.push(regexError(msg, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
	}
	return errs;
}

export function isValidPortNum(port: number): string[] {
	return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(port: string): string[] {
	const errs: string[] = [];
	if (byteLength(port) > 15) errs.push(maxLenError(15));
	if (!/^[-a-z0-9]+$/.test(port)) {
		errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
	}
	if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
	if (port.includes('--')) errs.push('must not contain consecutive hyphens');
	if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
	return errs;
}

export function isValidPercent(percent: string): string[] {
	if (PERCENT.test(percent)) return [];
	const msg = "a valid percent string must be a numeric string followed by an ending '%'";
	return [regexError(msg, PERCENT_FMT, '1%', '93%')];
}
