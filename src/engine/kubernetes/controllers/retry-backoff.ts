/**
 * The per-key half of a controller's rate-limited work queue (client-go util/workqueue
 * default_rate_limiters.go ItemExponentialFailureRateLimiter): a sync that fails is requeued
 * (AddRateLimited) after base · 2^n, n being the key's failures so far, at most `max`; a sync
 * that succeeds forgets the key (Forget), so its next failure starts from `base` again.
 *
 * The controllers give the delay to their WorkQueue's delayed add, which keeps the earliest
 * pending time per key as client-go's delaying queue does.
 */
import type { Component, Kernel } from '../../core/kernel';

export class RetryBackoff implements Component {
	readonly name: string;
	/** Failures per key since its last successful sync (empty while nothing fails). */
	private failures = new Map<string, number>();

	constructor(
		kernel: Kernel,
		controller: string,
		private readonly baseMs: number,
		private readonly maxMs: number
	) {
		this.name = `${controller}.retries`;
		kernel.register(this);
	}

	/** When: the delay before the key's next try, counting this failure. */
	when(key: string): number {
		const n = this.failures.get(key) ?? 0;
		this.failures.set(key, n + 1);
		return Math.min(this.maxMs, this.baseMs * 2 ** n);
	}

	/** Forget: the key synced without error. */
	forget(key: string): void {
		// Checked first: every sync of every key ends here, and almost none ever failed.
		if (this.failures.size > 0) this.failures.delete(key);
	}

	/** NumRequeues. */
	failuresOf(key: string): number {
		return this.failures.get(key) ?? 0;
	}

	save(): [string, number][] {
		return [...this.failures];
	}

	load(state: unknown): void {
		this.failures = new Map(state as [string, number][]);
	}
}
