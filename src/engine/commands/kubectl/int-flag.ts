/**
 * pflag's IntVar / Int32Var: strconv.ParseInt(s, 0, bits), so a sign, `0x`/`0o`/`0b` prefixes,
 * a leading-0 octal and `_` separators are all read; anything else is pflag's
 * `invalid argument "s" for "--flag" flag: strconv.ParseInt: parsing "s": invalid syntax`
 * (or `value out of range`).
 */

const FORMS: readonly [RegExp, number][] = [
	[/^0[xX](_?[0-9a-fA-F])+$/, 16],
	[/^0[oO](_?[0-7])+$/, 8],
	[/^0[bB](_?[01])+$/, 2],
	[/^0(_?[0-7])+$/, 8],
	[/^[1-9](_?[0-9])*$|^0$/, 10]
];

/** The value, or strconv's reason (`invalid syntax`, `value out of range`). */
export function parseGoInt(text: string, bits: 32 | 64): number | string {
	const negative = text.startsWith('-');
	const digits = /^[+-]/.test(text) ? text.slice(1) : text;
	const form = FORMS.find(([re]) => re.test(digits));
	if (form === undefined) return 'invalid syntax';
	const [, base] = form;
	const body = (
		base === 10 || (base === 8 && !/^0[oO]/.test(digits)) ? digits : digits.slice(2)
	).replace(/_/g, '');
	let value = 0n;
	for (const ch of body) value = value * BigInt(base) + BigInt(parseInt(ch, base));
	if (negative) value = -value;
	const limit = 1n << BigInt(bits - 1);
	if (value >= limit || value < -limit) return 'value out of range';
	return Number(value);
}

/** pflag's refusal of the value, as kubectl prints it (the flag error func's usage hint). */
export function intFlagError(text: string, flagName: string, why: string, command: string): string {
	return `error: invalid argument ${JSON.stringify(text)} for "${flagName}" flag: strconv.ParseInt: parsing ${JSON.stringify(text)}: ${why}\nSee 'kubectl ${command} --help' for usage.\n`;
}
