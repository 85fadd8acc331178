/**
 * Narrated mode, the logic: an author's captions, each shown when the lab reaches a moment (a
 * time, or a trace event appearing), with the clock paused there until the learner moves on.
 * Pure functions over the trace, so a caption's moment is the lab's own, and the same seed and
 * the same clicks stop at the same moments.
 */
import type { TraceEvent } from '$engine/types';
import type { Lang } from '$viz/scenarios';

/** When a caption shows. Times are simulated ms. */
export type CaptionAt =
	/** At this time since the lab started. */
	| { time: number }
	/** This long after the previous caption's moment. */
	| { after: number }
	/**
	 * When the `count`-th (default 1st) event of this kind, about this subject if given, appears
	 * after the previous caption's moment.
	 */
	| { event: string; subject?: string; count?: number };

export interface Caption {
	/** A stable name: `{since:ID}` in another caption's text refers to this one's moment. */
	id: string;
	at: CaptionAt;
	/**
	 * The words, per language. `{since:ID}` becomes the seconds from caption ID's moment to
	 * this one's: numbers the lab produced, not numbers the author typed.
	 */
	text: Record<Lang, string>;
	/** Command lines run when the learner moves on (the story acts through the console's language). */
	then?: readonly string[];
}

/**
 * The moment `at` is met, or undefined if the lab has not reached it yet. `previous` is the
 * previous caption's moment (undefined for the first caption); `now` the lab's time.
 */
export function momentOf(
	at: CaptionAt,
	previous: number | undefined,
	events: readonly TraceEvent[],
	now: number
): number | undefined {
	if ('time' in at) return now >= at.time ? Math.max(at.time, previous ?? 0) : undefined;
	if ('after' in at) {
		const t = (previous ?? 0) + at.after;
		return now >= t ? t : undefined;
	}
	let left = at.count ?? 1;
	for (const event of events) {
		if (previous !== undefined && event.t <= previous) continue;
		if (event.t > now) break;
		if (event.kind !== at.event) continue;
		if (at.subject !== undefined && event.subject !== at.subject) continue;
		if (--left === 0) return event.t;
	}
	return undefined;
}

/** `{since:ID}` → seconds between that caption's moment and `moment` (`?` if unknown). */
export function fill(
	text: string,
	moment: number,
	moments: Readonly<Record<string, number>>
): string {
	return text.replace(/\{since:([\w-]+)\}/g, (_all, id: string) => {
		const from = moments[id];
		if (from === undefined) return '?';
		const s = (moment - from) / 1000;
		return Number.isInteger(s) ? String(s) : s.toFixed(1);
	});
}

/** Where the story stands: the captions reached, with their moments, in order. */
export interface Progress {
	/** Moments of captions 0 … reached − 1. */
	moments: number[];
	/** Whether the last reached caption still waits for the learner (clock held there). */
	waiting: boolean;
}

export const START: Progress = { moments: [], waiting: false };

/**
 * The story after the lab moved to `now` (forward or back). Going back forgets captions whose
 * moment is later; going forward reaches at most ONE new caption, and reports its moment, where
 * the clock must stop (`hold`). A waiting caption holds the story: nothing past it is reached.
 */
export function advanceStory(
	captions: readonly Caption[],
	progress: Progress,
	events: readonly TraceEvent[],
	now: number
): { progress: Progress; reached?: number; hold?: number } {
	let moments = progress.moments;
	let waiting = progress.waiting;
	while (moments.length > 0 && moments[moments.length - 1]! > now) {
		moments = moments.slice(0, -1);
		// A caption behind us was seen and passed; the one we stepped back before is unseen again.
		waiting = false;
	}
	if (moments !== progress.moments) return { progress: { moments, waiting } };
	if (waiting) return { progress };
	const next = captions[moments.length];
	if (next === undefined) return { progress };
	const t = momentOf(next.at, moments[moments.length - 1], events, now);
	if (t === undefined) return { progress };
	return {
		progress: { moments: [...moments, t], waiting: true },
		reached: moments.length,
		hold: t
	};
}

/** The moments by caption id, for `{since:ID}`. */
export function momentsById(
	captions: readonly Caption[],
	progress: Progress
): Record<string, number> {
	const out: Record<string, number> = {};
	progress.moments.forEach((t, i) => {
		const c = captions[i];
		if (c !== undefined) out[c.id] = t;
	});
	return out;
}
