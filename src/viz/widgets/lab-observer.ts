/**
 * How a component around a lab widget (an exercise's goals) learns of the live lab: the widget
 * reports its lab after every change (a command, a clock move, a reset's new lab). The observer
 * only reads the lab — read-only command lines — and never drives it.
 */
import { getContext, setContext } from 'svelte';
import type { Lab } from '$engine/types';

export interface LabObserver {
	/** The widget's lab changed, or was replaced by a new one (`lab` is the one now shown). */
	changed(lab: Lab): void;
}

const KEY = Symbol('lab-observer');

/** Called by the surrounding component while it initialises. */
export function provideLabObserver(observer: LabObserver): void {
	setContext(KEY, observer);
}

/** Called by a lab widget while it initialises: whom to tell, if anybody. */
export function labObserver(): LabObserver | undefined {
	return getContext<LabObserver | undefined>(KEY);
}
