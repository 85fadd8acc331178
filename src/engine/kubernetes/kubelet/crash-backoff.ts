/**
 * The kubelet's restart back-off (pkg/kubelet/kubelet.go; facts.md §1.2): the first restart is
 * immediate, then 10 s doubling to a 300 s cap; a container that ran 10 minutes resets it.
 */
import {
	CRASH_BACKOFF_INITIAL_MS,
	CRASH_BACKOFF_MAX_MS,
	IMAGE_BACKOFF_INITIAL_MS,
	IMAGE_BACKOFF_MAX_MS
} from '../defaults';

/** Delay before pull attempt number `failed + 1`, after `failed` failed attempts. */
export function imagePullDelay(failed: number): number {
	return Math.min(IMAGE_BACKOFF_INITIAL_MS * 2 ** Math.max(0, failed - 1), IMAGE_BACKOFF_MAX_MS);
}

/** Delay before restart number `restart` (1-based) of a container that keeps failing. */
export function restartDelay(restart: number): number {
	if (restart <= 1) return 0;
	return Math.min(CRASH_BACKOFF_INITIAL_MS * 2 ** (restart - 2), CRASH_BACKOFF_MAX_MS);
}
