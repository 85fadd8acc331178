/**
 * Cron schedules as the CronJob controller and the API server's validation read them:
 * github.com/robfig/cron/v3 `ParseStandard` (parser.go: 5 fields minute hour day-of-month month
 * day-of-week, or an `@hourly`-style descriptor, or `@every <duration>`; an optional `TZ=`/
 * `CRON_TZ=` prefix) and `SpecSchedule.Next` (spec.go), with its error texts word for word.
 *
 * Times are milliseconds since the Unix epoch; wall-clock fields are read in a zone (UTC, which
 * kube-controller-manager runs in on a kubeadm cluster, or an IANA zone named by spec.timeZone).
 */
import { ownValue } from '../core/own-keys';

/** One field's allowed values, as a bit set (bit n = value n), and whether it was `*` / `?`. */
interface Bounds {
	min: number;
	max: number;
	names?: Record<string, number>;
}

const MONTH_NAMES: Record<string, number> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	oct: 10,
	nov: 11,
	dec: 12
};
const DOW_NAMES: Record<string, number> = {
	sun: 0,
	mon: 1,
	tue: 2,
	wed: 3,
	thu: 4,
	fri: 5,
	sat: 6
};

// parser.go bounds: dow is 0-6 (7 is refused), months and days start at 1.
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: MONTH_NAMES };
const DOW: Bounds = { min: 0, max: 6, names: DOW_NAMES };

/** A field's values; `star` mirrors robfig's starBit (a `*` or `?` with no step above 1). */
interface FieldSet {
	values: Set<number>;
	star: boolean;
}

export type CronSchedule =
	| {
			kind: 'spec';
			minute: FieldSet;
			hour: FieldSet;
			dom: FieldSet;
			month: FieldSet;
			dow: FieldSet;
			/** The zone of a `TZ=` prefix, when there is one. */
			zone?: string;
	  }
	/** `@every 90s`: a constant delay, rounded to whole seconds (ConstantDelaySchedule). */
	| { kind: 'every'; delayMs: number };

export type ParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

class CronError extends Error {}

/** strconv.Atoi, then robfig's mustParseInt (no negatives). */
function mustParseInt(expr: string): number {
	if (!/^[+-]?\d+$/.test(expr))
		throw new CronError(
			`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`
		);
	const n = Number(expr);
	if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
	return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
	const named = ownValue(names, expr.toLowerCase());
	return named ?? mustParseInt(expr);
}

/** parser.go getRange: `*`, `N`, `N-M`, each with an optional `/step`. */
function getRange(expr: string, r: Bounds, into: FieldSet): void {
	const rangeAndStep = expr.split('/');
	const lowAndHigh = rangeAndStep[0]!.split('-');
	const singleDigit = lowAndHigh.length === 1;
	let start: number;
	let end: number;
	let star = false;
	if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
		start = r.min;
		end = r.max;
		star = true;
	} else {
		start = parseIntOrName(lowAndHigh[0]!, r.names);
		if (lowAndHigh.length === 1) end = start;
		else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
		else throw new CronError(`too many hyphens: ${expr}`);
	}
	let step: number;
	if (rangeAndStep.length === 1) step = 1;
	else if (rangeAndStep.length === 2) {
		step = mustParseInt(rangeAndStep[1]!);
		// "N/step" means "N-max/step".
		if (singleDigit) end = r.max;
		if (step > 1) star = false;
	} else throw new CronError(`too many slashes: ${expr}`);
	if (start < r.min)
		throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
	if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
	if (start > end)
		throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
	if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
	for (let v = start; v <= end; v += step) into.values.add(v);
	into.star ||= star;
}

/** parser.go getField: a comma-separated list of ranges (empty items are skipped). */
function getField(field: string, r: Bounds): FieldSet {
	const set: FieldSet = { values: new Set(), star: false };
	for (const expr of field.split(',').filter((e) => e !== '')) getRange(expr, r, set);
	return set;
}

