/**
 * The page's load window: from navigation until the page has been quiet for a while after its
 * `load` event. Work nobody is waiting for yet (a lab that only peeks into the first screen, the
 * /embed route's live lab behind its prerendered first paint) starts after it, so that it does not
 * compete with the page's own start: building and mounting a lab is most of a page's main-thread
 * work. Lighthouse's mobile audit (issue 5) judges a page by the same window: its trace ends once
 * the page has been quiet on the network and the CPU for 1 s, at least 1 s after `load`
 * (Lighthouse 12's defaults pauseAfterLoadMs, networkQuietThresholdMs, cpuQuietThresholdMs:
 * core/config/constants.js), and Total Blocking Time counts the long tasks in it.
 *
 * The reader comes first: any sign of intent (a key, a tap, a click, the pointer moving, the
 * wheel) ends the window at once.
 */

/** How long after `load` the window lasts, at least (ms); then the next idle period ends it. */
export const QUIET_AFTER_LOAD_MS = 3000;
/** An idle period is waited for at most this long (ms). */
const IDLE_TIMEOUT_MS = 1000;
/** What counts as intent: the reader is about to use what is on screen. */
const INTENT = ['keydown', 'pointerdown', 'pointermove', 'touchstart', 'wheel'] as const;

let passed: Promise<void> | undefined;

/** Resolves once the load window is over (one window a page: later calls share it). */
export function loadWindow(): Promise<void> {
	passed ??= new Promise<void>((resolve) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const end = () => {
			clearTimeout(timer);
			for (const type of INTENT) removeEventListener(type, end, true);
			removeEventListener('load', afterLoad);
			resolve();
		};
		const afterLoad = () => {
			timer = setTimeout(() => whenIdle(end), QUIET_AFTER_LOAD_MS);
		};
		for (const type of INTENT) addEventListener(type, end, { capture: true, passive: true });
		if (document.readyState === 'complete') afterLoad();
		else addEventListener('load', afterLoad, { once: true });
	});
	return passed;
}

/** `requestIdleCallback` where the browser has it, a timeout elsewhere. */
function whenIdle(then: () => void) {
	if (typeof requestIdleCallback === 'function') {
		requestIdleCallback(then, { timeout: IDLE_TIMEOUT_MS });
	} else setTimeout(then, 0);
}
