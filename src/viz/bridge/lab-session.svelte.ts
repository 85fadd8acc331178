/**
 * One lab as a widget sees it: the lab, its latest snapshot (reactive), and the furthest time
 * the learner has reached, so that a scrubber can seek back and forward again. A reset swaps
 * in a fresh lab built by the same factory.
 *
 * Views never touch the lab: they call `exec` with command lines, and `seek`/`advance` for the
 * clock, all through here.
 */
import type { ExecResult, Lab, LabSnapshot } from '$engine/types';

export class LabSession {
	#create: () => Lab;
	#lab: Lab;
	#snapshot: LabSnapshot;
	#unsubscribe: () => void;
	#changed = false;
	/** The furthest simulated time of the current history (ms). */
	horizon = $state(0);
	/** Bumped on every reset, so that views holding lab-derived state start afresh. */
	generation = $state(0);

	/** `first`: the lab to start with, if already built by `create` (a reset calls it anew). */
	constructor(create: () => Lab, first?: Lab) {
		this.#create = create;
		this.#lab = first ?? create();
		this.#snapshot = $state.raw(this.#lab.snapshot());
		this.horizon = this.#lab.now();
		this.#unsubscribe = this.#listen();
	}

	#listen(): () => void {
		return this.#lab.subscribe((snapshot) => {
			this.#changed = true;
			this.#snapshot = snapshot;
			if (snapshot.t > this.horizon) this.horizon = snapshot.t;
		});
	}

	get lab(): Lab {
		return this.#lab;
	}

	/** The latest snapshot; reading it inside an effect or template tracks it. */
	get current(): LabSnapshot {
		return this.#snapshot;
	}

	/** Runs one command line. A line that changed the lab forks history: the future is gone. */
	exec(line: string): ExecResult {
		this.#changed = false;
		const result = this.#lab.exec(line);
		if (this.#changed) this.horizon = this.#lab.now();
		return result;
	}

	advance(ms: number) {
		this.#lab.advance(ms);
	}

	seek(t: number) {
		this.#lab.seek(Math.max(0, Math.min(t, this.horizon)));
	}

	/** Starts again from a fresh lab (same scenario, same seed). */
	reset() {
		this.#unsubscribe();
		this.#lab = this.#create();
		this.#snapshot = this.#lab.snapshot();
		this.horizon = this.#lab.now();
		this.generation++;
		this.#unsubscribe = this.#listen();
	}

	destroy() {
		this.#unsubscribe();
	}
}