const DESCRIPTORS: Record<string, string> = {
	'@yearly': '0 0 1 1 *',
	'@annually': '0 0 1 1 *',
	'@monthly': '0 0 1 * *',
	'@weekly': '0 0 * * 0',
	'@daily': '0 0 * * *',
	'@midnight': '0 0 * * *',
	'@hourly': '0 * * * *'
};

/** Go's time.ParseDuration for the `@every` form (units ns … h, decimals allowed). */
function parseGoDuration(text: string): number | undefined {
	const units: Record<string, number> = {
		ns: 1e-6,
		us: 1e-3,
		µs: 1e-3,
		ms: 1,
		s: 1000,
		m: 60_000,
		h: 3_600_000
	};
	if (text === '0') return 0;
	const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
	if (m === null) return undefined;
	let total = 0;
	for (const part of text
		.replace(/^[+-]/, '')
		.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
		total += Number(part[1]) * units[part[2]!]!;
	return m[1] === '-' ? -total : total;
}

/** cron.ParseStandard. A zone prefix must name a zone `isKnownZone` accepts. */
export function parseStandard(spec: string): ParseResult {
	try {
		return { ok: true, schedule: parse(spec) };
	} catch (e) {
		if (e instanceof CronError) return { ok: false, error: e.message };
		throw e;
	}
}

function parse(input: string): CronSchedule {
	let spec = input;
	if (spec.length === 0) throw new CronError('empty spec string');
	let zone: string | undefined;
	if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
		const space = spec.indexOf(' ');
		const eq = spec.indexOf('=');
		// Go slices spec[eq+1:i]; with no space at all the slice panics, which the API server
		// reports as a failed request: refuse it the way a bad location is refused.
		const name = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
		const problem = zoneError(name);
		if (problem !== undefined) throw new CronError(`provided bad location ${name}: ${problem}`);
		zone = name;
		spec = space < 0 ? '' : spec.slice(space).trim();
	}
	if (spec.startsWith('@')) {
		const expanded = ownValue(DESCRIPTORS, spec);
		if (expanded !== undefined) return { ...parseFields(expanded.split(' ')), zone };
		if (spec.startsWith('@every ')) {
			const text = spec.slice('@every '.length);
			const ms = parseGoDuration(text);
			if (ms === undefined)
				throw new CronError(
					`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(text)}`
				);
			// constantdelay.go Every: less than a second counts as one; sub-seconds are dropped.
			const delayMs = ms < 1000 ? 1000 : Math.floor(ms / 1000) * 1000;
			return { kind: 'every', delayMs };
		}
		throw new CronError(`unrecognized descriptor: ${spec}`);
	}
	const fields = spec.split(/\s+/).filter((f) => f !== '');
	if (fields.length !== 5)
		throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
	return { ...parseFields(fields), zone };
}

function parseFields(fields: readonly string[]): Extract<CronSchedule, { kind: 'spec' }> {
	return {
		kind: 'spec',
		minute: getField(fields[0]!, MINUTES),
		hour: getField(fields[1]!, HOURS),
		dom: getField(fields[2]!, DOM),
		month: getField(fields[3]!, MONTHS),
		dow: getField(fields[4]!, DOW)
	};
}

// --- zones ------------------------------------------------------------------------------

interface Wall {
	year: number;
	month: number; // 1-12
	day: number;
	hour: number;
	minute: number;
	second: number;
	weekday: number; // 0 = Sunday
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter of wall-clock fields (24-hour) in `zone`. */
function formatter(zone: string): Intl.DateTimeFormat {
	let f = FORMATTERS.get(zone);
	if (f === undefined) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		FORMATTERS.set(zone, f);
	}
	return f;
}

/** time.LoadLocation's answer for a name: undefined when it loads, else Go's error text. */
export function zoneError(name: string): string | undefined {
	if (name === '' || name === 'UTC') return undefined;
	if (name === 'Local') return undefined;
	try {
		const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
			.timeZone;
		// Zone files are looked up by exact name: `utc` or `europe/paris` do not load in Go,
		// though Intl accepts any case.
		if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name)
			return `unknown time zone ${name}`;
		return undefined;
	} catch {
		return `unknown time zone ${name}`;
	}
}

