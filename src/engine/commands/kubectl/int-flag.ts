/**
 * pflag's refusal of an integer flag's value, as kubectl prints it: pflag's `invalid argument
 * "s" for "--flag" flag: <strconv's error>` (spf13/pflag flag.go), then the flag error func's
 * usage hint. The value itself is parsed by ../go-int.ts.
 */
import { goQuote } from '../../manifests/json';
import { flag, type FlagValues } from '../flags';
import { numError, parseGoInt, type GoIntError } from '../go-int';

export function intFlagError(
	text: string,
	flagName: string,
	why: GoIntError,
	command: string
): string {
	return `error: invalid argument ${goQuote(text)} for "${flagName}" flag: ${numError('ParseInt', text, why)}\nSee 'kubectl ${command} --help' for usage.\n`;
}

/**
 * An IntVar/Int64Var (or, with `bits` 32, Int32Var) flag's value: strconv.ParseInt(s, 0, bits)
 * of its text, `fallback` when it is not given; or kubectl's refusal of the text.
 */
export function intFlag(
	flags: FlagValues,
	name: string,
	fallback: number,
	command: string,
	bits: 32 | 64 = 64
): number | string {
	const text = flag(flags, name);
	if (text === undefined) return fallback;
	const value = parseGoInt(text, bits);
	return typeof value === 'string' ? intFlagError(text, `--${name}`, value, command) : value;
}
