/**
 * Wall-clock shapes for simulated time. Simulated time 0 is a fixed instant, so timestamps in
 * API objects are the same on every run and every machine.
 */

/** 2026-01-05T09:00:00Z: the moment every lab starts (a fixed constant, never the real clock). */
export const LAB_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

let cachedSecond = NaN;
let cachedText = '';

/** RFC 3339 with seconds, as metav1.Time serialises (`2026-01-05T09:00:10Z`). */
export function rfc3339(t: number): string {
	const second = Math.floor(t / 1000);
	if (second !== cachedSecond) {
		cachedSecond = second;
		cachedText = new Date(LAB_EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
	}
	return cachedText;
}

const MILLIS = Array.from({ length: 1000 }, (_, ms) => `.${String(ms).padStart(3, '0')}000Z`);

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime). */
export function rfc3339Micro(t: number): string {
	const seconds = rfc3339(t);
	// join makes one flat string (`+` a pair of pieces): every lease keeps its renewTime.
	return [seconds.slice(0, -1), MILLIS[((t % 1000) + 1000) % 1000]!].join('');
}

/** English day and month abbreviations, as Go's time formats and busybox `date` print them. */
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;
