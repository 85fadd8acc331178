/**
 * "Step": run the labs that share one clock (one, or the side-by-side widget's two) to the next
 * trace event any of them has, and leave them all at that event's time. The facade has no peek
 * at the event queue, so time moves a second at a time until something is traced, then seeks
 * back to the event's exact time (checkpoint + replay: the same state a straight run reaches).
 * When nothing happens within ten minutes the labs go back to where they were: a Step that finds
 * nothing leaves the story where it was, rather than ten minutes on (the widget says so).
 */
import type { Lab } from '$engine/types';

const STEP_MS = 1_000;
/** Give up after this much quiet simulated time: every cluster is at rest. */
const MAX_QUIET_MS = 10 * 60_000;

/** Returns the time stepped to, or undefined (the labs back at their start) when nothing happened within MAX_QUIET_MS. */
export function stepTogether(labs: readonly Lab[]): number | undefined {
	const first = labs[0];
	if (first === undefined) return undefined;
	const from = first.now();
	for (let waited = 0; waited < MAX_QUIET_MS; waited += STEP_MS) {
		const before = first.now();
		for (const lab of labs) lab.advance(STEP_MS);
		let next: number | undefined;
		for (const lab of labs) {
			const event = lab.events(before + 1).find((e) => e.t > from);
			if (event !== undefined && (next === undefined || event.t < next)) next = event.t;
		}
		if (next !== undefined) {
			for (const lab of labs) if (next < lab.now()) lab.seek(next);
			return next;
		}
	}
	for (const lab of labs) lab.seek(from);
	return undefined;
}
