/**
 * Resource quantities in compose files: memory through go-units `RAMInBytes` (binary
 * multiples: 1k = 1024, docker/go-units size.go parseSize) and CPUs through docker/cli
 * opts.ParseCPUs (a big.Rat times 1e9, which must come out whole).
 */
import { goQuote } from '../../manifests/json';
import { byteLength } from '../../manifests/field-errors';

const MIN_INT64 = -9223372036854775808;
const BINARY: Readonly<Record<string, number>> = {
	k: 1024,
	m: 1024 ** 2,
	g: 1024 ** 3,
	t: 1024 ** 4,
	p: 1024 ** 5
};

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** strconv.ParseFloat(s, 64) for decimal text. */
export function goParseFloat(text: string): Parsed {
	const syntax = {
		ok: false as const,
		error: `strconv.ParseFloat: parsing ${goQuote(text)}: invalid syntax`
	};
	if (/^[+-]?(inf|infinity)$/i.test(text))
		return { ok: true, value: text.startsWith('-') ? -Infinity : Infinity };
	if (/^nan$/i.test(text)) return { ok: true, value: NaN };
	if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) return syntax;
	const value = Number(text);
	if (!Number.isFinite(value)) {
		return { ok: false, error: `strconv.ParseFloat: parsing ${goQuote(text)}: value out of range` };
	}
	return { ok: true, value };
}

/** Go's int64(float64): truncation; out-of-range values become MinInt64 on amd64. */
function toInt64(value: number): number {
	if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) return MIN_INT64;
	return Math.trunc(value);
}

/** units.RAMInBytes. */
export function ramInBytes(size: string): Parsed {
	const invalid: Parsed = { ok: false, error: `invalid size: '${size}'` };
	let sep = -1;
	for (let i = size.length - 1; i >= 0; i--) {
		if ('01234567890. '.includes(size.charAt(i))) {
			sep = i;
			break;
		}
	}
	if (sep < 0) return invalid;
	const num = size.charAt(sep) !== ' ' ? size.slice(0, sep + 1) : size.slice(0, sep);
	let suffix = size.slice(sep + 1);
	const parsed = goParseFloat(num);
	if (!parsed.ok) return parsed;
	let value = parsed.value;
	if (value < 0) return invalid;
	if (suffix.length === 0) return { ok: true, value: toInt64(value) };
	const badSuffix: Parsed = { ok: false, error: `invalid suffix: '${suffix.toLowerCase()}'` };
	// go-units measures the suffix in bytes.
	if (byteLength(suffix) > 3) {
		return { ok: false, error: `invalid suffix: '${suffix}'` };
	}
	suffix = suffix.toLowerCase();
	if (suffix[0] === 'b') return suffix.length > 1 ? badSuffix : { ok: true, value: toInt64(value) };
	const multiplier = BINARY[suffix[0] ?? ''];
	if (multiplier === undefined) return badSuffix;
	value *= multiplier;
	if (
		(suffix.length === 2 && suffix[1] !== 'b') ||
		(suffix.length === 3 && suffix.slice(1) !== 'ib')
	) {
		return badSuffix;
	}
	return { ok: true, value: toInt64(value) };
}

/** big.Rat.SetString for `a/b`, decimals and exponents; undefined when it is not a number. */
function parseRational(text: string): { num: bigint; den: bigint } | undefined {
	const fraction = /^([+-]?[0-9]+)\/([0-9]+)$/.exec(text);
	if (fraction) {
		const den = BigInt(fraction[2] ?? '0');
		return den === 0n ? undefined : { num: BigInt(fraction[1] ?? '0'), den };
	}
	const decimal = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
	if (!decimal || (decimal[2] === '' && (decimal[3] ?? '') === '')) return undefined;
	const digits = `${decimal[2] ?? ''}${decimal[3] ?? ''}`;
	const exponent = Number(decimal[4] ?? '0') - (decimal[3] ?? '').length;
	// Keeps hostile exponents from building enormous numbers.
	if (Math.abs(exponent) > 400) return undefined;
	let num = BigInt(digits === '' ? '0' : digits);
	let den = 1n;
	if (exponent >= 0) num *= 10n ** BigInt(exponent);
	else den = 10n ** BigInt(-exponent);
	return { num: decimal[1] === '-' ? -num : num, den };
}

/** opts.ParseCPUs: `0.5` → 500000000 NanoCPUs. */
export function parseCPUs(value: string): Parsed {
	const rational = parseRational(value);
	if (rational === undefined) {
		return { ok: false, error: `failed to parse ${value} as a rational number` };
	}
	const nano = rational.num * 1_000_000_000n;
	if (nano % rational.den !== 0n) return { ok: false, error: 'value is too precise' };
	const result = nano / rational.den;
	// Int64() of a larger value wraps; the daemon then refuses it, so keep it out of range.
	return { ok: true, value: Number(BigInt.asIntN(64, result)) };
}
