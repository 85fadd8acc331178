/**
 * When to start something heavy below the fold (a lab, an iframe): once it is in view, or — once
 * the reader scrolls — within one screen of it, so that it is usually ready when reached. A page
 * nobody scrolls starts nothing below the fold: building a lab is most of a page's main-thread
 * work (Lighthouse's Total Blocking Time). "In view" means a little more than a sliver: an
 * element whose top edge sits on the last pixels of the screen (the Chinese docs page on a
 * phone) shows nothing yet.
 *
 * LazyLab (the lesson pages) asks for more: in view means its top in the upper three quarters of
 * the screen, and a lab that only peeks into the screen's last quarter (/zh/side-by-side on a
 * phone) starts once the page's load window is over (embed/load-window.ts) — or at once when
 * the reader scrolls, as one below the fold does.
 */

/** In view: its top above the screen's last tenth. */
const IN_VIEW = '0px 0px -10% 0px';
/** Once the reader scrolls: within a screen, above or below. */
const AHEAD = '100% 0px';
/** Anywhere in the screen, however little. */
const ON_SCREEN = '0px';

export interface NearOptions {
	/** The root margin that counts as in view (the IntersectionObserver's, negative to shrink it). */
	inView?: string;
	/** When an element on screen but not in view may start anyway; never by default. */
	peeking?: () => Promise<void>;
}

/** Calls `then` once, when `element` is near; returns how to stop watching before that. */
export function whenNear(
	element: Element,
	then: () => void,
	{ inView = IN_VIEW, peeking }: NearOptions = {}
): () => void {
	if (typeof IntersectionObserver !== 'function') {
		then();
		return () => {};
	}
	let done = false;
	const observers: IntersectionObserver[] = [];
	const stop = () => {
		done = true;
		for (const o of observers) o.disconnect();
		observers.length = 0;
		removeEventListener('scroll', ahead);
	};
	const start = () => {
		if (done) return;
		stop();
		then();
	};
	const watch = (rootMargin: string, near: () => void) => {
		const observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((e) => e.isIntersecting)) return;
				observer.disconnect();
				near();
			},
			{ rootMargin }
		);
		observer.observe(element);
		observers.push(observer);
	};
	const ahead = () => {
		for (const o of observers) o.disconnect();
		observers.length = 0;
		watch(AHEAD, start);
	};
	watch(inView, start);
	if (peeking) watch(ON_SCREEN, () => void peeking().then(start));
	addEventListener('scroll', ahead, { once: true, passive: true });
	return stop;
}
