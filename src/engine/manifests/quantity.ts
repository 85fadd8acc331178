/**
 * resource.Quantity as the API server handles it (apimachinery pkg/api/resource):
 * ParseQuantity's errors, the rounding of SetDefaults_ResourceList (up to milli units,
 * pkg/apis/core/v1/defaults.go) and the canonical form it stores ("0.5" → "500m",
 * "1.5Gi" → "1536Mi", "1000" → "1k"; quantity.go CanonicalizeBytes).
 */
import { ownValue } from '../core/own-keys';

/** resource.ErrFormatWrong and resource.ErrSuffix. */
export const QUANTITY_FORMAT_ERROR =
	"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
	/** The value in milli-units, rounded up (away from zero), as the API server stores it. */
	milli: bigint;
	format: Format;
}

const DECIMAL: Record<string, number> = {
	n: -9,
	u: -6,
	m: -3,
	'': 0,
	k: 3,
	M: 6,
	G: 9,
	T: 12,
	P: 15,
	E: 18
};
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
/** Past 2^63-1 the API server caps quantities; far smaller bounds keep BigInt math cheap. */
const MAX_EXPONENT = 40;
const INT64_MAX = (1n << 63n) - 1n;

export function parseQuantity(text: string): Quantity | { error: string } {
	const match = SHAPE.exec(text);
	const [, sign = '', whole = '', fraction = '', suffix = ''] = match ?? [];
	if (!match || whole + fraction === '') return { error: QUANTITY_FORMAT_ERROR };
	const scale = interpretSuffix(suffix);
	if (!scale) return { error: QUANTITY_SUFFIX_ERROR };
	let numerator = BigInt(whole + fraction || '0') * 1000n;
	let denominator = 10n ** BigInt(fraction.length);
	if (scale.base === 2) numerator *= 1n << BigInt(scale.exponent);
	else if (scale.exponent >= 0) numerator *= 10n ** BigInt(Math.min(scale.exponent, MAX_EXPONENT));
	else denominator *= 10n ** BigInt(Math.min(-scale.exponent, MAX_EXPONENT));
	let milli = numerator / denominator + (numerator % denominator === 0n ? 0n : 1n);
	if (milli > INT64_MAX) milli = INT64_MAX;
	return { milli: sign === '-' ? -milli : milli, format: scale.format };
}

function interpretSuffix(
	suffix: string
): { base: 2 | 10; exponent: number; format: Format } | undefined {
	const decimal = ownValue(DECIMAL, suffix);
	if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
	const binary = ownValue(BINARY, suffix);
	if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
	const exponent = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
	if (exponent) return { base: 10, exponent: Number(exponent[1]), format: 'DecimalExponent' };
	return undefined;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** Quantity.String(): the canonical text the API server returns. */
export function formatQuantity(q: Quantity): string {
	if (q.milli === 0n) return '0';
	if (q.format === 'BinarySI' && abs(q.milli) >= 1024_000n && q.milli % 1000n === 0n) {
		let amount = q.milli / 1000n;
		let exponent = 0;
		while (amount % 1024n === 0n && exponent < 60) {
			amount /= 1024n;
			exponent += 10;
		}
		const suffix = Object.keys(BINARY).find((k) => BINARY[k] === exponent) ?? '';
		return `${amount}${suffix}`;
	}
	let mantissa = q.milli;
	let exponent = -3;
	while (mantissa % 10n === 0n) {
		mantissa /= 10n;
		exponent++;
	}
	const down = ((exponent % 3) + 3) % 3;
	mantissa *= 10n ** BigInt(down);
	exponent -= down;
	if (q.format === 'DecimalExponent')
		return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
	const suffix = Object.keys(DECIMAL).find((k) => DECIMAL[k] === exponent);
	return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** Parses and re-emits a quantity in canonical form, or returns ParseQuantity's error. */
export function canonicalQuantity(text: string): { value: string } | { error: string } {
	const parsed = parseQuantity(text.trim());
	return 'error' in parsed ? parsed : { value: formatQuantity(parsed) };
}

/** Quantity.String() of a stored value; text that does not parse is shown as it is. */
export function quantityText(text: string): string {
	const c = canonicalQuantity(text);
	return 'value' in c ? c.value : text;
}

export function compareQuantities(a: string, b: string): number {
	const x = parseQuantity(a);
	const y = parseQuantity(b);
	if ('error' in x || 'error' in y) return 0;
	return x.milli < y.milli ? -1 : x.milli > y.milli ? 1 : 0;
}
