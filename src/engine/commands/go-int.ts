/**
 * Go's strconv.ParseInt and ParseUint (go/src/strconv/atoi.go), the parsers behind every integer
 * flag of kubectl and docker: pflag's Int, Int32, Int64, Uint and Uint64 values call them with
 * base 0 (spf13/pflag int.go, int32.go, int64.go, uint64.go: `strconv.ParseInt(s, 0, 64)`), as
 * docker/cli's opts.Uint64Opt does (`strconv.ParseUint(s, 0, 64)`); a few CLI paths parse
 * base 10 (`docker service scale NAME=N`, a ulimit's numbers). Base 0 reads a `0x`, `0o` or
 * `0b` prefix, a leading `0` as octal, and `_` between digits.
 *
 * Each returns the value or strconv's reason; the message around it is the caller's, since
 * kubectl and docker word their flag errors differently (see `numError`).
 */
import { goQuote } from '../manifests/json';

/** strconv.ErrSyntax's and strconv.ErrRange's texts. */
export type GoIntError = 'invalid syntax' | 'value out of range';

const SYNTAX: GoIntError = 'invalid syntax';
const RANGE: GoIntError = 'value out of range';

/** strconv.ParseUint(s, base, bits) for base 0 or 10. */
export function parseGoUint(s: string, bits: 16 | 32 | 64, base: 0 | 10 = 0): number | GoIntError {
	const n = parseUint(s, bits, base);
	return typeof n === 'string' ? n : Number(n);
}

/** strconv.ParseInt(s, base, bits) for base 0 or 10: an optional sign, then ParseUint's digits. */
export function parseGoInt(s: string, bits: 32 | 64, base: 0 | 10 = 0): number | GoIntError {
	if (s === '') return SYNTAX;
	const negative = s[0] === '-';
	const un = parseUint(s[0] === '+' || negative ? s.slice(1) : s, bits, base);
	// ParseUint's range error (its maximum) is out of range here too.
	if (typeof un === 'string') return un;
	const cutoff = 1n << BigInt(bits - 1);
	if (negative ? un > cutoff : un >= cutoff) return RANGE;
	return Number(negative ? -un : un);
}

/** strconv.NumError's text: `strconv.ParseInt: parsing "abc": invalid syntax`. */
export function numError(fn: 'ParseInt' | 'ParseUint', s: string, why: GoIntError): string {
	return `strconv.${fn}: parsing ${goQuote(s)}: ${why}`;
}

/**
 * atoi.go ParseUint: digits are read in order and the first one that is no digit of the base
 * or that takes the value past `bits` settles it (so `99999999999999999999x` is out of range);
 * underscores are checked last, and only with base 0.
 */
function parseUint(s: string, bits: 16 | 32 | 64, base: 0 | 10): bigint | GoIntError {
	if (s === '') return SYNTAX;
	const base0 = base === 0;
	let radix = 10;
	let i = 0;
	if (base0 && s[0] === '0') {
		const prefix = s.length >= 3 ? s[1]!.toLowerCase() : '';
		radix = prefix === 'b' ? 2 : prefix === 'o' ? 8 : prefix === 'x' ? 16 : 8;
		i = radix === 8 && prefix !== 'o' ? 1 : 2;
	}
	const max = (1n << BigInt(bits)) - 1n;
	const big = BigInt(radix);
	let n = 0n;
	let underscores = false;
	for (; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 95 /* _ */ && base0) {
			underscores = true;
			continue;
		}
		const d = digit(c);
		if (d >= radix) return SYNTAX;
		n = n * big + BigInt(d);
		if (n > max) return RANGE;
	}
	if (underscores && !underscoreOK(s)) return SYNTAX;
	return n;
}

/** A character's digit value in any base up to 36 (atoi.go's lower(c) - 'a' + 10), else 99. */
function digit(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	const lower = c | 0x20;
	return lower >= 97 && lower <= 122 ? lower - 97 + 10 : 99;
}

/**
 * atoi.go underscoreOK: each `_` sits between digits, or right after a base prefix
 * (`0x_1f`), never last.
 */
function underscoreOK(text: string): boolean {
	let s = text;
	if (s[0] === '-' || s[0] === '+') s = s.slice(1);
	// '^': the start, '0': a digit or base prefix, '_': an underscore, '!': anything else.
	let saw = '^';
	let i = 0;
	let hex = false;
	const prefix = s.length >= 2 && s[0] === '0' ? s[1]!.toLowerCase() : '';
	if (prefix === 'b' || prefix === 'o' || prefix === 'x') {
		i = 2;
		saw = '0';
		hex = prefix === 'x';
	}
	for (; i < s.length; i++) {
		const c = s[i]!;
		if ((c >= '0' && c <= '9') || (hex && /[a-f]/i.test(c))) {
			saw = '0';
			continue;
		}
		if (c === '_') {
			if (saw !== '0') return false;
			saw = '_';
			continue;
		}
		if (saw === '_') return false;
		saw = '!';
	}
	return saw !== '_';
}