/** The zone's offset from UTC at instant `ms`, in ms. */
export function offsetAt(zone: string, ms: number): number {
	if (zone === 'UTC') return 0;
	const parts = formatter(zone).formatToParts(ms);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

function wallOf(zone: string, ms: number): Wall {
	const d = new Date(ms + offsetAt(zone, ms));
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		weekday: d.getUTCDay()
	};
}

/** time.Date(y, mo, d, h, mi, s, 0, loc): normalises overflow, then finds the offset as Go does. */
function dateIn(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number) {
	const unix = Date.UTC(y, mo - 1, d, h, mi, s);
	let offset = offsetAt(zone, unix);
	if (offset !== 0) {
		const utc = unix - offset;
		if (offsetAt(zone, utc) !== offset) offset = offsetAt(zone, utc);
	}
	return unix - offset;
}

// --- Next -------------------------------------------------------------------------------

function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, w: Wall): boolean {
	const domMatch = s.dom.values.has(w.day);
	const dowMatch = s.dow.values.has(w.weekday);
	// spec.go dayMatches: with a `*` in either field both must match, else either may.
	if (s.dom.star || s.dow.star) return domMatch && dowMatch;
	return domMatch || dowMatch;
}

/**
 * The first activation strictly after `t` (SpecSchedule.Next / ConstantDelaySchedule.Next), or
 * undefined when none comes within five years (robfig returns the zero time then). `zone` is
 * the location the schedule runs in when the schedule names none (the controller's TZ=).
 */
export function nextAfter(schedule: CronSchedule, t: number, zone = 'UTC'): number | undefined {
	if (schedule.kind === 'every') return t - (t % 1000) + schedule.delayMs;
	const loc = schedule.zone ?? zone;
	const s = schedule;
	// Start at the upcoming second.
	let ms = Math.floor(t / 1000) * 1000 + 1000;
	let added = false;
	const yearLimit = wallOf(loc, ms).year + 5;
	for (;;) {
		let w = wallOf(loc, ms);
		if (w.year > yearLimit) return undefined;
		let wrapped = false;
		while (!s.month.values.has(w.month)) {
			if (!added) {
				added = true;
				ms = dateIn(loc, w.year, w.month, 1, 0, 0, 0);
				w = wallOf(loc, ms);
			}
			ms = dateIn(loc, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
			w = wallOf(loc, ms);
			if (w.month === 1) {
				wrapped = true;
				break;
			}
		}
		if (wrapped) continue;
		while (!dayMatches(s, w)) {
			if (!added) {
				added = true;
				ms = dateIn(loc, w.year, w.month, w.day, 0, 0, 0);
				w = wallOf(loc, ms);
			}
			ms = dateIn(loc, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
			w = wallOf(loc, ms);
			// A DST change can move midnight: go back to it.
			if (w.hour !== 0) {
				ms += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
				w = wallOf(loc, ms);
			}
			if (w.day === 1) {
				wrapped = true;
				break;
			}
		}
		if (wrapped) continue;
		while (!s.hour.values.has(w.hour)) {
			if (!added) {
				added = true;
				ms = dateIn(loc, w.year, w.month, w.day, w.hour, 0, 0);
			}
			ms += 3_600_000;
			w = wallOf(loc, ms);
			if (w.hour === 0) {
				wrapped = true;
				break;
			}
		}
		if (wrapped) continue;
		while (!s.minute.values.has(w.minute)) {
			if (!added) {
				added = true;
				ms -= ms % 60_000;
			}
			ms += 60_000;
			w = wallOf(loc, ms);
			if (w.minute === 0) {
				wrapped = true;
				break;
			}
		}
		if (wrapped) continue;
		// The standard parser's seconds field is always 0.
		while (w.second !== 0) {
			if (!added) {
				added = true;
				ms -= ms % 1000;
			}
			ms += 1000;
			w = wallOf(loc, ms);
			if (w.second === 0) {
				wrapped = true;
				break;
			}
		}
		if (wrapped) continue;
		return ms;
	}
}
