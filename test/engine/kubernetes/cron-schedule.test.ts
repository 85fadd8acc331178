/**
 * The cron parser and next-time computation (robfig/cron/v3 ParseStandard and
 * SpecSchedule.Next, as the CronJob controller and the API server's validation use them).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	nextAfter,
	parseStandard,
	type CronSchedule
} from '../../../src/engine/kubernetes/cron-schedule';

function schedule(spec: string): CronSchedule {
	const r = parseStandard(spec);
	if (!r.ok) throw new Error(r.error);
	return r.schedule;
}

const utc = (text: string) => Date.parse(text);
const iso = (ms: number | undefined) =>
	ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');

/** The next `n` activations after `from`. */
function nextTimes(spec: string, from: string, n: number, zone?: string): (string | undefined)[] {
	const s = schedule(spec);
	const out: (string | undefined)[] = [];
	let t: number | undefined = utc(from);
	for (let i = 0; i < n && t !== undefined; i++) {
		t = nextAfter(s, t, zone);
		out.push(iso(t));
	}
	return out;
}

describe('cron next times', () => {
	it('every minute fires on the next whole minute, strictly after the given time', () => {
		expect(nextTimes('* * * * *', '2026-01-05T09:00:00Z', 3)).toEqual([
			'2026-01-05T09:01:00Z',
			'2026-01-05T09:02:00Z',
			'2026-01-05T09:03:00Z'
		]);
		expect(nextTimes('* * * * *', '2026-01-05T09:00:59.900Z', 1)).toEqual(['2026-01-05T09:01:00Z']);
	});

	it('steps count from the start of the range, and N/step means N-max/step', () => {
		expect(nextTimes('*/15 * * * *', '2026-01-05T09:07:00Z', 5)).toEqual([
			'2026-01-05T09:15:00Z',
			'2026-01-05T09:30:00Z',
			'2026-01-05T09:45:00Z',
			'2026-01-05T10:00:00Z',
			'2026-01-05T10:15:00Z'
		]);
		expect(nextTimes('50/5 * * * *', '2026-01-05T09:00:00Z', 3)).toEqual([
			'2026-01-05T09:50:00Z',
			'2026-01-05T09:55:00Z',
			'2026-01-05T10:50:00Z'
		]);
		expect(nextTimes('10-20/7 * * * *', '2026-01-05T09:00:00Z', 3)).toEqual([
			'2026-01-05T09:10:00Z',
			'2026-01-05T09:17:00Z',
			'2026-01-05T10:10:00Z'
		]);
	});

	it('lists and ranges combine, and month and day names are accepted in any case', () => {
		expect(nextTimes('0 9,17 * * MON-fri', '2026-01-09T10:00:00Z', 3)).toEqual([
			'2026-01-09T17:00:00Z', // Friday
			'2026-01-12T09:00:00Z', // Monday
			'2026-01-12T17:00:00Z'
		]);
		expect(nextTimes('30 6 1 jan,Jul *', '2026-01-05T00:00:00Z', 2)).toEqual([
			'2026-07-01T06:30:00Z',
			'2027-01-01T06:30:00Z'
		]);
	});

	it('day of month OR day of week when both are restricted; AND when either is *', () => {
		// The 13th, or any Friday.
		expect(nextTimes('0 0 13 * 5', '2026-02-01T00:00:00Z', 4)).toEqual([
			'2026-02-06T00:00:00Z', // Friday
			'2026-02-13T00:00:00Z', // Friday the 13th
			'2026-02-20T00:00:00Z',
			'2026-02-27T00:00:00Z'
		]);
		// Only Fridays (day of month is *).
		expect(nextTimes('0 0 * * 5', '2026-02-01T00:00:00Z', 2)).toEqual([
			'2026-02-06T00:00:00Z',
			'2026-02-13T00:00:00Z'
		]);
		// A stepped `*/2` is no longer a star: OR again (odd days, or Sundays).
		expect(nextTimes('0 0 */2 * 0', '2026-02-01T12:00:00Z', 3)).toEqual([
			'2026-02-03T00:00:00Z',
			'2026-02-05T00:00:00Z',
			'2026-02-07T00:00:00Z'
		]);
	});

	it('descriptors expand to their five fields', () => {
		expect(nextTimes('@hourly', '2026-01-05T09:00:00Z', 1)).toEqual(['2026-01-05T10:00:00Z']);
		expect(nextTimes('@daily', '2026-01-05T09:00:00Z', 1)).toEqual(['2026-01-06T00:00:00Z']);
		expect(nextTimes('@weekly', '2026-01-05T09:00:00Z', 1)).toEqual(['2026-01-11T00:00:00Z']);
		expect(nextTimes('@monthly', '2026-01-05T09:00:00Z', 1)).toEqual(['2026-02-01T00:00:00Z']);
		expect(nextTimes('@yearly', '2026-01-05T09:00:00Z', 1)).toEqual(['2027-01-01T00:00:00Z']);
		expect(nextTimes('@every 90s', '2026-01-05T09:00:00.500Z', 2)).toEqual([
			'2026-01-05T09:01:30Z',
			'2026-01-05T09:03:00Z'
		]);
	});

	it('the 29th of February waits for a leap year; an impossible date finds nothing', () => {
		expect(nextTimes('0 0 29 2 *', '2026-01-05T00:00:00Z', 1)).toEqual(['2028-02-29T00:00:00Z']);
		expect(nextAfter(schedule('0 0 31 2 *'), utc('2026-01-05T00:00:00Z'))).toBeUndefined();
	});

	it('runs in the zone it is given, across a daylight-saving change', () => {
		// 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer (DST from 8 March 2026).
		expect(nextTimes('0 9 * * *', '2026-03-06T20:00:00Z', 3, 'America/New_York')).toEqual([
			'2026-03-07T14:00:00Z',
			'2026-03-08T13:00:00Z',
			'2026-03-09T13:00:00Z'
		]);
		const prefixed = schedule('CRON_TZ=Asia/Tokyo 30 8 * * *');
		expect(iso(nextAfter(prefixed, utc('2026-01-05T00:00:00Z')))).toBe('2026-01-05T23:30:00Z');
	});

	it('every answer matches the schedule and none is skipped (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 59 }),
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 0, max: 23 }),
				fc.integer({ min: 0, max: 400 * 24 * 60 }),
				(minute, step, hour, offsetMin) => {
					const spec = `${minute}/${step} ${hour} * * *`;
					const from = utc('2026-01-05T00:00:00Z') + offsetMin * 60_000;
					const next = nextAfter(schedule(spec), from)!;
					const d = new Date(next);
					expect(d.getUTCHours()).toBe(hour);
					expect((d.getUTCMinutes() - minute) % step).toBe(0);
					expect(d.getUTCMinutes()).toBeGreaterThanOrEqual(minute);
					expect(next).toBeGreaterThan(from);
					// No matching minute lies strictly between `from` and the answer.
					for (let t = Math.floor(from / 60_000 + 1) * 60_000; t < next; t += 60_000) {
						const m = new Date(t);
						const matches =
							m.getUTCHours() === hour &&
							m.getUTCMinutes() >= minute &&
							(m.getUTCMinutes() - minute) % step === 0;
						expect(matches).toBe(false);
					}
				}
			),
			{ numRuns: 30 }
		);
	});
});

