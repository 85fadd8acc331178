/**
 * Go durations to whole nanoseconds, as `time.ParseDuration` computes them. The lab's parser
 * (commands/durations.ts) decides validity and keeps milliseconds; the Engine API carries
 * nanoseconds, so `500us` or `1.5ms` must not be rounded. Go adds each fractional part through
 * float64 (`v += int64(float64(f) * (float64(unit) / scale))`), and so does this.
 */
import { parseDuration } from '../../commands/durations';

const UNITS: Readonly<Record<string, bigint>> = {
	ns: 1n,
	us: 1_000n,
	'\u00b5s': 1_000n,
	'\u03bcs': 1_000n,
	ms: 1_000_000n,
	s: 1_000_000_000n,
	m: 60_000_000_000n,
	h: 3_600_000_000_000n
};

/** Nanoseconds, or undefined when Go would refuse the text. */
export function durationNanos(text: string): number | undefined {
	if (!parseDuration(text).ok) return undefined;
	const negative = text.startsWith('-');
	const body = text.replace(/^[-+]/, '');
	if (body === '0') return 0;
	let total = 0n;
	for (const match of body.matchAll(/([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/g)) {
		const unit = UNITS[match[3] ?? ''] ?? 0n;
		const whole = match[1] ?? '';
		const fraction = match[2] ?? '';
		total += BigInt(whole === '' ? '0' : whole) * unit;
		if (fraction !== '' && /[1-9]/.test(fraction)) {
			// leadingFraction stops taking digits once they would overflow; 18 is within int64.
			const digits = fraction.slice(0, 18);
			total += BigInt(Math.trunc(Number(digits) * (Number(unit) / 10 ** digits.length)));
		}
	}
	const ns = Number(total);
	return negative && ns !== 0 ? -ns : ns;
}
