/**
 * One lab as a widget sees it: the lab, its latest snapshot (reactive), and the furthest time
 * the learner has reached, so that a scrubber can seek back and forward again. A reset swaps
 * in a fresh lab built by the same factory.
 *
 * Views never touch the lab: they call `exec` with command lines, and `seek`/`advance` for the
 * clock, all through here.
 */
import type { ExecResult, Lab, LabSnapshot } from '$engine/types';

/**
 * While an advance sliced by deadlines is still behind, the views are shown where the lab has
 * got to at most this often (wall ms), as a player shows a burst of events (MIN_STEP_MS): a
 * frame in between does engine work only, no view update. The last slice is always shown.
 */
const BEHIND_SHOWN_EVERY_MS = 150;

export class LabSession {
	#create: () => Lab;
	#lab: Lab;
	#snapshot: LabSnapshot;
	#unsubscribe: () => void;
	#changed = false;
	/** When (performance.now()) a sliced advance last showed the views its snapshot. */
	#shownAt = -Infinity;
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
		return this.#lab.subscribe((snapshot) => this.#publish(snapshot));
	}

	#publish(snapshot: LabSnapshot) {
		this.#changed = true;
		this.#snapshot = snapshot;
		if (snapshot.t > this.horizon) this.horizon = snapshot.t;
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

	/**
	 * Runs the lab `ms` simulated ms on. Given a `deadline` (a performance.now() time), it goes
	 * from one event time to the next and stops at the first that ends after the deadline
	 * (having run at least one) if another event is due within `ms`, and returns the simulated
	 * ms it ran: the caller owes the lab the rest, which holds an event (so it is due at once).
	 * The lab's clock only ever moves forward, so a run in slices runs the same events at the
	 * same times as one in a piece (determinism). The snapshot is taken once, at the end, and
	 * while behind at most every BEHIND_SHOWN_EVERY_MS.
	 */
	advance(ms: number, deadline?: number): number {
		const lab = this.#lab;
		if (deadline === undefined) {
			lab.advance(ms);
			return ms;
		}
		const start = lab.now();
		const target = start + Math.round(ms);
		let now = start;
		let failed = true;
		// Unsubscribed, the lab builds no snapshot for each slice: only the last one is drawn.
		this.#unsubscribe();
		try {
			while (now < target) {
				// Whole ms: the lab's clock counts them. An event due now runs with the next ms.
				const next = Math.max(Math.ceil(lab.nextEventAt()), now + 1);
				const to = Math.min(next, target);
				lab.advance(to - now);
				now = lab.now();
				if (now < target && performance.now() >= deadline && lab.nextEventAt() <= target) break;
			}
			failed = false;
		} finally {
			this.#unsubscribe = this.#listen();
			const moved = lab.now() !== start;
			const at = performance.now();
			const due = failed || lab.now() >= target || at - this.#shownAt >= BEHIND_SHOWN_EVERY_MS;
			if (moved && due) {
				this.#shownAt = at;
				this.#publish(lab.snapshot());
			}
		}
		return now - start;
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