describe('cron parse errors (robfig/cron/v3 parser.go texts)', () => {
	const error = (spec: string) => {
		const r = parseStandard(spec);
		return r.ok ? undefined : r.error;
	};
	it.each([
		['', 'empty spec string'],
		['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
		['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
		['61 * * * *', 'end of range (61) above maximum (59): 61'],
		['* 24 * * *', 'end of range (24) above maximum (23): 24'],
		['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
		['* * * * 7', 'end of range (7) above maximum (6): 7'],
		['30-10 * * * *', 'beginning of range (30) beyond end of range (10): 30-10'],
		['*/0 * * * *', 'step of range should be a positive number: */0'],
		['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
		['*/2/3 * * * *', 'too many slashes: */2/3'],
		['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
		['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
		['@fortnightly', 'unrecognized descriptor: @fortnightly'],
		['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
		[
			'TZ=Mars/Olympus * * * * *',
			'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'
		]
	])('%j → %s', (spec, message) => {
		expect(error(spec)).toBe(message);
	});

	it('accepts what the parser accepts', () => {
		for (const spec of [
			'* * * * *',
			'0 0 1 1 *',
			'*/5 1-5 ? * sun',
			'@midnight',
			'TZ=UTC 0 * * * *'
		])
			expect(error(spec)).toBeUndefined();
	});
});
