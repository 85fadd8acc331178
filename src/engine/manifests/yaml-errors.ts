/**
 * kubectl converts YAML with go-yaml v2 (sigs.k8s.io/yaml), and the `yaml` package reports the
 * same mistakes in its own words. This maps the package's error codes to go-yaml's messages.
 *
 * go-yaml's `parser.fail()` prints scanner errors at the 1-based line of the problem, and
 * parser errors at its 0-based line (one less), with no `line N: ` at all when the problem is
 * on the first line. The
 * expected texts in test/engine/manifests/yaml-errors.test.ts were produced by kubectl itself.
 */
import type { YAMLError } from 'yaml';

type Style = 'scanner' | 'parser';

interface GoYamlProblem {
	message: string;
	style: Style;
	/** 1-based line (relative to the document) where go-yaml notices the problem. */
	line: number;
}

const DID_NOT_FIND_KEY = 'did not find expected key';

/** Renders `yaml: line N: message` the way go-yaml's fail() does. */
export function goYamlMessage(errors: readonly YAMLError[], lines: readonly string[]): string {
	const problem = classify(errors, lines);
	// go-yaml prints no line at all when the 0-based line of the problem is 0.
	if (problem.line <= 1) return `yaml: ${problem.message}`;
	const line = problem.style === 'scanner' ? problem.line : problem.line - 1;
	return `yaml: line ${line}: ${problem.message}`;
}

function startLine(error: YAMLError | undefined): number {
	return error?.linePos?.[0]?.line ?? 1;
}

function endLine(error: YAMLError | undefined): number {
	return error?.linePos?.[1]?.line ?? startLine(error);
}

function classify(errors: readonly YAMLError[], lines: readonly string[]): GoYamlProblem {
	const first = errors[0];
	const line = startLine(first);
	const text = first?.message ?? '';
	const has = (fragment: string) => errors.some((e) => e.message.includes(fragment));
	if (has('block-seq-ind') || has('A block sequence may not be used')) {
		return { message: DID_NOT_FIND_KEY, style: 'parser', line: startLine(errors.at(-1)) };
	}
	switch (first?.code) {
		case 'BLOCK_AS_IMPLICIT_KEY': {
			const multi = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
			const at = multi ? endLine(multi) : line;
			return {
				message: 'mapping values are not allowed in this context',
				style: 'scanner',
				line: at
			};
		}
		case 'MULTILINE_IMPLICIT_KEY':
			return missingColon(lines, line, endLine(first));
		case 'TAB_AS_INDENT':
		case 'BAD_SCALAR_START':
			return { message: 'found character that cannot start any token', style: 'scanner', line };
		case 'BAD_DQ_ESCAPE':
			return { message: 'found unknown escape character', style: 'scanner', line };
		case 'BAD_ALIAS':
			return {
				message: 'did not find expected alphabetic or numeric character',
				style: 'scanner',
				line
			};
		case 'BAD_INDENT':
			return badIndent(text, lines, line);
		case 'MISSING_CHAR':
			return missingChar(text, lines, line);
		case 'UNEXPECTED_TOKEN':
			if (text.includes('Block scalar header')) {
				return { message: 'did not find expected comment or line break', style: 'scanner', line };
			}
			return { message: DID_NOT_FIND_KEY, style: 'parser', line };
		default:
			return { message: DID_NOT_FIND_KEY, style: 'parser', line };
	}
}

function badIndent(text: string, lines: readonly string[], line: number): GoYamlProblem {
	if (text.startsWith('Flow sequence')) {
		return { message: "did not find expected ',' or ']'", style: 'parser', line };
	}
	if (text.startsWith('Flow map')) {
		return { message: "did not find expected ',' or '}'", style: 'parser', line };
	}
	// A line that falls back to the column of a sequence's items, without its own `- `.
	const sibling = previousAtIndent(lines, line);
	if (sibling !== undefined && /^\s*- /.test(sibling)) {
		return { message: "did not find expected '-' indicator", style: 'parser', line };
	}
	return { message: DID_NOT_FIND_KEY, style: 'parser', line };
}

function missingChar(text: string, lines: readonly string[], line: number): GoYamlProblem {
	if (text.startsWith('Missing closing')) {
		return { message: 'found unexpected end of stream', style: 'scanner', line };
	}
	if (text.startsWith('Flow map')) {
		return { message: "did not find expected ',' or '}'", style: 'parser', line };
	}
	if (text.startsWith('Flow sequence')) {
		return { message: "did not find expected ',' or ']'", style: 'parser', line };
	}
	if (text.startsWith('Implicit map keys need to be followed')) {
		return missingColon(lines, line, line + 1);
	}
	return { message: DID_NOT_FIND_KEY, style: 'parser', line };
}

/**
 * A key line without `:`. go-yaml requires the colon when the line sits at the column of the
 * mapping's other keys ("could not find expected ':'", reported on the next line); otherwise
 * the line is read as part of a multi-line scalar until the next `:`.
 */
function missingColon(lines: readonly string[], start: number, end: number): GoYamlProblem {
	const here = lines[start - 1] ?? '';
	const sibling = previousAtIndent(lines, start);
	if (sibling !== undefined && keyColumn(sibling) === keyColumn(here)) {
		return { message: "could not find expected ':'", style: 'scanner', line: end };
	}
	return { message: 'mapping values are not allowed in this context', style: 'scanner', line: end };
}

/** Column where a line's key starts, after indentation and any `- ` sequence indicators. */
function keyColumn(line: string): number {
	const match = /^[ ]*(?:-[ ]+)*/.exec(line);
	return match ? match[0].length : 0;
}

function indentOf(line: string): number {
	return line.length - line.trimStart().length;
}

function isContent(line: string): boolean {
	const trimmed = line.trim();
	return trimmed !== '' && !trimmed.startsWith('#');
}

/** The nearest earlier content line whose indentation is not deeper than line `at`'s. */
function previousAtIndent(lines: readonly string[], at: number): string | undefined {
	const indent = indentOf(lines[at - 1] ?? '');
	for (let i = at - 2; i >= 0; i--) {
		const candidate = lines[i] ?? '';
		if (!isContent(candidate)) continue;
		const candidateIndent = indentOf(candidate);
		if (candidateIndent === indent) return candidate;
		if (candidateIndent < indent) return keyColumn(candidate) === indent ? candidate : undefined;
	}
	return undefined;
}
