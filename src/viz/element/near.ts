/**
 * When to start something heavy below the fold (a lab, an iframe): once it is in view, or — once
 * the reader scrolls — within one screen of it, so that it is usually ready when reached. A page
 * nobody scrolls starts nothing below the fold: building a lab is most of a page's main-thread
 * work (Lighthouse's Total Blocking Time). The same rule as LazyLab's on the lesson pages, except
 * that "in view" means a little more than a sliver: an element whose top edge sits on the last
 * pixels of the screen (the Chinese docs page on a phone) shows nothing yet.
 */

/** In view: its top above the screen's last tenth. */
const IN_VIEW = '0px 0px -10% 0px';
/** Once the reader scrolls: within a screen, above or below. */
const AHEAD = '100% 0px';

/** Calls `then` once, when `element` is near; returns how to stop watching before that. */
export function whenNear(element: Element, then: () => void): () => void {
	if (typeof IntersectionObserver !== 'function') {
		then();
		return () => {};
	}
	let observer: IntersectionObserver | undefined;
	const stop = () => {
		observer?.disconnect();
		observer = undefined;
		removeEventListener('scroll', ahead);
	};
	const watch = (rootMargin: string) => {
		observer?.disconnect();
		observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((e) => e.isIntersecting)) return;
				stop();
				then();
			},
			{ rootMargin }
		);
		observer.observe(element);
	};
	const ahead = () => watch(AHEAD);
	watch(IN_VIEW);
	addEventListener('scroll', ahead, { once: true, passive: true });
	return stop;
}
