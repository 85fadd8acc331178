/**
 * A controller's work queue (client-go workqueue): a key added several times before it is
 * processed is processed once. Processing happens on the lab's queue, right after the change
 * that caused it, so controllers react in the same simulated millisecond, in a fixed order.
 */
import type { Component, Kernel } from '../../core/kernel';

export class WorkQueue implements Component {
	private pending = new Set<string>();

	constructor(
		private readonly kernel: Kernel,
		readonly name: string,
		handler: (key: string) => void
	) {
		kernel.on(`${name}.sync`, (k) => {
			this.pending.delete(k as string);
			handler(k as string);
		});
		kernel.register(this);
	}

	add(key: string, delayMs = 0): void {
		if (delayMs === 0 && this.pending.has(key)) return;
		if (delayMs === 0) this.pending.add(key);
		this.kernel.after(delayMs, `${this.name}.sync`, key);
	}

	save(): string[] {
		return [...this.pending];
	}

	load(state: unknown): void {
		this.pending = new Set(state as string[]);
	}
}
