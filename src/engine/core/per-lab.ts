/**
 * State a component keeps outside the store (a daemon's images, the lab registry, a machine's
 * volumes), one per lab, saved in the lab's checkpoints.
 */
import type { Kernel } from './kernel';

export interface Checkpointed {
	save(): unknown;
	load(state: unknown): void;
}

/**
 * A getter for one `T` per lab, made on first use and registered with the kernel then: a
 * checkpoint taken before that has no entry, and loading it empties the state, which is what
 * it held then.
 */
export function perLab<T extends Checkpointed>(name: string, make: () => T): (kernel: Kernel) => T {
	const made = new WeakMap<Kernel, T>();
	return (kernel) => {
		let state = made.get(kernel);
		if (state === undefined) {
			const created = make();
			kernel.register({ name, save: () => created.save(), load: (s) => created.load(s) });
			made.set(kernel, (state = created));
		}
		return state;
	};
}
