/**
 * Bridges a lab into Svelte's reactivity: subscribes to the lab and keeps its latest snapshot
 * in `$state.raw` (snapshots are immutable plain data, so they are never deep-proxied).
 */
import type { Lab, LabSnapshot } from '$engine/types';

export class LabState {
	readonly lab: Lab;
	#snapshot: LabSnapshot;
	#unsubscribe: () => void;

	constructor(lab: Lab) {
		this.lab = lab;
		this.#snapshot = $state.raw(lab.snapshot());
		this.#unsubscribe = lab.subscribe((snapshot) => {
			this.#snapshot = snapshot;
		});
	}

	/** The latest snapshot; reading it inside an effect or template tracks it. */
	get current(): LabSnapshot {
		return this.#snapshot;
	}

	/** Stops listening to the lab. */
	destroy() {
		this.#unsubscribe();
	}
}
