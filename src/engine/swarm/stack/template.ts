/**
 * `${VAR}` substitution exactly as docker/cli cli/compose/template/template.go does it:
 * `$$` is a literal `$`, `$VAR` / `${VAR}`, `${VAR:-default}` (unset or empty),
 * `${VAR-default}` (unset), `${VAR:?message}` (error if unset or empty), `${VAR?message}`
 * (error if unset). A `$` followed by anything else is an invalid template.
 */
import { goQuote } from '../../manifests/json';

export type Lookup = (name: string) => string | undefined;

/** template.InvalidTemplateError: its text is `Invalid template: %#v`. */
export class InvalidTemplateError extends Error {
	constructor(readonly template: string) {
		super(`Invalid template: ${goQuote(template)}`);
	}
}

// delimiter "\$", subst "[_a-z][_a-z0-9]*(?::?[-?][^}]*)?", case-insensitive; the empty last
// alternative is the `invalid` group. Go's regexp picks the leftmost-first alternative, as
// JavaScript's does.
const SUBST = '[_a-z][_a-z0-9]*(?::?[-?][^}]*)?';
const PATTERN = new RegExp(`\\$(?:(\\$)|(${SUBST})|\\{(${SUBST})\\}|())`, 'gi');

type SubstituteFn = (substitution: string, lookup: Lookup) => SubstituteResult;
type SubstituteResult =
	| { applied: false; error?: undefined }
	| { applied: true; value: string; error?: InvalidTemplateError };

/** strings.Cut: the text before and after the first `sep`. */
function partition(s: string, sep: string): [string, string] {
	const at = s.indexOf(sep);
	return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + sep.length)];
}

const softDefault: SubstituteFn = (substitution, lookup) => {
	if (!substitution.includes(':-')) return { applied: false };
	const [name, fallback] = partition(substitution, ':-');
	const value = lookup(name);
	return { applied: true, value: value === undefined || value === '' ? fallback : value };
};

const hardDefault: SubstituteFn = (substitution, lookup) => {
	if (!substitution.includes('-')) return { applied: false };
	const [name, fallback] = partition(substitution, '-');
	return { applied: true, value: lookup(name) ?? fallback };
};

function withRequired(sep: string, valid: (v: string) => boolean): SubstituteFn {
	return (substitution, lookup) => {
		if (!substitution.includes(sep)) return { applied: false };
		const [name, message] = partition(substitution, sep);
		const value = lookup(name);
		if (value === undefined || !valid(value)) {
			const error = new InvalidTemplateError(
				`required variable ${name} is missing a value: ${message}`
			);
			return { applied: true, value: '', error };
		}
		return { applied: true, value };
	};
}

// DefaultSubstituteFuncs, in their order.
const FUNCS: SubstituteFn[] = [
	softDefault,
	hardDefault,
	withRequired(':?', (v) => v !== ''),
	withRequired('?', () => true)
];

/**
 * template.Substitute. As in Go, `err` is one variable shared by every match, so a later
 * match that substitutes cleanly clears an earlier match's error.
 */
export function substitute(template: string, lookup: Lookup): { value: string; error?: Error } {
	let error: InvalidTemplateError | undefined;
	const value = template.replace(
		PATTERN,
		(
			_match,
			escaped: string | undefined,
			named: string | undefined,
			braced: string | undefined
		) => {
			if (escaped) return escaped;
			const substitution = named || braced || '';
			if (substitution === '') {
				error = new InvalidTemplateError(template);
				return '';
			}
			for (const fn of FUNCS) {
				const result = fn(substitution, lookup);
				error = result.error;
				if (result.error) return '';
				if (!result.applied) continue;
				return result.value;
			}
			return lookup(substitution) ?? '';
		}
	);
	return { value, error };
}
