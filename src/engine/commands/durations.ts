// Go duration syntax and the three ways the real tools print elapsed time. Each function follows
// the Go source closely (integer truncation, float rounding, thresholds) because the console must
// print exactly what kubectl and docker print; see cli-formats.md §1.3 and §1.4.

const NS_PER_MS = 1_000_000n;
// Go's Duration is an int64 of nanoseconds: |d| may reach 1<<63 only when negative.
const MAX_MAGNITUDE = 1n << 63n;
const MAX_INT64 = MAX_MAGNITUDE - 1n;

/** Largest whole number of milliseconds a Go `time.Duration` can hold (about 2562047h). */
export const MAX_DURATION_MS = Number(MAX_INT64 / NS_PER_MS);

const UNITS: ReadonlyMap<string, bigint> = new Map([
	['ns', 1n],
	['us', 1_000n],
	['\u00b5s', 1_000n], // U+00B5 MICRO SIGN
	['\u03bcs', 1_000n], // U+03BC GREEK SMALL LETTER MU
	['ms', 1_000_000n],
	['s', 1_000_000_000n],
	['m', 60_000_000_000n],
	['h', 3_600_000_000_000n]
]);

const HEX = '0123456789abcdef';

function utf8Bytes(cp: number): number[] {
	if (cp < 0x80) return [cp];
	if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
	if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
	return [
		0xf0 | (cp >> 18),
		0x80 | ((cp >> 12) & 0x3f),
		0x80 | ((cp >> 6) & 0x3f),
		0x80 | (cp & 0x3f)
	];
}

/**
 * Quote `s` like the private `quote` of Go's time package: `"` and `\` are escaped, and every
 * byte of a control or non-ASCII character is written as `\xNN`.
 */
export function goTimeQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp >= 0x80 || cp < 0x20) {
			for (const b of utf8Bytes(cp)) out += '\\x' + HEX[b >> 4] + HEX[b & 0xf];
		} else {
			if (ch === '"' || ch === '\\') out += '\\';
			out += ch;
		}
	}
	return out + '"';
}

/** Result of {@link parseDuration}: whole milliseconds, or Go's error text. */
export type ParseDurationResult = { ok: true; ms: number } | { ok: false; error: string };

