/**
 * "Step": run the lab to its next trace event. The facade has no peek at the event queue, so
 * time moves a second at a time until something is traced, then seeks back to that event's
 * exact time (a seek is checkpoint + replay, so this lands on the same state a straight run would).
 */
import type { LabSession } from '$viz/bridge/lab-session.svelte';

const STEP_MS = 1_000;
/** Give up after this much quiet simulated time: the cluster is at rest. */
const MAX_QUIET_MS = 10 * 60_000;

/** Returns the time stepped to, or undefined when nothing happened within MAX_QUIET_MS. */
export function stepToNextEvent(session: LabSession): number | undefined {
	const lab = session.lab;
	const from = lab.now();
	for (let waited = 0; waited < MAX_QUIET_MS; waited += STEP_MS) {
		const before = lab.now();
		lab.advance(STEP_MS);
		const fresh = lab.events(before + 1);
		const first = fresh.find((e) => e.t > from);
		if (first !== undefined) {
			if (first.t < lab.now()) lab.seek(first.t);
			return first.t;
		}
	}
	return undefined;
}
