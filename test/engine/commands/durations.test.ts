import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	parseDuration,
	kubectlAge,
	dockerHumanDuration,
	formatGoDuration,
	goTimeQuote,
	MAX_DURATION_MS
} from '../../../src/engine/commands/durations';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('parseDuration (Go time.ParseDuration)', () => {
	const ok: [string, number][] = [
		['0', 0],
		['-0', 0],
		['+0', 0],
		['0s', 0],
		['5s', 5 * S],
		['30s', 30 * S],
		['250ms', 250],
		['5m', 5 * M],
		['1h30m', 90 * M],
		['2h45m', 2 * H + 45 * M],
		['1.5h', 90 * M],
		['.5s', 500],
		['1.s', S],
		['+5s', 5 * S],
		['-1.5h', -90 * M],
		['1h1m1s1ms', H + M + S + 1],
		['1m1m', 2 * M],
		['1000000us', S],
		['1000µs', 1], // U+00B5
		['1000μs', 1], // U+03BC
		['1500000ns', 2], // 1.5ms rounds half away from zero
		['1499999ns', 1],
		['-1500us', -2],
		['499us', 0],
		['0.0001s', 0],
		['1.0000000000000000000001s', S], // extra fraction digits are dropped, as in Go
		['2562047h', 2562047 * H],
		['2562047h47m16.854775807s', 9223372036855],
		['-2562047h47m16.854775808s', -9223372036855]
	];
	it.each(ok)('%j is %i ms', (s, ms) => {
		expect(parseDuration(s)).toEqual({ ok: true, ms });
	});

	const bad: [string, string][] = [
		['', 'time: invalid duration ""'],
		['-', 'time: invalid duration "-"'],
		['x', 'time: invalid duration "x"'],
		['s', 'time: invalid duration "s"'],
		['.s', 'time: invalid duration ".s"'],
		['-.s', 'time: invalid duration "-.s"'],
		['1h-5m', 'time: unknown unit "h-" in duration "1h-5m"'],
		['5s-', 'time: unknown unit "s-" in duration "5s-"'],
		['1h.', 'time: invalid duration "1h."'],
		[' 5s', 'time: invalid duration " 5s"'],
		['5', 'time: missing unit in duration "5"'],
		['1h5', 'time: missing unit in duration "1h5"'],
		['00', 'time: missing unit in duration "00"'],
		['5d', 'time: unknown unit "d" in duration "5d"'],
		['5S', 'time: unknown unit "S" in duration "5S"'],
		['1h 30m', 'time: unknown unit "h " in duration "1h 30m"'],
		['5sec', 'time: unknown unit "sec" in duration "5sec"'],
		['3µ', 'time: unknown unit "\\xc2\\xb5" in duration "3\\xc2\\xb5"'],
		['1"s', 'time: unknown unit "\\"s" in duration "1\\"s"'],
		['2562048h', 'time: invalid duration "2562048h"'],
		['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
		['9223372036854775808ns1ns', 'time: invalid duration "9223372036854775808ns1ns"'],
		['99999999999999999999s', 'time: invalid duration "99999999999999999999s"']
	];
	it.each(bad)('%j fails with %s', (s, error) => {
		expect(parseDuration(s)).toEqual({ ok: false, error });
	});

	it('round-trips formatGoDuration for whole milliseconds', () => {
		fc.assert(
			fc.property(fc.integer({ min: -MAX_DURATION_MS, max: MAX_DURATION_MS }), (ms) => {
				expect(parseDuration(formatGoDuration(ms))).toEqual({ ok: true, ms: ms === 0 ? 0 : ms });
			}),
			{ numRuns: 2000 }
		);
	});

	// A generous timeout: on a loaded 2-core CI machine the first property of a file can be slow.
	it('never throws', { timeout: 30_000 }, () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
				const r = parseDuration(s);
				expect(typeof r.ok).toBe('boolean');
			})
		);
	});
});

describe('goTimeQuote', () => {
	it.each([
		['abc', '"abc"'],
		['a"b\\c', '"a\\"b\\\\c"'],
		['\t', '"\\x09"'],
		['日', '"\\xe6\\x97\\xa5"']
	])('%j quotes as %s', (s, q) => {
		expect(goTimeQuote(s)).toBe(q);
	});
});

