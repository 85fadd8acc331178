/**
 * What the benchmark puts into the page. Plain JavaScript in strings, not functions: tsx
 * compiles this file with esbuild's keepNames, whose `__name(…)` helper does not exist in the
 * page, so a serialised TypeScript function would fail there.
 *
 * FRAME_PROBE (an init script, run before the app) records, while started:
 *  - the gap between consecutive animation frames (its own requestAnimationFrame loop);
 *  - per frame, the time spent in the app's requestAnimationFrame callbacks and the microtasks
 *    they queued. The Player advances the engine in such a callback and Svelte flushes the view
 *    in a microtask right after it (d3 transitions also tick from requestAnimationFrame), so
 *    this is "engine step + view update" without any hook in the app. The wrapper is a plain
 *    pass-through while not recording.
 */
export const FRAME_PROBE = `(() => {
	const raf = window.requestAnimationFrame.bind(window);
	const now = performance.now.bind(performance);
	let recording = false;
	let last;
	let intervals = [];
	const work = new Map();
	window.requestAnimationFrame = function (callback) {
		return raf((ts) => {
			if (!recording) return callback(ts);
			const start = now();
			try {
				callback(ts);
			} finally {
				queueMicrotask(() => work.set(ts, (work.get(ts) ?? 0) + (now() - start)));
			}
		});
	};
	const loop = (ts) => {
		if (!recording) return;
		if (last !== undefined) intervals.push(ts - last);
		last = ts;
		raf(loop);
	};
	Object.defineProperty(window, '__vizBench', {
		value: Object.freeze({
			start() {
				recording = true;
				last = undefined;
				intervals = [];
				work.clear();
				raf(loop);
			},
			stop() {
				recording = false;
				return { intervals, work: [...work.values()] };
			}
		})
	});
})();`;

export interface FrameRecord {
	intervals: number[];
	/** Milliseconds of app requestAnimationFrame work, one entry per frame that had any. */
	work: number[];
}

/**
 * Headless Chromium keeps every tab 'visible': bringing another tab to the front, minimising
 * the window (CDP Browser.setWindowBounds), Emulation.setFocusEmulationEnabled(false) and
 * Page.setWebLifecycleState('frozen') all left document.visibilityState 'visible' (Chromium 156,
 * checked by hand). So the benchmark overrides the property and fires the real event; the
 * Player's own handler then reads document.visibilityState as it would in a background tab.
 */
export const setHidden = (hidden: boolean) => `(() => {
	const hidden = ${JSON.stringify(hidden)};
	Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
	Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
	document.dispatchEvent(new Event('visibilitychange'));
})()`;

/** Puts three screens of empty page below the widget and scrolls there: the widget is off screen. */
export const SCROLL_AWAY = `(() => {
	const spacer = document.createElement('div');
	spacer.className = 'viz-bench-spacer';
	spacer.style.height = (3 * innerHeight) + 'px';
	document.body.append(spacer);
	scrollTo(0, document.documentElement.scrollHeight);
})()`;

export const SCROLL_BACK = `(() => {
	document.querySelector('.viz-bench-spacer')?.remove();
	scrollTo(0, 0);
})()`;
