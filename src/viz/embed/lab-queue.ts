/**
 * One lab brought to life at a time on a page: two slots reached together (a quick scroll) take
 * turns instead of sharing their tasks, so that the first is ready as soon as it alone would be
 * and no task builds or mounts two labs (Lighthouse's Total Blocking Time; a reader's click).
 */

let last: Promise<unknown> = Promise.resolve();

/** Runs `job` once every job queued before it has settled; its result, or its error. */
export function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
	const run = last.then(job, job);
	last = run.catch(() => undefined);
	return run;
}
