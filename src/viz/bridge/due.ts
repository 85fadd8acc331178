/**
 * When a lab next needs advancing, for a Player that sleeps between events (player.svelte.ts):
 * nothing in a lab changes between two queued events, except the clock the widget shows.
 */
import type { Lab } from '$engine/types';

/** The widget's clock shows whole seconds (mm:ss): a sleeping player still wakes for each. */
export const CLOCK_TICK_MS = 1000;
/**
 * How late (wall ms) the clock may turn to the next second when nothing else happens: at high
 * speeds the seconds then turn with the events, not on frames of their own.
 */
export const CLOCK_LAG_MS = 100;

/**
 * Simulated ms from now until `lab` runs its next event or its clock should show the next
 * second, playing at `speed` simulated ms per wall ms.
 */
export function dueIn(lab: Pick<Lab, 'now' | 'nextEventAt'>, speed: number): number {
	const now = lab.now();
	const second = (Math.floor(now / CLOCK_TICK_MS) + 1) * CLOCK_TICK_MS;
	return Math.min(lab.nextEventAt(), second + CLOCK_LAG_MS * speed) - now;
}
