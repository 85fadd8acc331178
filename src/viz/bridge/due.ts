/**
 * When a lab next needs advancing, for a Player that sleeps between events (player.svelte.ts):
 * nothing in a lab changes between two queued events, except the clock the widget shows.
 */
import type { Lab } from '$engine/types';
import type { ViewName } from '$viz/scenarios';

/**
 * Views that draw only what the lab's events change and animate the rest themselves: with
 * only these shown, the player advances the lab when something is due, not every frame. The
 * timeline's needle then moves in steps, when the lab wakes (at least each simulated second);
 * a seek still lands exactly where the scrubber says. The cluster view draws node and pod
 * states (each an event) and a powered-off node's "off for N s" (whole seconds: the clock's
 * tick); its fades, slides and flashes are d3 transitions, which run on their own.
 */
export const EVENT_DRIVEN: readonly ViewName[] = [
	'raft',
	'console',
	'kubectl',
	'timeline',
	'cluster'
];

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
