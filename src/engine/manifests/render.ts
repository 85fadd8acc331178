/**
 * How kubectl prints what went wrong (kubectl pkg/cmd/util/helpers.go checkErr,
 * StandardErrorMessage, MultilineError, MultipleErrors; cmdutil.AddSourceToErr; apimachinery
 * errors.NewInvalid and utilerrors.Aggregate). An error prints one way on its own and
 * another way in a list of several.
 */
import type { FieldError, ManifestError } from './types';
import { fieldErrorText } from './field-errors';
import { goQuote } from './json';

export type Verb = 'creating' | 'patching';

export interface KubectlError {
	/** What kubectl prints when this is the only error (ends with a newline). */
	standalone: string;
	/** Its line among several errors (MultipleErrors: no `error: ` prefix, no newline). */
	inList: string;
}

/** Aggregate.Error(): duplicates dropped, one message as is, several as `[a, b]`. */
function aggregate(messages: string[]): string {
	const unique = [...new Set(messages)];
	return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

function uniqueCauses(causes: FieldError[]): string[] {
	return [...new Set(causes.map(fieldErrorText))];
}

function fromServer(reason: string, message: string): KubectlError {
	const text = `Error from server (${reason}): ${message}`;
	return { standalone: `${text}\n`, inList: text };
}

export function describeError(
	error: ManifestError,
	fileName: string,
	verb: Verb = 'creating'
): KubectlError {
	const source = `error when ${verb} ${goQuote(fileName)}: `;
	switch (error.stage) {
		case 'decode':
			return fromServer('BadRequest', source + error.message);
		case 'method':
			return fromServer(
				'MethodNotAllowed',
				`${source}the server does not allow this method on the requested resource`
			);
		case 'invalid': {
			const qualified = error.group ? `${error.kind}.${error.group}` : error.kind;
			const causes = uniqueCauses(error.causes);
			const listed = `${source}${qualified} ${goQuote(error.name)} is invalid: ${aggregate(causes)}`;
			const header = `The ${error.kind} ${goQuote(error.name)} is invalid: `;
			const standalone =
				causes.length === 1
					? `${header}${causes[0] ?? ''}\n`
					: `${header}\n${causes.map((c) => `* ${c}\n`).join('')}`;
			return { standalone, inList: `Error from server (Invalid): ${listed}` };
		}
		default: {
			const message = error.message;
			const prefixed = message.startsWith('error: ') ? message : `error: ${message}`;
			return { standalone: `${prefixed}\n`, inList: message };
		}
	}
}

/**
 * kubectl apply/create Run: the errors met while reading the file come back as one error (an
 * aggregate when there are several), then one error per object the server refused. One error
 * prints alone; several print one per line.
 */
export function renderKubectlErrors(readErrors: KubectlError[], objectErrors: KubectlError[]) {
	const errors: KubectlError[] = [];
	if (readErrors.length === 1 && readErrors[0]) errors.push(readErrors[0]);
	if (readErrors.length > 1) {
		errors.push({
			standalone: readErrors.map((e) => `${e.inList}\n`).join(''),
			inList: aggregate(readErrors.map((e) => e.inList))
		});
	}
	errors.push(...objectErrors);
	if (errors.length === 0) return '';
	if (errors.length === 1) return errors[0]?.standalone ?? '';
	return errors.map((e) => `${e.inList}\n`).join('');
}