function isDigit(c: string | undefined): boolean {
	return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Parse a duration with Go's `time.ParseDuration` rules (`300ms`, `-1.5h`, `2h45m`, `0`), then
 * round the nanoseconds to the nearest millisecond (halves away from zero). Errors carry Go's
 * exact messages, such as `time: unknown unit "d" in duration "5d"`.
 */
export function parseDuration(s: string): ParseDurationResult {
	const invalid = (): ParseDurationResult => ({
		ok: false,
		error: 'time: invalid duration ' + goTimeQuote(s)
	});
	let i = 0;
	let neg = false;
	if (s[0] === '-' || s[0] === '+') {
		neg = s[0] === '-';
		i = 1;
	}
	if (s.length - i === 1 && s[i] === '0') return { ok: true, ms: 0 };
	if (i === s.length) return invalid();

	let d = 0n;
	while (i < s.length) {
		const c = s[i];
		if (!(c === '.' || isDigit(c))) return invalid();

		// Integer part: Go's leadingInt gives up (an error) once the value passes 1<<63.
		const intStart = i;
		let v = 0n;
		for (; i < s.length && isDigit(s[i]); i++) {
			if (v > MAX_MAGNITUDE / 10n) return invalid();
			v = v * 10n + BigInt(s.charCodeAt(i) - 48);
			if (v > MAX_MAGNITUDE) return invalid();
		}
		const pre = i !== intStart;

		// Fraction: Go's leadingFraction silently drops digits that would overflow.
		let f = 0n;
		let scale = 1;
		let post = false;
		if (s[i] === '.') {
			i++;
			const fracStart = i;
			let overflow = false;
			for (; i < s.length && isDigit(s[i]); i++) {
				if (overflow) continue;
				if (f > MAX_INT64 / 10n) {
					overflow = true;
					continue;
				}
				const y = f * 10n + BigInt(s.charCodeAt(i) - 48);
				if (y > MAX_MAGNITUDE) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = i !== fracStart;
		}
		if (!pre && !post) return invalid();

		// The unit is everything up to the next digit or '.', so "1h 30m" has unit "h ".
		const unitStart = i;
		while (i < s.length && !(s[i] === '.' || isDigit(s[i]))) i++;
		if (i === unitStart) {
			return { ok: false, error: 'time: missing unit in duration ' + goTimeQuote(s) };
		}
		const u = s.slice(unitStart, i);
		const unit = UNITS.get(u);
		if (unit === undefined) {
			return {
				ok: false,
				error: 'time: unknown unit ' + goTimeQuote(u) + ' in duration ' + goTimeQuote(s)
			};
		}
		if (v > MAX_MAGNITUDE / unit) return invalid();
		v *= unit;
		if (f > 0n) {
			// Go computes the fractional part in float64; doing the same keeps 1.1h etc. identical
			// down to the nanosecond before our rounding.
			v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
			if (v > MAX_MAGNITUDE) return invalid();
		}
		d += v;
		if (d > MAX_MAGNITUDE) return invalid();
	}
	if (!neg && d > MAX_INT64) return invalid();
	const ms = Number((d + NS_PER_MS / 2n) / NS_PER_MS);
	// Avoid -0 so callers can compare with ===.
	return { ok: true, ms: neg && ms !== 0 ? -ms : ms };
}

/**
 * Format elapsed milliseconds as kubectl does (apimachinery `duration.HumanDuration`): `45s`,
 * `2m5s`, `95m`, `3h7m`, `47h`, `2d5h`, `400d`, `3y120d`; `<invalid>` for −2 s or less.
 */
export function kubectlAge(ms: number): string {
	if (Number.isNaN(ms)) return '<invalid>';
	// A Go Duration cannot exceed about 292 years; clamping keeps Infinity printable.
	ms = Math.min(ms, MAX_DURATION_MS);
	// int(d.Seconds()) truncates toward zero, so −1.9 s still counts as "now".
	const seconds = Math.trunc(ms / 1000);
	if (seconds < -1) return '<invalid>';
	if (seconds < 0) return '0s';
	if (seconds < 60 * 2) return `${seconds}s`;
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 10) {
		const s = seconds % 60;
		return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
	}
	if (minutes < 60 * 3) return `${minutes}m`;
	const hours = Math.floor(ms / 3_600_000);
	if (hours < 8) {
		const m = minutes % 60;
		return m === 0 ? `${hours}h` : `${hours}h${m}m`;
	}
	if (hours < 48) return `${hours}h`;
	const days = Math.floor(hours / 24);
	if (hours < 24 * 8) {
		const h = hours % 24;
		return h === 0 ? `${days}d` : `${days}d${h}h`;
	}
	if (hours < 24 * 365 * 2) return `${days}d`;
	const years = Math.floor(days / 365);
	if (hours < 24 * 365 * 8) {
		const dy = days % 365;
		return dy === 0 ? `${years}y` : `${years}y${dy}d`;
	}
	return `${years}y`;
}

/**
 * Format elapsed milliseconds as docker does (go-units `HumanDuration`): `Less than a second`,
 * `1 second`, `N seconds`, `About a minute`, `N minutes`, `About an hour`, `N hours`, `N days`,
 * `N weeks`, `N months`, `N years`. The hour count is rounded; the others truncate, as in Go.
 */
export function dockerHumanDuration(ms: number): string {
	if (Number.isNaN(ms)) return 'Less than a second';
	ms = Math.min(ms, MAX_DURATION_MS);
	const seconds = Math.trunc(ms / 1000);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.trunc(ms / 60_000);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(ms / 3_600_000 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	// Go uses the unrounded hours here: int(d.Hours())/24/365.
	return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/**
 * Go's `time.Duration.String()` for a whole number of milliseconds: `0s`, `250ms`, `1.5s`,
 * `1m0s`, `2m5.25s`, `1h30m0s`, `-1m30s`. The input is rounded to whole milliseconds and
 * clamped to Go's range.
 */
export function formatGoDuration(ms: number): string {
	if (Number.isNaN(ms)) return '0s';
	let n = Math.round(Math.min(MAX_DURATION_MS, Math.max(-MAX_DURATION_MS, ms)));
	if (n === 0) return '0s';
	const sign = n < 0 ? '-' : '';
	n = Math.abs(n);
	// Below one second Go switches to a smaller unit; for whole milliseconds that is always ms.
	if (n < 1000) return `${sign}${n}ms`;
	const frac = n % 1000;
	// Go prints the fraction without trailing zeros, and drops the point when it is zero.
	const fracText = frac === 0 ? '' : '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
	const totalSeconds = Math.floor(n / 1000);
	let out = `${totalSeconds % 60}${fracText}s`;
	const totalMinutes = Math.floor(totalSeconds / 60);
	if (totalMinutes > 0) {
		out = `${totalMinutes % 60}m` + out;
		const hours = Math.floor(totalMinutes / 60);
		if (hours > 0) out = `${hours}h` + out;
	}
	return sign + out;
}
