/**
 * The kubelet's restart back-off (pkg/kubelet/kubelet.go; facts.md §1.2): the first restart is
 * immediate, then 10 s doubling to a 300 s cap; a container that ran 10 minutes resets it.
 */

/** initialCrashLoopBackOff = 10s (kubelet.go). */
export const INITIAL_BACKOFF_MS = 10_000;
/** MaxContainerBackOff = 300s (kubelet config v1beta1). */
export const MAX_BACKOFF_MS = 300_000;
/** The back-off resets after 10 minutes of running without problems (HasExpiredFunc: 600 s). */
export const BACKOFF_RESET_MS = 600_000;

/** kubelet.go imageBackOffPeriod = 10s, MaxImageBackOff = 300s (facts.md §1.2). */
export const IMAGE_BACKOFF_MS = 10_000;
export const MAX_IMAGE_BACKOFF_MS = 300_000;

/** Delay before pull attempt number `failed + 1`, after `failed` failed attempts. */
export function imagePullDelay(failed: number): number {
	return Math.min(IMAGE_BACKOFF_MS * 2 ** Math.max(0, failed - 1), MAX_IMAGE_BACKOFF_MS);
}

/** Delay before restart number `restart` (1-based) of a container that keeps failing. */
export function restartDelay(restart: number): number {
	if (restart <= 1) return 0;
	return Math.min(INITIAL_BACKOFF_MS * 2 ** (restart - 2), MAX_BACKOFF_MS);
}
