/**
 * A controller's work queue (client-go workqueue): a key added several times before it is
 * processed is processed once. Processing happens on the lab's queue, right after the change
 * that caused it, so controllers react in the same simulated millisecond, in a fixed order.
 *
 * Delayed adds (AddAfter) keep only the earliest pending one per key: every sync derives its
 * next deadline from the objects again, so a later look would only repeat what that one does.
 */
import type { Component, Kernel } from '../../core/kernel';

interface Later {
	key: string;
	due: number;
}

interface QueueState {
	pending: string[];
	later: [string, number][];
}

export class WorkQueue implements Component {
	private pending = new Set<string>();
	/** The earliest delayed sync queued for each key. */
	private later = new Map<string, number>();
	/**
	 * The kinds of the lab-queue entries, made once: a name built per add would be a new string
	 * for the kernel to flatten and hash at each run.
	 */
	private readonly syncKind: string;
	private readonly laterKind: string;

	constructor(
		private readonly kernel: Kernel,
		readonly name: string,
		handler: (key: string) => void
	) {
		this.syncKind = `${name}.sync`;
		this.laterKind = `${name}.later`;
		kernel.on(this.syncKind, (k) => {
			this.pending.delete(k as string);
			handler(k as string);
		});
		kernel.on(this.laterKind, (arg) => {
			const { key, due } = arg as Later;
			if (this.later.get(key) === due) this.later.delete(key);
			handler(key);
		});
		kernel.register(this);
	}

	add(key: string, delayMs = 0): void {
		if (delayMs === 0) {
			if (this.pending.has(key)) return;
			this.pending.add(key);
			this.kernel.after(0, this.syncKind, key);
			return;
		}
		const due = this.kernel.now + delayMs;
		const queued = this.later.get(key);
		if (queued !== undefined && queued >= this.kernel.now && queued <= due) return;
		this.later.set(key, due);
		this.kernel.at(due, this.laterKind, { key, due } satisfies Later);
	}

	save(): QueueState {
		return { pending: [...this.pending], later: [...this.later] };
	}

	load(state: unknown): void {
		const s = state as QueueState;
		this.pending = new Set(s.pending);
		this.later = new Map(s.later);
	}
}
