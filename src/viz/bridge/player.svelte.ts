/**
 * Drives a lab in scaled real time. A requestAnimationFrame loop turns wall-clock time into
 * simulated time (`wall ms × speed`) and hands it to `advance`. The loop runs only while the
 * learner has pressed play, the tab is visible and the widget is on screen, so a page with
 * several widgets never runs hidden simulations. It never starts by itself.
 *
 * With `dueIn`, a frame also spends at most about `budgetMs` of wall time on the lab: `advance`
 * gets a deadline and may run less than it was handed (a big lab's burst of events), and the
 * player hands the rest over on the next frames. Only the wall-clock work is spread: the lab
 * runs the same events at the same simulated times, whatever the slices.
 *
 * @example
 * const player = new Player((ms, deadline) => session.advance(ms, deadline), { speed: 10 });
 * // <div {@attach player.observe}> … <button onclick={() => player.toggle()}>
 */

import { untrack } from 'svelte';

export interface PlayerOptions {
	/** Simulated milliseconds per wall-clock millisecond (default 10). */
	speed?: number;
	/**
	 * The longest wall-clock gap one frame may account for. A frame that arrives later than this
	 * (a stalled main thread, a laptop waking up) advances by this much only. Default 100 ms.
	 */
	maxFrameMs?: number;
	/**
	 * Simulated ms from the lab's clock until it next has something to run (Infinity when
	 * nothing is queued). With it the player advances the lab only when that is due, and sleeps
	 * in between rather than waking every frame: its views must animate whatever moves between
	 * two events themselves. Without it, the lab advances every frame.
	 */
	dueIn?: () => number;
	/**
	 * With `dueIn`: wall ms a frame may spend advancing the lab (default FRAME_BUDGET_MS). The
	 * lab runs at least one event a frame, however long that takes.
	 */
	budgetMs?: number;
}

/**
 * Advances the lab `ms` simulated ms. Given a `deadline` (a performance.now() time), it may stop
 * early once that has passed, and returns how many simulated ms it did run (all by default).
 */
export type Advance = (ms: number, deadline?: number) => number | void;

/** A wait shorter than about a frame is left to the next animation frame. */
const FRAME_MS = 16;
/**
 * With `dueIn`, how long (wall ms) the player lets pass after something is due before it
 * advances the lab: events a few simulated ms apart (a heartbeat, its arrivals, the answers)
 * are drawn in one frame instead of one each. Under two frames: too short to see.
 */
const GATHER_MS = 25;
/**
 * With `dueIn`, the shortest time (wall ms) between two advances: a burst of events (agents
 * reporting in, an election's votes) is drawn at most about seven times a second, each frame
 * costing the page a style, layout and paint. Dots and timers move on their own in between
 * (views animate them). Up to 5× the clock still turns every second; at 10× it turns in steps
 * of one or two seconds, too fast to read one by one anyway. (At 100 ms, a five-manager Raft
 * lab at 10× kept the main thread 5–7 % busy on a loaded machine; issue 5 asks for ≤ 5 %.)
 */
const MIN_STEP_MS = 150;
/** The longest sleep (wall ms); `wake()` ends it sooner when the lab changes. */
const MAX_SLEEP_MS = 60_000;
/**
 * With `dueIn`, the wall ms a frame may spend in the lab (the engine's step; the views update
 * after it). Issue 5 asks for at most 8 ms of app work a frame: what a burst of events needs
 * beyond this (a Deployment scaled by 500 pods in a 10,000-pod lab) waits for the next frames.
 */
export const FRAME_BUDGET_MS = 4;
/**
 * With `dueIn`, the most wall time (ms) the lab may fall behind by while it catches up on a
 * burst: beyond it, the clock slows down instead of piling up work (as a stalled frame does).
 */
const MAX_BEHIND_MS = 1_000;

export class Player {
	/** What the learner asked for: play (true) or pause (false). */
	playing = $state(false);
	#speed = $state(10);
	/** False while the observed element is scrolled out of view. */
	onScreen = $state(true);
	/** False while the browser tab is hidden. */
	pageVisible = $state(true);
	/** Whether simulated time is actually moving right now. */
	readonly running = $derived(this.playing && this.onScreen && this.pageVisible);

	readonly #advance: Advance;
	readonly #maxFrameMs: number;
	readonly #dueIn: (() => number) | undefined;
	readonly #budgetMs: number | undefined;
	/** Simulated ms owed that the last budgeted step had no time for: the next frame goes on. */
	#behind = false;
	#frame = 0;
	#last: number | undefined;
	#carry = 0;
	/** Simulated ms that have passed but not been handed to `advance` yet (with `dueIn`). */
	#owed = 0;
	/** Wall ms the next tick may account for: a frame, or a whole sleep. */
	#allowance: number;
	#sleep: ReturnType<typeof setTimeout> | undefined;
	/** When (performance.now() time) the current sleep ends. */
	#sleepUntil = 0;
	/** When the lab was last advanced (performance.now() time). */
	#stepped: number | undefined;

	constructor(advance: Advance, options: PlayerOptions = {}) {
		this.#advance = advance;
		this.#speed = options.speed ?? 10;
		this.#maxFrameMs = options.maxFrameMs ?? 100;
		this.#allowance = this.#maxFrameMs;
		this.#dueIn = options.dueIn;
		this.#budgetMs =
			options.dueIn === undefined ? undefined : (options.budgetMs ?? FRAME_BUDGET_MS);
	}

	/** Simulated milliseconds per wall-clock millisecond. */
	get speed(): number {
		return this.#speed;
	}

