/**
 * Unique names for the regions of several labs on one page. Each region of a widget (the
 * Timeline section, the kubectl output, the story…) is a landmark named by its heading; two labs
 * on a page would give two "Timeline" regions, which screen-reader users cannot tell apart (axe
 * `landmark-unique`). The first lab on the page keeps the plain names; each further one adds
 * "(lab 2)", "(lab 3)"… to every region name, through a hidden element its views reference in
 * `aria-labelledby` (handed down by Svelte context, so a view needs no extra prop).
 */
import { getContext, onDestroy, setContext } from 'svelte';

/** The numbers of the labs mounted in this document now (a number is free again on unmount). */
const taken = new Set<number>();

/** Takes the lowest free lab number on this page; `release` gives it back. */
export function claimLabNumber(): { n: number; release: () => void } {
	// Rendering on the server (prerendering) mounts nothing for good: claim nothing there.
	if (typeof document === 'undefined') return { n: 1, release: () => {} };
	let n = 1;
	while (taken.has(n)) n++;
	taken.add(n);
	return { n, release: () => taken.delete(n) };
}

export interface LabName {
	/** The id of the hidden element holding the suffix (in the widget's own DOM tree). */
	id: string;
	/** '' for the first lab on the page, else e.g. " (lab 2)". */
	suffix: string;
}

const SUFFIX = {
	en: (n: number) => ` (lab ${n})`,
	zh: (n: number) => `（实验 ${n}）`
};

export function labSuffix(n: number, lang: 'en' | 'zh'): string {
	return n === 1 ? '' : SUFFIX[lang](n);
}

const KEY = Symbol('lab-name');

/**
 * Called by a widget (LabWidget, SideBySide) during its initialisation: claims the lab's number,
 * hands its name down to the views, and gives the number back when the widget goes away.
 * `uid` is the widget's `$props.id()`; `lang` is read whenever the suffix is.
 */
export function nameThisLab(uid: string, lang: () => 'en' | 'zh'): LabName {
	const number = claimLabNumber();
	const name: LabName = {
		id: `${uid}-lab`,
		get suffix() {
			return labSuffix(number.n, lang());
		}
	};
	setContext(KEY, name);
	onDestroy(number.release);
	return name;
}

/** The enclosing widget's name, if any (a view used on its own has none). */
export function labName(): LabName | undefined {
	return getContext<LabName | undefined>(KEY);
}

/** `aria-labelledby` for a region named by `ownId`, made unique on the page by the lab's suffix. */
export function labelledBy(ownId: string, name: LabName | undefined): string {
	return name === undefined || name.suffix === '' ? ownId : `${ownId} ${name.id}`;
}

/** An `aria-label` made unique on the page by the lab's suffix. */
export function labelled(label: string, name: LabName | undefined): string {
	return label + (name?.suffix ?? '');
}
