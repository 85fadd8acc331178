/**
 * Waiting the way kubectl's watches wait: the lab runs event by event, so a command returns at
 * the instant what it waits for happens (an object gone, a rollout done), not on a polling tick.
 */
import type { CommandContext } from '../context';

/**
 * kubectl's own default for `delete`, `rollout status` and `drain` is to wait for ever (a week,
 * delete.go `effectiveTimeout`); the lab stops a line after ten simulated minutes so that a wait
 * that can never end (a pod on a dead node) does not run the lab for a week.
 */
export const LAB_WAIT_LIMIT_MS = 10 * 60_000;

/**
 * Runs the lab until `done()` holds or the clock reaches `deadline`, checking after every queue
 * entry. Returns whether `done()` held.
 */
export function runUntilDone(ctx: CommandContext, done: () => boolean, deadline: number): boolean {
	for (;;) {
		if (done()) return true;
		const now = ctx.kernel.now;
		if (now >= deadline) return false;
		ctx.advance(Math.min(ctx.kernel.queue.peekTime(), deadline) - now);
	}
}