	set speed(value: number) {
		// Time slept so far passed at the old speed; what is due comes sooner or later now.
		if (this.#sleep !== undefined) this.#accrue(performance.now());
		this.#speed = value;
		this.wake();
	}

	play() {
		this.playing = true;
		this.#sync();
	}

	pause() {
		this.playing = false;
		this.#sync();
		// With `dueIn`, time since the last event is still owed: the lab stops where it was asked to.
		this.#flush();
	}

	/**
	 * The lab changed (a command, a seek, a new speed): something may be due sooner than the
	 * player planned to sleep for.
	 */
	wake() {
		if (this.#sleep === undefined) return;
		// The wait counts from the last tick, like the sleep it may cut short.
		const from = this.#last ?? performance.now();
		const due = from + this.#sleepFor(from);
		if (due >= this.#sleepUntil - 1) return;
		clearTimeout(this.#sleep);
		this.#sleep = undefined;
		this.#frame = requestAnimationFrame(this.#tick);
	}

	toggle() {
		if (this.playing) this.pause();
		else this.play();
	}

	/**
	 * An attachment for the widget's root element: pauses the loop while the element is off
	 * screen or the tab is hidden, and stops it for good when the element goes away.
	 */
	observe = (element: Element) => {
		const onVisibility = () => {
			this.pageVisible = document.visibilityState !== 'hidden';
			this.#sync();
		};
		// Attachments re-run when state they read changes: read nothing reactive here.
		untrack(onVisibility);
		document.addEventListener('visibilitychange', onVisibility);

		let observer: IntersectionObserver | undefined;
		if (typeof IntersectionObserver === 'function') {
			observer = new IntersectionObserver((entries) => {
				const entry = entries[entries.length - 1];
				if (!entry) return;
				this.onScreen = entry.isIntersecting;
				this.#sync();
			});
			observer.observe(element);
		}

		return () => {
			document.removeEventListener('visibilitychange', onVisibility);
			observer?.disconnect();
			// Stops for good: the lab is going away, nothing more to hand it.
			this.playing = false;
			this.#sync();
		};
	};

	#sync() {
		const active = this.#frame !== 0 || this.#sleep !== undefined;
		if (this.running && !active) {
			this.#last = undefined;
			this.#allowance = this.#maxFrameMs;
			this.#frame = requestAnimationFrame(this.#tick);
		} else if (!this.running && active) {
			// Asleep between two events, the time slept so far counts (every frame counts anyway).
			if (this.#sleep !== undefined) this.#accrue(performance.now());
			cancelAnimationFrame(this.#frame);
			clearTimeout(this.#sleep);
			this.#frame = 0;
			this.#sleep = undefined;
			this.#last = undefined;
		}
	}

	/** Adds the wall time since the last tick, in simulated ms, to what is owed to the lab. */
	#accrue(timestamp: number) {
		if (this.#last !== undefined) {
			const wall = Math.min(Math.max(timestamp - this.#last, 0), this.#allowance);
			// The engine counts whole milliseconds; keep the fraction for the next frame.
			const simulated = wall * this.speed + this.#carry;
			const whole = Math.floor(simulated);
			this.#carry = simulated - whole;
			const owed = this.#owed + whole;
			// A lab that cannot keep up slows down rather than owing ever more.
			const most = Math.max(this.#owed, MAX_BEHIND_MS * this.speed);
			this.#owed = this.#behind ? Math.min(owed, most) : owed;
		}
		this.#last = timestamp;
	}

	/** Hands the lab what is owed: all of it, or what fits before `deadline` (then the rest later). */
	#flush(deadline?: number) {
		const ms = this.#owed;
		this.#owed = 0;
		this.#behind = false;
		if (ms > 0) {
			this.#stepped = this.#last;
			const ran = deadline === undefined ? this.#advance(ms) : this.#advance(ms, deadline);
			if (typeof ran === 'number' && ran < ms) {
				this.#owed += ms - Math.max(0, ran);
				this.#behind = true;
				// Paused meanwhile: the lab still stops where the learner did.
				if (!this.playing) this.#flush();
			}
		}
	}

	/** Wall ms until the lab next needs advancing (0: every frame). */
	#wait(): number {
		if (this.#dueIn === undefined) return 0;
		const wait = (this.#dueIn() - this.#owed - this.#carry) / this.speed + GATHER_MS;
		return Number.isNaN(wait) ? 0 : Math.min(Math.max(wait, 0), MAX_SLEEP_MS);
	}

	/** Wall ms to sleep after a tick at `timestamp` (0: the next frame). */
	#sleepFor(timestamp: number): number {
		if (this.#behind) return 0;
		const wait = this.#wait();
		if (this.#dueIn === undefined || this.#stepped === undefined) return wait;
		return Math.max(wait, this.#stepped + MIN_STEP_MS - timestamp);
	}

	#tick = (timestamp: number) => {
		this.#frame = 0;
		if (!this.running) return;
		this.#accrue(timestamp);
		this.#behind = false;
		if (this.#owed > 0 && (this.#dueIn === undefined || this.#owed >= this.#dueIn())) {
			try {
				this.#flush(this.#budgetMs === undefined ? undefined : performance.now() + this.#budgetMs);
			} catch (error) {
				this.pause();
				throw error;
			}
		}
		const wait = this.#sleepFor(timestamp);
		this.#allowance = this.#maxFrameMs;
		if (wait < FRAME_MS) {
			this.#frame = requestAnimationFrame(this.#tick);
			return;
		}
		// Nothing to show until then: no frame, no work. The step itself waits for a frame.
		this.#allowance = wait + this.#maxFrameMs;
		this.#sleepUntil = timestamp + wait;
		this.#sleep = setTimeout(() => {
			this.#sleep = undefined;
			this.#frame = requestAnimationFrame(this.#tick);
		}, wait - FRAME_MS);
	};
}
