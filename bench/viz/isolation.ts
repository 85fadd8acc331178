/**
 * Headers that make the benchmark's pages cross-origin isolated. Only to sharpen the clock the
 * frame probe reads: Chromium coarsens `performance.now()` and requestAnimationFrame timestamps
 * to 100 µs (with jitter) in a page that is not cross-origin isolated and to 5 µs in one that is
 * (MDN, DOMHighResTimeStamp, "Security requirements"; WPT hr-time/raf-coarsened-time). At 100 µs
 * a steady 60 Hz frame (16.667 ms) reads as 16.6, 16.7 or 16.8 ms, so the frame-time percentiles
 * would measure the coarsening, not the frames. The site loads nothing from another origin, so
 * the headers change nothing else; the published site does not send them.
 */
export const CROSS_ORIGIN_ISOLATION: Record<string, string> = {
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-embedder-policy': 'require-corp'
};

/** A page's `crossOriginIsolated`, read in the page: whether its timestamps have 5 µs resolution. */
export const IS_ISOLATED = 'self.crossOriginIsolated === true';