describe('kubectlAge (apimachinery duration.HumanDuration, §1.3)', () => {
	const cases: [number, string][] = [
		[-3 * S, '<invalid>'],
		[-2 * S, '<invalid>'],
		[-1999, '0s'],
		[-1, '0s'],
		[0, '0s'],
		[999, '0s'],
		[45 * S, '45s'],
		[119 * S + 999, '119s'],
		[2 * M, '2m'],
		[2 * M + 5 * S, '2m5s'],
		[9 * M + 59 * S, '9m59s'],
		[10 * M, '10m'],
		[10 * M + 59 * S, '10m'],
		[95 * M, '95m'],
		[179 * M + 59 * S, '179m'],
		[3 * H, '3h'],
		[3 * H + 7 * M, '3h7m'],
		[7 * H + 59 * M + 59 * S, '7h59m'],
		[8 * H, '8h'],
		[47 * H + 59 * M, '47h'],
		[2 * D, '2d'],
		[2 * D + 5 * H, '2d5h'],
		[7 * D + 23 * H, '7d23h'],
		[8 * D, '8d'],
		[400 * D, '400d'],
		[729 * D, '729d'],
		[2 * Y, '2y'],
		[3 * Y + 120 * D, '3y120d'],
		[8 * Y - 1, '7y364d'],
		[8 * Y, '8y'],
		[100 * Y + 5 * D, '100y'],
		[Infinity, '292y'],
		[NaN, '<invalid>']
	];
	it.each(cases)('%i ms is %s', (ms, want) => {
		expect(kubectlAge(ms)).toBe(want);
	});
});

describe('dockerHumanDuration (go-units HumanDuration, §1.4)', () => {
	const cases: [number, string][] = [
		[-5 * S, 'Less than a second'],
		[0, 'Less than a second'],
		[999, 'Less than a second'],
		[S, '1 second'],
		[1999, '1 second'],
		[2 * S, '2 seconds'],
		[12 * S, '12 seconds'],
		[59 * S + 999, '59 seconds'],
		[60 * S, 'About a minute'],
		[119 * S, 'About a minute'],
		[2 * M, '2 minutes'],
		[5 * M, '5 minutes'],
		[59 * M + 59 * S, '59 minutes'],
		[60 * M, 'About an hour'],
		[89 * M + 59 * S, 'About an hour'],
		[90 * M, '2 hours'],
		[3 * H, '3 hours'],
		[47 * H + 29 * M, '47 hours'],
		[47 * H + 30 * M, '2 days'],
		[3 * D, '3 days'],
		[13 * D + 23 * H, '13 days'],
		[14 * D, '2 weeks'],
		[59 * D, '8 weeks'],
		[60 * D, '2 months'],
		[4 * 30 * D, '4 months'],
		[729 * D, '24 months'],
		[730 * D, '2 years'],
		[10 * Y, '10 years']
	];
	it.each(cases)('%i ms is %s', (ms, want) => {
		expect(dockerHumanDuration(ms)).toBe(want);
	});

	it('gives the CURRENT STATE suffixes of §1.4', () => {
		const ago = (ms: number) => dockerHumanDuration(ms).toLowerCase() + ' ago';
		expect(ago(300)).toBe('less than a second ago');
		expect(ago(12 * S)).toBe('12 seconds ago');
		expect(ago(70 * S)).toBe('about a minute ago');
		expect(ago(2 * H)).toBe('2 hours ago');
	});
});

describe('formatGoDuration (time.Duration.String)', () => {
	const cases: [number, string][] = [
		[0, '0s'],
		[1, '1ms'],
		[250, '250ms'],
		[999, '999ms'],
		[-250, '-250ms'],
		[S, '1s'],
		[1500, '1.5s'],
		[1050, '1.05s'],
		[1001, '1.001s'],
		[59 * S, '59s'],
		[M, '1m0s'],
		[2 * M + 5250, '2m5.25s'],
		[-90 * S, '-1m30s'],
		[H, '1h0m0s'],
		[90 * M, '1h30m0s'],
		[100 * H + 1, '100h0m0.001s'],
		[MAX_DURATION_MS, '2562047h47m16.854s'],
		[Infinity, '2562047h47m16.854s'],
		[0.4, '0s'],
		[NaN, '0s']
	];
	it.each(cases)('%d ms is %s', (ms, want) => {
		expect(formatGoDuration(ms)).toBe(want);
	});
});
