/** "Step" for one lab widget: its lab to the next trace event (step-together.ts). */
import type { LabSession } from '$viz/bridge/lab-session.svelte';
import { stepTogether } from './step-together';

/** Returns the time stepped to, or undefined when nothing happened within ten minutes. */
export function stepToNextEvent(session: LabSession): number | undefined {
	return stepTogether([session.lab]);
}
